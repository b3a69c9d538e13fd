import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtil from '@alicloud/tea-util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/log/logger.js';
import { createWorkerPool } from '../src/pipeline/pool.js';
import { percentile } from './lib.js';

type Client = { callApi(p: unknown, r: unknown, o: unknown): Promise<{ body: { Result: { SubCode: string } } }> };
const OpenApi = (OpenApiModule as unknown as { default: { default: new (c: unknown) => Client } }).default.default;

export interface LoadRow {
  readonly workers: number;
  readonly concurrency: number;
  readonly requests: number;
  readonly ok: number;
  readonly p50: number;
  readonly p95: number;
  readonly throughput: number;
}

/** Serves the API on loopback with a worker pool and drives it with the official client. */
export async function benchServer(image: Buffer, requests: number): Promise<LoadRow[]> {
  const workers = Math.max(1, Math.min(os.availableParallelism(), 8));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-bench-'));
  const config = loadConfig({
    OPENIDV_DATA_DIR: dataDir,
    OPENIDV_ACCESS_KEY_ID: 'BENCHKEY00000001',
    OPENIDV_ACCESS_KEY_SECRET: 'bench-secret-0123456789',
    OPENIDV_LOG_LEVEL: 'silent',
    OPENIDV_RATE_LIMITS: '*=10000',
    OPENIDV_WORKERS: String(workers),
  });
  const app = await createApp(config, createLogger('silent'), () => createWorkerPool({ workers, engineThreads: 1 }));
  await app.ready;
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.server.address() as { port: number }).port;
  const client = new OpenApi(
    new OpenApiModule.Config({ accessKeyId: 'BENCHKEY00000001', accessKeySecret: 'bench-secret-0123456789', endpoint: `127.0.0.1:${port}`, protocol: 'http' }),
  );
  const params = new OpenApiModule.Params({
    action: 'DocOcrMax', version: '2022-08-09', protocol: 'HTTPS', pathname: '/', method: 'POST',
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const body = { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'bench', DocType: 'GLB03002', IdOcrPictureBase64: image.toString('base64') };
  const one = async (): Promise<[number, boolean]> => {
    const t0 = performance.now();
    const res = await client.callApi(params, new OpenApiModule.OpenApiRequest({ body }), new TeaUtil.RuntimeOptions({ readTimeout: 120_000, connectTimeout: 120_000 }));
    return [performance.now() - t0, res.body.Result.SubCode === '200'];
  };
  const rows: LoadRow[] = [];
  try {
    await one(); // warm the HTTP path
    for (const concurrency of [1, workers]) {
      const times: number[] = [];
      let ok = 0;
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < requests) {
            const [t, good] = await one();
            times.push(t);
            if (good) ok++;
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ workers, concurrency, requests, ok, p50: percentile(times, 0.5), p95: percentile(times, 0.95), throughput: requests / seconds });
    }
  } finally {
    app.server.server.closeAllConnections();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
