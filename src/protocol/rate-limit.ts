import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ApiError } from './errors.js';

/** Per-account, per-action request rates (requests per second), '*' being the default for other actions. */
export class ActionRateLimiter {
  readonly #limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly ratesPerSecond: Readonly<Record<string, number>>,
    private readonly create: (points: number, keyPrefix: string) => RateLimiterAbstract = (points, keyPrefix) =>
      new RateLimiterMemory({ points, duration: 1, keyPrefix }),
  ) {}

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
}
