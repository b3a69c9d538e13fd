/**
 * Chinese-script documents: shared field helpers, the PRC ID validator on the public vectors in
 * ../shared/data/public (read at test time), page-text ordering, classification and module
 * extraction on recognised-page fixtures.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterLabel, findDates, matchLabel, normalizeDate, cleanCjk, sexCN, sexMF, snapToList, splitSyllables } from '../../src/documents/fields.js';
import { chnDrivingLicence } from '../../src/documents/chn-dl.js';
import { PERMIT_MODULES } from '../../src/documents/chn-permits.js';
import { macaoId } from '../../src/documents/mac-id.js';
import { chnResidentId, ETHNICITIES } from '../../src/documents/chn-id.js';
import type { PageLine } from '../../src/documents/module.js';
import { DOCUMENT_MODULES, isSupported, moduleFor } from '../../src/documents/registry.js';
import { splitChineseName, standardFromChinese, toPinyin } from '../../src/documents/standardize.js';
import { prcIdCheckChar, repairPrcId, validatePrcId } from '../../src/documents/validators/prc-id.js';
import { classify } from '../../src/pipeline/classify.js';
import { pageTextFromLines, readingOrder, toPhoto, toUpright, uprightFrame } from '../../src/pipeline/page-text.js';
import type { TextBox } from '../../src/engines/engine.js';

// dist/test/documents → repository root → ../shared
const DATA = fileURLToPath(new URL('../../../../shared/data/public/', import.meta.url));
const skip = existsSync(DATA) ? false : `shared data not found at ${DATA}`;
const load = <T>(rel: string): T => JSON.parse(readFileSync(DATA + rel, 'utf8')) as T;

const line = (text: string, x: number, y: number, w: number, h = 28, confidence = 0.95): PageLine => ({ text, x, y, w, h, confidence });

/** A PRC ID portrait side as the recogniser returns it (labels and values in separate or merged boxes). */
const FRONT: PageLine[] = [
  line('姓名', 0, 3, 58),
  line('张伟明', 92, 0, 92, 32),
  line('性别', 0, 63, 60),
  line('男', 90, 62, 32),
  line('民族汉', 198, 60, 126, 36),
  line('出生', 1, 124, 57),
  line('1990年1月2日', 93, 124, 204, 25),
  line('住址', 0, 185, 58, 27),
  line('北京市朝阳区建国路88号', 94, 184, 306, 25),
  line('院3号楼2单元501室', 94, 222, 244, 27),
  line('公民身份号码', 4, 376, 142, 24),
  line('110105199001021238', 205, 369, 335, 30),
];

const BACK: PageLine[] = [
  line('中华人民共和国', 144, 0, 274, 40),
  line('居民身份证', 135, 68, 273, 51),
  line('签发机关北京市公安局朝阳分局', 0, 291, 400),
  line('有效期限', 0, 352, 97, 26),
  line('2015.03.01-长期', 141, 353, 268, 22),
];

