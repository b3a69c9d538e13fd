/**
 * Document generator: determinism, ground-truth consistency (check characters verified by
 * implementations independent of the generator's), photo geometry, and that the rendered text is
 * readable by the project's own OCR (PaddleOCR line read, passport MRZ through the pipeline).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { parseMrz } from '../../src/documents/mrz/index.js';
import type { RgbImage } from '../../src/engines/engine.js';
import { createPaddleEngine, type PaddleEngine } from '../../src/engines/paddle.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { DOCGEN_TYPES, FIELD_KEYS, FRAME, REFERENCE_DATE, generateDocument, generateTruth, photographCard } from '../../testkit/docgen/index.js';
import { makeRecord } from '../../testkit/docgen/truth.js';
import { reportSkipped, skipUnless } from '../helpers/optional.js';

const FONTS = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/ocr-b/OCRB.otf'];
const fontSkip = skipUnless(FONTS.every((f) => existsSync(f)), 'fonts-noto-cjk and fonts-ocr-b');
const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);
const REF = `${REFERENCE_DATE.y}-${String(REFERENCE_DATE.m).padStart(2, '0')}-${String(REFERENCE_DATE.d).padStart(2, '0')}`;

const isDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
};

// Check characters, written from the standards rather than shared with the generator.
function prcValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  // ISO 7064 MOD 11-2: Σ a_i · 2^(i-1) mod 11 over all 18 positions (X = 10) must be 1
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = id[i] === 'X' ? 10 : Number(id[i]);
    sum += v * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}
function hkidValid(id: string): boolean {
  const m = /^([A-Z]{1,2})(\d{6})\(([\dA])\)$/.exec(id);
  if (!m) return false;
  const s = m[1]!.padStart(2, ' ') + m[2]! + m[3]!;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const c = s[i]!;
    const v = c === ' ' ? 36 : c === 'A' && i === 8 ? 10 : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : Number(c);
    sum += v * (9 - i || 1);
  }
  return sum % 11 === 0;
}
function rrnValid(rrn: string, birth?: string): boolean {
  const m = /^(\d{6})-(\d{7})$/.exec(rrn);
  if (!m) return false;
  const d = m[1]! + m[2]!;
  const w = '234567892345';
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(d[i]) * Number(w[i]);
  if ((11 - (sum % 11)) % 10 !== Number(d[12])) return false;
  if (!birth) return true;
  const century = '12'.includes(d[6]!) ? 1900 : 2000;
  return `${century + Number(d.slice(0, 2))}-${d.slice(2, 4)}-${d.slice(4, 6)}` === birth;
}

// Transcribed from the binding field table (brief fields.md); TD1 carries the MRZ fields.
const PASSPORT = ['surname', 'givenname', 'sex', 'birthDate', 'passportNo', 'nationality', 'expiryDate', 'countryCode'];
const PERMIT = ['name', 'englishName', 'sex', 'birthDate', 'idNumber', 'issueDate', 'expiryDate'];
const HK = ['name', 'englishName', 'nameCode', 'sex', 'birthDate', 'idNumber', 'currentIssueDate', 'firstIssueDate', 'isPermanent', 'symbols'];
const MAC = ['surnameCN', 'givennameCN', 'surname', 'givenname', 'sex', 'birthDate', 'idNumber', 'expiryDate', 'placeOfBirth'];
const FIELDS_MD: Record<string, string[]> = {
  'CHN01001-01': ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'],
  'CHN01001-02': ['issueAuthority', 'validPeriod', 'issueDate', 'expiryDate'],
  'CHN02001-01': ['name', 'sex', 'nationality', 'address', 'birthDate', 'firstIssueDate', 'vehicleClass', 'idNumber', 'issueDate', 'expiryDate'],
  'CHN05001-01': [...PERMIT, 'placeOfIssue', 'originOfIssue'],
  'CHN05004-01': [...PERMIT, 'placeOfIssue', 'originOfIssue'],
  'CHN05002-01': [...PERMIT, 'originOfIssue'],
  'CHN05003-01': [...PERMIT, 'originOfIssue', 'placeOfIssue'],
  'HKG01001-01': HK,
  'HKG01002-01': HK,
  'MAC01001-01': MAC,
  'MAC01002-01': MAC,
  'MAC01003-01': MAC,
  'KOR01001-01': ['name', 'hanjaName', 'idNumber', 'address', 'issueDate', 'originOfIssue'],
  'KOR02001-01': ['name', 'idNumber', 'licenseNumber', 'licenseType', 'address', 'issueDate', 'expiryDate', 'originOfIssue'],
  'KOR03001-01': [...PASSPORT, 'koreanName'],
  'GLB03001-01': PASSPORT,
  'GLB03002-01': PASSPORT,
  'IDN01001-01': [
    'province', 'city', 'nik', 'name', 'placeOfBirth', 'birthDate', 'sex', 'bloodType', 'address', 'rtRw', 'village', 'district',
    'religion', 'maritalStatus', 'occupation', 'nationality', 'expiryDate',
  ],
  'TD1-01': ['documentCode', 'countryCode', 'documentNumber', 'surname', 'givenname', 'sex', 'birthDate', 'expiryDate', 'nationality'],
};

describe('docgen ground truth', () => {
  it('offers every promised type and page', () => {
    const codes = DOCGEN_TYPES.map((t) => `${t.code}:${t.pages.join('/')}`);
    const want = ['CHN01001:01/02', 'GLB03002:01', 'GLB03001:01', 'KOR03001:01', 'HKG01001:01', 'HKG01002:01', 'CHN05001:01', 'CHN05002:01', 'CHN05003:01', 'CHN05004:01', 'KOR01001:01', 'CHN02001:01', 'MAC01001:01', 'MAC01002:01', 'MAC01003:01', 'KOR02001:01', 'IDN01001:01', 'TD1:01'];
    assert.deepEqual([...codes].sort(), [...want].sort());
  });

  it('is deterministic and keyed exactly as fields.md', () => {
    for (const t of DOCGEN_TYPES) {
      for (const page of t.pages) {
        const a = generateTruth(t.code, page, 11);
        assert.deepEqual(Object.keys(a), FIELDS_MD[`${t.code}-${page}`], `${t.code}-${page}`);
        assert.deepEqual(FIELD_KEYS[`${t.code}-${page}`], FIELDS_MD[`${t.code}-${page}`]);
        assert.deepEqual(generateTruth(t.code, page, 11), a);
        assert.notDeepEqual(generateTruth(t.code, page, 12), a);
        for (const v of Object.values(a)) assert.equal(typeof v, 'string');
      }
    }
  });

  it('PRC ID: MOD 11-2 check, birth date and sex digit agree, validity matches the back', () => {
    for (const seed of SEEDS) {
      const f = generateTruth('CHN01001', '01', seed);
      const b = generateTruth('CHN01001', '02', seed);
      assert.ok(prcValid(f.idNumber!), f.idNumber);
      assert.equal(f.idNumber!.slice(6, 14), f.birthDate!.replace(/-/g, ''));
      assert.equal(Number(f.idNumber![16]) % 2 === 1 ? '男' : '女', f.sex);
      assert.ok(isDate(f.birthDate!) && f.birthDate! < REF);
      assert.match(f.address!, /^\S+$/);
      assert.ok(isDate(b.issueDate!) && b.issueDate! < REF);
      assert.equal(b.validPeriod, `${b.issueDate!.replace(/-/g, '.')}-${b.expiryDate === '长期' ? '长期' : b.expiryDate!.replace(/-/g, '.')}`);
      if (b.expiryDate !== '长期') assert.ok(isDate(b.expiryDate!) && b.expiryDate! > REF);
      assert.match(b.issueAuthority!, /公安局/);
    }
  });

  it('passports and TD1: the printed MRZ parses valid (project parser) and equals the truth', () => {
    for (const code of DOCGEN_TYPES.map((t) => t.code).filter((c) => /03\d{3}$|^TD1$/.test(c))) {
      for (const seed of SEEDS) {
        const rec = makeRecord(code, seed);
        const t = generateTruth(code, '01', seed);
        const parsed = parseMrz(rec.lines.mrz!, { now: new Date(Date.UTC(2026, 0, 1)) });
        assert.ok(parsed?.valid, `${code} ${seed}: ${rec.lines.mrz!.join(' / ')}`);
        const mrz = parsed!;
        assert.equal(mrz.fields.surname, t.surname);
        assert.equal(mrz.fields.givenNames, t.givenname);
        assert.equal(mrz.fields.sex, t.sex);
        assert.equal(mrz.fields.birthDate, t.birthDate);
        assert.equal(mrz.fields.expiryDate, t.expiryDate);
        assert.equal(mrz.fields.documentNumber, t.passportNo ?? t.documentNumber);
        assert.equal(mrz.fields.nationality, t.nationality);
        assert.equal(mrz.fields.issuingState, t.countryCode);
        assert.ok(t.expiryDate! > REF && t.birthDate! < REF);
        if (code === 'KOR03001') assert.match(t.koreanName!, /^[가-힣]{2,4}$/);
      }
    }
  });

  it('HKID, Korean RRN and KTP NIK checks hold where those types are offered', () => {
    const has = (c: string): boolean => DOCGEN_TYPES.some((t) => t.code === c);
    for (const seed of SEEDS) {
      for (const code of ['HKG01001', 'HKG01002'].filter(has)) {
        const t = generateTruth(code, '01', seed);
        assert.ok(hkidValid(t.idNumber!), t.idNumber);
        assert.equal(t.isPermanent, t.symbols!.startsWith('***') ? 'Y' : 'N');
        assert.match(t.firstIssueDate!, /^\d{4}-\d{2}$/);
        assert.ok(isDate(t.currentIssueDate!) && t.firstIssueDate! <= t.currentIssueDate!.slice(0, 7));
        const [y, m, d] = t.birthDate!.split('-').map(Number) as [number, number, number];
        assert.ok(t.firstIssueDate! >= `${y + 11}-${String(m).padStart(2, '0')}`, `${code} first issue before age 11`);
        assert.ok(t.currentIssueDate! >= `${y + 11}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
        assert.ok(code === 'HKG01001' ? t.currentIssueDate! < '2018-11-26' : t.currentIssueDate! >= '2018-11-26');
        if (t.name) assert.equal(t.nameCode!.split(' ').length, [...t.name].length);
      }
      for (const code of ['KOR01001', 'KOR02001'].filter(has)) {
        const t = generateTruth(code, '01', seed);
        assert.ok(rrnValid(t.idNumber!), t.idNumber);
        assert.ok(isDate(t.issueDate!) && t.issueDate! < REF);
        assert.match(t.address!, /^\S.* \S.*$/);
      }
      const k1 = generateTruth('KOR01001', '01', seed);
      assert.match(k1.name!, /^[가-힣]{3}$/);
      assert.match(k1.hanjaName!, /^(\([\u4e00-\u9fff]{3}\))?$/);
      assert.match(k1.originOfIssue!, /(구|시|군)청장$/);
      const k2 = generateTruth('KOR02001', '01', seed);
      assert.match(k2.licenseNumber!, /^\d{2}-\d{2}-\d{6}-\d{2}$/);
      assert.match(k2.licenseType!, /^[12]종(보통|대형|소형)$/);
      assert.ok(k2.expiryDate! > REF && k2.expiryDate!.endsWith('-12-31'));
      const dl = generateTruth('CHN02001', '01', seed);
      assert.ok(prcValid(dl.idNumber!) && dl.idNumber!.slice(6, 14) === dl.birthDate!.replace(/-/g, ''));
      assert.equal(Number(dl.idNumber![16]) % 2 === 1 ? '男' : '女', dl.sex);
      assert.ok(dl.firstIssueDate! <= dl.issueDate! && dl.issueDate! < REF && dl.expiryDate! > REF);
      for (const [code, re] of [['CHN05001', /^C\d{8}$/], ['CHN05004', /^L\d{8}$/], ['CHN05002', /^[HM]\d{8}$/], ['CHN05003', /^\d{8}$/]] as const) {
        const t = generateTruth(code, '01', seed);
        assert.match(t.idNumber!, re);
        assert.match(t.englishName!, /^[A-Z]+ [A-Z]+( [A-Z]+)*$/);
        assert.ok(t.birthDate! < t.issueDate! && t.issueDate! < REF && isDate(t.expiryDate!));
        assert.match(t.sex!, /^[MF]$/);
      }
      for (const code of ['MAC01001', 'MAC01002', 'MAC01003']) {
        const t = generateTruth(code, '01', seed);
        assert.match(t.idNumber!, /^[157]\d{6}\(\d\)$/);
        assert.ok(isDate(t.birthDate!) && isDate(t.expiryDate!));
        assert.match(t.surnameCN! + t.givennameCN!, /^[\u4e00-\u9fff]{2,4}$/);
      }
      if (has('IDN01001')) {
        const t = generateTruth('IDN01001', '01', seed);
        assert.match(t.nik!, /^\d{16}$/);
        const day = Number(t.nik!.slice(6, 8)) - (t.sex === 'PEREMPUAN' ? 40 : 0);
        assert.equal(`${String(day).padStart(2, '0')}${t.nik!.slice(8, 10)}${t.nik!.slice(10, 12)}`, `${t.birthDate!.slice(8, 10)}${t.birthDate!.slice(5, 7)}${t.birthDate!.slice(2, 4)}`);
      }
    }
  });
});

describe('docgen images', { skip: fontSkip }, () => {
  reportSkipped(fontSkip);

  it('same seed → identical bytes; other seed → other image', async () => {
    const a = await generateDocument({ code: 'CHN01001', page: '01', seed: 3, difficulty: 'normal' });
    const b = await generateDocument({ code: 'CHN01001', page: '01', seed: 3, difficulty: 'normal' });
    assert.ok(a.image.equals(b.image));
    assert.ok(a.card.equals(b.card));
    assert.deepEqual(a.corners, b.corners);
    const c = await generateDocument({ code: 'CHN01001', page: '01', seed: 4, difficulty: 'normal' });
    assert.ok(!a.image.equals(c.image));
  });

  it('photographCard re-photographs a flat card deterministically', async () => {
    const doc = await generateDocument({ code: 'HKG01002', seed: 8 });
    const a = await photographCard(doc.card, { seed: 1, difficulty: 'normal' });
    const b = await photographCard(doc.card, { seed: 1, difficulty: 'normal' });
    assert.ok(a.image.equals(b.image));
    assert.deepEqual(a.corners, b.corners);
    const meta = await sharp(a.image).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', FRAME.width, FRAME.height]);
    assert.notDeepEqual(a.corners, doc.corners);
  });

  it('clean photos: JPEG of the frame size, card PNG at 300 dpi, corners inside, card fills 60–90%', async () => {
    for (const t of DOCGEN_TYPES) {
      const doc = await generateDocument({ code: t.code, page: t.pages[t.pages.length - 1], seed: 5 });
      const meta = await sharp(doc.image).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.deepEqual([meta.width, meta.height], [FRAME.width, FRAME.height]);
      const card = await sharp(doc.card).metadata();
      assert.equal(card.format, 'png');
      assert.ok([1012, 1039, 1476].includes(card.width!), `${t.code} card width ${card.width}`);
      assert.equal(doc.corners.length, 4);
      for (const [x, y] of doc.corners) assert.ok(x > 0 && y > 0 && x < FRAME.width && y < FRAME.height, `${t.code} corner ${x},${y}`);
      let area = 0;
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = doc.corners[i]!;
        const [x2, y2] = doc.corners[(i + 1) % 4]!;
        area += x1 * y2 - x2 * y1;
      }
      const fill = Math.abs(area) / 2 / (FRAME.width * FRAME.height);
      assert.ok(fill >= 0.62 && fill <= 0.86, `${t.code} fill ${fill}`);
      // a good photo: the card is not clipped to white anywhere much (no glare, exposure below clipping)
      const { data } = await sharp(doc.image).raw().toBuffer({ resolveWithObject: true });
      const q = doc.corners;
      const insideQuad = (x: number, y: number): boolean =>
        q.every(([x1, y1], i) => {
          const [x2, y2] = q[(i + 1) % 4]!;
          return (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1) >= 0;
        });
      let n = 0;
      let clipped = 0;
      for (let y = 0; y < FRAME.height; y += 4) {
        for (let x = 0; x < FRAME.width; x += 4) {
          if (!insideQuad(x, y)) continue;
          const i = (y * FRAME.width + x) * 3;
          n++;
          if (0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]! >= 250) clipped++;
        }
      }
      assert.ok(clipped / n < 0.03, `${t.code} clipped ${(clipped / n).toFixed(3)}`);
    }
  });
});

describe('docgen CLI', { skip: fontSkip }, () => {
  it('writes <code>-<page>-<seed>.jpg files and truth.json', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'docgen-'));
    try {
      const cli = fileURLToPath(new URL('../../testkit/docgen/cli.js', import.meta.url));
      await promisify(execFile)(process.execPath, [cli, '--type', 'CHN01001', '--page', '02', '--n', '2', '--seed', '7', '--difficulty', 'normal', '--out', out]);
      assert.deepEqual(readdirSync(out).sort(), ['CHN01001-02-7.jpg', 'CHN01001-02-8.jpg', 'truth.json']);
      const truth = JSON.parse(readFileSync(path.join(out, 'truth.json'), 'utf8')) as Record<string, { truth: Record<string, string>; difficulty: string }>;
      assert.deepEqual(truth['CHN01001-02-8.jpg']!.truth, generateTruth('CHN01001', '02', 8));
      assert.equal(truth['CHN01001-02-7.jpg']!.difficulty, 'normal');
      const again = await generateDocument({ code: 'CHN01001', page: '02', seed: 7, difficulty: 'normal' });
      assert.ok(again.image.equals(readFileSync(path.join(out, 'CHN01001-02-7.jpg'))));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('rejects an unknown type', async () => {
    const cli = fileURLToPath(new URL('../../testkit/docgen/cli.js', import.meta.url));
    await assert.rejects(promisify(execFile)(process.execPath, [cli, '--type', 'XXX99999', '--out', os.tmpdir()]), /unknown --type/);
  });
});

async function rgb(jpeg: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

describe('docgen text is readable by the project OCR', { skip: fontSkip }, () => {
  let engine: PaddleEngine;
  before(async () => {
    engine = await createPaddleEngine();
  });
  after(async () => {
    await engine?.close();
  });

  it('PaddleOCR reads the ID number line of a clean CHN01001 front', async () => {
    const doc = await generateDocument({ code: 'CHN01001', page: '01', seed: 2, difficulty: 'clean' });
    const img = await rgb(doc.image);
    const lines = await engine.recognize(img, await engine.detect(img));
    const texts = lines.map((l) => l.text.replace(/\s/g, ''));
    assert.ok(texts.some((t) => t.includes(doc.truth.idNumber!)), `read: ${texts.join(' | ')}`);
  });

  it('the pipeline reads a generated passport MRZ exactly', async () => {
    const recognize = createPipeline(engine);
    for (const code of ['GLB03002', 'KOR03001']) {
      const doc = await generateDocument({ code, seed: 4, difficulty: 'clean' });
      const out = await recognize({
        image: doc.image,
        ocrModel: '0',
        docType: code,
        docPage: '01',
        idSpoof: false,
        idThreshold: '0',
        ocrValueStandard: false,
        authorize: false,
      });
      assert.equal(out.kind, 'result');
      if (out.kind !== 'result') return;
      assert.equal(out.subCode, '200', JSON.stringify(out.extIdInfo));
      const read = out.extIdInfo.ocrIdInfo!;
      for (const k of ['surname', 'givenname', 'sex', 'birthDate', 'passportNo', 'nationality', 'expiryDate', 'countryCode']) {
        assert.equal(read[k], doc.truth[k], `${code} ${k}`);
      }
    }
  });

  it('the pipeline reads a generated TD1 card MRZ (general recognition)', async () => {
    const recognize = createPipeline(engine);
    const doc = await generateDocument({ code: 'TD1', seed: 6, difficulty: 'clean' });
    const out = await recognize({
      image: doc.image,
      ocrModel: '2',
      docType: null,
      docPage: '01',
      idSpoof: false,
      idThreshold: '0',
      ocrValueStandard: false,
      authorize: false,
    });
    assert.equal(out.kind, 'result');
    if (out.kind !== 'result') return;
    assert.equal(out.extIdInfo.ocrDocType, `${doc.truth.countryCode}01`);
    assert.deepEqual(out.extIdInfo.ocrIdInfo, {
      surname_s: doc.truth.surname,
      given_name_s: doc.truth.givenname,
      date_of_birth_s: doc.truth.birthDate,
      card_number_s: doc.truth.documentNumber,
      sex_s: doc.truth.sex,
    });
  });
});
