import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { after, describe, it } from 'node:test';
import { createTesseractReader } from '../../src/engines/tesseract.js';
import { portReader, serveReader } from '../../src/pipeline/shared-reader.js';
import { renderLine } from '../helpers/render-line.js';

describe('script line reader shared over message ports', () => {
  const shared = createTesseractReader();
  after(async () => (await shared).close());

  const connect = async () => {
    const reader = await shared;
    const { port1, port2 } = new MessageChannel();
    serveReader(reader, port1);
    return portReader(port2, reader.scripts);
  };

  it('reads lines for several clients at once with the one reader', async () => {
    const [a, b] = [await connect(), await connect()];
    assert.deepEqual(a.scripts, (await shared).scripts);
    const [hangul, hant] = await Promise.all([
      a.readLine(await renderLine('홍길동', 'Noto Sans CJK KR', 34), 'hangul'),
      b.readLine(await renderLine('陳大文', 'Noto Sans CJK TC', 30), 'hant'),
    ]);
    assert.equal(hangul.text, '홍길동');
    assert.equal(hant.text, '陳大文');
    assert.ok(hangul.confidence > 0.7);
    await Promise.all([a.close(), b.close()]);
  });

  it('reads a line restricted to an alphabet (the MRZ second reading) through the port', async () => {
    const client = await connect();
    try {
      const read = await client.readAlphabetLine(await renderLine('L898902C36UTO7408122F1204159', 'DejaVu Sans Mono', 24), '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<');
      // O and 0 are one glyph apart in this font; the MRZ repair tells them apart by the field
      assert.match(read.text, /^L898902C36UT[O0]7408122F1204159$/);
    } finally {
      await client.close();
    }
  });

  it('sends only the crop of an image that is a view into a larger buffer', async () => {
    const line = await renderLine('KARYAWAN SWASTA', 'DejaVu Sans', 16);
    const padded = new Uint8Array(line.data.length + 4096);
    padded.set(line.data, 4096);
    const client = await connect();
    const read = await client.readLine({ ...line, data: padded.subarray(4096) }, 'latin');
    assert.equal(read.text, 'KARYAWAN SWASTA');
    assert.equal(padded.byteLength, line.data.length + 4096, 'the caller keeps its buffer');
    await client.close();
  });

  it("passes the reader's refusals on and rejects reads pending when the port closes", async () => {
    const client = await connect();
    await assert.rejects(client.readLine(await renderLine('汉字', 'Noto Sans CJK SC', 30), 'hans'), /no tesseract language/);
    const pending = client.readLine(await renderLine('서울특별시', 'Noto Sans CJK KR', 30), 'hangul');
    await client.close();
    await assert.rejects(pending, /closed/);
  });
});