describe('field helpers', () => {
  it('normalises dates from the printed forms to yyyy-mm-dd and rejects impossible dates', () => {
    const cases: Array<[string, string]> = [
      ['1990年1月2日', '1990-01-02'],
      ['1990 年 11 月 22 日', '1990-11-22'],
      ['1990.01.02', '1990-01-02'],
      ['1990-1-2', '1990-01-02'],
      ['1990/01/02', '1990-01-02'],
      ['19900102', '1990-01-02'],
      ['02-01-1990', '1990-01-02'],
      ['02.01.1990', '1990-01-02'],
      ['02 JAN 1990', '1990-01-02'],
      ['02JAN1990', '1990-01-02'],
      ['Jan 2, 1990', '1990-01-02'],
      ['1990.O1.O2', '1990-01-02'],
      ['1990.02.30', ''],
      ['no date here', ''],
    ];
    for (const [text, want] of cases) assert.equal(normalizeDate(text), want, text);
    assert.deepEqual(
      findDates('2015.03.01-2035.03.01').map((d) => d.date),
      ['2015-03-01', '2035-03-01'],
    );
  });

  it('normalises sexes and Chinese text', () => {
    assert.deepEqual(['男', '女/F', 'M', 'FEMALE', 'x'].map(sexMF), ['M', 'F', 'M', 'F', '']);
    assert.deepEqual(['M', '女', ''].map(sexCN), ['男', '女', '']);
    assert.equal(cleanCjk('北京市 朝阳区 １２号'), '北京市朝阳区12号');
  });

  it('matches labels despite OCR errors and spacing, and snaps to closed lists', () => {
    assert.ok(matchLabel('公民身份号码 110105', '公民身份号码'));
    assert.ok(matchLabel('公民身价号码', '公民身份号码'), 'one error in six characters');
    assert.equal(matchLabel('公民号码', '公民身份号码'), null);
    assert.equal(afterLabel('姓 名：张三', ['姓名']), '张三');
    assert.equal(snapToList('维吾儿', ETHNICITIES), '维吾尔');
    assert.equal(snapToList('汉', ETHNICITIES), '汉');
    assert.equal(snapToList('英国', ETHNICITIES), '');
  });

  it('splits Chinese names and romanises them as passports do', () => {
    assert.deepEqual(splitChineseName('欧阳娜娜'), { surname: '欧阳', given: '娜娜' });
    assert.deepEqual(splitChineseName('张伟明'), { surname: '张', given: '伟明' });
    assert.equal(toPinyin('单', true), 'SHAN');
    assert.equal(toPinyin('吕'), 'LYU');
    assert.deepEqual(standardFromChinese('张伟明', '男', '1990-01-02', ''), {
      surname_s: 'ZHANG',
      given_name_s: 'WEIMING',
      sex_s: 'M',
      date_of_birth_s: '1990-01-02',
      date_of_expiry_s: '',
    });
  });
});

describe('PRC ID validator on the public vectors', { skip }, () => {
  it('validator.js zh-CN lists (province-level region, date, check character)', () => {
    const v = load<{ isIdentityCard: Record<string, { valid: string[]; invalid: string[] }> }>('validator.js/ground_truth.json');
    const cn = v.isIdentityCard['zh-CN']!;
    for (const id of cn.valid) assert.ok(validatePrcId(id).valid, `valid: ${id}`);
    for (const id of cn.invalid) assert.ok(!validatePrcId(id).valid, `invalid: ${id}`);
  });

  it('stdnum-js and python-stdnum: checksums, dates, formats, birth dates', () => {
    type V = { source_file: string; valid: Array<string | { value: string; birth_date?: string }>; invalid: Array<{ value: string; error: string }> };
    const groups = [
      ...load<{ vectors: V[] }>('stdnum-js/ground_truth.json').vectors,
      ...load<{ vectors: V[] }>('python-stdnum/ground_truth.json').vectors,
    ].filter((g) => /ric/.test(g.source_file));
    assert.equal(groups.length, 2);
    for (const g of groups) {
      for (const item of g.valid) {
        const value = typeof item === 'string' ? item : item.value;
        const r = validatePrcId(value);
        assert.ok(r.valid, `valid: ${value}`);
        if (typeof item !== 'string' && item.birth_date) assert.equal(r.birthDate, item.birth_date);
      }
      for (const item of g.invalid) assert.ok(!validatePrcId(item.value).valid, `invalid (${item.error}): ${item.value}`);
    }
  });

  it('id-validator.py: valid numbers, bad check digit / length / date / address, get_info decodings', () => {
    const v = load<{
      valid: string[];
      invalid: Array<{ value: string; note: string }>;
      get_info: Array<{ value: string; birthday_code: string; sex: number; check_bit: string; abandoned: number }>;
    }>('id-validator.py/ground_truth.json');
    for (const id of v.valid) assert.ok(validatePrcId(id).valid, `valid: ${id}`);
    for (const item of v.invalid) {
      const r = validatePrcId(item.value);
      // id-validator rejects county codes missing from GB/T 2260; the province check alone accepts them
      if (/address/.test(item.note)) assert.equal(r.checks.county, false, item.value);
      else if (/no reason/.test(item.note)) continue;
      else assert.ok(!r.valid, `invalid: ${item.value} (${item.note})`);
    }
    for (const info of v.get_info) {
      const r = validatePrcId(info.value);
      assert.equal(r.birthDate, info.birthday_code);
      assert.equal(r.sex, info.sex === 1 ? 'M' : 'F');
      assert.equal(prcIdCheckChar(info.value), info.check_bit);
    }
  });
});

