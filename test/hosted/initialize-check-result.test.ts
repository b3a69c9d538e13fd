import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callError, officialClient, startServer, type TestServer } from '../helpers/app.js';
import sharp from 'sharp';
import { checkResultCall, initializeCall, VALID_INITIALIZE } from './helpers.js';
import type { FlowOptions } from '../../src/hosted/options.js';
import { ID_OCR_DOC_TYPES } from '../../src/documents/id-ocr-codes.js';
import { isSupported } from '../../src/documents/registry.js';
import { hashLinkToken, newLinkToken } from '../../src/hosted/token.js';
import { loadMasterKey, Sealer } from '../../src/security/sealer.js';
import { PASSPORT_OUTCOME, recordingRecognizer } from '../helpers/recorder.js';
import type { RecognitionOutcome, RecognitionRequest } from '../../src/pipeline/types.js';

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

  it('Initialize takes the DocPageConfig of a two-sided document (PRC ID card, both pages)', async () => {
    const res = await initializeCall(server.port, { ...VALID_INITIALIZE, DocType: '00000001', DocPageConfig: '["02","01"]' });
    assert.equal(res.body.Code, 'Success');
    assert.equal((await server.app.store.getHostedFlow(res.body.Result.TransactionId))?.docType, '00000001');
  });

  it('Initialize accepts every ID_OCR DocType the document registry reads, and refuses the others as unsupported', async () => {
    for (const [code, entry] of Object.entries(ID_OCR_DOC_TYPES)) {
      if (isSupported(entry.catalogue)) {
        const res = await initializeCall(server.port, { ...VALID_INITIALIZE, DocType: code });
        assert.equal(res.body.Code, 'Success', code);
      } else {
        const e = await callError(initializeCall(server.port, { ...VALID_INITIALIZE, DocType: code }));
        assert.match(e.data.Message, /not supported by this server yet/, code);
      }
    }
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

const QUALITY_FAIL: RecognitionOutcome = { kind: 'result', passed: 'N', subCode: '211', extIdInfo: {}, timings: {} };

const jpeg = () => sharp({ create: { width: 400, height: 300, channels: 3, background: '#88aacc' } }).jpeg().toBuffer();

async function pagePost(url: string, path: string, body: Buffer | string, type: string) {
  const res = await fetch(`${url}${path}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': type } });
  return { status: res.status, json: (await res.json()) as any, headers: res.headers };
}

describe('the capture page API behind TransactionUrl, and CheckResult of completed flows', () => {
  let server: TestServer;
  let outcomes: RecognitionOutcome[] = [PASSPORT_OUTCOME];
  let seen: RecognitionRequest[] = [];
  before(async () => {
    server = await startServer(
      async () => ({
        recognize: async (r) => {
          seen.push(r);
          return outcomes[Math.min(seen.length - 1, outcomes.length - 1)]!;
        },
        close: async () => undefined,
      }),
      {
        OPENIDV_RATE_LIMITS: '*=1000',
        OPENIDV_HOSTED_MAX_ATTEMPTS: '2',
        OPENIDV_MAX_IMAGE_BYTES: '65536',
        OPENIDV_HOSTED_LINK_TTL_S: '1',
        OPENIDV_HOSTED_FRAME_ANCESTORS: 'https://shop.example.com https://m.shop.example.com',
      },
    );
  });
  after(() => server.close());

  const start = async (extra: Record<string, string> = {}) => {
    seen = [];
    const res = await initializeCall(server.port, { ...VALID_INITIALIZE, ...extra });
    return { id: res.body.Result.TransactionId as string, url: res.body.Result.TransactionUrl as string };
  };
  const check = (id: string, image = 'N') =>
    checkResultCall(server.port, { MerchantBizId: VALID_INITIALIZE.MerchantBizId, TransactionId: id, IsReturnImage: image });

  it('serves the page with a strict CSP, recognises the photo with the flow options, takes edits and answers CheckResult', async () => {
    outcomes = [PASSPORT_OUTCOME];
    const { id, url } = await start({ EditOcrResult: '1', IdSpoof: 'Y', IdThreshold: '2', ReturnUrl: 'https://merchant.example.com/back?a=1' });
    assert.ok(url.startsWith(`http://127.0.0.1:${server.port}/h/`), url);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors https:\/\/shop\.example\.com https:\/\/m\.shop\.example\.com$/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    assert.ok(!/<script>(?!<)/.test(html) && !html.includes('onclick'), 'no inline script');
    assert.match(html, /<script type="module" src="\.\.\/hosted\/static\/capture\.js">/);
    for (const asset of ['capture.js', 'i18n.js', 'quality.js', 'capture.css']) {
      assert.equal((await fetch(new URL(`../hosted/static/${asset}`, url))).status, 200, asset);
    }

    const photo = await jpeg();
    const wrongType = await pagePost(url, '/pages/01', photo, 'image/gif');
    assert.equal(wrongType.status, 415);
    const notAnImage = await pagePost(url, '/pages/01', Buffer.from('GIF89a....'), 'image/jpeg');
    assert.equal(notAnImage.status, 415);
    const tooLarge = await pagePost(url, '/pages/01', Buffer.concat([photo, Buffer.alloc(70_000)]), 'image/jpeg');
    assert.equal(tooLarge.status, 401);
    assert.equal(tooLarge.json.Code, 'ToolargeImage');
    assert.equal(seen.length, 0, 'refused uploads never reach recognition');

    const captured = await pagePost(url, '/pages/01', photo, 'image/jpeg');
    assert.equal(captured.status, 200);
    assert.deepEqual(captured.json, { next: 'result', fields: PASSPORT_OUTCOME.kind === 'result' ? PASSPORT_OUTCOME.extIdInfo.ocrIdInfo : {}, backFields: {} });
    assert.deepEqual(
      { docType: seen[0]!.docType, docPage: seen[0]!.docPage, idSpoof: seen[0]!.idSpoof, idThreshold: seen[0]!.idThreshold, ocrModel: seen[0]!.ocrModel },
      { docType: 'GLB03002', docPage: '01', idSpoof: true, idThreshold: '2', ocrModel: '0' },
    );
    assert.equal((await callError(check(id))).code, 'ProcessNotCompleted', 'not finished before the result page is confirmed');

    const unknownField = await pagePost(url, '/confirm', JSON.stringify({ fields: { nope: 'x' } }), 'application/json');
    assert.equal(unknownField.status, 422);
    const done = await pagePost(url, '/confirm', JSON.stringify({ fields: { givenname: 'ANNA MARIE' } }), 'application/json');
    assert.equal(done.status, 200);
    assert.deepEqual(done.json, {
      next: 'done',
      transactionId: id,
      redirect: `https://merchant.example.com/back?a=1&transactionId=${id}`,
      passed: 'Y',
      subCode: '200',
    });

    const res = await check(id);
    assert.equal(res.body.Result.Passed, 'Y');
    assert.equal(res.body.Result.SubCode, '200');
    const ext = JSON.parse(res.body.Result.ExtIdInfo);
    assert.equal(ext.ocrIdPassed, 'Y');
    assert.deepEqual(ext.ocrIdInfo, { surname: 'ERIKSSON', givenname: 'ANNA MARIA', passportNo: 'L898902C3' });
    assert.deepEqual(ext.ocrIdEditInfo, { surname: 'ERIKSSON', givenname: 'ANNA MARIE', passportNo: 'L898902C3' });
    assert.deepEqual(ext.spoofInfo, { spoofResult: 'N', spoofType: [] });
    assert.equal(ext.idImage, undefined, 'no image unless IsReturnImage=Y');
    const withImage = JSON.parse((await check(id, 'Y')).body.Result.ExtIdInfo);
    assert.equal(withImage.idImage, photo.toString('base64'));

    // Single use: after completion the link is refused, page and API alike.
    assert.equal((await fetch(url)).status, 410);
    assert.equal((await pagePost(url, '/pages/01', photo, 'image/jpeg')).status, 410);
    // Encrypted at rest: neither fields nor image appear in the stored row.
    const row = await server.app.store.getHostedFlow(id);
    assert.ok(row?.resultSealed && !row.resultSealed.includes('ERIKSSON') && !row.resultSealed.includes(photo.toString('base64').slice(0, 40)));
  });

  it('refuses edits when EditOcrResult is 0, and finishes without a result page when ShowOcrResult is 0', async () => {
    outcomes = [PASSPORT_OUTCOME];
    const a = await start({ EditOcrResult: '0' });
    assert.equal((await pagePost(a.url, '/pages/01', await jpeg(), 'image/jpeg')).json.next, 'result');
    assert.equal((await pagePost(a.url, '/confirm', JSON.stringify({ fields: { surname: 'X' } }), 'application/json')).status, 422);
    assert.equal((await pagePost(a.url, '/confirm', JSON.stringify({ fields: { surname: 'ERIKSSON' } }), 'application/json')).json.next, 'done');

    const b = await start({ ShowOcrResult: '0' });
    const done = await pagePost(b.url, '/pages/01', await jpeg(), 'image/jpeg');
    assert.equal(done.json.next, 'done');
    assert.equal(done.json.redirect, null);
    const ext = JSON.parse((await check(b.id)).body.Result.ExtIdInfo);
    assert.equal(ext.ocrIdEditInfo, undefined);
  });

  it('asks for a retake on 211 and ends with Passed=N after the last attempt', async () => {
    outcomes = [QUALITY_FAIL];
    const { id, url } = await start();
    const first = await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg');
    assert.deepEqual(first.json, { next: 'retake', subCode: '211', attemptsLeft: 1 });
    const last = await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg');
    assert.equal(last.json.next, 'done');
    assert.equal(last.json.passed, 'N');
    const res = await check(id, 'Y');
    assert.deepEqual([res.body.Result.Passed, res.body.Result.SubCode], ['N', '211']);
    const ext = JSON.parse(res.body.Result.ExtIdInfo);
    assert.equal(ext.ocrIdPassed, 'N');
    assert.deepEqual(ext.ocrIdInfo, {});
    assert.equal(ext.idImage, undefined, 'no image of a failed capture');
  });

  it('recovers from a retake: 212 then a good photo passes', async () => {
    outcomes = [{ kind: 'result', passed: 'N', subCode: '212', extIdInfo: { spoofInfo: { spoofResult: 'Y', spoofType: ['SCREEN'] } }, timings: {} }, PASSPORT_OUTCOME];
    const { url } = await start({ ShowOcrResult: '0' });
    assert.equal((await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg')).json.subCode, '212');
    const done = await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg');
    assert.deepEqual([done.json.next, done.json.passed], ['done', 'Y']);
  });

  it('two-sided documents: front, then back, both in ExtIdInfo', async () => {
    // Written as Initialize would, with a recogniser double answering for both pages.
    const sealer = new Sealer(loadMasterKey(null, server.dataDir));
    const token = newLinkToken();
    const id = `oidvtwosided${Date.now()}`;
    const options: FlowOptions = {
      docType: '00000001', catalogueCode: 'CHN01001', pages: ['01', '02'], returnUrl: null, sceneCode: null,
      merchantUserId: 'u1', idSpoof: true, idThreshold: '0', showAlbumIcon: true, showOcrResult: true,
      showGuidePage: true, editOcrResult: false, callbackUrl: null, callbackToken: null,
      language: { lang: null, texts: {} }, style: { colors: {}, texts: {}, radius: null },
    };
    const now = Date.now();
    await server.app.store.insertHostedFlow({
      id, accountId: 'default', merchantBizId: VALID_INITIALIZE.MerchantBizId, tokenHash: hashLinkToken(token), docType: '00000001',
      optionsSealed: sealer.seal(JSON.stringify(options), `hosted-options:${id}`), progressSealed: null, state: 'pending',
      passed: null, subCode: null, resultSealed: null, createdAt: now, linkExpiresAt: now + 60_000, completedAt: null, expiresAt: now + 86_400_000,
    });
    const front: RecognitionOutcome = { kind: 'result', passed: 'Y', subCode: '200', extIdInfo: { ocrIdInfo: { name: '张三', idNumber: '11010119900307001X' }, spoofInfo: { spoofResult: 'N', spoofType: [] } }, timings: {} };
    const back: RecognitionOutcome = { kind: 'result', passed: 'Y', subCode: '200', extIdInfo: { ocrIdInfo: { issueDate: '2015-01-01', originOfIssue: '北京市公安局' }, spoofInfo: { spoofResult: 'N', spoofType: [] } }, timings: {} };
    outcomes = [front, back];
    seen = [];
    const url = `http://127.0.0.1:${server.port}/h/${token}`;
    assert.equal((await pagePost(url, '/confirm', JSON.stringify({ fields: {} }), 'application/json')).status, 422, 'nothing to confirm yet');
    assert.deepEqual((await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg')).json, { next: 'page', page: '02' });
    assert.equal((await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg')).status, 422, 'a page is captured once');
    const result = await pagePost(url, '/pages/02', await jpeg(), 'image/jpeg');
    assert.deepEqual(result.json, { next: 'result', fields: { name: '张三', idNumber: '11010119900307001X' }, backFields: { issueDate: '2015-01-01', originOfIssue: '北京市公安局' } });
    assert.deepEqual(seen.map((r) => [r.docType, r.docPage]), [['CHN01001', '01'], ['CHN01001', '02']]);
    // A reload of the page shows the result again rather than the camera.
    assert.match(await (await fetch(url)).text(), /"resume":\{"fields":\{"name":"张三"/);
    assert.equal((await pagePost(url, '/confirm', JSON.stringify({ fields: {} }), 'application/json')).json.next, 'done');
    const res = await check(id, 'Y');
    const ext = JSON.parse(res.body.Result.ExtIdInfo);
    assert.deepEqual(ext.ocrIdBackInfo, { issueDate: '2015-01-01', originOfIssue: '北京市公安局' });
    assert.deepEqual(ext.spoofBackInfo, { spoofResult: 'N', spoofType: [] });
    assert.ok(ext.idImage && ext.idBackImage);
  });

  it('refuses unknown and expired links', async () => {
    const unknown = await fetch(`http://127.0.0.1:${server.port}/h/${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /data-state="unknown"/);
    const { url } = await start();
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await fetch(url);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /data-state="expired"/);
    assert.equal((await pagePost(url, '/pages/01', await jpeg(), 'image/jpeg')).status, 410);
  });

  it('serves the merchant script with getMetaInfo and the flow opener', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/hosted/openidv.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    const js = await res.text();
    assert.match(js, /getMetaInfo/);
    assert.match(js, /openidv:done/);
  });
});
