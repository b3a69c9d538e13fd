/**
 * Chinese-script documents through the API (official client → server → worker pool → models) on
 * generated photos with ground truth: OcrModel 0/1/2, OcrValueStandard, Authorize (with a local
 * authority server), and SubCode 213 for mismatches and non-documents.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { officialClient, startServer, type TestServer } from '../helpers/app.js';
import { createWorkerPool } from '../../src/pipeline/pool.js';
import { standardFromChinese } from '../../src/documents/standardize.js';
import { generateDocument, photographCard, type GeneratedDocument } from '../../testkit/docgen/index.js';

describe('Chinese-script documents end to end', () => {
  let server: TestServer;
  let authority: http.Server;
  const asked: Array<{ auth: string | undefined; body: { docType: string; name: string; idNumber: string } }> = [];
  let idFront: GeneratedDocument;
  let idBack: GeneratedDocument;
  let permit: GeneratedDocument;
  let macao: GeneratedDocument;
  let receipt: Buffer;

  before(async () => {
    [idFront, idBack, permit, macao] = await Promise.all([
      generateDocument({ code: 'CHN01001', page: '01', seed: 11 }),
      generateDocument({ code: 'CHN01001', page: '02', seed: 11 }),
      generateDocument({ code: 'CHN05001', seed: 12 }),
      generateDocument({ code: 'MAC01002', seed: 13 }),
    ]);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540"><rect width="100%" height="100%" fill="#f3efe6"/>
      <text x="60" y="120" font-family="Noto Sans CJK SC" font-size="40">购物小票 RECEIPT</text>
      <text x="60" y="220" font-family="Noto Sans CJK SC" font-size="28">牛奶 2 x 12.50 = 25.00</text>
      <text x="60" y="320" font-family="Noto Sans CJK SC" font-size="28">合计 TOTAL 45.60</text></svg>`;
    receipt = (await photographCard(await sharp(Buffer.from(svg)).png().toBuffer(), { seed: 3 })).image;
    authority = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as { docType: string; name: string; idNumber: string };
        asked.push({ auth: req.headers.authorization, body });
        // the operator's register knows the front card's holder only
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ match: body.idNumber === idFront.truth.idNumber && body.name === idFront.truth.name }));
      });
    });
    await new Promise<void>((r) => authority.listen(0, '127.0.0.1', r));
    server = await startServer(() => createWorkerPool({ workers: 1, engineThreads: 1 }), {
      OPENIDV_RATE_LIMITS: '*=1000',
      OPENIDV_AUTHORIZE_URL: `http://127.0.0.1:${(authority.address() as AddressInfo).port}/verify`,
      OPENIDV_AUTHORIZE_TOKEN: 'operator-secret',
    });
  });
  after(async () => {
    await server.close();
    authority.closeAllConnections();
    await new Promise((r) => authority.close(r));
  });

  const call = (image: Buffer, body: Record<string, string>) =>
    officialClient(server.port).call('DocOcrMax', { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'e2ecn', IdOcrPictureBase64: image.toString('base64'), ...body });
  const ext = (res: { body: { Result: { ExtIdInfo: string } } }) => JSON.parse(res.body.Result.ExtIdInfo);
  const verdict = (res: { body: { Result: { Passed: string; SubCode: string } } }) => [res.body.Result.Passed, res.body.Result.SubCode];

  it('OcrModel 0: PRC ID portrait side with standardised fields and Authorize=T', async () => {
    const res = await call(idFront.image, { DocType: 'CHN01001', DocPage: '01', OcrValueStandard: '1', Authorize: 'T' });
    assert.deepEqual(verdict(res), ['Y', '200']);
    const info = ext(res);
    assert.deepEqual(info.ocrIdInfo, idFront.truth);
    const t = idFront.truth;
    assert.deepEqual(info.ocrStandardData, { ...standardFromChinese(t.name!, t.sex!, t.birthDate!, '') });
    assert.match(info.ocrStandardData.surname_s, /^[A-Z]+$/);
    assert.equal(info.authorizeInfo.passed, 'Y');
    assert.equal(info.authorizeInfo.authority, 'match');
    assert.equal(info.authorizeInfo.checks.checksum, true);
    assert.deepEqual(asked.at(-1), { auth: 'Bearer operator-secret', body: { docType: 'CHN01001', name: t.name, idNumber: t.idNumber } });
  });

  it('OcrModel 0: the emblem side, and a permit whose holder the authority does not know is not sent (no Authorize for CHN05)', async () => {
    const back = await call(idBack.image, { DocType: 'CHN01001', DocPage: '02' });
    assert.deepEqual(verdict(back), ['Y', '200']);
    assert.deepEqual(ext(back).ocrIdInfo, idBack.truth);
    const before = asked.length;
    const res = await call(permit.image, { DocType: 'CHN05001', Authorize: 'T', OcrValueStandard: '1' });
    assert.deepEqual(verdict(res), ['Y', '200']);
    const info = ext(res);
    assert.deepEqual(info.ocrIdInfo, permit.truth);
    assert.equal(info.authorizeInfo, undefined);
    assert.equal(asked.length, before);
    const [surname, ...given] = permit.truth.englishName!.split(' ');
    assert.equal(info.ocrStandardData.surname_s, surname);
    assert.equal(info.ocrStandardData.given_name_s, given.join(' '));
  });

  it('OcrModel 0 with a DocType or DocPage that is not what the image shows → 213', async () => {
    const page = await call(idFront.image, { DocType: 'CHN01001', DocPage: '02' });
    assert.deepEqual(verdict(page), ['N', '213']);
    const type = await call(idFront.image, { DocType: 'CHN05001' });
    assert.deepEqual(verdict(type), ['N', '213']);
    assert.equal(ext(type).ocrDocType, 'CHN01');
    const passport = await call(permit.image, { DocType: 'GLB03002' });
    assert.deepEqual(verdict(passport), ['N', '213']);
  });

  it('OcrModel 1 classifies, OcrModel 2 adds the general fields, a receipt is no document', async () => {
    const one = await call(macao.image, { OcrModel: '1' });
    assert.deepEqual(verdict(one), ['Y', '200']);
    assert.deepEqual(ext(one), { ocrDocType: 'MAC01' });
    const two = await call(idFront.image, { OcrModel: '2' });
    assert.deepEqual(verdict(two), ['Y', '200']);
    const t = idFront.truth;
    assert.deepEqual(ext(two), {
      ocrDocType: 'CHN01',
      ocrIdInfo: {
        surname_s: t.name!.slice(0, ext(two).ocrIdInfo.surname_s.length),
        given_name_s: t.name!.slice(ext(two).ocrIdInfo.surname_s.length),
        date_of_birth_s: t.birthDate,
        card_number_s: t.idNumber,
        sex_s: t.sex === '男' ? 'M' : 'F',
      },
    });
    assert.ok(ext(two).ocrIdInfo.surname_s.length >= 1);
    const none = await call(receipt, { OcrModel: '1' });
    assert.deepEqual(verdict(none), ['N', '213']);
  });
});
