import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { RgbImage, Script } from '../../src/engines/engine.js';
import { createPaddleEngine, type PaddleEngine } from '../../src/engines/paddle.js';
import { createTesseractReader } from '../../src/engines/tesseract.js';
import type { ScriptLineReader } from '../../src/engines/engine.js';
import { hkgId, readHkidNumber } from '../../src/documents/hkg-id.js';
import { idnKtp, projectSpaces } from '../../src/documents/idn-ktp.js';
import { korDrivingLicence, korIdCard, readRrn } from '../../src/documents/kor-cards.js';
import { agreesWithSurname } from '../../src/documents/kor-passport.js';
import type { DocumentModule, PageLine, PageText } from '../../src/documents/module.js';
import { romanizeHangul, splitKoreanName } from '../../src/documents/standardize.js';
import { buildPageText } from '../../src/pipeline/page-text.js';
import { renderCard, type CardText } from './render-card.js';
import { formatHkid, hkidCheckChar, isValidHkid, parseHkid } from '../../src/documents/validators/hkid.js';
import { checkRrn } from '../../src/documents/validators/kr-rrn.js';
import { checkNik, nikBirthDate } from '../../src/documents/validators/nik.js';

const PUBLIC = '../shared/data/public';
const json = (path: string) => JSON.parse(readFileSync(`${PUBLIC}/${path}`, 'utf8'));

interface Vectors {
  scheme: string;
  source_file: string;
  valid: Array<string | { value: string }>;
  invalid: Array<{ value: string; error: string }>;
  birth_dates?: Array<{ value: string; birth_date?: string; error?: string }>;
}
const value = (v: string | { value: string }) => (typeof v === 'string' ? v : v.value);
const stdnumJs = json('stdnum-js/ground_truth.json').vectors as Vectors[];
const pythonStdnum = json('python-stdnum/ground_truth.json').vectors as Vectors[];
const validatorJs = json('validator.js/ground_truth.json').isIdentityCard as Record<string, { valid: string[]; invalid: string[] }>;
const scheme = (list: Vectors[], name: string) => list.find((v) => v.scheme.includes(name))!;

describe('HKID check character', () => {
  it('accepts every valid number of stdnum-js and validator.js and rejects the invalid ones', () => {
    const hk = scheme(stdnumJs, 'HKID');
    for (const v of hk.valid) assert.ok(isValidHkid(value(v)), value(v));
    for (const v of hk.invalid) assert.ok(!isValidHkid(v.value), v.value);
    for (const v of validatorJs['zh-HK']!.valid) assert.ok(isValidHkid(v), v);
    for (const v of validatorJs['zh-HK']!.invalid) assert.ok(!isValidHkid(v), v);
  });
  it('computes the check character, A for 10, and formats as printed', () => {
    assert.equal(hkidCheckChar('G', '123456'), 'A');
    assert.equal(hkidCheckChar('AB', '987654'), '3');
    assert.equal(formatHkid(parseHkid('ag293013[9]')!), 'AG293013(9)');
    // the public specimen prints an impossible check character
    assert.ok(!isValidHkid('C668668(E)'));
  });
});

describe('Korean resident registration number', () => {
  it('accepts the valid numbers of python-stdnum and stdnum-js, with birth date and sex', () => {
    const vectors = [scheme(pythonStdnum, 'Korean'), scheme(stdnumJs, 'Korean')];
    for (const list of vectors) for (const v of list.valid) assert.ok(checkRrn(value(v)).valid, value(v));
    assert.deepEqual(checkRrn('9710139019902'), { valid: true, birthDate: '1897-10-13', sex: 'M', formatted: '971013-9019902' });
    assert.equal(checkRrn('991231-4019906').birthDate, '2099-12-31');
    assert.equal(checkRrn('880411-2238459').sex, 'F');
  });
  it('rejects the invalid numbers for the asserted reason', () => {
    const reason: Record<string, string> = { InvalidLength: 'format', InvalidFormat: 'format', InvalidChecksum: 'checksum', InvalidComponent: 'date' };
    for (const list of [scheme(pythonStdnum, 'Korean'), scheme(stdnumJs, 'Korean')]) {
      for (const v of list.invalid) assert.equal(checkRrn(v.value).problem, reason[v.error], v.value);
    }
  });
  it('does not demand a check digit from numbers of people born since October 2020', () => {
    assert.ok(checkRrn('210315-3123456').valid);
    assert.equal(checkRrn('200915-3123456').problem, 'checksum');
  });
});

