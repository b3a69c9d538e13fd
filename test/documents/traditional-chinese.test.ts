/**
 * Traditional Chinese (Hong Kong, Macao): the general reading merged with the Traditional re-read,
 * and the Macao card's re-reads (romanised name, a sex letter the detector missed).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js';
import { macaoId } from '../../src/documents/mac-id.js';
import type { PageLine, PageText } from '../../src/documents/module.js';
import { hanLineRegion, mergeTraditional } from '../../src/documents/traditional.js';
import type { Script } from '../../src/engines/engine.js';
import { pageTextFromLines } from '../../src/pipeline/page-text.js';

const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const line = (text: string, x: number, y: number, w: number, h: number): PageLine => ({ text, x, y, w, h, confidence: 0.95 });

describe('Traditional Chinese merge', () => {
  it('keeps the general reading where the re-read confuses a look-alike, converted to Traditional forms', () => {
    assert.equal(mergeTraditional('趙紅永', '趟紅永', tw, 3), '趙紅永');
    assert.equal(mergeTraditional('曹雪文', '芋雪文', tw, 3), '曹雪文');
    assert.equal(mergeTraditional('许光', '許光', tw, 2), '許光');
    assert.equal(mergeTraditional('许光', '', tw, 2), '許光');
    // border strokes read as 一 around the value are not characters of it
    assert.equal(mergeTraditional('中國', '一中國一', tw), '中國');
  });

  it('takes the Traditional variant the re-read saw where a Simplified form has several', () => {
    assert.equal(tw('发'), '發');
    assert.equal(mergeTraditional('李发', '李髮', tw), '李髮');
  });

  it('inserts characters the general recogniser dropped only when the document says how many there are', () => {
    assert.equal(mergeTraditional('郭德', '郭德傑', tw, 3), '郭德傑');
    assert.equal(mergeTraditional('萧華', '蕭傑華', tw, 3), '蕭傑華');
    assert.equal(mergeTraditional('郭德', '郭德傑', tw), '郭德');
    assert.equal(mergeTraditional('郭德', '郭德傑低', tw, 3), '郭德');
  });

  it('re-reads a Han line trimmed vertically and widened', () => {
    assert.deepEqual(hanLineRegion({ x: 100, y: 50, w: 120, h: 50 }), { x: 75, y: 55, w: 170, h: 40 });
  });
});

/** A 2002 Macao card as recognised: 傑 dropped, the Latin name run together, the lone sex letter not detected. */
const MACAO_2002 = [
  line('澳門特别行政區永久性居民身份證', 3, 0, 548, 43),
  line('BILHETEDEIDENTIDADEDERESIDENTEPERMANENTE', 0, 50, 556, 30),
  line('姓名Nome', 343, 107, 118, 29),
  line('郭德', 343, 137, 139, 51),
  line('KUOK,TAKIT', 344, 198, 248, 35),
  line('性别Sexo', 344, 256, 135, 36),
  line('出生日期Data denascimento', 347, 320, 295, 28),
  line('25-01-2002', 722, 310, 170, 36),
  line('出生地點Localdenascimento', 348, 378, 299, 28),
  line('澳门', 720, 364, 74, 42),
  line('首次發證Primeira emissao', 349, 435, 264, 28),
  line('2007', 719, 424, 80, 36),
  line('策發日期Data deemissao', 348, 491, 257, 29),
  line('03-03-2008', 721, 480, 167, 36),
  line('1261379(7)', 49, 507, 228, 49),
  line('有效期至Validoate', 349, 548, 192, 29),
  line('03-03-2018', 719, 536, 169, 35),
];

/** The page with re-reads answered per script: what tesseract and the general recogniser return for those crops. */
function pageWith(answers: Partial<Record<Script, (region: Pick<PageLine, 'x' | 'y' | 'w' | 'h'>) => string>>): PageText & { asked: string[] } {
  const asked: string[] = [];
  const page = pageTextFromLines(MACAO_2002, {
    reread: async (region, script) => {
      asked.push(script);
      return { text: answers[script]?.(region) ?? '', confidence: 0.9 };
    },
  });
  return Object.assign(page, { asked });
}

describe('MAC01003 re-reads', () => {
  it('reads an undetected sex letter under the label when nothing is beside it (2013 / 2023 layout)', async () => {
    const page = pageWith({ hans: (r) => (Math.abs(r.x - 344) < 1 && Math.abs(r.y - (256 + 36)) < 1 ? 'M' : '') });
    assert.equal((await macaoId.extract(page, '01', 'MAC01003')).fields.sex, 'M');
  });

  it('restores a dropped character, the dropped letter and spaces of the Latin name, and the undetected sex letter', async () => {
    const page = pageWith({
      hant: (r) => (r.y < 200 ? '郭德傑' : '澳門'),
      latin: () => 'KUOK, TAK KIT',
      // the general recogniser reads the two line heights right of the 性別 label
      hans: (r) => (Math.abs(r.x - (344 + 135)) < 1 && Math.abs(r.y - 256) < 1 && Math.abs(r.w - 72) < 1 ? 'F' : ''),
    });
    const x = await macaoId.extract(page, '01', 'MAC01003');
    assert.deepEqual(x.fields, {
      surnameCN: '郭', givennameCN: '德傑', surname: 'KUOK', givenname: 'TAK KIT', sex: 'F', birthDate: '2002-01-25',
      idNumber: '1261379(7)', expiryDate: '2018-03-03', placeOfBirth: '澳門',
    });
    assert.ok(x.consistent, x.problems.join('; '));
  });

  it('keeps the general Latin reading when the re-read substitutes letters, and reads no sex it cannot see', async () => {
    const page = pageWith({ hant: (r) => (r.y < 200 ? '郭德低' : '澳門'), latin: () => 'KUOK, TAK KIN' });
    const x = await macaoId.extract(page, '01', 'MAC01003');
    assert.equal(x.fields.surname, 'KUOK');
    // TAKIT has no second syllable to split off without the re-read's letters; the name stays as read
    assert.equal(x.fields.givenname, 'TAKIT');
    assert.equal(x.fields.givennameCN, '德');
    assert.equal(x.fields.sex, '');
    // beside the label, then under it
    assert.equal(page.asked.filter((s) => s === 'hans').length, 2);
  });
});