describe('PRC ID repair', () => {
  it('maps look-alikes and fixes one confused digit when the printed birth date and sex single it out', () => {
    assert.equal(repairPrcId('11O1O5199OO1O21238'), '110105199001021238');
    assert.equal(repairPrcId('110105 1990 0102 1238'), '110105199001021238');
    // birth-date digit misread (2 → 7): the printed birth date settles it
    assert.equal(repairPrcId('110105199001071238', { birthDate: '1990-01-02', sex: 'M' }), '110105199001021238');
    // several single-digit repairs fit (check character, sequence digits): left as read
    assert.equal(repairPrcId('110105199001021233', { birthDate: '1990-01-02', sex: 'M' }), '110105199001021233');
    assert.equal(repairPrcId('110105199001021233'), '110105199001021233');
  });
});

describe('upright page frame', () => {
  it('maps boxes of a page photographed at 90° back to an upright frame, and back again', () => {
    // text running top to bottom (page rotated 90° clockwise)
    const box = (x: number, y: number, w: number, h: number): TextBox => ({
      points: [[x + h, y], [x + h, y + w], [x, y + w], [x, y]],
      score: 0.9,
    });
    const frame = uprightFrame([box(500, 100, 300, 30), box(440, 100, 200, 30)], 90);
    const p = toUpright(frame, [530, 100]);
    assert.ok(Math.abs(p[0]) < 1e-6 && Math.abs(p[1]) < 1e-6, `top-left of the first line: ${p}`);
    const back = toPhoto(frame, p);
    assert.ok(Math.abs(back[0] - 530) < 1e-6 && Math.abs(back[1] - 100) < 1e-6);
    assert.ok(Math.abs(frame.width - 300) < 1e-6 && Math.abs(frame.height - 90) < 1e-6);
  });

  it('orders lines by rows, left to right within a row', () => {
    const order = readingOrder([line('b', 100, 62, 20), line('c', 0, 120, 20), line('a', 0, 60, 20)]).map((l) => l.text);
    assert.deepEqual(order, ['a', 'b', 'c']);
  });
});

describe('CHN01001 module', () => {
  it('is registered and supported; unsupported catalogue types are not', () => {
    assert.equal(moduleFor('CHN01001'), chnResidentId);
    assert.ok(DOCUMENT_MODULES.includes(chnResidentId));
    assert.ok(isSupported('CHN01001'));
    assert.ok(isSupported('GLB03002'), 'passports through the MRZ path');
    assert.ok(!isSupported('THA01001'));
    assert.ok(!isSupported('XYZ01001'));
  });

  it('classifies both sides and extracts the portrait side, address lines joined', async () => {
    const page = pageTextFromLines(FRONT);
    const c = classify(page);
    assert.equal(c?.module, chnResidentId);
    assert.equal(c?.page, '01');
    const x = await chnResidentId.extract(page, '01', 'CHN01001');
    assert.deepEqual(x.fields, {
      name: '张伟明',
      sex: '男',
      ethnicity: '汉',
      birthDate: '1990-01-02',
      address: '北京市朝阳区建国路88号院3号楼2单元501室',
      idNumber: '110105199001021238',
    });
    assert.ok(x.consistent, x.problems.join('; '));
  });

  it('repairs the number from the printed birth date and flags a sex that disagrees with it', async () => {
    const misread = FRONT.map((l) => (l.text === '110105199001021238' ? { ...l, text: '11010519900107I238' } : l));
    const x = await chnResidentId.extract(pageTextFromLines(misread), '01', 'CHN01001');
    assert.equal(x.fields.idNumber, '110105199001021238');
    assert.ok(x.consistent);
    const female = FRONT.map((l) => (l.text === '男' ? { ...l, text: '女' } : l));
    const y = await chnResidentId.extract(pageTextFromLines(female), '01', 'CHN01001');
    assert.ok(!y.consistent);
    assert.ok(y.problems.some((p) => p.startsWith('sex')));
  });

  it('reads the emblem side with a long-term validity', async () => {
    const page = pageTextFromLines(BACK);
    assert.equal(classify(page)?.page, '02');
    const x = await chnResidentId.extract(page, '02', 'CHN01001');
    assert.deepEqual(x.fields, {
      issueAuthority: '北京市公安局朝阳分局',
      validPeriod: '2015.03.01-长期',
      issueDate: '2015-03-01',
      expiryDate: '长期',
    });
  });

  it('does not claim a page without its labels', () => {
    const other = pageTextFromLines([line('中华人民共和国机动车驾驶证', 0, 0, 400), line('姓名 张三', 0, 60, 200), line('住址 北京市', 0, 120, 200)]);
    assert.equal(classify(other), null);
    assert.equal(classify(pageTextFromLines([])), null);
  });

  it('general and standard fields, offline authorisation checks', () => {
    const f = { name: '张伟明', sex: '男', ethnicity: '汉', birthDate: '1990-01-02', address: '', idNumber: '110105199001021238' };
    assert.deepEqual(chnResidentId.general(f), {
      surname_s: '张',
      given_name_s: '伟明',
      date_of_birth_s: '1990-01-02',
      card_number_s: '110105199001021238',
      sex_s: 'M',
    });
    assert.equal(chnResidentId.standardize(f)?.given_name_s, 'WEIMING');
    assert.equal(chnResidentId.authorize?.(f).passed, true);
    const bad = chnResidentId.authorize?.({ ...f, idNumber: '110105199001021233' });
    assert.equal(bad?.passed, false);
    assert.equal(bad?.checks.checksum, false);
  });
});