describe('Indonesian NIK', () => {
  const nik = scheme(pythonStdnum, 'NIK');
  it('accepts valid numbers and rejects the invalid ones of python-stdnum', () => {
    for (const v of nik.valid) assert.ok(checkNik(value(v)).valid, value(v));
    assert.equal(checkNik(nik.invalid.find((v) => v.error === 'InvalidLength')!.value).problem, 'format');
    assert.equal(checkNik(nik.invalid.find((v) => v.error === 'InvalidComponent')!.value).problem, 'province');
  });
  it('decodes birth dates (day + 40 for women) as python-stdnum asserts', () => {
    for (const v of nik.birth_dates!) {
      if (v.birth_date) assert.equal(nikBirthDate(v.value, new Date('2026-01-01')), v.birth_date, v.value);
      else assert.equal(checkNik(v.value).problem, 'date', v.value);
    }
    assert.equal(checkNik('3171015708450001').sex, 'F');
    assert.equal(checkNik('3171011708450001').sex, 'M');
  });
});

// ---------------------------------------------------------------------------------------------
// Modules on hand-made page texts: what the general recogniser reads (Latin, digits, simplified
// Chinese, nothing for Hangul) plus what each script's re-read answers.

type Row = [text: string, x: number, y: number, w: number, h?: number];
interface Fixture {
  readonly rows: readonly Row[];
  /** Text a re-read answers per script, keyed by the row's y (and x when several share one). */
  readonly rereads?: Readonly<Record<string, Partial<Record<Script, string>>>>;
}

function fixturePage(fx: Fixture): PageText & { rereadCount: () => number } {
  const all: PageLine[] = fx.rows.map(([text, x, y, w, h = 24]) => ({ text, confidence: text ? 0.95 : 0, x, y, w, h }));
  let count = 0;
  return {
    width: 860,
    height: 540,
    lines: all.filter((l) => l.text),
    unread: all.filter((l) => !l.text),
    mrz: null,
    rereadCount: () => count,
    async reread(region, script) {
      count++;
      const answers = fx.rereads?.[`${Math.round(region.y)},${Math.round(region.x)}`] ?? fx.rereads?.[`${Math.round(region.y)}`];
      const line = all.find((l) => Math.abs(l.y - region.y) < 1 && Math.abs(l.x - region.x) < 1);
      return { text: answers?.[script] ?? (script === 'latin' ? (line?.text ?? '') : ''), confidence: 0.9 };
    },
  };
}

const HK_2018: Fixture = {
  rows: [
    ['香港永久性居民身份证', 110, 0, 175],
    ['HONGKONGPERMANENTIDENTITYCARD', 32, 17, 326],
    ['陈大文', 2, 36, 71],
    ['CHAN,TaiMan', 0, 58, 122],
    ['7115 1129 2429', 111, 82, 139],
    ['出生日期DateofBirth', 109, 119, 114],
    ['O1-O7-1985', 111, 136, 101],
    ['男M', 244, 134, 35],
    ['***AZ', 110, 155, 51],
    ['签發日期Dateoflssue', 110, 175, 117],
    ['(03-96)', 111, 193, 68],
    ['12-03-20', 112, 220, 99],
    ['K2740I9(2)', 261, 220, 120],
  ],
  rereads: { '36': { hant: '陳大文' } },
};

