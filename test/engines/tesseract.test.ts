import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';
import { cleanLineText, createTesseractReader, restoreLowercase } from '../../src/engines/tesseract.js';

/** One printed line rendered with a CJK font of the system (fonts-noto-cjk), on a card-like background. */
async function renderLine(text: string, font: string, size: number): Promise<RgbImage> {
  const width = Math.round(text.length * size * 1.1) + 24;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.round(size * 1.5)}">` +
    `<rect width="100%" height="100%" fill="#efeadf"/>` +
    `<text x="12" y="${Math.round(size * 1.15)}" font-family="${font}" font-size="${size}" fill="#1d1d1d">${text}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('tesseract line reader (local language data)', () => {
  const reader = createTesseractReader();
  after(async () => (await reader).close());

  it('reads Hangul names and addresses, also from small crops', async () => {
    const r = await reader;
    assert.deepEqual([...r.scripts].sort(), ['hangul', 'hant', 'latin']);
    assert.equal((await r.readLine(await renderLine('홍길동', 'Noto Sans CJK KR', 34), 'hangul')).text, '홍길동');
    const address = await r.readLine(await renderLine('서울특별시 종로구 세종대로 209', 'Noto Sans CJK KR', 18), 'hangul');
    assert.equal(address.text, '서울특별시 종로구 세종대로 209');
    assert.ok(address.confidence > 0.7);
  });

  it('reads Traditional Chinese without the spaces tesseract puts between characters', async () => {
    const r = await reader;
    assert.equal((await r.readLine(await renderLine('陳大文', 'Noto Sans CJK TC', 30), 'hant')).text, '陳大文');
    assert.equal((await r.readLine(await renderLine('香港永久性居民身份證', 'Noto Serif CJK TC', 24), 'hant')).text, '香港永久性居民身份證');
  });

  it('answers an empty reading for a degenerate crop and refuses scripts it has no data for', async () => {
    const r = await reader;
    assert.deepEqual(await r.readLine({ data: new Uint8Array(3), width: 1, height: 1 }, 'hangul'), { text: '', confidence: 0 });
    await assert.rejects(r.readLine(await renderLine('汉字', 'Noto Sans CJK SC', 30), 'hans'));
  });

  it('reads Latin text with its word spaces', async () => {
    const r = await reader;
    assert.equal((await r.readLine(await renderLine('KARYAWAN SWASTA', 'DejaVu Sans', 16), 'latin')).text, 'KARYAWAN SWASTA');
  });

  it('reads an MRZ line within the MRZ alphabet, without dictionary words', async () => {
    const r = await reader;
    // small print, as on the passport photos where the MRZ is re-read (line crop ≈ 12 px high)
    const big = await renderLine('P&lt;UTOERIKSSON&lt;&lt;ANNA&lt;MARIA&lt;&lt;&lt;', 'OCR B', 24);
    const { data, info } = await sharp(Buffer.from(big.data), { raw: { width: big.width, height: big.height, channels: 3 } })
      .resize({ height: 12 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const line = await r.readAlphabetLine({ data, width: info.width, height: info.height }, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<');
    assert.match(line.text, /^[A-Z0-9<]+$/);
    assert.match(line.text, /UTOERIKSSON.*ANNA.MARIA/);
    assert.deepEqual(await r.readAlphabetLine({ data: new Uint8Array(3), width: 1, height: 1 }, 'AB'), { text: '', confidence: 0 });
  });

  it('joins CJK characters but keeps Hangul word spaces', () => {
    assert.equal(cleanLineText(' 李 智 能 \n', 'hant'), '李智能');
    assert.equal(cleanLineText('종로구  세종대로', 'hangul'), '종로구 세종대로');
  });

  it('turns digits no taller than the x-height back into the lower-case letters they resemble', () => {
    const glyph = (text: string, top: number) => ({ text, top, bottom: 48 });
    const read = '501호 (6편)';
    const boxes = [glyph('5', 25), glyph('0', 25), glyph('1', 24), glyph('호', 18), glyph('(', 23), glyph('6', 30), glyph('편', 23), glyph(')', 23)];
    assert.equal(restoreLowercase(read, boxes), '501호 (e편)');
    // a full-height 6 stays a digit
    assert.equal(restoreLowercase(read, boxes.map((b) => (b.text === '6' ? glyph('6', 25) : b))), read);
    // too few digits to know their height, or glyphs that do not line up with the text: unchanged
    assert.equal(restoreLowercase('1 (6편)', [glyph('1', 25), glyph('(', 23), glyph('6', 30), glyph('편', 23), glyph(')', 23)]), '1 (6편)');
    assert.equal(restoreLowercase(read, boxes.slice(1)), read);
  });

  it('reads a Latin letter inside a Hangul apartment name and the 호 after a unit number', async () => {
    const r = await reader;
    const line = await r.readLine(await renderLine('118동 501호 (e편한세상)', 'Noto Sans CJK KR', 30), 'hangul');
    assert.equal(line.text, '118동 501호 (e편한세상)');
  });
});

