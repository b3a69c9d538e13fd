/**
 * Forbidden.ExceptionRepeatedInvoke: a MerchantBizId or MerchantUserId that keeps producing abnormal
 * calls (refused parameters, TransactionIds that are not its own) is refused for a while. Counted in the
 * store so every instance behind a balancer sees the same count; subjects are hashed (user ids are personal).
 */
import crypto from 'node:crypto';
import { ApiError } from '../protocol/errors.js';
import type { Services } from '../actions/action.js';

const subject = (kind: 'biz' | 'user', value: string): string =>
  crypto.createHash('sha256').update(`${kind}\0${value}`).digest('hex');

export interface Subjects {
  readonly merchantBizId?: string | undefined;
  readonly merchantUserId?: string | undefined;
}

function subjectsOf(s: Subjects): string[] {
  const out: string[] = [];
  if (s.merchantBizId) out.push(subject('biz', s.merchantBizId));
  if (s.merchantUserId) out.push(subject('user', s.merchantUserId));
  return out;
}

/** Throws Forbidden.ExceptionRepeatedInvoke when a subject is over the limit in the current window. */
export async function refuseRepeatedAbnormal(services: Services, accountId: string, s: Subjects): Promise<void> {
  const { abnormalCallLimit, abnormalCallWindowMs } = services.config.hosted;
  const since = Date.now() - abnormalCallWindowMs;
  for (const subj of subjectsOf(s)) {
    if ((await services.store.countAbnormalCalls(accountId, subj, since)) >= abnormalCallLimit) {
      throw new ApiError('Forbidden.ExceptionRepeatedInvoke');
    }
  }
}

export async function recordAbnormal(services: Services, accountId: string, s: Subjects): Promise<void> {
  const now = Date.now();
  for (const subj of subjectsOf(s)) await services.store.recordAbnormalCall(accountId, subj, now);
}

/** Raw values of the subject parameters, read before validation so refused calls count too. */
export function rawSubjects(params: ReadonlyMap<string, string>): Subjects {
  const biz = params.get('MerchantBizId');
  const user = params.get('MerchantUserId');
  return {
    merchantBizId: biz && biz.length <= 64 ? biz : undefined,
    merchantUserId: user && user.length <= 256 ? user : undefined,
  };
}