describe('HKG01001 / HKG01002 Hong Kong identity card', () => {
  it('reads every field of a 2018 card, repairing look-alikes and restoring Traditional forms and spaces', async () => {
    const page = fixturePage(HK_2018);
    const id = hkgId.identify(page)!;
    assert.equal(id.code, 'HKG01002');
    assert.ok(id.score >= 0.8, String(id.score));
    const { fields, consistent, problems } = await hkgId.extract(page, '01', id.code);
    assert.deepEqual(fields, {
      name: '陳大文',
      englishName: 'CHAN, Tai Man',
      nameCode: '7115 1129 2429',
      sex: 'M',
      birthDate: '1985-07-01',
      idNumber: 'K274019(2)',
      currentIssueDate: '2020-03-12',
      firstIssueDate: '1996-03',
      isPermanent: 'Y',
      symbols: '***AZ',
    });
    assert.ok(consistent, problems.join());
    assert.deepEqual(hkgId.standardize(fields), { surname_s: 'CHAN', given_name_s: 'TAI MAN', sex_s: 'M', date_of_birth_s: '1985-07-01', date_of_expiry_s: '' });
    assert.equal(hkgId.general(fields).card_number_s, 'K274019(2)');
  });

  it('tells the 2003 edition by its issue date, converts the general reading when the re-read is unusable, reads non-permanent symbols', async () => {
    const rows = HK_2018.rows.map((r): Row =>
      r[0] === '12-03-20' ? ['15-09-03', r[1], r[2], r[3]] : r[0] === '***AZ' ? ['C', r[1], r[2], 20] : r[0].startsWith('HONG') ? ['HONGKONGIDENTITYCARD', r[1], r[2], r[3]] : r[0].startsWith('香港') ? ['香港居民身份证', r[1], r[2], r[3]] : r,
    );
    const page = fixturePage({ rows, rereads: { '36': { hant: '陳大' } } });
    assert.equal(hkgId.identify(page)!.code, 'HKG01001');
    const { fields } = await hkgId.extract(page, '01', 'HKG01001');
    assert.equal(fields.name, '陳大文');
    assert.equal(fields.symbols, 'C');
    assert.equal(fields.isPermanent, 'N');
    assert.equal(fields.currentIssueDate, '2003-09-15');
  });

  it('accepts a card number only when its check character holds or nothing needed repair', () => {
    assert.equal(readHkidNumber('K2740I9(2)')?.number.digits, '274019');
    assert.equal(readHkidNumber('K2740I9(3)'), null);
    assert.equal(readHkidNumber('XA160534[5]')?.number.prefix, 'XA');
    assert.equal(readHkidNumber('Y508192')?.checkRead, false);
    assert.equal(readHkidNumber('7115 1129 2429'), null);
  });
});

const KOR_ID: Fixture = {
  rows: [
    ['', 0, 0, 200, 44],
    ['(洪吉童)', 1, 88, 226, 36],
    ['800101-1234560', 0, 152, 253, 27],
    ['209', 1, 226, 347, 25],
    ['叫01011203', 0, 265, 302, 27],
    ['2015.3.5.', 268, 356, 120, 26],
    ['', 202, 402, 279, 29],
  ],
  rereads: {
    '88': { hant: '喜名號(洪吉童)', hangul: '홍길동(-' },
    '226': { hangul: '서울특별시 종로구 세종대로 209' },
    '265': { hangul: '래미안아파트 101동 1203호' },
    '402': { hangul: '서울특별시 종로구청장' },
  },
};

