import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ApiError } from './errors.js';

type LimiterFactory = (points: number, keyPrefix: string) => RateLimiterAbstract;

const inMemory: LimiterFactory = (points, keyPrefix) => new RateLimiterMemory({ points, duration: 1, keyPrefix });

/** Per-account, per-action request rates (requests per second), '*' being the default for other actions. */
export class ActionRateLimiter {
  readonly #limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly ratesPerSecond: Readonly<Record<string, number>>,
    private readonly create: LimiterFactory = inMemory,
    private readonly release: () => Promise<void> = async () => undefined,
  ) {}

  /**
   * Counters shared by every instance that uses the same Redis. While Redis is unreachable each
   * instance falls back to its own in-memory counters rather than refusing or letting everything
   * through. Waits up to `connectTimeoutMs` for the first connection; `connected` tells whether it came.
   */
  static async withRedis(
    ratesPerSecond: Readonly<Record<string, number>>,
    redisUrl: string,
    connectTimeoutMs = 3000,
  ): Promise<{ limiter: ActionRateLimiter; connected: boolean }> {
    const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined); // reconnects on its own; the insurance limiter covers the gap
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), connectTimeoutMs);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    const create: LimiterFactory = (points, keyPrefix) =>
      new RateLimiterRedis({
        storeClient: client,
        points,
        duration: 1,
        keyPrefix: `openidv:${keyPrefix}`,
        insuranceLimiter: inMemory(points, keyPrefix),
      });
    const limiter = new ActionRateLimiter(ratesPerSecond, create, async () => {
      client.disconnect();
    });
    return { limiter, connected };
  }

  #limiter(action: string): RateLimiterAbstract | null {
    const rate = this.ratesPerSecond[action] ?? this.ratesPerSecond['*'];
    if (rate === undefined) return null;
    let limiter = this.#limiters.get(action);
    if (!limiter) {
      limiter = this.create(rate, `rl:${action}`);
      this.#limiters.set(action, limiter);
    }
    return limiter;
  }

  /** Throws Throttling.Api when the account has used up its rate for this action. */
  async consume(accountId: string, action: string): Promise<void> {
    const limiter = this.#limiter(action);
    if (!limiter) return;
    try {
      await limiter.consume(accountId);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        throw new ApiError('Throttling.Api', `Retry after ${Math.ceil(err.msBeforeNext)} ms.`);
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return this.release();
  }
}
