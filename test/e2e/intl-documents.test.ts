import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { officialClient, startServer, type TestServer } from '../helpers/app.js';
import { createWorkerPool } from '../../src/pipeline/pool.js';
import { romanizeHangul, splitKoreanName } from '../../src/documents/standardize.js';
import { checkRrn } from '../../src/documents/validators/kr-rrn.js';
import { generateDocument, type GeneratedDocument } from '../../testkit/docgen/index.js';

/** Hong Kong, Korean and Indonesian documents through the official client, server, worker pool and models. */
describe('DocOcrMax end to end: HKG, KOR and IDN documents (generated phone photos)', () => {
  let server: TestServer;
  const docs: Record<string, GeneratedDocument> = {};

  before(async () => {
    server = await startServer(() => createWorkerPool({ workers: 1, engineThreads: 1 }), { OPENIDV_RATE_LIMITS: '*=1000' });
    for (const code of ['HKG01001', 'KOR01001', 'KOR02001', 'KOR03001', 'IDN01001']) {
      docs[code] = await generateDocument({ code, seed: 11, difficulty: 'clean' });
    }
  });
  after(async () => server.close());

  const call = (body: Record<string, string>) =>
    officialClient(server.port).call('DocOcrMax', { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'e2eintl', ...body });
  const ext = (res: { body: { Result: { ExtIdInfo: string } } }) => JSON.parse(res.body.Result.ExtIdInfo);
  const photo = (code: string) => Buffer.from(docs[code]!.image).toString('base64');

  it('HKG01001 and IDN01001 (OcrModel 0): every field of the seed', async () => {
    for (const code of ['HKG01001', 'IDN01001']) {
      const res = await call({ DocType: code, IdOcrPictureBase64: photo(code) });
      assert.deepEqual([res.body.Result.Passed, res.body.Result.SubCode], ['Y', '200'], code);
      const info = ext(res);
      assert.equal(info.docType, code);
      assert.deepEqual(info.ocrIdInfo, docs[code]!.truth, code);
    }
  });

  it('KOR01001 and KOR02001 with OcrValueStandard=1: fields, and the standard data in Latin letters', async () => {
    for (const code of ['KOR01001', 'KOR02001']) {
      const truth = docs[code]!.truth;
      const res = await call({ DocType: code, OcrValueStandard: '1', IdOcrPictureBase64: photo(code) });
      assert.equal(res.body.Result.SubCode, '200', code);
      const info = ext(res);
      assert.deepEqual(info.ocrIdInfo, truth, code);
      const [surname, given] = splitKoreanName(truth.name!);
      const rrn = checkRrn(truth.idNumber!);
      assert.deepEqual(info.ocrStandardData, {
        surname_s: romanizeHangul(surname),
        given_name_s: romanizeHangul(given),
        sex_s: rrn.sex,
        date_of_birth_s: rrn.birthDate,
        date_of_expiry_s: code === 'KOR02001' ? truth.expiryDate : '',
      });
      assert.match(info.ocrStandardData.surname_s, /^[A-Z]+$/);
    }
  });

  it('KOR03001 with OcrValueStandard=1: the passport fields, the Korean name and the MRZ names as standard data', async () => {
    const truth = docs.KOR03001!.truth;
    const res = await call({ DocType: 'KOR03001', OcrValueStandard: '1', IdOcrPictureBase64: photo('KOR03001') });
    assert.equal(res.body.Result.SubCode, '200');
    const info = ext(res);
    for (const [k, v] of Object.entries(truth)) assert.equal(info.ocrIdInfo[k], v, k);
    assert.deepEqual(info.ocrStandardData, {
      surname_s: truth.surname,
      given_name_s: truth.givenname,
      sex_s: truth.sex,
      date_of_birth_s: truth.birthDate,
      date_of_expiry_s: truth.expiryDate,
    });
  });

  it('classifies each card (OcrModel 1) and reads general fields (OcrModel 2)', async () => {
    const expected: Record<string, string> = { HKG01001: 'HKG01', KOR01001: 'KOR01', KOR02001: 'KOR02', IDN01001: 'IDN01' };
    for (const [code, docClass] of Object.entries(expected)) {
      const res = await call({ OcrModel: '1', IdOcrPictureBase64: photo(code) });
      assert.deepEqual(ext(res), { ocrDocType: docClass }, code);
    }
    const two = ext(await call({ OcrModel: '2', IdOcrPictureBase64: photo('HKG01001') }));
    const truth = docs.HKG01001!.truth;
    assert.equal(two.ocrDocType, 'HKG01');
    assert.deepEqual(two.ocrIdInfo, {
      surname_s: truth.englishName!.split(',')[0]!.toUpperCase(),
      given_name_s: truth.englishName!.split(',')[1]!.trim().toUpperCase(),
      date_of_birth_s: truth.birthDate,
      card_number_s: truth.idNumber,
      sex_s: truth.sex,
    });
  });

  it('answers 213 when the requested type is not what the photo shows', async () => {
    const res = await call({ DocType: 'KOR01001', IdOcrPictureBase64: photo('HKG01001') });
    assert.deepEqual([res.body.Result.Passed, res.body.Result.SubCode], ['N', '213']);
    assert.equal(ext(res).ocrDocType, 'HKG01');
  });
});
