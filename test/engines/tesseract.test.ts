import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { cleanLineText, createTesseractReader, restoreLowercase } from '../../src/engines/tesseract.js';
import { renderLine } from '../helpers/render-line.js';

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

  it('releases a language worker left idle and starts it again on the next read', async () => {
    const idle = await createTesseractReader({ idleMs: 100 });
    try {
      const line = await renderLine('陳大文', 'Noto Sans CJK TC', 30);
      assert.equal((await idle.readLine(line, 'hant')).text, '陳大文');
      assert.deepEqual(idle.loadedLanguages(), ['chi_tra']);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(idle.loadedLanguages(), []);
      assert.equal((await idle.readLine(line, 'hant')).text, '陳大文');
      assert.deepEqual(idle.loadedLanguages(), ['chi_tra']);
    } finally {
      await idle.close();
    }
  });

  it('keeps a worker that is reading past its idle time, and refuses reads once closed', async () => {
    const idle = await createTesseractReader({ idleMs: 1 });
    const line = await renderLine('KARYAWAN SWASTA', 'DejaVu Sans', 16);
    // reads queued back to back: the worker is never idle between them
    const reads = await Promise.all([1, 2, 3].map(() => idle.readLine(line, 'latin')));
    assert.deepEqual(reads.map((r) => r.text), ['KARYAWAN SWASTA', 'KARYAWAN SWASTA', 'KARYAWAN SWASTA']);
    await idle.close();
    assert.deepEqual(idle.loadedLanguages(), []);
    await assert.rejects(idle.readLine(line, 'latin'), /closed/);
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

