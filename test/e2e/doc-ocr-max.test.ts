import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { callError, officialClient, startServer, type TestServer } from '../helpers/app.js';
import { createWorkerPool } from '../../src/pipeline/pool.js';

const PUBLIC = '../shared/data/public';
const TD3 = `${PUBLIC}/PassportEye/tests/data/passport-td3.jpg`;

const ERIKSSON = {
  surname: 'ERIKSSON',
  givenname: 'ANNA MARIA',
  sex: 'F',
  birthDate: '1974-08-12',
  expiryDate: '2012-04-15',
  passportNo: 'L898902C3',
  nationality: 'UTO',
  countryCode: 'UTO',
};

/** PNG whose header claims width × height but whose pixel data is a few bytes: a decompression bomb. */
function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('DocOcrMax end to end: official client → server → worker pool → models', () => {
  let server: TestServer;
  let imageServer: http.Server;
  let imageBase: string;
  let td3: Buffer;

  before(async () => {
    server = await startServer(() => createWorkerPool({ workers: 1, engineThreads: 1 }), {
      OPENIDV_RATE_LIMITS: '*=1000',
      OPENIDV_ALLOW_PRIVATE_URLS: '1',
      OPENIDV_DOWNLOAD_TIMEOUT_MS: '800',
    });
    td3 = await sharp(TD3).jpeg({ quality: 92 }).toBuffer();
    imageServer = http.createServer((req, res) => {
      if (req.url === '/passport.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(td3);
      if (req.url === '/slow.jpg') return void setTimeout(() => res.writeHead(200).end(td3), 3000).unref();
      if (req.url === '/huge.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        const chunk = Buffer.alloc(1 << 20, 0xff);
        let sent = 0;
        const pump = () => {
          while (sent < 64 && res.write(chunk)) sent++;
          if (sent < 64) res.once('drain', pump);
          else res.end();
        };
        return void pump();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => imageServer.listen(0, '127.0.0.1', r));
    imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    imageServer.closeAllConnections();
    await new Promise((r) => imageServer.close(r));
    await server.close();
  });

  const call = (body: Record<string, string>) =>
    officialClient(server.port).call('DocOcrMax', { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'e2e1', ...body });
  const ext = (res: { body: { Result: { ExtIdInfo: string } } }) => JSON.parse(res.body.Result.ExtIdInfo);

  it('reads the ICAO specimen passport (GLB03002) with every seed field', async () => {
    const res = await call({ DocType: 'GLB03002', IdOcrPictureBase64: td3.toString('base64') });
    assert.equal(res.body.Result.Passed, 'Y');
    assert.equal(res.body.Result.SubCode, '200');
    const info = ext(res);
    assert.equal(info.docType, 'GLB03002');
    for (const [k, v] of Object.entries(ERIKSSON)) assert.equal(info.ocrIdInfo[k], v, k);
    assert.deepEqual(info.spoofInfo, { spoofResult: 'N', spoofType: [] });
  });

  it('finds the MRZ when the photo is rotated and when the page is small in the frame', async () => {
    for (const angle of [90, 180, 270]) {
      const rotated = await sharp(td3).rotate(angle).jpeg().toBuffer();
      const res = await call({ DocType: 'GLB03001', IdOcrPictureBase64: rotated.toString('base64') });
      assert.equal(res.body.Result.SubCode, '200', `rotated ${angle}°`);
      assert.equal(ext(res).ocrIdInfo.passportNo, ERIKSSON.passportNo);
    }
    const meta = await sharp(td3).metadata();
    const small = await sharp(td3)
      .resize({ width: Math.round(meta.width! * 0.9) })
      .extend({ top: 700, bottom: 700, left: 900, right: 900, background: '#6b7a5c' })
      .jpeg()
      .toBuffer();
    const res = await call({ DocType: 'GLB03002', IdOcrPictureBase64: small.toString('base64') });
    assert.equal(res.body.Result.SubCode, '200', 'small in frame');
    assert.equal(ext(res).ocrIdInfo.birthDate, ERIKSSON.birthDate);
  });

  it('reads an image given by URL', async () => {
    const res = await call({ DocType: 'GLB03002', IdOcrPictureUrl: `${imageBase}/passport.jpg` });
    assert.equal(res.body.Result.SubCode, '200');
    assert.equal(ext(res).ocrIdInfo.surname, 'ERIKSSON');
  });

  it('classifies (OcrModel 1) and reads general fields (OcrModel 2)', async () => {
    const one = await call({ OcrModel: '1', IdOcrPictureBase64: td3.toString('base64') });
    assert.deepEqual(ext(one), { ocrDocType: 'GLB03' });
    const two = await call({ OcrModel: '2', IdOcrPictureBase64: td3.toString('base64') });
    assert.deepEqual(ext(two), {
      ocrDocType: 'GLB03',
      ocrIdInfo: { surname_s: 'ERIKSSON', given_name_s: 'ANNA MARIA', date_of_birth_s: '1974-08-12', card_number_s: 'L898902C3', sex_s: 'F' },
    });
  });

  it('answers 213 for a page mismatch, another country\'s passport type, and an image with no document', async () => {
    const page2 = await call({ DocType: 'GLB03002', DocPage: '02', IdOcrPictureBase64: td3.toString('base64') });
    assert.deepEqual([page2.body.Result.Passed, page2.body.Result.SubCode], ['N', '213']);
    const korean = await call({ DocType: 'KOR03001', IdOcrPictureBase64: td3.toString('base64') });
    assert.deepEqual([korean.body.Result.Passed, korean.body.Result.SubCode], ['N', '213']);
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d8d2c4' } }).jpeg().toBuffer();
    const none = await call({ DocType: 'GLB03002', IdOcrPictureBase64: blank.toString('base64') });
    assert.deepEqual([none.body.Result.Passed, none.body.Result.SubCode], ['N', '213']);
    const unclassified = await call({ OcrModel: '1', IdOcrPictureBase64: blank.toString('base64') });
    assert.equal(unclassified.body.Result.SubCode, '213');
  });

  describe('hostile images', () => {
    const cases: Array<[string, () => Promise<Buffer>, string]> = [
      ['a 1-pixel PNG', () => sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer(), 'UnqualifiedPhoto'],
      ['a 20000×20000 PNG bomb', async () => pngBomb(20000, 20000), 'UnqualifiedPhoto'],
      ['random bytes', async () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)), 'UnqualifiedPhoto'],
      ['a truncated JPEG', async () => td3.subarray(0, Math.floor(td3.length / 2)), 'UnqualifiedPhoto'],
      ['a GIF', () => sharp({ create: { width: 300, height: 300, channels: 3, background: '#000' } }).gif().toBuffer(), 'UnqualifiedPhoto'],
      ['an image over 10 MB', async () => Buffer.concat([td3, Buffer.alloc(11 * 1024 * 1024)]), 'ToolargeImage'],
    ];
    for (const [name, make, code] of cases) {
      it(`${name} → ${code} (401)`, async () => {
        const image = await make();
        const started = Date.now();
        const e = await callError(call({ DocType: 'GLB03002', IdOcrPictureBase64: image.toString('base64') }));
        assert.equal(e.code, code, e.data?.Message);
        assert.equal(e.statusCode, 401);
        assert.ok(Date.now() - started < 5000, 'answered promptly');
        assert.ok(!JSON.stringify(e.data).includes('at '), 'no stack trace');
      });
    }

    it('a URL that answers too slowly → DownloadTimeout; a body past 10 MB → ToolargeImage', async () => {
      const slow = await callError(call({ DocType: 'GLB03002', IdOcrPictureUrl: `${imageBase}/slow.jpg` }));
      assert.equal(slow.code, 'DownloadTimeout');
      assert.equal(slow.statusCode, 401);
      const huge = await callError(call({ DocType: 'GLB03002', IdOcrPictureUrl: `${imageBase}/huge.jpg` }));
      assert.equal(huge.code, 'ToolargeImage');
      const missing = await callError(call({ DocType: 'GLB03002', IdOcrPictureUrl: `${imageBase}/missing.jpg` }));
      assert.equal(missing.code, 'InvalidParameter');
    });

    it('keeps serving after hostile input, and records each call with per-stage timings', async () => {
      const e = await callError(call({ DocType: 'GLB03002', IdOcrPictureBase64: pngBomb(20000, 20000).toString('base64') }));
      assert.equal(e.code, 'UnqualifiedPhoto');
      // the server keeps serving after every hostile input
      const res = await call({ DocType: 'GLB03002', IdOcrPictureBase64: td3.toString('base64') });
      assert.equal(res.body.Result.SubCode, '200');
      const record = await server.app.store.getTransaction(res.body.Result.TransactionId);
      assert.ok(record && record.timings.total! > 0 && record.timings.detect! > 0);
    });
  });
});
