import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionRateLimiter } from '../../src/protocol/rate-limit.js';
import { reportSkipped, skipUnless } from '../helpers/optional.js';

const redisUrl = process.env.OPENIDV_TEST_REDIS_URL;

async function outcomes(limiter: ActionRateLimiter, account: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await limiter.consume(account, 'DocOcrMax').then(() => 'ok', (err: { code?: string }) => err.code ?? 'error'));
  }
  return out;
}

describe('rate limits shared through Redis (scale-out)', () => {
  const skip = skipUnless(Boolean(redisUrl), 'Redis (OPENIDV_TEST_REDIS_URL)');
  reportSkipped(skip);
  if (skip) return;

  it('two instances share one per-account budget', async () => {
    const { limiter: a, connected } = await ActionRateLimiter.withRedis({ DocOcrMax: 4 }, redisUrl!);
    const { limiter: b } = await ActionRateLimiter.withRedis({ DocOcrMax: 4 }, redisUrl!);
    try {
      assert.ok(connected);
      const account = `acct-${process.pid}-${Date.now()}`;
      const first = await outcomes(a, account, 3);
      const second = await outcomes(b, account, 3);
      assert.deepEqual(first, ['ok', 'ok', 'ok']);
      assert.deepEqual(second, ['ok', 'Throttling.Api', 'Throttling.Api']);
      // another account has its own budget
      assert.deepEqual(await outcomes(b, `${account}-other`, 1), ['ok']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('rate limits when Redis is unreachable', () => {
  it('fall back to per-instance counters instead of failing or letting everything through', async () => {
    // nothing listens on port 1
    const { limiter, connected } = await ActionRateLimiter.withRedis({ DocOcrMax: 2 }, 'redis://127.0.0.1:1', 300);
    try {
      assert.equal(connected, false);
      assert.deepEqual(await outcomes(limiter, 'acct', 4), ['ok', 'ok', 'Throttling.Api', 'Throttling.Api']);
    } finally {
      await limiter.close();
    }
  });
});
