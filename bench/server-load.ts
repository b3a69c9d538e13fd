import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtil from '@alicloud/tea-util';
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
  /** CPU time (user + system, all threads) the service spent per request: less noisy than wall time on a shared machine. */
  readonly cpuMsPerRequest: number;
}

export interface ServerBench {
  readonly rows: LoadRow[];
  /** Peak resident set of the service process (VmHWM) after the passport load. */
  readonly passportRssMb: number;
  /** The same after the warm-up documents too (every reader loaded in every worker). */
  readonly serviceRssMb: number;
  /** Wall and service CPU time of that warm-up (every worker sends every warm document, concurrently). */
  readonly warmWallMs: number;
  readonly warmCpuMs: number;
}

/** Images sent once each after the timed load, so every reader the service can load is resident. */
export interface WarmDocument {
  readonly docType: string;
  readonly docPage: '01' | '02';
  readonly image: Buffer;
}

const KEY_ID = 'BENCHKEY00000001';
const KEY_SECRET = 'bench-secret-0123456789';
const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** User + system CPU time of a process, all its threads, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the parenthesised command name; utime and stime are fields 14 and 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * Starts the service as its own process (`openidv serve`, as an operator runs it) and drives it over
 * loopback with the official client, so the latency includes the wire and the peak RSS is the
 * service's alone.
 */
export async function benchServer(image: Buffer, requests: number, warm: readonly WarmDocument[] = []): Promise<ServerBench> {
  const workers = Math.max(1, Math.min(os.availableParallelism(), 8));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      OPENIDV_HOST: '127.0.0.1',
      OPENIDV_PORT: String(port),
      OPENIDV_DATA_DIR: dataDir,
      OPENIDV_ACCESS_KEY_ID: KEY_ID,
      OPENIDV_ACCESS_KEY_SECRET: KEY_SECRET,
      OPENIDV_LOG_LEVEL: 'silent',
      OPENIDV_RATE_LIMITS: '*=10000',
      OPENIDV_WORKERS: String(workers),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`openidv serve exited with ${child.exitCode}`);
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (up) break;
      if (tries > 600) throw new Error('openidv serve did not become healthy in 60 s');
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const client = new OpenApi(
      new OpenApiModule.Config({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, endpoint: `127.0.0.1:${port}`, protocol: 'http' }),
    );
    const params = new OpenApiModule.Params({
      action: 'DocOcrMax', version: '2022-08-09', protocol: 'HTTPS', pathname: '/', method: 'POST',
      authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
    });
    const runtime = new TeaUtil.RuntimeOptions({ readTimeout: 120_000, connectTimeout: 120_000 });
    const call = async (docType: string, docPage: string, picture: Buffer): Promise<[number, boolean]> => {
      const body = { ProductCode: 'ID_OCR_MAX', MerchantBizId: 'bench', DocType: docType, DocPage: docPage, IdOcrPictureBase64: picture.toString('base64') };
      const t0 = performance.now();
      const res = await client.callApi(params, new OpenApiModule.OpenApiRequest({ body }), runtime);
      return [performance.now() - t0, res.body.Result.SubCode === '200'];
    };
    const one = () => call('GLB03002', '01', image);
    await one(); // warm the HTTP path
    const rows: LoadRow[] = [];
    for (const concurrency of [1, workers]) {
      const times: number[] = [];
      let ok = 0;
      let next = 0;
      const t0 = performance.now();
      const cpu0 = cpuMs(child.pid!);
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
      const cpuMsPerRequest = (cpuMs(child.pid!) - cpu0) / requests;
      rows.push({ workers, concurrency, requests, ok, p50: percentile(times, 0.5), p95: percentile(times, 0.95), throughput: requests / seconds, cpuMsPerRequest });
    }
    const passportRssMb = peakRssMb(child.pid!);
    // each worker loads the tesseract readers on first use: send every warm-up document to every worker
    const warm0 = performance.now();
    const warmCpu0 = cpuMs(child.pid!);
    await Promise.all(Array.from({ length: workers }, async () => {
      for (const d of warm) await call(d.docType, d.docPage, d.image);
    }));
    const warmWallMs = performance.now() - warm0;
    return { rows, passportRssMb, serviceRssMb: peakRssMb(child.pid!), warmWallMs, warmCpuMs: cpuMs(child.pid!) - warmCpu0 };
  } finally {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
