/**
 * Hosted flow latency, end to end over loopback with the real worker pool, driven like a merchant and a
 * browser would (the official client for Initialize/CheckResult, plain HTTP for the page):
 *
 *   node dist/bench/hosted-flow.js [--flows N]
 *
 * Per stage p50/p95 (ms): Initialize, page load, capture (upload + quality inspection + recognition of a
 * phone photo of a passport from testkit/docgen),
 * confirm (completion + callback queued), callback received by the merchant, CheckResult.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtil from '@alicloud/tea-util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/log/logger.js';
import { createWorkerPool } from '../src/pipeline/pool.js';
import { generateDocument } from '../testkit/docgen/index.js';
import { arg, ms, percentile, table } from './lib.js';

type Client = { callApi(p: unknown, r: unknown, o: unknown): Promise<{ body: { Result: Record<string, string> } }> };
const OpenApi = (OpenApiModule as unknown as { default: { default: new (c: unknown) => Client } }).default.default;
const params = (action: string) =>
  new OpenApiModule.Params({ action, version: '2022-08-09', protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });

const flows = Number(arg('flows') ?? 10);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-bench-hosted-'));
const received = new Map<string, number>();
const merchant = http.createServer((req, res) => {
  const id = new URL(req.url ?? '/', 'http://m').searchParams.get('transactionId');
  if (id) received.set(id, performance.now());
  res.writeHead(200).end();
});
await new Promise<void>((r) => merchant.listen(0, '127.0.0.1', r));
const callback = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/cb`;

const config = loadConfig({
  OPENIDV_DATA_DIR: dataDir,
  OPENIDV_ACCESS_KEY_ID: 'BENCHKEY00000001',
  OPENIDV_ACCESS_KEY_SECRET: 'bench-secret-0123456789',
  OPENIDV_LOG_LEVEL: 'silent',
  OPENIDV_RATE_LIMITS: '*=10000',
  OPENIDV_ALLOW_PRIVATE_URLS: '1',
  OPENIDV_CALLBACK_ALLOW_HTTP: '1',
  OPENIDV_CALLBACK_POLL_MS: '1000',
});
const app = await createApp(config, createLogger('silent'), () => createWorkerPool({ workers: 1, engineThreads: 1 }));
await app.ready;
await app.server.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.server.address() as AddressInfo).port;
const client = new OpenApi(new OpenApiModule.Config({ accessKeyId: 'BENCHKEY00000001', accessKeySecret: 'bench-secret-0123456789', endpoint: `127.0.0.1:${port}`, protocol: 'http' }));
const call = (action: string, query: Record<string, string>) =>
  client.callApi(params(action), new OpenApiModule.OpenApiRequest({ query, body: {} }), new TeaUtil.RuntimeOptions({}));
const photo = new Uint8Array((await generateDocument({ code: 'GLB03002', seed: 2 })).image);

const stages = ['Initialize', 'page load', 'capture', 'confirm', 'callback received', 'CheckResult'] as const;
const times: Record<(typeof stages)[number], number[]> = Object.fromEntries(stages.map((s) => [s, []])) as never;
let passed = 0;
const started = performance.now();
for (let i = 0; i < flows; i++) {
  let t = performance.now();
  const lap = (stage: (typeof stages)[number]) => {
    const now = performance.now();
    times[stage].push(now - t);
    t = now;
  };
  const init = await call('Initialize', {
    ProductCode: 'ID_OCR', MerchantBizId: `bench${i}`, MerchantUserId: 'u', DocType: '01000000',
    MetaInfo: '{"deviceType":"h5"}', CallbackUrl: callback, EditOcrResult: '1',
  });
  const { TransactionId: id, TransactionUrl: url } = init.body.Result as { TransactionId: string; TransactionUrl: string };
  lap('Initialize');
  await (await fetch(url)).text();
  lap('page load');
  const shot = (await (await fetch(`${url}/pages/01`, { method: 'POST', body: photo, headers: { 'content-type': 'image/jpeg' } })).json()) as { next: string };
  lap('capture');
  if (shot.next !== 'result') throw new Error(`capture answered ${JSON.stringify(shot)}`);
  await (await fetch(`${url}/confirm`, { method: 'POST', body: JSON.stringify({ fields: {} }), headers: { 'content-type': 'application/json' } })).json();
  const confirmed = performance.now();
  lap('confirm');
  while (!received.has(id)) await new Promise((r) => setTimeout(r, 2));
  times['callback received'].push(received.get(id)! - confirmed);
  t = performance.now();
  const res = await call('CheckResult', { MerchantBizId: `bench${i}`, TransactionId: id });
  lap('CheckResult');
  if (res.body.Result.Passed === 'Y') passed++;
}
const total = performance.now() - started;
console.log(`\nHosted flow, ${flows} sequential flows, 1 worker, docgen passport photo (${os.availableParallelism()} CPUs)\n`);
console.log(table(['stage', 'p50 ms', 'p95 ms'], stages.map((s) => [s, ms(percentile(times[s], 0.5)), ms(percentile(times[s], 0.95))])));
console.log(`\npassed ${passed}/${flows}; ${(flows / (total / 1000)).toFixed(2)} flows/s sequential`);
app.server.server.closeAllConnections();
await app.close();
merchant.close();
fs.rmSync(dataDir, { recursive: true, force: true });