/** Lines as "text@x,y,w,h" (what the recogniser returned on generated photos of each type). */
const fixture = (spec: string): PageLine[] =>
  spec
    .trim()
    .split('\n')
    .map((row) => {
      const at = row.lastIndexOf('@');
      const [x, y, w, h] = row.slice(at + 1).split(',').map(Number) as [number, number, number, number];
      return line(row.slice(0, at).trim(), x, y, w, h);
    });

const DRIVING_LICENCE = fixture(`
  中华人民共和国机动车驾驶证@234,0,530,40
  Driving License of thePeople'sRepublicof China@291,51,421,27
  证号@0,108,51,25
  430104197910291402@107,104,315,30
  No.@0,137,24,19
  姓名@0,172,50,28
  邓美明@105,169,92,33
  性别女@304,165,118,34
  国籍@482,168,52,28
  中国@595,165,58,31
  Name@1,203,42,19
  Sex@308,200,27,18
  Nationality@481,194,67,25
  住址@2,237,52,28
  湖南省长沙市岳麓区青年路61号御景园9号@108,232,485,33
  Address@2,265,57,23
  楼1单元1903室@108,273,180,34
  出生日期@4,341,96,27
  1979-10-29@174,339,146,28
  Date of Birth@3,370,82,20
  初次领证日期@6,401,143,29
  2017-08-21@172,399,148,28
  Issue Date@6,432,68,17
  准驾车型@5,460,97,30
  C1@176,458,42,31
  安局交@614,449,109,75
  Class@6,490,38,22
  有效期限@7,523,96,27
  2017-08-21至2027-08-21@175,513,332,37
  ValidPeriod@7,552,77,17`);

const EXIT_ENTRY = fixture(`
  中华人民共和国往来港澳通行证@73,0,534,38
  EXIT-ENTRYPERMITFORTRAVELLINGTOANDFROMHONGKONGANDMACAO@68,50,728,27
  姓名Name@330,115,117,33
  C01559505@885,102,230,39
  赵永俊@330,148,139,50
  ZHAOYONGJUN@517,161,254,32
  出生日期Date of birth@332,227,213,31
  性别sex@700,222,98,32
  签发地点@819,221,101,32
  Place of issue@927,227,108,24
  1970.02.08@333,266,177,34
  男/M@700,259,86,41
  湖南@818,258,73,39
  有效期限Period of validity@334,333,245,31
  2025.03.08-2035.03.07@333,369,360,38
  签发机关issuing authority@334,438,247,32
  公安部出入境管理局@335,473,314,41`);

