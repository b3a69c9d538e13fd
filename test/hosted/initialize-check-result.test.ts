import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callError, officialClient, startServer, type TestServer } from '../helpers/app.js';
import { PASSPORT_OUTCOME, recordingRecognizer } from '../helpers/recorder.js';

export const META_INFO = JSON.stringify({ deviceType: 'h5', ua: 'Mozilla/5.0 test', bioMetaInfo: 'camera:1' });

export const VALID_INITIALIZE = {
  ProductCode: 'ID_OCR',
  MerchantBizId: 'e0c34a77f5ac40a5aa5e6ed20c35abcd',
  MetaInfo: META_INFO,
  MerchantUserId: 'user123',
  DocType: '01000000',
};

/** Initialize and CheckResult take their parameters in the query, as the product SDK sends them. */
export const initializeCall = (port: number, query: Record<string, string>) => officialClient(port).call('Initialize', {}, query);
export const checkResultCall = (port: number, query: Record<string, string>) => officialClient(port).call('CheckResult', {}, query);

describe('Initialize and CheckResult through the official client', () => {
  let server: TestServer;
  const recorder = recordingRecognizer(PASSPORT_OUTCOME);
  before(async () => {
    server = await startServer(async () => recorder.recognizer, {
      OPENIDV_RATE_LIMITS: '*=1000',
      OPENIDV_ABNORMAL_CALL_LIMIT: '1000',
      OPENIDV_PUBLIC_URL: 'https://idv.example.com/base',
    });
  });
  after(() => server.close());

  const without = (key: keyof typeof VALID_INITIALIZE) =>
    Object.fromEntries(Object.entries(VALID_INITIALIZE).filter(([k]) => k !== key));

  const initializeCases: Array<[string, Record<string, string>, string, number]> = [
    ['no ProductCode', without('ProductCode'), 'MissingParameter', 400],
    ['ProductCode ID_OCR_MAX', { ...VALID_INITIALIZE, ProductCode: 'ID_OCR_MAX' }, 'InvalidParameter', 400],
    ['no MerchantBizId', without('MerchantBizId'), 'MissingParameter', 400],
    ['MerchantBizId of 33 characters', { ...VALID_INITIALIZE, MerchantBizId: 'a'.repeat(33) }, 'InvalidParameter', 400],
    ['MerchantBizId with punctuation', { ...VALID_INITIALIZE, MerchantBizId: 'biz_1' }, 'InvalidParameter', 400],
    ['no MetaInfo', without('MetaInfo'), 'MissingParameter', 400],
    ['MetaInfo that is not JSON', { ...VALID_INITIALIZE, MetaInfo: 'abc' }, 'InvalidParameter', 400],
    ['MetaInfo without deviceType', { ...VALID_INITIALIZE, MetaInfo: '{"ua":"x"}' }, 'InvalidParameter', 400],
    ['no MerchantUserId', without('MerchantUserId'), 'MissingParameter', 400],
    ['MerchantUserId too long', { ...VALID_INITIALIZE, MerchantUserId: 'u'.repeat(129) }, 'InvalidParameter', 400],
    ['no DocType', without('DocType'), 'MissingParameter', 400],
    ['unknown DocType', { ...VALID_INITIALIZE, DocType: '99999999' }, 'InvalidParameter', 400],
    ['DocOcrMax-style DocType', { ...VALID_INITIALIZE, DocType: 'GLB03002' }, 'InvalidParameter', 400],
    ['ReturnUrl that is not a URL', { ...VALID_INITIALIZE, ReturnUrl: 'not a url' }, 'InvalidParameter', 400],
    ['ReturnUrl javascript:', { ...VALID_INITIALIZE, ReturnUrl: 'javascript:alert(1)' }, 'InvalidParameter', 400],
    ['SceneCode of 11 characters', { ...VALID_INITIALIZE, SceneCode: 'a'.repeat(11) }, 'InvalidParameter', 400],
    ['SceneCode with a dash', { ...VALID_INITIALIZE, SceneCode: 'a-b' }, 'InvalidParameter', 400],
    ['IdSpoof T', { ...VALID_INITIALIZE, IdSpoof: 'T' }, 'InvalidParameter', 400],
    ['IdThreshold 4', { ...VALID_INITIALIZE, IdThreshold: '4' }, 'InvalidParameter', 400],
    ['ShowAlbumIcon 2', { ...VALID_INITIALIZE, ShowAlbumIcon: '2' }, 'InvalidParameter', 400],
    ['ShowOcrResult Y', { ...VALID_INITIALIZE, ShowOcrResult: 'Y' }, 'InvalidParameter', 400],
    ['ShowGuidePage 2', { ...VALID_INITIALIZE, ShowGuidePage: '2' }, 'InvalidParameter', 400],
    ['EditOcrResult true', { ...VALID_INITIALIZE, EditOcrResult: 'true' }, 'InvalidParameter', 400],
    ['CallbackUrl over http', { ...VALID_INITIALIZE, CallbackUrl: 'http://merchant.example.com/cb' }, 'InvalidParameter', 400],
    ['CallbackUrl ftp', { ...VALID_INITIALIZE, CallbackUrl: 'ftp://merchant.example.com/cb' }, 'InvalidParameter', 400],
    ['CallbackUrl with credentials', { ...VALID_INITIALIZE, CallbackUrl: 'https://u:p@merchant.example.com/cb' }, 'InvalidParameter', 400],
    ['CallbackToken with a space', { ...VALID_INITIALIZE, CallbackToken: 'a b' }, 'InvalidParameter', 400],
    ['CallbackToken of 129 characters', { ...VALID_INITIALIZE, CallbackToken: 't'.repeat(129) }, 'InvalidParameter', 400],
    ['LanguageConfig not JSON', { ...VALID_INITIALIZE, LanguageConfig: '{' }, 'InvalidParameter', 400],
    ['LanguageConfig unknown text key', { ...VALID_INITIALIZE, LanguageConfig: '{"en":{"titel":"x"}}' }, 'InvalidParameter', 400],
    ['LanguageConfig unknown language without texts', { ...VALID_INITIALIZE, LanguageConfig: '{"lang":"ja"}' }, 'InvalidParameter', 400],
    ['StyleConfig bad colour', { ...VALID_INITIALIZE, StyleConfig: '{"colors":{"primary":"red; background:url(x)"}}' }, 'InvalidParameter', 400],
    ['StyleConfig unknown key', { ...VALID_INITIALIZE, StyleConfig: '{"font":"x"}' }, 'InvalidParameter', 400],
    ['DocPageConfig not an array', { ...VALID_INITIALIZE, DocPageConfig: '"01"' }, 'InvalidParameter', 400],
    ['DocPageConfig back page of a passport', { ...VALID_INITIALIZE, DocPageConfig: '["01","02"]' }, 'InvalidParameter', 400],
    ['DocPageConfig page 03', { ...VALID_INITIALIZE, DocPageConfig: '["03"]' }, 'InvalidParameter', 400],
  ];

  for (const [name, query, code, status] of initializeCases) {
    it(`Initialize: ${name} → ${code} (${status})`, async () => {
      const e = await callError(initializeCall(server.port, query));
      assert.equal(e.code, code, e.data?.Message);
      assert.equal(e.statusCode, status);
    });
  }

  it('Initialize answers TransactionId, an unguessable TransactionUrl on the public URL and Protocol', async () => {
    const res = await initializeCall(server.port, {
      ...VALID_INITIALIZE,
      ReturnUrl: 'https://merchant.example.com/done',
      SceneCode: 'scene_1',
      IdSpoof: 'Y',
      IdThreshold: '1',
      ShowAlbumIcon: '0',
      ShowOcrResult: '1',
      ShowGuidePage: '0',
      EditOcrResult: '1',
      CallbackUrl: 'https://merchant.example.com/cb?x=1',
      CallbackToken: 'NMjvQanQgplBSaEI0sL',
      LanguageConfig: JSON.stringify({ lang: 'zh-TW', 'zh-TW': { title: '驗證' } }),
      StyleConfig: JSON.stringify({ colors: { primary: '#ff6a00' }, radius: 4 }),
    });
    assert.equal(res.body.Code, 'Success');
    const { TransactionId, TransactionUrl, Protocol } = res.body.Result;
    assert.match(TransactionId, /^oidv[0-9a-f]{28}$/);
    const m = /^https:\/\/idv\.example\.com\/base\/h\/([A-Za-z0-9_-]{43})$/.exec(TransactionUrl);
    assert.ok(m, TransactionUrl);
    assert.ok(Buffer.from(m[1]!, 'base64url').length >= 16, 'at least 128 bits');
    assert.equal(JSON.parse(Buffer.from(Protocol, 'base64url').toString()).url, TransactionUrl);
    const flow = await server.app.store.getHostedFlow(TransactionId);
    assert.ok(flow);
    assert.notEqual(flow.tokenHash, m[1], 'the token is stored hashed');
    assert.ok(!flow.optionsSealed?.includes('NMjvQanQgplBSaEI0sL'), 'the callback token is sealed');
    assert.ok(flow.linkExpiresAt - flow.createdAt === 30 * 60 * 1000, 'links expire after 30 minutes by default');
  });

  it('Initialize takes the DocPageConfig of a two-sided document when its reader exists', async () => {
    // 00000001 (PRC ID card) has two pages; without a reader in the catalogue it is refused as unsupported.
    const e = await callError(initializeCall(server.port, { ...VALID_INITIALIZE, DocType: '00000001', DocPageConfig: '["01","02"]' }));
    assert.equal(e.code, 'InvalidParameter');
    assert.match(e.data.Message, /not supported by this server yet|no page/);
  });

  const checkCases: Array<[string, Record<string, string>, string, number]> = [
    ['no MerchantBizId', { TransactionId: 'oidv00' }, 'MissingParameter', 400],
    ['no TransactionId', { MerchantBizId: 'biz1' }, 'MissingParameter', 400],
    ['IsReturnImage 1', { MerchantBizId: 'biz1', TransactionId: 'oidv00', IsReturnImage: '1' }, 'InvalidParameter', 400],
    ['an unknown TransactionId', { MerchantBizId: 'biz1', TransactionId: 'oidv0000000000000000000000000000' }, 'TransactionIdInvalid', 400],
  ];
  for (const [name, query, code, status] of checkCases) {
    it(`CheckResult: ${name} → ${code} (${status})`, async () => {
      const e = await callError(checkResultCall(server.port, query));
      assert.equal(e.code, code, e.data?.Message);
      assert.equal(e.statusCode, status);
    });
  }

  it('CheckResult: ProcessNotCompleted (404) while the user has not finished; TransactionIdInvalid for another MerchantBizId or account', async () => {
    const res = await initializeCall(server.port, VALID_INITIALIZE);
    const id = res.body.Result.TransactionId as string;
    const pending = await callError(checkResultCall(server.port, { MerchantBizId: VALID_INITIALIZE.MerchantBizId, TransactionId: id }));
    assert.equal(pending.code, 'ProcessNotCompleted');
    assert.equal(pending.statusCode, 404);
    const other = await callError(checkResultCall(server.port, { MerchantBizId: 'someoneelse', TransactionId: id }));
    assert.equal(other.code, 'TransactionIdInvalid');
    assert.equal(other.statusCode, 400);

    const secret = 'other-account-secret-0123456789';
    const otherKey = await server.app.keys.put({ id: 'OTHERKEY00000001', secret, accountId: 'othermerchant' });
    const foreign = await callError(
      officialClient(server.port, { accessKeyId: otherKey.id, accessKeySecret: secret }).call(
        'CheckResult',
        {},
        { MerchantBizId: VALID_INITIALIZE.MerchantBizId, TransactionId: id },
      ),
    );
    assert.equal(foreign.code, 'TransactionIdInvalid');
  });
});

