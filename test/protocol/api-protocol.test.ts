import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, callError, officialClient, startServer, type TestServer } from '../helpers/app.js';
import { PASSPORT_OUTCOME, recordingRecognizer } from '../helpers/recorder.js';
import { send, signedV3Request } from '../helpers/raw-request.js';

describe('wire protocol with the official client', () => {
  let server: TestServer;
  const recorder = recordingRecognizer(PASSPORT_OUTCOME);
  let imageBase64: string;

  before(async () => {
    server = await startServer(async () => recorder.recognizer, { OPENIDV_RATE_LIMITS: '*=1000' });
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#ffffff' } }).png().toBuffer();
    imageBase64 = png.toString('base64');
  });
  after(() => server.close());

  const body = (extra: Record<string, string> = {}) => ({
    ProductCode: 'ID_OCR_MAX',
    MerchantBizId: 'biz001',
    DocType: 'GLB03002',
    IdOcrPictureBase64: imageBase64,
    ...extra,
  });

  for (const signatureAlgorithm of [undefined, 'v2'] as const) {
    it(`DocOcrMax succeeds with ${signatureAlgorithm ?? 'V3 (ACS3-HMAC-SHA256)'} signing`, async () => {
      const client = officialClient(server.port, { signatureAlgorithm });
      const res = await client.call('DocOcrMax', body({ SceneCode: 'scene_1', MerchantUserId: 'user-7' }), { OcrValueStandard: '1' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body.Code, 'Success');
      assert.equal(res.body.Message, 'success');
      assert.match(res.body.RequestId, /^[0-9A-F-]{36}$/);
      const r = res.body.Result;
      for (const v of Object.values(r)) assert.equal(typeof v, 'string');
      assert.equal(r.Passed, 'Y');
      assert.equal(r.SubCode, '200');
      assert.match(r.TransactionId, /^oidv[0-9a-f]{28}$/);
      assert.equal(JSON.parse(r.ExtIdInfo).ocrIdInfo.surname, 'ERIKSSON');
      const seen = recorder.requests.at(-1)!;
      assert.equal(seen.docType, 'GLB03002');
      assert.equal(seen.ocrValueStandard, true, 'query and form body are merged');
      assert.equal(seen.docPage, '01');
      assert.equal(seen.idThreshold, '3');
      // the call is recorded, personal parts sealed
      const record = await server.app.store.getTransaction(r.TransactionId);
      assert.ok(record);
      assert.equal(record.merchantBizId, 'biz001');
      assert.equal(record.sceneCode, 'scene_1');
      assert.equal(record.subCode, '200');
      assert.ok(record.resultSealed && !record.resultSealed.includes('ERIKSSON'));
      assert.ok(record.merchantUserIdSealed && !record.merchantUserIdSealed.includes('user-7'));
    });
  }

  it('refuses a wrong secret with SignatureDoesNotMatch (400), for both signature versions', async () => {
    for (const signatureAlgorithm of [undefined, 'v2'] as const) {
      const client = officialClient(server.port, { signatureAlgorithm, accessKeySecret: 'not-the-secret-at-all' });
      const e = await callError(client.call('DocOcrMax', body()));
      assert.equal(e.code, 'SignatureDoesNotMatch');
      assert.equal(e.statusCode, 400);
      for (const k of ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']) assert.ok(k in e.data, k);
    }
  });

  it('refuses an unknown access key with InvalidAccessKeyId.NotFound (404)', async () => {
    const e = await callError(officialClient(server.port, { accessKeyId: 'NOSUCHKEY0000' }).call('DocOcrMax', body()));
    assert.equal(e.code, 'InvalidAccessKeyId.NotFound');
    assert.equal(e.statusCode, 404);
  });

  it('refuses an unknown action (404) and a wrong version (400)', async () => {
    const e = await callError(officialClient(server.port).call('NoSuchAction', body()));
    assert.equal(e.code, 'InvalidAction.NotFound');
    assert.equal(e.statusCode, 404);
    const raw = signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, version: '2019-03-07' });
    const res = await send(raw);
    assert.equal(res.status, 400);
    assert.equal(res.body.Code, 'InvalidVersion');
  });

  it('never accepts a nonce twice (replayed request)', async () => {
    const raw = signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    const first = await send(raw);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.contentType, 'application/json;charset=utf-8');
    const replay = await send(raw);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.Code, 'SignatureNonceUsed');
  });

  it('detects a body changed after signing (x-acs-content-sha256) and a query changed after signing', async () => {
    const raw = signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    const tamperedBody = await send({ ...raw, body: raw.body.replace('biz001', 'biz002') });
    assert.equal(tamperedBody.status, 400);
    assert.equal(tamperedBody.body.Code, 'SignatureDoesNotMatch');
    const signedQuery = signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), query: { OcrValueStandard: '0' }, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    const tamperedQuery = await send({ ...signedQuery, url: signedQuery.url.replace('OcrValueStandard=0', 'OcrValueStandard=1') });
    assert.equal(tamperedQuery.status, 400);
    assert.equal(tamperedQuery.body.Code, 'SignatureDoesNotMatch');
  });

  it('refuses timestamps outside 15 minutes and malformed ones', async () => {
    const old = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const expired = await send(signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, date: old }));
    assert.equal(expired.status, 400);
    assert.equal(expired.body.Code, 'InvalidTimeStamp.Expired');
    const fresh = new Date(Date.now() - 14 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const ok = await send(signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, date: fresh }));
    assert.equal(ok.status, 200);
    const bad = await send(signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, date: 'yesterday' }));
    assert.equal(bad.body.Code, 'InvalidTimeStamp.Format');
  });

  it('refuses an unsigned request and a signature that leaves the nonce unsigned', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/?Action=DocOcrMax&Version=2022-08-09`, { method: 'POST' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { Code: string }).Code, 'MissingParameter');
    const raw = signedV3Request({ port: server.port, action: 'DocOcrMax', body: body(), accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET });
    const auth = raw.headers.authorization!.replace(';x-acs-signature-nonce', '');
    const partial = await send({ ...raw, headers: { ...raw.headers, authorization: auth } });
    assert.equal(partial.status, 400);
    assert.equal(partial.body.Code, 'IncompleteSignature');
  });

  it('enforces key status, permissions and account status', async () => {
    const keys = server.app.keys;
    const limited = await keys.put({ permissions: ['Initialize'] });
    const e1 = await callError(officialClient(server.port, { accessKeyId: limited.id, accessKeySecret: limited.secret }).call('DocOcrMax', body()));
    assert.equal(e1.code, 'Forbidden.RAMUserAccessDenied');
    assert.equal(e1.statusCode, 403);

    const disabled = await keys.put({});
    await server.app.store.setAccessKeyStatus(disabled.id, 'disabled');
    const e2 = await callError(officialClient(server.port, { accessKeyId: disabled.id, accessKeySecret: disabled.secret }).call('DocOcrMax', body()));
    assert.equal(e2.code, 'InvalidAccessKeyId.Inactive');
    assert.equal(e2.statusCode, 400);

    const other = await keys.put({ accountId: 'tenant2' });
    await server.app.store.setAccountStatus('tenant2', 'suspended');
    const e3 = await callError(officialClient(server.port, { accessKeyId: other.id, accessKeySecret: other.secret }).call('DocOcrMax', body()));
    assert.equal(e3.code, 'Forbidden.AccountAccessDenied');
    assert.equal(e3.statusCode, 403);
  });

  it('stores access-key secrets sealed, never in clear', async () => {
    const key = await server.app.store.getAccessKey(ACCESS_KEY_ID);
    assert.ok(key);
    assert.ok(!key.secretSealed.includes(ACCESS_KEY_SECRET));
    assert.equal(server.app.keys.secretOf(key), ACCESS_KEY_SECRET);
  });

  it('answers unknown paths and methods with a JSON error, never a stack trace', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/admin`, { method: 'GET' });
    assert.equal(res.status, 404);
    const json = (await res.json()) as Record<string, string>;
    assert.equal(json.Code, 'InvalidAction.NotFound');
    assert.ok(json.RequestId && json.HostId && json.Recommend);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    assert.equal(health.status, 200);
  });
});

describe('rate limits', () => {
  it('answers Throttling.Api (403) past the per-account, per-action rate', async () => {
    const recorder = recordingRecognizer(PASSPORT_OUTCOME);
    const server = await startServer(async () => recorder.recognizer, { OPENIDV_RATE_LIMITS: 'DocOcrMax=3' });
    try {
      const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#fff' } }).png().toBuffer();
      const client = officialClient(server.port);
      const b = { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'b1', DocType: 'GLB03002', IdOcrPictureBase64: png.toString('base64') };
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.call('DocOcrMax', b)));
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'Throttling.Api');
      assert.equal(ok, 3);
      assert.equal(throttled.length, 3);
      assert.equal((throttled[0] as PromiseRejectedResult).reason.statusCode ?? (throttled[0] as PromiseRejectedResult).reason.data.statusCode, 403);
    } finally {
      await server.close();
    }
  });
});
