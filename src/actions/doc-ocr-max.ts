import crypto from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../protocol/errors.js';
import { documentType } from '../documents/catalogue.js';
import { isSupported } from '../documents/registry.js';
import { decodeBase64Image, fetchImage } from '../intake/index.js';
import { completeAuthorization, type AuthorizeInfo } from './authority.js';
import { parseParams, type Action, type ActionResult } from './action.js';

const TF = z.enum(['T', 'F']);

const DocOcrMaxParams = z.object({
  ProductCode: z.literal('ID_OCR_MAX', { message: 'must be ID_OCR_MAX' }),
  MerchantBizId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, { message: 'up to 32 letters and digits' }),
  SceneCode: z.string().regex(/^[A-Za-z0-9_]{1,10}$/, { message: 'up to 10 letters, digits and underscores' }).optional(),
  MerchantUserId: z.string().max(128, { message: 'at most 128 characters' }).optional(),
  IdOcrPictureBase64: z.string().optional(),
  IdOcrPictureUrl: z.string().max(2048, { message: 'at most 2048 characters' }).optional(),
  OcrModel: z.enum(['0', '1', '2']).default('0'),
  DocType: z.string().optional(),
  DocPage: z.enum(['01', '02']).default('01'),
  IdSpoof: TF.default('F'),
  IdThreshold: z.enum(['0', '1', '2', '3']).default('3'),
  OcrValueStandard: z.enum(['0', '1']).default('0'),
  Authorize: TF.default('F'),
});

export const transactionId = (): string => `oidv${crypto.randomBytes(14).toString('hex')}`;

/** DocOcrMax (ProductCode ID_OCR_MAX): one image in, the recognised document out. */
export const docOcrMax: Action = {
  name: 'DocOcrMax',
  async handle(raw, ctx): Promise<ActionResult> {
    const p = parseParams(DocOcrMaxParams, raw);
    if (p.IdOcrPictureBase64 && p.IdOcrPictureUrl) throw new ApiError('DataDuplication');
    if (!p.IdOcrPictureBase64 && !p.IdOcrPictureUrl) {
      throw new ApiError('MissingParameter', 'IdOcrPictureBase64 or IdOcrPictureUrl is required.');
    }
    if (p.OcrModel === '0') {
      if (!p.DocType) throw new ApiError('MissingParameter', 'DocType is required when OcrModel is 0.');
      const type = documentType(p.DocType);
      if (!type) throw new ApiError('InvalidParameter', `DocType ${p.DocType} is not a known document type.`);
      if (!isSupported(type.code)) throw new ApiError('InvalidParameter', `DocType ${p.DocType} is not supported by this server yet.`);
    } else if (p.DocType) {
      throw new ApiError('InvalidParameter', 'DocType must be empty when OcrModel is 1 or 2.');
    }

    const { config, recognizer, store, sealer, log } = ctx.services;
    const id = transactionId();
    const createdAt = Date.now();
    const t0 = performance.now();
    const record = (outcome: { passed?: 'Y' | 'N'; subCode?: string; errorCode?: string; result?: unknown }, timings: Record<string, number>) =>
      store.insertTransaction({
        id,
        accountId: ctx.caller.accountId,
        action: 'DocOcrMax',
        productCode: p.ProductCode,
        merchantBizId: p.MerchantBizId,
        merchantUserIdSealed: p.MerchantUserId ? sealer.seal(p.MerchantUserId, `user:${id}`) : null,
        sceneCode: p.SceneCode ?? null,
        docType: p.DocType ?? null,
        passed: outcome.passed ?? null,
        subCode: outcome.subCode ?? null,
        errorCode: outcome.errorCode ?? null,
        resultSealed: outcome.result === undefined ? null : sealer.seal(JSON.stringify(outcome.result), `result:${id}`),
        timings,
        createdAt,
        completedAt: Date.now(),
        expiresAt: createdAt + config.retentionDays * 86_400_000,
      });

    let timings: Record<string, number> = {};
    try {
      const image = p.IdOcrPictureBase64
        ? decodeBase64Image(p.IdOcrPictureBase64, { maxBytes: config.maxImageBytes })
        : await fetchImage(p.IdOcrPictureUrl!, {
            timeoutMs: config.downloadTimeoutMs,
            maxBytes: config.maxImageBytes,
            allowPrivate: config.allowPrivateUrls,
            maxRedirects: 3,
          });
      timings.acquire = round(performance.now() - t0);
      let outcome = await recognizer.recognize({
        image,
        ocrModel: p.OcrModel,
        docType: p.DocType ?? null,
        docPage: p.DocPage,
        idSpoof: p.IdSpoof === 'T',
        idThreshold: p.IdThreshold,
        ocrValueStandard: p.OcrValueStandard === '1',
        authorize: p.Authorize === 'T',
      });
      timings = { ...timings, ...outcome.timings, total: round(performance.now() - t0) };
      if (outcome.kind === 'rejected') throw new ApiError(outcome.code, outcome.detail);
      const authorizeInfo = outcome.extIdInfo.authorizeInfo as AuthorizeInfo | undefined;
      if (authorizeInfo) {
        const t = performance.now();
        const completed = await completeAuthorization(config.authorize, p.DocType ?? '', authorizeInfo, outcome.extIdInfo.ocrIdInfo ?? {});
        outcome = { ...outcome, extIdInfo: { ...outcome.extIdInfo, authorizeInfo: completed } };
        timings.authorize = round(performance.now() - t);
        timings.total = round(performance.now() - t0);
      }
      await record({ passed: outcome.passed, subCode: outcome.subCode, result: outcome.extIdInfo }, timings);
      log.info({ transactionId: id, subCode: outcome.subCode, docType: p.DocType, timings }, 'DocOcrMax done');
      return { TransactionId: id, Passed: outcome.passed, SubCode: outcome.subCode, ExtIdInfo: JSON.stringify(outcome.extIdInfo) };
    } catch (err) {
      const errorCode = err instanceof ApiError ? err.code : 'InternalError';
      await record({ errorCode }, { ...timings, total: round(performance.now() - t0) }).catch((e: unknown) =>
        log.error({ err: e, transactionId: id }, 'could not record transaction'),
      );
      throw err;
    }
  },
};

const round = (ms: number): number => Math.round(ms * 10) / 10;