const HOME_RETURN = fixture(`
  港澳居民来往内地通行证@2,0,461,39
  MAINLANDTRAVELPERMITFORHONGKONGANDMACAORESIDENTS@0,54,650,24
  姓名Name@259,119,117,33
  M00821986@809,107,237,40
  蔡梅婷@259,150,139,52
  CHOI MUITENG@446,166,241,30
  出生日期Dateof bith@264,231,212,32
  性别Sex@625,228,97,32
  2001.07.20@263,269,176,35
  女/F@625,263,74,42
  有效期限Periodof validity@265,336,239,33
  2022.01.12-2032.01.11@265,373,348,34
  签发机关@265,440,109,29
  Issuing authority@363,445,141,24
  换证次数No.of issues@744,433,210,31
  公安部出入境管理局@268,474,303,39
  01@745,472,42,32`);

const MACAO_2013 = fixture(`
  澳門特别行政區永久性居民身份證@295,0,542,37
  BILHETEDEIDENTIDADEDERESIDENTEPERMANENTE@288,49,557,26
  姓名Nome@1,106,108,25
  彭慧婷@0,134,138,51
  PANG,VAITENG@1,199,270,35
  出生日期Data denascimento@2,265,282,28
  性别Sexo@402,262,96,28
  31-12-1964@3,302,177,33
  M@400,299,36,35
  有效期至Valido ate@2,366,187,27
  策發日期Datadeemissao@403,365,246,27
  18-03-2027@3,403,178,34
  18-03-2017@404,400,176,34
  出生地點Localdenascimento@4,467,291,28
  首次發證日期Primeiraemissao@404,463,296,31
  澳門@4,501,75,41
  2011@403,504,79,33
  5035591(1)@4,634,252,52`);

const MACAO_2002 = fixture(`
  澳門特别行政區永久性居民身份證@1,0,544,41
  BILHETEDEIDENTIDADEDERESIDENTEPERMANENTE@0,50,549,30
  姓名Nome@334,106,118,29
  许光@334,135,97,54
  HOI,KUONG@336,197,215,40
  性别Sexo@337,262,106,32
  E@466,263,23,23
  出生日期Datadenascimento@340,325,301,27
  28-04-1966@730,316,179,35
  出生地點Local denascimento@341,384,307,28
  中國@728,373,76,42
  首次發證Primeiraemissao@342,444,273,28
  1994@729,436,81,37
  策發日期Data deemissao@343,504,262,27
  08-07-2005@730,497,179,34
  1245784(1)@46,510,224,56
  有效期至Validoate@343,562,196,28
  08-07-2015@730,556,179,35`);