describe('KOR01001 resident registration card and KOR02001 driving licence', () => {
  it('reads the card: Hangul rows re-read around the RRN, Hanja kept with its parentheses', async () => {
    const page = fixturePage(KOR_ID);
    assert.equal(korIdCard.identify(page)!.code, 'KOR01001');
    assert.ok(korIdCard.identify(page)!.score > (korDrivingLicence.identify(page)?.score ?? 0));
    const { fields, consistent } = await korIdCard.extract(page, '01', 'KOR01001');
    assert.deepEqual(fields, {
      name: '홍길동',
      hanjaName: '(洪吉童)',
      idNumber: '800101-1234560',
      address: '서울특별시 종로구 세종대로 209 래미안아파트 101동 1203호',
      issueDate: '2015-03-05',
      originOfIssue: '서울특별시 종로구청장',
    });
    assert.ok(consistent);
    assert.deepEqual(korIdCard.standardize(fields), { surname_s: 'HONG', given_name_s: 'GILDONG', sex_s: 'M', date_of_birth_s: '1980-01-01', date_of_expiry_s: '' });
  });

  it('repairs one look-alike digit of the RRN only when exactly one repair holds', () => {
    assert.deepEqual(readRrn('808101-1234560'), { rrn: '800101-1234560', valid: true });
    assert.deepEqual(readRrn('8OO1O1 1234560'), { rrn: '800101-1234560', valid: true });
    assert.equal(readRrn('800101-1234561')?.valid, false);
    assert.equal(readRrn('110101199003070011'), null);
  });

  it('reads the licence: number, type, period end, issue date, police agency', async () => {
    const page = fixturePage({
      rows: [
        ['', 0, 0, 260, 34],
        ["Driver's License", 379, 5, 206, 31],
        ['1否号', 256, 64, 96, 30],
        ['11-15-123456-78', 259, 115, 230, 27],
        ['', 257, 160, 86, 37],
        ['900512-1234568', 258, 212, 211, 24],
        ['1', 260, 260, 342, 22],
        ['2034.01.01~2035.12.31', 259, 310, 252, 22],
        ['2025.03.05', 479, 369, 120, 24],
        ['', 421, 416, 252, 27],
      ],
      rereads: {
        '64': { hangul: '1종보통' },
        '160': { hangul: '김민수' },
        '260': { hangul: '경기도 수원시 영통구 광교중앙로 140' },
        '416': { hangul: '경기남부지방경찰청장' },
      },
    });
    assert.ok((korIdCard.identify(page)?.score ?? 0) < 0.5);
    assert.ok(korDrivingLicence.identify(page)!.score >= 0.9);
    const { fields } = await korDrivingLicence.extract(page, '01', 'KOR02001');
    assert.deepEqual(fields, {
      name: '김민수',
      idNumber: '900512-1234568',
      licenseNumber: '11-15-123456-78',
      licenseType: '1종보통',
      address: '경기도 수원시 영통구 광교중앙로 140',
      issueDate: '2025-03-05',
      expiryDate: '2035-12-31',
      originOfIssue: '경기남부지방경찰청장',
    });
    assert.deepEqual(korDrivingLicence.standardize(fields), {
      surname_s: 'GIM', given_name_s: 'MINSU', sex_s: 'M', date_of_birth_s: '1990-05-12', date_of_expiry_s: '2035-12-31',
    });
  });

  it('romanizes Hangul names (Revised Romanization) with two-syllable surnames', () => {
    assert.deepEqual(splitKoreanName('남궁민수'), ['남궁', '민수']);
    assert.deepEqual(splitKoreanName('남민수'), ['남', '민수']);
    assert.equal(romanizeHangul('문'), 'MUN');
    assert.equal(romanizeHangul('현의'), 'HYEONUI');
  });

  it('matches a Korean passport name to the MRZ surname by its initial sound', () => {
    assert.ok(agreesWithSurname('김민수', 'KIM'));
    assert.ok(agreesWithSurname('이영희', 'LEE'));
    assert.ok(agreesWithSurname('박정민', 'PARK'));
    assert.ok(!agreesWithSurname('박정민', 'KIM'));
  });
});

const KTP: Fixture = {
  rows: [
    ['PROVINSIJAWABARAT', 236, 0, 350, 22],
    ['KOTA BANDUNG', 294, 33, 249, 24],
    ['NIK', 1, 79, 64, 30],
    ['：3273015708850003', 173, 83, 353, 22],
    ['Nama', 2, 129, 58, 20],
    [':SITIRAHAYU', 170, 129, 133, 19],
    ['Tempat/Tgl Lahir :BANDUNG,17-08-1985', 1, 156, 406, 25],
    ['JenisKelamin', 1, 188, 130, 19],
    [':PEREMPUAN', 170, 188, 133, 19],
    ['Gol.Darah:O', 412, 186, 136, 21],
    ['Alamat', 0, 215, 73, 23],
    [': JL. MERDEKA NO. 12', 171, 215, 207, 23],
    ['RT/RW', 0, 243, 66, 22],
    ['：003/007', 170, 245, 95, 21],
    ['Kel/Desa', 1, 274, 85, 21],
    ['：DAGO', 170, 274, 72, 21],
    ['Kecamatan', 1, 302, 109, 21],
    ['：COBLONG', 169, 302, 113, 21],
    ['Agama', 1, 332, 70, 23],
    [': ISLAM', 170, 331, 75, 21],
    ['StatusPerkawinanBELUMKAWlN', 3, 361, 245, 19],
    ['Pekerjaan', 2, 389, 94, 23],
    [':KARYAWANSWASTA', 171, 391, 203, 19],
    ['Kewarganegaraan:WNI', 2, 419, 224, 22],
    ['BerlakuHingga:SEUMURHIDUP', 3, 448, 330, 22],
  ],
  rereads: {
    '0': { latin: 'PROVINSI JAWA BARAT' },
    '129,170': { latin: ': SITI RAHAYU' },
    '391': { latin: ': KARYAWAN SWASTA' },
  },
};

