/**
 * The hosted flow in a real browser: Debian's Chromium driven by playwright-core, its fake camera fed a
 * passport photo, the real recognition pipeline behind the server. OPENIDV_SCREENSHOTS=1 also writes the
 * phone-viewport screenshots of docs/hosted-flow.md to docs/screenshots/ (scripts/screenshots.sh).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { startServer, type TestServer } from '../helpers/app.js';
import { reportSkipped, skipUnless } from '../helpers/optional.js';
import { PASSPORT_OUTCOME, recordingRecognizer } from '../helpers/recorder.js';
import { createWorkerPool } from '../../src/pipeline/pool.js';
import { writeFakeVideo, writeSpecimenVideo } from './fake-camera.js';
import { generateDocument } from '../../testkit/docgen/index.js';
import { checkResultCall, initializeCall, VALID_INITIALIZE } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const TD3 = path.resolve('../shared/data/public/PassportEye/tests/data/passport-td3.jpg');
const PAGE_SCRIPT = new URL('../../src/web/browser/capture.js', import.meta.url);
const SCREENSHOTS = process.env.OPENIDV_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : null;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' };

const skip = skipUnless(fs.existsSync(CHROMIUM), `Chromium (${CHROMIUM})`) || skipUnless(fs.existsSync(PAGE_SCRIPT), 'the page build (npm run build)');
reportSkipped(skip);

/** The merchant: callback endpoint and ReturnUrl page on one local server. */
class Merchant {
  readonly callbacks: URLSearchParams[] = [];
  private server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://merchant');
    if (url.pathname === '/cb') this.callbacks.push(url.searchParams);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>merchant</title><p>back at the merchant</p>');
  });
  base = '';
  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Collects console errors and CSP violations: the page must run clean under its policy. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

