import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { docOcrMax } from './actions/doc-ocr-max.js';
import { initialize } from './actions/initialize.js';
import { checkResult } from './actions/check-result.js';
import type { Services } from './actions/action.js';
import { Authenticator } from './protocol/authenticate.js';
import { ActionRateLimiter } from './protocol/rate-limit.js';
import { buildServer } from './protocol/server.js';
import { KeyService } from './security/keys.js';
import { loadMasterKey, Sealer } from './security/sealer.js';
import { openStore } from './store/open.js';
import type { Recognizer } from './pipeline/types.js';
import type { Store } from './store/store.js';
import { ApiError } from './protocol/errors.js';
import { CallbackDispatcher, callbackUrl } from './hosted/callbacks.js';
import { HostedFlows } from './hosted/flow.js';
import { registerHostedRoutes } from './web/routes.js';

export const ACTIONS = [docOcrMax, initialize, checkResult] as const;

export interface App {
  readonly server: FastifyInstance;
  readonly store: Store;
  readonly keys: KeyService;
  /** A key generated on first start (no key configured, none stored); print it once. */
  readonly generatedKey: { id: string; secret: string } | null;
  /** Delivers merchant callbacks of completed hosted flows. */
  readonly callbacks: CallbackDispatcher;
  /** Resolves once the recognition engine is warm. */
  readonly ready: Promise<unknown>;
  close(): Promise<void>;
}

export async function openKeys(config: Config): Promise<{ store: Store; sealer: Sealer; keys: KeyService }> {
  const sealer = new Sealer(loadMasterKey(config.masterKey, config.dataDir));
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { store, sealer, keys: new KeyService(store, sealer) };
}

async function sharedRateLimiter(rates: Config['rateLimits'], redisUrl: string, log: Logger): Promise<ActionRateLimiter> {
  const { limiter, connected } = await ActionRateLimiter.withRedis(rates, redisUrl);
  if (connected) log.info('rate limits shared through Redis');
  else log.warn('Redis is unreachable: rate limits are counted per instance until it answers');
  return limiter;
}

/**
 * Wires storage, keys, recognition and the HTTP server together. The engine warms up in the
 * background: until it is ready /healthz answers 503 and recognition calls ServiceUnavailable.
 */
export async function createApp(config: Config, log: Logger, startRecognizer: () => Promise<Recognizer>): Promise<App> {
  const { store, sealer, keys } = await openKeys(config);
  const generatedKey = await keys.bootstrap(config.bootstrapKey);
  let engine: Recognizer | null = null;
  const starting = startRecognizer().then(
    (r) => {
      engine = r;
      log.info('recognition engine ready');
      return r;
    },
    (err: unknown) => {
      log.fatal({ err }, 'recognition engine failed to start');
      throw err;
    },
  );
  starting.catch(() => undefined);
  const recognizer: Recognizer = {
    recognize(request) {
      if (!engine) throw new ApiError('ServiceUnavailable', 'The recognition engine is still starting.');
      return engine.recognize(request);
    },
    close: async () => (await starting.catch(() => null))?.close(),
  };
  const services: Services = { config, store, sealer, recognizer, log };
  const rateLimiter = config.redisUrl ? await sharedRateLimiter(config.rateLimits, config.redisUrl, log) : new ActionRateLimiter(config.rateLimits);
  const server = buildServer({
    services,
    authenticator: new Authenticator(store, keys, config.timestampSkewSeconds * 1000),
    rateLimiter,
    actions: ACTIONS,
    engineReady: () => engine !== null,
  });
  const callbacks = new CallbackDispatcher({ store, sealer, config, log });
  const flows = new HostedFlows(services, async (flow, options, passed, subCode) => {
    if (!options.callbackUrl) return;
    const url = callbackUrl(options.callbackUrl, { token: options.callbackToken, transactionId: flow.id, passed, subCode });
    await callbacks.enqueue(flow.id, flow.accountId, url);
  });
  registerHostedRoutes(server, { services, flows });
  callbacks.start();
  const housekeeping = setInterval(() => {
    const now = Date.now();
    Promise.all([
      store.purgeNonces(now),
      store.purgeExpiredPersonalData(now),
      store.purgeAbnormalCalls(now - config.hosted.abnormalCallWindowMs),
      store.purgeAbandonedFlows(now),
    ]).catch((err: unknown) =>
      log.error({ err }, 'housekeeping failed'),
    );
  }, 60_000);
  housekeeping.unref();
  return {
    server,
    store,
    keys,
    generatedKey,
    callbacks,
    ready: starting,
    async close() {
      clearInterval(housekeeping);
      await callbacks.stop();
      await server.close();
      await rateLimiter.close();
      await recognizer.close();
      await store.close();
    },
  };
}