describe('IDN01001 Indonesian identity card (KTP)', () => {
  it('reads every label row, restoring word spaces from the Latin re-read', async () => {
    const page = fixturePage(KTP);
    assert.equal(idnKtp.identify(page)!.score, 1);
    const { fields, consistent } = await idnKtp.extract(page, '01', 'IDN01001');
    assert.deepEqual(fields, {
      province: 'JAWA BARAT',
      city: 'KOTA BANDUNG',
      nik: '3273015708850003',
      name: 'SITI RAHAYU',
      placeOfBirth: 'BANDUNG',
      birthDate: '1985-08-17',
      sex: 'PEREMPUAN',
      bloodType: 'O',
      address: 'JL. MERDEKA NO. 12',
      rtRw: '003/007',
      village: 'DAGO',
      district: 'COBLONG',
      religion: 'ISLAM',
      maritalStatus: 'BELUM KAWIN',
      occupation: 'KARYAWAN SWASTA',
      nationality: 'WNI',
      expiryDate: 'SEUMUR HIDUP',
    });
    assert.ok(consistent);
    assert.equal(idnKtp.general(fields).sex_s, 'F');
  });

  it('repairs one misread digit of the NIK date from the printed birth date and sex', async () => {
    const rows = KTP.rows.map((r): Row => (r[0].includes('3273015708850003') ? [':3273015708B60003', r[1], r[2], r[3]] : r));
    const { fields, consistent } = await idnKtp.extract(fixturePage({ rows, rereads: KTP.rereads }), '01', 'IDN01001');
    assert.equal(fields.nik, '3273015708850003');
    assert.ok(consistent);
  });

  it('moves spaces only between readings that agree on every letter and digit', () => {
    assert.equal(projectSpaces(':SITIRAHAYU', ': SITI RAHAYU'), ':SITI RAHAYU');
    assert.equal(projectSpaces('BANDUNG,17-08-1985', 'BANDUNG, 17-08-1985'), 'BANDUNG, 17-08-1985');
    assert.equal(projectSpaces('SITIRAHAYU', 'SITI RAHAVU'), 'SITIRAHAYU');
  });
});

// ---------------------------------------------------------------------------------------------
// Modules on real OCR: cards rendered with the system's fonts, and the public HKID specimen.

const kr = (text: string, x: number, y: number, size: number): CardText => ({ text, x, y, size, font: 'Noto Sans CJK KR' });
const lat = (text: string, x: number, y: number, size: number): CardText => ({ text, x, y, size, font: 'DejaVu Sans' });

