/**
 * Suites that need something beyond `npm install` (PostgreSQL, Redis, Chromium, fonts) are skipped
 * with a reason when it is missing, so `npm test` works on a fresh machine; CI sets
 * OPENIDV_TEST_REQUIRE_ALL=1 (after scripts/install-test-deps.sh) so a missing dependency fails there.
 */
import { it } from 'node:test';

export const requireAll = process.env.OPENIDV_TEST_REQUIRE_ALL === '1';

/** Returns the skip reason to pass to describe/it options, or throws under OPENIDV_TEST_REQUIRE_ALL. */
export function skipUnless(available: boolean, what: string): string | false {
  if (available) return false;
  if (requireAll) throw new Error(`${what} is required (OPENIDV_TEST_REQUIRE_ALL=1); run scripts/install-test-deps.sh`);
  return `${what} missing: run scripts/install-test-deps.sh (and scripts/with-services.sh for servers)`;
}

/** A visible placeholder test for a skipped suite. */
export function reportSkipped(reason: string | false): void {
  if (reason) it('needs an optional dependency', { skip: reason }, () => undefined);
}
