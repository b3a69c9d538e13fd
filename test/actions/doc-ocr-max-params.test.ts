import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callError, officialClient, startServer, type TestServer } from '../helpers/app.js';
import { PASSPORT_OUTCOME, recordingRecognizer } from '../helpers/recorder.js';

describe('DocOcrMax parameter validation (every parameter of the seed)', () => {
  let server: TestServer;
  const recorder = recordingRecognizer(PASSPORT_OUTCOME);
  before(async () => {
    server = await startServer(async () => recorder.recognizer, { OPENIDV_RATE_LIMITS: '*=1000' });
  });
  after(() => server.close());

  const valid = { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'e0c34a77f5ac40a5aa5e6ed20c35abcd', DocType: 'GLB03002', IdOcrPictureBase64: 'iVBORw0KGgo=' };
  const without = (key: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));

  const cases: Array<[string, Record<string, string>, string, number]> = [
    ['no ProductCode', without('ProductCode'), 'MissingParameter', 400],
    ['another product', { ...valid, ProductCode: 'ID_OCR' }, 'InvalidParameter', 400],
    ['no MerchantBizId', without('MerchantBizId'), 'MissingParameter', 400],
    ['MerchantBizId of 33 characters', { ...valid, MerchantBizId: 'a'.repeat(33) }, 'InvalidParameter', 400],
    ['MerchantBizId with punctuation', { ...valid, MerchantBizId: 'biz-1' }, 'InvalidParameter', 400],
    ['SceneCode of 11 characters', { ...valid, SceneCode: 'a'.repeat(11) }, 'InvalidParameter', 400],
    ['SceneCode with a dash', { ...valid, SceneCode: 'a-b' }, 'InvalidParameter', 400],
    ['MerchantUserId too long', { ...valid, MerchantUserId: 'u'.repeat(200) }, 'InvalidParameter', 400],
    ['both image parameters', { ...valid, IdOcrPictureUrl: 'https://example.com/a.jpg' }, 'DataDuplication', 401],
    ['no image', without('IdOcrPictureBase64'), 'MissingParameter', 400],
    ['OcrModel 0 without DocType', without('DocType'), 'MissingParameter', 400],
    ['OcrModel 1 with DocType', { ...valid, OcrModel: '1' }, 'InvalidParameter', 400],
    ['OcrModel 2 with DocType', { ...valid, OcrModel: '2' }, 'InvalidParameter', 400],
    ['OcrModel 3', { ...valid, OcrModel: '3' }, 'InvalidParameter', 400],
    ['unknown DocType', { ...valid, DocType: 'XXX99999' }, 'InvalidParameter', 400],
    ['a catalogue DocType no module reads', { ...valid, DocType: 'THA01001' }, 'InvalidParameter', 400],
    ['DocPage 03', { ...valid, DocPage: '03' }, 'InvalidParameter', 400],
    ['IdSpoof Y', { ...valid, IdSpoof: 'Y' }, 'InvalidParameter', 400],
    ['IdThreshold 4', { ...valid, IdThreshold: '4' }, 'InvalidParameter', 400],
    ['OcrValueStandard 2', { ...valid, OcrValueStandard: '2' }, 'InvalidParameter', 400],
    ['Authorize yes', { ...valid, Authorize: 'yes' }, 'InvalidParameter', 400],
    ['an ftp image URL', { ...without('IdOcrPictureBase64'), IdOcrPictureUrl: 'ftp://127.0.0.1/a.jpg' }, 'InvalidParameter', 400],
    ['a URL to 127.0.0.1', { ...without('IdOcrPictureBase64'), IdOcrPictureUrl: `http://127.0.0.1:1/a.jpg` }, 'InvalidParameter', 400],
    ['a URL to the metadata address', { ...without('IdOcrPictureBase64'), IdOcrPictureUrl: 'http://169.254.169.254/latest/meta-data' }, 'InvalidParameter', 400],
    ['base64 that is not base64', { ...valid, IdOcrPictureBase64: '%%%not base64%%%' }, 'InvalidParameter', 400],
  ];

  for (const [name, body, code, status] of cases) {
    it(`${name} → ${code} (${status})`, async () => {
      const before = recorder.requests.length;
      const e = await callError(officialClient(server.port).call('DocOcrMax', body));
      assert.equal(e.code, code, e.data?.Message);
      assert.equal(e.statusCode, status);
      assert.equal(recorder.requests.length, before, 'nothing reached recognition');
    });
  }

  it('accepts a DocType read by a document module (CHN01001, both pages)', async () => {
    for (const page of ['01', '02']) {
      const res = await officialClient(server.port).call('DocOcrMax', { ...valid, DocType: 'CHN01001', DocPage: page });
      assert.equal(res.body.Code, 'Success');
      const seen = recorder.requests.at(-1)!;
      assert.deepEqual([seen.docType, seen.docPage], ['CHN01001', page]);
    }
  });

  it('accepts OcrModel 1 and 2 without a DocType, and passes every option through', async () => {
    for (const model of ['1', '2']) {
      const body = { ...without('DocType'), OcrModel: model, IdSpoof: 'T', IdThreshold: '1', DocPage: '02', Authorize: 'T' };
      const res = await officialClient(server.port).call('DocOcrMax', body);
      assert.equal(res.body.Code, 'Success');
      const seen = recorder.requests.at(-1)!;
      assert.deepEqual(
        { ...seen, image: undefined },
        { image: undefined, ocrModel: model, docType: null, docPage: '02', idSpoof: true, idThreshold: '1', ocrValueStandard: false, authorize: true },
      );
    }
  });
});
