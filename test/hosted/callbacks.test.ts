import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { backoffMs, callbackUrl, httpGet } from '../../src/hosted/callbacks.js';
import { createLogger } from '../../src/log/logger.js';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, officialClient } from '../helpers/app.js';
import { PASSPORT_OUTCOME, recordingRecognizer } from '../helpers/recorder.js';
import { VALID_INITIALIZE } from './helpers.js';

/** The merchant's callback endpoint: answers the queued statuses in turn (then 200) and records the queries. */
class MerchantEndpoint {
  readonly received: URLSearchParams[] = [];
  statuses: number[] = [];
  private server = http.createServer((req, res) => {
    this.received.push(new URL(req.url ?? '/', 'http://x').searchParams);
    res.writeHead(this.statuses.shift() ?? 200).end('ok');
  });
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify?shop=7`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const ENV = {
  OPENIDV_ACCESS_KEY_ID: ACCESS_KEY_ID,
  OPENIDV_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
  OPENIDV_LOG_LEVEL: 'silent',
  OPENIDV_RATE_LIMITS: '*=1000',
  OPENIDV_ALLOW_PRIVATE_URLS: '1',
  OPENIDV_CALLBACK_ALLOW_HTTP: '1',
  OPENIDV_CALLBACK_POLL_MS: '20',
  OPENIDV_CALLBACK_RETRY_BASE_MS: '40',
  OPENIDV_CALLBACK_TIMEOUT_MS: '1000',
  OPENIDV_CALLBACK_MAX_ATTEMPTS: '4',
};

async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<{ app: App; port: number; close(): Promise<void> }> {
  const config = loadConfig({ ...ENV, OPENIDV_DATA_DIR: dataDir, ...env });
  const app = await createApp(config, createLogger('silent'), async () => recordingRecognizer(PASSPORT_OUTCOME).recognizer);
  await app.ready;
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.server.address() as AddressInfo).port;
  return {
    app,
    port,
    async close() {
      app.server.server.closeAllConnections();
      await app.close();
    },
  };
}

/** Initialize with a callback and finish the flow through the page API. */
async function completeFlow(port: number, callback: string, token = 'cbToken123'): Promise<string> {
  const res = await officialClient(port).call('Initialize', {}, { ...VALID_INITIALIZE, ShowOcrResult: '0', CallbackUrl: callback, CallbackToken: token });
  const { TransactionId, TransactionUrl } = res.body.Result;
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#abc' } }).jpeg().toBuffer();
  const done = await fetch(`${TransactionUrl}/pages/01`, { method: 'POST', body: new Uint8Array(photo), headers: { 'content-type': 'image/jpeg' } });
  assert.equal(((await done.json()) as { next: string }).next, 'done');
  return TransactionId as string;
}

async function until(condition: () => Promise<boolean> | boolean, what: string, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('merchant callbacks', () => {
  const merchant = new MerchantEndpoint();
  let callback: string;
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-cb-'));
    dirs.push(d);
    return d;
  };
  before(async () => {
    callback = await merchant.start();
  });
  after(async () => {
    await merchant.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('GETs the CallbackUrl with callbackToken, transactionId, passed and subCode, keeping its own query', async () => {
    const server = await startApp(tmp());
    try {
      merchant.received.length = 0;
      const id = await completeFlow(server.port, callback);
      await until(() => merchant.received.length === 1, 'the callback');
      const q = merchant.received[0]!;
      assert.deepEqual(Object.fromEntries(q), { shop: '7', callbackToken: 'cbToken123', transactionId: id, passed: 'Y', subCode: '200' });
      await until(async () => (await server.app.store.getCallback(id))?.status === 'delivered', 'delivered status');
      const row = await server.app.store.getCallback(id);
      assert.deepEqual([row?.attempts, row?.lastOutcome], [1, 'HTTP 200']);
      assert.ok(row?.urlSealed && !row.urlSealed.includes('cbToken123'), 'the URL with its token is sealed at rest');
    } finally {
      await server.close();
    }
  });

  it('retries non-2xx answers with back-off and records every attempt', async () => {
    const server = await startApp(tmp());
    try {
      merchant.received.length = 0;
      merchant.statuses = [500, 404, 302];
      const id = await completeFlow(server.port, callback);
      await until(async () => (await server.app.store.getCallback(id))?.status === 'delivered', 'delivery after three failures');
      assert.equal(merchant.received.length, 4);
      const row = await server.app.store.getCallback(id);
      assert.deepEqual([row?.attempts, row?.lastOutcome], [4, 'HTTP 200']);
    } finally {
      await server.close();
    }
  });

  it('gives up after the last attempt when the endpoint is unreachable', async () => {
    const server = await startApp(tmp());
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    try {
      const id = await completeFlow(server.port, `http://127.0.0.1:${deadPort}/cb`);
      await until(async () => (await server.app.store.getCallback(id))?.status === 'failed', 'the callback to be given up');
      const row = await server.app.store.getCallback(id);
      assert.equal(row?.attempts, 4);
      assert.equal(row?.lastOutcome, 'ECONNREFUSED');
    } finally {
      await server.close();
    }
  });

  it('resumes pending callbacks after a restart', async () => {
    const dataDir = tmp();
    // First life: the merchant is down (503) and retries are an hour apart, so nothing more happens before the stop.
    const first = await startApp(dataDir, { OPENIDV_CALLBACK_RETRY_BASE_MS: '3600000' });
    merchant.received.length = 0;
    merchant.statuses = [503];
    let id: string;
    try {
      id = await completeFlow(first.port, callback);
      await until(async () => (await first.app.store.getCallback(id))?.attempts === 1, 'the first attempt');
    } finally {
      await first.close();
    }
    const pending = merchant.received.length;
    assert.equal(pending, 1);
    // Second life, same data dir: the stored callback is found and delivered once it is due.
    const second = await startApp(dataDir);
    try {
      await second.app.store.recordCallbackAttempt(id, { attempts: 1, status: 'pending', nextAttemptAt: Date.now(), lastAttemptAt: Date.now(), lastOutcome: 'HTTP 503' });
      await until(async () => (await second.app.store.getCallback(id))?.status === 'delivered', 'delivery after the restart');
      assert.equal(merchant.received.length, 2);
      assert.equal(merchant.received[1]!.get('transactionId'), id);
      assert.equal((await second.app.store.getCallback(id))?.attempts, 2);
    } finally {
      await second.close();
    }
  });

  it('never calls private addresses unless the operator allows them, and backs off exponentially', async () => {
    assert.deepEqual(await httpGet(callback, { timeoutMs: 1000, allowPrivate: false }), { ok: false, outcome: 'refused: private address' });
    assert.deepEqual(await httpGet('http://localhost:1/cb', { timeoutMs: 1000, allowPrivate: false }), { ok: false, outcome: 'refused: private address' });
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffMs(5000, n)), [5000, 10_000, 20_000, 40_000]);
    assert.equal(backoffMs(5000, 30), 3_600_000, 'at most an hour apart');
    assert.equal(
      callbackUrl('https://m.example.com/cb?a=1', { token: null, transactionId: 't1', passed: 'N', subCode: '211' }),
      'https://m.example.com/cb?a=1&transactionId=t1&passed=N&subCode=211',
    );
  });
});