describe('modules on OCR of rendered cards and the public specimen', () => {
  let engine: PaddleEngine;
  let reader: ScriptLineReader;
  const read = async (image: RgbImage, module: DocumentModule) => {
    const page = await buildPageText(engine, image, { reader });
    return { id: module.identify(page), ...(await module.extract(page, '01', module.codes[0]!)) };
  };
  before(async () => {
    engine = await createPaddleEngine({ threads: 1 });
    reader = await createTesseractReader();
  });
  after(async () => reader.close());

  it('HKID specimen (2003 card, SAMPLE overlay removed): every field the card prints', async () => {
    const truth = json('OCR-for-HKID/ground_truth.json').items.find((i: { file: string }) => i.file === 'hkid_sample-no-sample.jpg').fields;
    const { data, info } = await sharp(`${PUBLIC}/OCR-for-HKID/hkid_sample-no-sample.jpg`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const r = await read({ data, width: info.width, height: info.height }, hkgId);
    assert.equal(r.id?.code, 'HKG01001');
    assert.equal(r.fields.name, truth.name_zh);
    assert.equal(r.fields.englishName, truth.name_en);
    assert.equal(r.fields.nameCode, truth.chinese_commercial_code);
    assert.equal(r.fields.sex, 'F');
    assert.equal(r.fields.birthDate, '1968-01-01');
    assert.equal(r.fields.firstIssueDate, '1979-01');
    assert.equal(r.fields.currentIssueDate, '2003-09-15');
    assert.equal(r.fields.symbols, '***AZ');
    assert.equal(r.fields.isPermanent, 'Y');
    // the specimen's number has an impossible check character: reported as printed, flagged
    assert.equal(r.fields.idNumber, 'C668668(E)');
    assert.equal(r.consistent, false);
  });

  it('KOR01001 rendered card: Hangul and Hanja through the script re-reads', async () => {
    const image = await renderCard([
      kr('주민등록증', 60, 80, 44),
      kr('홍길동(洪吉童)', 60, 160, 36),
      kr('800101-1234560', 60, 220, 34),
      kr('서울특별시 종로구 세종대로 209', 60, 290, 26),
      kr('래미안아파트 101동 1203호', 60, 330, 26),
      kr('2015. 3. 5.', 330, 420, 26),
      kr('서울특별시 종로구청장', 260, 470, 30),
    ]);
    const r = await read(image, korIdCard);
    assert.equal(r.id?.code, 'KOR01001');
    assert.deepEqual(r.fields, {
      name: '홍길동',
      hanjaName: '(洪吉童)',
      idNumber: '800101-1234560',
      address: '서울특별시 종로구 세종대로 209 래미안아파트 101동 1203호',
      issueDate: '2015-03-05',
      originOfIssue: '서울특별시 종로구청장',
    });
    assert.ok(r.consistent, r.problems.join());
  });

  it('KOR02001 rendered licence', async () => {
    const image = await renderCard([
      kr('자동차운전면허증', 40, 60, 36),
      lat("Driver's License", 420, 60, 26),
      kr('2종보통', 300, 120, 28),
      kr('13-09-654321-12', 300, 170, 30),
      kr('남궁민수', 300, 220, 30),
      kr('881219-2460539', 300, 265, 28),
      kr('경기도 성남시 분당구 판교역로 235', 300, 310, 22),
      kr('2030.01.01~2031.12.31', 300, 360, 24),
      kr('2021.06.17', 520, 420, 24),
      kr('경기남부지방경찰청장', 460, 470, 28),
    ]);
    const r = await read(image, korDrivingLicence);
    assert.equal(r.id?.code, 'KOR02001');
    assert.deepEqual(r.fields, {
      name: '남궁민수',
      idNumber: '881219-2460539',
      licenseNumber: '13-09-654321-12',
      licenseType: '2종보통',
      address: '경기도 성남시 분당구 판교역로 235',
      issueDate: '2021-06-17',
      expiryDate: '2031-12-31',
      originOfIssue: '경기남부지방경찰청장',
    });
    assert.ok(r.consistent, r.problems.join());
    assert.deepEqual(korDrivingLicence.standardize(r.fields), {
      surname_s: 'NAMGUNG', given_name_s: 'MINSU', sex_s: 'F', date_of_birth_s: '1988-12-19', date_of_expiry_s: '2031-12-31',
    });
  });

  it('IDN01001 rendered KTP', async () => {
    const rows = [
      ['Nama', 'BUDI SANTOSO'], ['Tempat/Tgl Lahir', 'SURABAYA, 02-11-1979'], ['Jenis Kelamin', 'LAKI-LAKI'], ['Alamat', 'JL. DIPONEGORO NO. 88'],
      ['RT/RW', '011/004'], ['Kel/Desa', 'AIRLANGGA'], ['Kecamatan', 'GUBENG'], ['Agama', 'KRISTEN'], ['Status Perkawinan', 'CERAI HIDUP'],
      ['Pekerjaan', 'WIRASWASTA'], ['Kewarganegaraan', 'WNI'], ['Berlaku Hingga', 'SEUMUR HIDUP'],
    ];
    const image = await renderCard([
      lat('PROVINSI JAWA TIMUR', 250, 45, 28),
      lat('KOTA SURABAYA', 310, 80, 28),
      lat('NIK', 30, 130, 30),
      lat(': 3578010211790042', 200, 130, 30),
      ...rows.flatMap(([label, value], i) => [lat(label!, 30, 170 + i * 29, 19), lat(`: ${value}`, 200, 170 + i * 29, 19)]),
      lat('Gol. Darah : AB', 440, 228, 19),
    ]);
    const r = await read(image, idnKtp);
    assert.equal(r.id?.code, 'IDN01001');
    assert.deepEqual(r.fields, {
      province: 'JAWA TIMUR', city: 'KOTA SURABAYA', nik: '3578010211790042', name: 'BUDI SANTOSO', placeOfBirth: 'SURABAYA',
      birthDate: '1979-11-02', sex: 'LAKI-LAKI', bloodType: 'AB', address: 'JL. DIPONEGORO NO. 88', rtRw: '011/004', village: 'AIRLANGGA',
      district: 'GUBENG', religion: 'KRISTEN', maritalStatus: 'CERAI HIDUP', occupation: 'WIRASWASTA', nationality: 'WNI', expiryDate: 'SEUMUR HIDUP',
    });
    assert.ok(r.consistent);
  });
});