describe('CHN02001, CHN05 permits and Macao ID modules on recognised pages', () => {
  it('each page is classified as its own type', () => {
    const byCode = (code: string) => DOCUMENT_MODULES.find((m) => m.codes.includes(code));
    const cases: Array<[PageLine[], string]> = [
      [FRONT, 'CHN01001'],
      [BACK, 'CHN01001'],
      [DRIVING_LICENCE, 'CHN02001'],
      [EXIT_ENTRY, 'CHN05001'],
      [HOME_RETURN, 'CHN05002'],
      [MACAO_2013, 'MAC01002'],
      [MACAO_2002, 'MAC01003'],
    ];
    for (const [lines, code] of cases) {
      const c = classify(pageTextFromLines(lines));
      assert.equal(c?.module, byCode(code), code);
      assert.ok(c!.score >= 0.5);
    }
    assert.ok(PERMIT_MODULES.every((m) => m.docClass === 'CHN05'));
  });

  it('CHN02001: bilingual labels, address over two lines, period with 至', async () => {
    const x = await chnDrivingLicence.extract(pageTextFromLines(DRIVING_LICENCE), '01', 'CHN02001');
    assert.deepEqual(x.fields, {
      name: '邓美明', sex: '女', nationality: '中国', address: '湖南省长沙市岳麓区青年路61号御景园9号楼1单元1903室',
      birthDate: '1979-10-29', firstIssueDate: '2017-08-21', vehicleClass: 'C1', idNumber: '430104197910291402',
      issueDate: '2017-08-21', expiryDate: '2027-08-21',
    });
    assert.ok(x.consistent, x.problems.join('; '));
    assert.equal(chnDrivingLicence.authorize?.(x.fields).passed, true);
  });

  it('CHN05001: the name below its label, the far number, pinyin restores the spaces of the English name', async () => {
    const m = PERMIT_MODULES.find((p) => p.codes.includes('CHN05001'))!;
    const x = await m.extract(pageTextFromLines(EXIT_ENTRY), '01', 'CHN05001');
    assert.deepEqual(x.fields, {
      name: '赵永俊', englishName: 'ZHAO YONGJUN', sex: 'M', birthDate: '1970-02-08', idNumber: 'C01559505',
      issueDate: '2025-03-08', expiryDate: '2035-03-07', placeOfIssue: '湖南', originOfIssue: '公安部出入境管理局',
    });
    assert.deepEqual(m.standardize(x.fields), { surname_s: 'ZHAO', given_name_s: 'YONGJUN', sex_s: 'M', date_of_birth_s: '1970-02-08', date_of_expiry_s: '2035-03-07' });
  });

  it('CHN05001: a value box run across two columns is cut at the column of its label', async () => {
    const m = PERMIT_MODULES.find((p) => p.codes.includes('CHN05001'))!;
    const merged = EXIT_ENTRY.filter((l) => l.text !== '男/M' && l.text !== '湖南').concat(line('女/F山东', 700, 259, 190, 44));
    const x = await m.extract(pageTextFromLines(merged), '01', 'CHN05001');
    assert.equal(x.fields.sex, 'F');
    assert.equal(x.fields.placeOfIssue, '山东');
  });

  it('CHN05001: a period of validity covered in part or in whole is a problem (every permit prints both ends)', async () => {
    const m = PERMIT_MODULES.find((p) => p.codes.includes('CHN05001'))!;
    const genuine = await m.extract(pageTextFromLines(EXIT_ENTRY), '01', 'CHN05001');
    assert.deepEqual(genuine.problems, []);
    const cut = EXIT_ENTRY.map((l) => (l.text === '2025.03.08-2035.03.07' ? { ...l, text: '2025.03.08-20' } : l));
    assert.deepEqual((await m.extract(pageTextFromLines(cut), '01', 'CHN05001')).problems, ['validPeriod: no expiry date']);
    const covered = EXIT_ENTRY.filter((l) => l.text !== '2025.03.08-2035.03.07');
    const x = await m.extract(pageTextFromLines(covered), '01', 'CHN05001');
    assert.deepEqual(x.problems, ['validPeriod: not read']);
    assert.equal(x.consistent, false);
  });

  it('CHN05002: Cantonese romanisation re-split to one word per character', async () => {
    const m = PERMIT_MODULES.find((p) => p.codes.includes('CHN05002'))!;
    const x = await m.extract(pageTextFromLines(HOME_RETURN), '01', 'CHN05002');
    assert.deepEqual(x.fields, {
      name: '蔡梅婷', englishName: 'CHOI MUI TENG', sex: 'F', birthDate: '2001-07-20', idNumber: 'M00821986',
      issueDate: '2022-01-12', expiryDate: '2032-01-11', originOfIssue: '公安部出入境管理局',
    });
  });

  it('MAC01002 / MAC01003: values below or far right of the labels, Traditional forms restored', async () => {
    const a = await macaoId.extract(pageTextFromLines(MACAO_2013), '01', 'MAC01002');
    assert.deepEqual(a.fields, {
      surnameCN: '彭', givennameCN: '慧婷', surname: 'PANG', givenname: 'VAI TENG', sex: 'M', birthDate: '1964-12-31',
      idNumber: '5035591(1)', expiryDate: '2027-03-18', placeOfBirth: '澳門',
    });
    const b = await macaoId.extract(pageTextFromLines(MACAO_2002), '01', 'MAC01003');
    assert.deepEqual(b.fields, {
      surnameCN: '許', givennameCN: '光', surname: 'HOI', givenname: 'KUONG', sex: 'F', birthDate: '1966-04-28',
      idNumber: '1245784(1)', expiryDate: '2015-07-08', placeOfBirth: '中國',
    });
  });

  it('splits run-together romanised syllables', () => {
    assert.equal(splitSyllables('MUITENG', 2), 'MUI TENG');
    assert.equal(splitSyllables('CHOI MUITENG', 3), 'CHOI MUI TENG');
    assert.equal(splitSyllables('NGKAMWAH', 3), 'NG KAM WAH');
    assert.equal(splitSyllables('KAMIEONG', 2), 'KAM IEONG');
    assert.equal(splitSyllables('TAI MAN', 2), 'TAI MAN');
  });
});