describe('Forbidden.ExceptionRepeatedInvoke', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(async () => recordingRecognizer(PASSPORT_OUTCOME).recognizer, {
      OPENIDV_RATE_LIMITS: '*=1000',
      OPENIDV_ABNORMAL_CALL_LIMIT: '3',
      OPENIDV_ABNORMAL_CALL_WINDOW_S: '600',
    });
  });
  after(() => server.close());

  it('refuses a MerchantBizId that keeps producing abnormal calls, counted in the store, and not the others', async () => {
    const bad = { ...VALID_INITIALIZE, MerchantBizId: 'abusive1', MerchantUserId: 'mallory', DocType: '99999999' };
    for (let i = 0; i < 3; i++) assert.equal((await callError(initializeCall(server.port, bad))).code, 'InvalidParameter');
    const blocked = await callError(initializeCall(server.port, { ...bad, DocType: '01000000' }));
    assert.equal(blocked.code, 'Forbidden.ExceptionRepeatedInvoke');
    assert.equal(blocked.statusCode, 401);
    // The same user under a fresh business id is still refused: the user id is a subject too.
    const sameUser = await callError(initializeCall(server.port, { ...VALID_INITIALIZE, MerchantBizId: 'fresh1', MerchantUserId: 'mallory' }));
    assert.equal(sameUser.code, 'Forbidden.ExceptionRepeatedInvoke');
    const ok = await initializeCall(server.port, { ...VALID_INITIALIZE, MerchantBizId: 'honest1', MerchantUserId: 'alice' });
    assert.equal(ok.body.Code, 'Success');
    // CheckResult probing for foreign TransactionIds counts as well.
    for (let i = 0; i < 3; i++) {
      const e = await callError(checkResultCall(server.port, { MerchantBizId: 'prober1', TransactionId: `oidvguess${i}` }));
      assert.equal(e.code, 'TransactionIdInvalid');
    }
    const probe = await callError(checkResultCall(server.port, { MerchantBizId: 'prober1', TransactionId: 'oidvguess9' }));
    assert.equal(probe.code, 'Forbidden.ExceptionRepeatedInvoke');
  });
});
