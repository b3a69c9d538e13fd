import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtil from '@alicloud/tea-util';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log/logger.js';
import type { Recognizer } from '../../src/pipeline/types.js';

export const ACCESS_KEY_ID = 'TESTKEY0000000001';
export const ACCESS_KEY_SECRET = 'test-secret-0123456789abcdef';

export interface TestServer {
  readonly app: App;
  readonly port: number;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A real listening server on 127.0.0.1 with its own data dir and the given recogniser. */
export async function startServer(
  recognizer: () => Promise<Recognizer>,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-test-'));
  const config = loadConfig({
    OPENIDV_DATA_DIR: dataDir,
    OPENIDV_ACCESS_KEY_ID: ACCESS_KEY_ID,
    OPENIDV_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
    OPENIDV_LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, createLogger(config.logLevel), recognizer);
  await app.ready;
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    port,
    dataDir,
    async close() {
      app.server.server.closeAllConnections();
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type OpenApiClient = {
  callApi(params: unknown, request: unknown, runtime: unknown): Promise<{ statusCode: number; body: any }>;
};
const OpenApi = (OpenApiModule as unknown as { default: { default: new (c: unknown) => OpenApiClient } }).default.default;

/** The official Alibaba OpenAPI client pointed at the test server (V3 signing unless v2 is asked). */
export function officialClient(
  port: number,
  options: { signatureAlgorithm?: 'v2'; accessKeyId?: string; accessKeySecret?: string } = {},
) {
  const client = new OpenApi(
    new OpenApiModule.Config({
      accessKeyId: options.accessKeyId ?? ACCESS_KEY_ID,
      accessKeySecret: options.accessKeySecret ?? ACCESS_KEY_SECRET,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'http',
      ...(options.signatureAlgorithm ? { signatureAlgorithm: options.signatureAlgorithm } : {}),
    }),
  );
  return {
    /** Calls an action the way the product SDK does: DocOcrMax parameters in the form body. */
    async call(action: string, body: Record<string, string>, query: Record<string, string> = {}) {
      const params = new OpenApiModule.Params({
        action,
        version: '2022-08-09',
        protocol: 'HTTPS',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const request = new OpenApiModule.OpenApiRequest({ query, body });
      // recognition of a whole page on a loaded 2-core machine can take longer than the client's 10 s default
      return client.callApi(params, request, new TeaUtil.RuntimeOptions({ readTimeout: 120_000, connectTimeout: 30_000 }));
    },
  };
}

/** What the official client throws for an HTTP error: code, status and the parsed body. */
export async function callError(promise: Promise<unknown>): Promise<{ code: string; statusCode: number; data: any }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { code: string; statusCode: number; data: any };
    return { code: e.code, statusCode: e.statusCode ?? e.data?.statusCode, data: e.data };
  }
  throw new Error('the call succeeded, an error was expected');
}
