import crypto from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../protocol/errors.js';
import type { DocPage } from '../documents/catalogue.js';
import { idOcrDocumentType } from '../documents/id-ocr-codes.js';
import { isSupported } from '../documents/registry.js';
import { checkMetaInfo, parseLanguageConfig, parseStyleConfig, type FlowOptions } from '../hosted/options.js';
import { hashLinkToken, newLinkToken } from '../hosted/token.js';
import { rawSubjects, recordAbnormal, refuseRepeatedAbnormal } from '../hosted/abnormal.js';
import { parseParams, type Action, type ActionResult } from './action.js';
import { transactionId } from './doc-ocr-max.js';

const ZeroOne = z.enum(['0', '1']);

const InitializeParams = z.object({
  ProductCode: z.literal('ID_OCR', { message: 'must be ID_OCR' }),
  MerchantBizId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, { message: 'up to 32 letters and digits' }),
  MetaInfo: z.string(),
  MerchantUserId: z.string().max(128, { message: 'at most 128 characters' }),
  DocType: z.string(),
  ReturnUrl: z.string().max(2048, { message: 'at most 2048 characters' }).optional(),
  SceneCode: z.string().regex(/^[A-Za-z0-9_]{1,10}$/, { message: 'up to 10 letters, digits and underscores' }).optional(),
  IdSpoof: z.enum(['Y', 'N']).default('N'),
  IdThreshold: z.enum(['0', '1', '2', '3']).default('0'),
  ShowAlbumIcon: ZeroOne.default('1'),
  ShowOcrResult: ZeroOne.default('1'),
  ShowGuidePage: ZeroOne.default('1'),
  EditOcrResult: ZeroOne.default('0'),
  CallbackUrl: z.string().max(2048, { message: 'at most 2048 characters' }).optional(),
  CallbackToken: z.string().regex(/^[\x21-\x7e]{1,128}$/, { message: 'up to 128 printable ASCII characters' }).optional(),
  LanguageConfig: z.string().optional(),
  StyleConfig: z.string().optional(),
  DocPageConfig: z.string().optional(),
});

function parseUrl(name: string, value: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError('InvalidParameter', `${name}: not a URL`);
  }
  const schemes = allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw new ApiError('InvalidParameter', `${name}: must start with ${allowHttp ? 'http(s)' : 'https'}://`);
  if (url.username || url.password) throw new ApiError('InvalidParameter', `${name}: must not carry credentials`);
  return url.href;
}

function parseDocPages(value: string | undefined, available: readonly DocPage[]): DocPage[] {
  if (value === undefined) return ['01'];
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    throw new ApiError('InvalidParameter', 'DocPageConfig: must be a JSON array such as ["01","02"]');
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > 2) {
    throw new ApiError('InvalidParameter', 'DocPageConfig: must be a JSON array such as ["01","02"]');
  }
  const pages = new Set<DocPage>();
  for (const p of list) {
    if (p !== '01' && p !== '02') throw new ApiError('InvalidParameter', 'DocPageConfig: pages are "01" (front) and "02" (back)');
    if (!available.includes(p)) throw new ApiError('InvalidParameter', `DocPageConfig: this DocType has no page ${p}`);
    if (pages.has(p)) throw new ApiError('InvalidParameter', `DocPageConfig: page ${p} is listed twice`);
    pages.add(p);
  }
  return [...pages].sort();
}

/** Initialize (ProductCode ID_OCR): opens a hosted capture flow and answers its link. */
export const initialize: Action = {
  name: 'Initialize',
  async handle(raw, ctx): Promise<ActionResult> {
    const { config, store, sealer } = ctx.services;
    const subjects = rawSubjects(raw);
    await refuseRepeatedAbnormal(ctx.services, ctx.caller.accountId, subjects);
    let options: FlowOptions;
    let p: z.infer<typeof InitializeParams>;
    try {
      p = parseParams(InitializeParams, raw);
      checkMetaInfo(p.MetaInfo);
      const type = idOcrDocumentType(p.DocType);
      if (!type) throw new ApiError('InvalidParameter', `DocType ${p.DocType} is not an ID_OCR document type.`);
      // Asked at call time: document modules are registered independently of this action.
      if (!isSupported(type.code)) throw new ApiError('InvalidParameter', `DocType ${p.DocType} is not supported by this server yet.`);
      options = {
        docType: p.DocType,
        catalogueCode: type.code,
        pages: parseDocPages(p.DocPageConfig, type.pages),
        returnUrl: p.ReturnUrl ? parseUrl('ReturnUrl', p.ReturnUrl, true) : null,
        sceneCode: p.SceneCode ?? null,
        merchantUserId: p.MerchantUserId,
        idSpoof: p.IdSpoof === 'Y',
        idThreshold: p.IdThreshold,
        showAlbumIcon: p.ShowAlbumIcon === '1',
        showOcrResult: p.ShowOcrResult === '1',
        showGuidePage: p.ShowGuidePage === '1',
        editOcrResult: p.EditOcrResult === '1',
        callbackUrl: p.CallbackUrl ? parseUrl('CallbackUrl', p.CallbackUrl, config.hosted.callbackAllowHttp) : null,
        callbackToken: p.CallbackToken ?? null,
        language: parseLanguageConfig(p.LanguageConfig),
        style: parseStyleConfig(p.StyleConfig),
      };
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'InvalidParameter' || err.code === 'MissingParameter')) {
        await recordAbnormal(ctx.services, ctx.caller.accountId, subjects);
      }
      throw err;
    }

    const id = transactionId();
    const token = newLinkToken();
    const now = Date.now();
    await store.insertHostedFlow({
      id,
      accountId: ctx.caller.accountId,
      merchantBizId: p.MerchantBizId,
      tokenHash: hashLinkToken(token),
      docType: p.DocType,
      optionsSealed: sealer.seal(JSON.stringify(options), `hosted-options:${id}`),
      progressSealed: null,
      state: 'pending',
      passed: null,
      subCode: null,
      resultSealed: null,
      createdAt: now,
      linkExpiresAt: now + config.hosted.linkTtlMs,
      completedAt: null,
      expiresAt: now + config.retentionDays * 86_400_000,
    });
    const base = config.hosted.publicUrl ?? ctx.origin ?? '';
    const url = `${base}/h/${token}`;
    ctx.services.log.info({ transactionId: id, docType: p.DocType }, 'Initialize done');
    return {
      TransactionId: id,
      TransactionUrl: url,
      // The web SDK's client configuration: the merchant script opens the flow from either value.
      Protocol: Buffer.from(JSON.stringify({ v: 1, url, nonce: crypto.randomBytes(6).toString('hex') })).toString('base64url'),
    };
  },
};