describe('hosted flow in Chromium', { skip }, () => {
  let server: TestServer;
  let merchant: Merchant;
  let tmp: string;
  let video: string;
  let camera: Browser;
  let noCamera: Browser;
  let usedUrl = '';

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-browser-'));
    video = path.join(tmp, 'passport.y4m');
    merchant = new Merchant();
    const [s, , c, n] = await Promise.all([
      startServer(() => createWorkerPool({ workers: 1, engineThreads: 1 }), {
        OPENIDV_RATE_LIMITS: '*=1000',
        OPENIDV_ALLOW_PRIVATE_URLS: '1',
        OPENIDV_CALLBACK_ALLOW_HTTP: '1',
        OPENIDV_CALLBACK_POLL_MS: '50',
      }),
      merchant.start(),
      writeFakeVideo(TD3, video).then(() =>
        chromium.launch({
          executablePath: CHROMIUM,
          args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
        }),
      ),
      chromium.launch({ executablePath: CHROMIUM, args: ['--use-fake-ui-for-media-stream'] }),
    ]);
    server = s;
    camera = c;
    noCamera = n;
  });

  after(async () => {
    await Promise.all([camera?.close(), noCamera?.close()]);
    await Promise.all([server?.close(), merchant?.stop()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const initialize = async (extra: Record<string, string>) => {
    const res = await initializeCall(server.port, { ...VALID_INITIALIZE, ...extra });
    const r = res.body.Result as { TransactionId: string; TransactionUrl: string; Protocol: string };
    return { id: r.TransactionId, url: r.TransactionUrl, protocol: r.Protocol };
  };
  const checkResult = async (id: string) =>
    (await checkResultCall(server.port, { MerchantBizId: VALID_INITIALIZE.MerchantBizId, TransactionId: id, IsReturnImage: 'Y' })).body.Result;

  it('camera: guide, live hints, automatic capture, edit a field, callback, ReturnUrl, CheckResult', async () => {
    const { id, url } = await initialize({
      EditOcrResult: '1',
      ReturnUrl: `${merchant.base}/return`,
      CallbackUrl: `${merchant.base}/cb`,
      CallbackToken: 'tok3n',
    });
    const context: BrowserContext = await camera.newContext(PHONE);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(url);
    await page.waitForSelector('main[data-step="guide"]');
    await shot(page, 'guide');
    await page.click('#start');
    // Nobody presses the shutter: the frame is good, so the page takes the photo itself.
    await page.waitForSelector('main[data-step="result"]', { timeout: 60_000 });
    await shot(page, 'result');
    assert.equal(await page.inputValue('input[name="passportNo"]'), 'L898902C3');
    assert.equal(await page.inputValue('input[name="surname"]'), 'ERIKSSON');
    await page.fill('input[name="givenname"]', 'ANNA MARIE');
    await page.click('#confirm');
    await page.waitForURL(`${merchant.base}/return?transactionId=${id}`);

    const deadline = Date.now() + 10_000;
    while (merchant.callbacks.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(Object.fromEntries(merchant.callbacks[0] ?? []), { callbackToken: 'tok3n', transactionId: id, passed: 'Y', subCode: '200' });

    const result = await checkResult(id);
    assert.deepEqual([result.Passed, result.SubCode], ['Y', '200']);
    const ext = JSON.parse(result.ExtIdInfo);
    assert.equal(ext.ocrIdPassed, 'Y');
    assert.equal(ext.ocrIdInfo.passportNo, 'L898902C3');
    assert.equal(ext.ocrIdInfo.givenname, 'ANNA MARIA');
    assert.equal(ext.ocrIdEditInfo.givenname, 'ANNA MARIE', 'the edit comes back as ocrIdEditInfo');
    assert.equal(ext.ocrIdEditInfo.passportNo, 'L898902C3');
    assert.ok(Buffer.from(ext.idImage, 'base64').subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])), 'the captured JPEG');
    assert.deepEqual(problems, []);
    usedUrl = url;
    await context.close();
  });

  it('camera: a document held too far gets the live hint and is not captured', async () => {
    // A drawn specimen card (no real document in the screenshots), at half the frame's width.
    const specimen = path.join(tmp, 'specimen.y4m');
    await writeSpecimenVideo(specimen);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${specimen}`],
    });
    try {
      const { url } = await initialize({ ShowGuidePage: '0' });
      const page = await (await browser.newContext(PHONE)).newPage();
      await page.goto(url);
      await page.waitForSelector('main[data-step="camera"] #hint[data-quality="far"]');
      assert.equal(await page.textContent('#hint'), 'Move closer');
      await page.waitForTimeout(1000);
      assert.equal(await page.getAttribute('main', 'data-step'), 'camera', 'no automatic capture of a bad frame');
      await shot(page, 'camera');
    } finally {
      await browser.close();
    }
  });

  it('no camera, in an iframe opened by the merchant script: the file-input fallback completes the flow', async () => {
    const context = await noCamera.newContext(PHONE);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${merchant.base}/shop`);
    await page.addScriptTag({ url: `http://127.0.0.1:${server.port}/hosted/openidv.js` });
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'idv';
      box.style.height = '800px';
      document.body.append(box);
    });
    const metaInfo = await page.evaluate(() => JSON.stringify((window as unknown as { getMetaInfo(): unknown }).getMetaInfo()));
    const { id, protocol } = await initialize({
      MetaInfo: metaInfo,
      ShowGuidePage: '0',
      LanguageConfig: JSON.stringify({ lang: 'zh-TW', 'zh-TW': { confirm: '確認送出' } }),
      StyleConfig: JSON.stringify({ colors: { primary: '#ff6a00' } }),
    });
    // Opened from Protocol (the iframe integration of the seed) rather than the URL.
    await page.evaluate((p) => {
      const w = window as unknown as { openidv: { start(o: unknown): unknown } };
      w.openidv.start({ protocol: p, mode: 'iframe', container: 'idv', onComplete: (r: unknown) => (document.body.dataset.idv = JSON.stringify(r)) });
    }, protocol);
    const frame = page.frameLocator('#idv iframe');
    await frame.locator('main[data-step="fallback"]').waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#no-camera').textContent(), '無法使用相機。請用相機拍照或選擇一張照片。');
    // First a photo without any document: the server answers 213 and the page asks for a retake.
    const blank = path.join(tmp, 'blank.jpg');
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#d8d4cc' } }).jpeg().toFile(blank);
    await frame.locator('#file-input').setInputFiles(blank);
    await frame.locator('main[data-step="retake"]').waitFor({ timeout: 60_000 });
    // 211 (quality inspection finds no sharp document) or 213 (no document read), each with its own text.
    const subCode = await frame.locator('#problem').getAttribute('data-sub-code');
    const texts: Record<string, string> = { '211': '照片不夠清晰，請確保證件完整、清晰、光線充足後重試。', '213': '照片中未偵測到所需證件，請重試。' };
    assert.ok(subCode && texts[subCode], String(subCode));
    assert.equal(await frame.locator('#problem').textContent(), texts[subCode]);
    await frame.locator('#retake').click();
    await frame.locator('main[data-step="fallback"]').waitFor({ timeout: 15_000 });
    // A phone photo of a passport (testkit/docgen), as an album or camera app would hand it over.
    const passport = await generateDocument({ code: 'GLB03002', seed: 2 });
    const photo = path.join(tmp, 'passport-photo.jpg');
    fs.writeFileSync(photo, passport.image);
    await frame.locator('#file-input').setInputFiles(photo);
    await frame.locator('main[data-step="result"]').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('input[name="passportNo"]').inputValue(), passport.truth.passportNo);
    assert.equal(await frame.locator('input[name="passportNo"]').getAttribute('readonly'), '', 'EditOcrResult=0: read-only fields');
    const confirm = frame.locator('#confirm');
    assert.equal(await confirm.textContent(), '確認送出', 'LanguageConfig overrides a built-in text');
    assert.equal(await confirm.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(255, 106, 0)', 'StyleConfig colour');
    await confirm.click();
    await page.waitForSelector('body[data-idv]');
    assert.deepEqual(JSON.parse((await page.getAttribute('body', 'data-idv'))!), { transactionId: id, passed: 'Y', subCode: '200' });
    const result = await checkResult(id);
    assert.equal(result.Passed, 'Y');
    assert.equal(JSON.parse(result.ExtIdInfo).ocrIdInfo.passportNo, passport.truth.passportNo);
    assert.deepEqual(problems, []);

    // The same fallback as a top-level page, for the screenshot.
    if (SCREENSHOTS) {
      const again = await initialize({ ShowGuidePage: '0' });
      await page.goto(again.url);
      await page.waitForSelector('main[data-step="fallback"]', { timeout: 15_000 });
      await shot(page, 'fallback');
    }
    await context.close();
  });

  it('two-sided PRC ID card through the upload fallback: front, then back, both in CheckResult', async () => {
    const front = await generateDocument({ code: 'CHN01001', page: '01', seed: 7 });
    const back = await generateDocument({ code: 'CHN01001', page: '02', seed: 7 });
    const files = { front: path.join(tmp, 'id-front.jpg'), back: path.join(tmp, 'id-back.jpg') };
    fs.writeFileSync(files.front, front.image);
    fs.writeFileSync(files.back, back.image);
    const { id, url } = await initialize({ DocType: '00000001', DocPageConfig: '["01","02"]', ShowGuidePage: '0', LanguageConfig: '{"lang":"zh-CN"}' });
    const context = await noCamera.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('main[data-step="fallback"]', { timeout: 15_000 });
    assert.equal(await page.textContent('h1'), '请将证件正面放入框内');
    await page.setInputFiles('#file-input', files.front);
    await page.waitForSelector('main[data-step="fallback"] h1:text("请将证件背面放入框内")', { timeout: 60_000 });
    await page.setInputFiles('#file-input', files.back);
    await page.waitForSelector('main[data-step="result"]', { timeout: 60_000 });
    assert.equal(await page.inputValue('input[name="idNumber"]'), front.truth.idNumber);
    await page.click('#confirm');
    await page.waitForSelector('main[data-step="done"]');
    const ext = JSON.parse((await checkResult(id)).ExtIdInfo);
    assert.equal(ext.ocrIdInfo.idNumber, front.truth.idNumber);
    assert.equal(ext.ocrIdInfo.name, front.truth.name);
    assert.ok(ext.ocrIdBackInfo && Object.keys(ext.ocrIdBackInfo).length > 0, JSON.stringify(ext.ocrIdBackInfo));
    assert.ok(ext.spoofBackInfo);
    assert.ok(ext.idImage && ext.idBackImage);
    await context.close();
  });

  it('refuses a reused link and an expired one', async () => {
    assert.ok(usedUrl, 'the camera run left a completed link');
    const context = await noCamera.newContext(PHONE);
    const page = await context.newPage();
    const used = await page.goto(usedUrl);
    assert.equal(used?.status(), 410);
    assert.equal(await page.getAttribute('#link-state', 'data-state'), 'used');

    // A server whose links live one second.
    const short = await startServer(async () => recordingRecognizer(PASSPORT_OUTCOME).recognizer, { OPENIDV_HOSTED_LINK_TTL_S: '1' });
    try {
      const res = await initializeCall(short.port, VALID_INITIALIZE);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await page.goto(res.body.Result.TransactionUrl);
      assert.equal(expired?.status(), 410);
      assert.equal(await page.getAttribute('#link-state', 'data-state'), 'expired');
    } finally {
      await short.close();
      await context.close();
    }
  });
});
