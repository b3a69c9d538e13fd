import { z } from 'zod';
import { ApiError } from '../protocol/errors.js';
import { recordAbnormal, refuseRepeatedAbnormal } from '../hosted/abnormal.js';
import { openResult } from '../hosted/flow.js';
import { parseParams, type Action, type ActionResult } from './action.js';

const CheckResultParams = z.object({
  MerchantBizId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, { message: 'up to 32 letters and digits' }),
  TransactionId: z.string().max(64, { message: 'at most 64 characters' }),
  IsReturnImage: z.enum(['Y', 'N']).default('N'),
});

/** CheckResult: the outcome of a hosted flow, for its own merchant only. */
export const checkResult: Action = {
  name: 'CheckResult',
  async handle(raw, ctx): Promise<ActionResult> {
    const { store, sealer } = ctx.services;
    const merchantBizId = raw.get('MerchantBizId');
    const subjects = { merchantBizId: merchantBizId && merchantBizId.length <= 64 ? merchantBizId : undefined };
    await refuseRepeatedAbnormal(ctx.services, ctx.caller.accountId, subjects);
    let flow;
    try {
      const p = parseParams(CheckResultParams, raw);
      flow = await store.getHostedFlow(p.TransactionId);
      // Another merchant's transaction answers exactly like an unknown one.
      if (!flow || flow.accountId !== ctx.caller.accountId || flow.merchantBizId !== p.MerchantBizId) {
        throw new ApiError('TransactionIdInvalid');
      }
      if (flow.state !== 'completed') throw new ApiError('ProcessNotCompleted');
      if (!flow.resultSealed) throw new ApiError('TransactionIdInvalid', 'The result is past its retention period.');
      const result = openResult(sealer, flow.id, flow.resultSealed);
      const ext: Record<string, unknown> = { ...result.ext };
      if (p.IsReturnImage === 'Y') {
        if (result.images.front) ext.idImage = result.images.front;
        if (result.images.back) ext.idBackImage = result.images.back;
      }
      return { Passed: flow.passed ?? 'N', SubCode: flow.subCode ?? '', ExtIdInfo: JSON.stringify(ext) };
    } catch (err) {
      if (err instanceof ApiError && err.code !== 'ProcessNotCompleted') {
        await recordAbnormal(ctx.services, ctx.caller.accountId, subjects);
      }
      throw err;
    }
  },
};
