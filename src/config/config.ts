import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const rateLimits = z
  .string()
  .transform((value, ctx) => {
    // "DocOcrMax=5,Initialize=10" — requests per second per account and action
    const out: Record<string, number> = {};
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [action, n] = part.split('=');
      const rate = Number(n);
      if (!action || !Number.isFinite(rate) || rate <= 0) {
        ctx.addIssue({ code: 'custom', message: `bad rate limit entry "${part}"` });
        return z.NEVER;
      }
      out[action.trim()] = rate;
    }
    return out;
  });

const EnvSchema = z.object({
  OPENIDV_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  OPENIDV_HOST: z.string().min(1).default('0.0.0.0'),
  OPENIDV_DATA_DIR: z.string().min(1).default('./data'),
  OPENIDV_ACCESS_KEY_ID: z.string().regex(/^[A-Za-z0-9_.-]{8,64}$/, '8–64 letters, digits, _ . -').optional(),
  OPENIDV_ACCESS_KEY_SECRET: z.string().min(16).max(128).optional(),
  /** 32-byte key (hex or base64) for encryption at rest; generated into the data dir when absent. */
  OPENIDV_MASTER_KEY: z.string().optional(),
  OPENIDV_DATABASE_URL: z.string().optional(),
  /** Shared rate-limit counters for several instances behind one balancer. */
  OPENIDV_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').optional(),
  OPENIDV_WORKERS: z.coerce.number().int().min(1).max(64).default(Math.max(1, Math.min(os.availableParallelism(), 8))),
  OPENIDV_ENGINE_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** Seconds a tesseract language worker may stay unused before it is released (0: never). */
  OPENIDV_READER_IDLE_S: z.coerce.number().int().min(0).max(86_400).default(300),
  OPENIDV_ALLOW_PRIVATE_URLS: bool.default(false),
  OPENIDV_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  OPENIDV_MAX_IMAGE_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Requests per second per account and action; "Action=n,…"; "*" sets the default. */
  OPENIDV_RATE_LIMITS: rateLimits.default({ '*': 20 }),
  OPENIDV_TIMESTAMP_SKEW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  OPENIDV_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  OPENIDV_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENIDV_HOST_ID: z.string().default('openidv'),
  /** Base URL of TransactionUrl as the end user reaches it; by default the Initialize request's host over http. */
  OPENIDV_PUBLIC_URL: z.string().regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, 'an http(s) URL without query').optional(),
  /** Who may frame the capture page (CSP frame-ancestors): "*", "'none'" or space-separated origins. */
  OPENIDV_HOSTED_FRAME_ANCESTORS: z
    .string()
    .regex(/^(\*|'none'|'self'|https?:\/\/[A-Za-z0-9.*:-]+)( (\*|'self'|https?:\/\/[A-Za-z0-9.*:-]+))*$/, 'the * wildcard, \'none\' or origins separated by spaces')
    .default('*'),
  OPENIDV_HOSTED_LINK_TTL_S: z.coerce.number().int().min(1).max(86_400).default(1800),
  /** Photos per page the end user may take before a 211/212/213 outcome is final. */
  OPENIDV_HOSTED_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  OPENIDV_CALLBACK_ALLOW_HTTP: bool.default(false),
  OPENIDV_CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  OPENIDV_CALLBACK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  OPENIDV_CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  OPENIDV_CALLBACK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Abnormal calls (refused parameters, foreign TransactionIds) per MerchantBizId or MerchantUserId and window. */
  OPENIDV_ABNORMAL_CALL_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  OPENIDV_ABNORMAL_CALL_WINDOW_S: z.coerce.number().int().min(1).max(604_800).default(3600),
  /** Authorize=T: the operator's identity-check endpoint (POST JSON {docType,name,idNumber} → {match}); unset = offline checks only. */
  OPENIDV_AUTHORIZE_URL: z.string().url().regex(/^https?:\/\//, 'an http:// or https:// URL').optional(),
  OPENIDV_AUTHORIZE_TOKEN: z.string().min(1).optional(),
  OPENIDV_AUTHORIZE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly bootstrapKey: { readonly id: string; readonly secret: string } | null;
  readonly masterKey: string | null;
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly workers: number;
  readonly engineThreads: number;
  readonly readerIdleSeconds: number;
  readonly allowPrivateUrls: boolean;
  readonly downloadTimeoutMs: number;
  readonly maxImageBytes: number;
  readonly rateLimits: Readonly<Record<string, number>>;
  readonly timestampSkewSeconds: number;
  readonly retentionDays: number;
  readonly logLevel: string;
  readonly hostId: string;
  readonly hosted: {
    readonly publicUrl: string | null;
    readonly frameAncestors: string;
    readonly linkTtlMs: number;
    readonly maxAttempts: number;
    readonly callbackAllowHttp: boolean;
    readonly callbackMaxAttempts: number;
    readonly callbackRetryBaseMs: number;
    readonly callbackTimeoutMs: number;
    readonly callbackPollMs: number;
    readonly abnormalCallLimit: number;
    readonly abnormalCallWindowMs: number;
  };
  readonly authorize: { readonly url: string; readonly token: string | null; readonly timeoutMs: number } | null;
}

export class ConfigError extends Error {}

/** Validates the environment once into one frozen object. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.OPENIDV_ACCESS_KEY_ID) !== Boolean(e.OPENIDV_ACCESS_KEY_SECRET)) {
    throw new ConfigError('OPENIDV_ACCESS_KEY_ID and OPENIDV_ACCESS_KEY_SECRET must be set together');
  }
  return Object.freeze({
    port: e.OPENIDV_PORT,
    host: e.OPENIDV_HOST,
    dataDir: path.resolve(e.OPENIDV_DATA_DIR),
    bootstrapKey:
      e.OPENIDV_ACCESS_KEY_ID && e.OPENIDV_ACCESS_KEY_SECRET
        ? Object.freeze({ id: e.OPENIDV_ACCESS_KEY_ID, secret: e.OPENIDV_ACCESS_KEY_SECRET })
        : null,
    masterKey: e.OPENIDV_MASTER_KEY ?? null,
    databaseUrl: e.OPENIDV_DATABASE_URL ?? null,
    redisUrl: e.OPENIDV_REDIS_URL ?? null,
    workers: e.OPENIDV_WORKERS,
    engineThreads: e.OPENIDV_ENGINE_THREADS,
    readerIdleSeconds: e.OPENIDV_READER_IDLE_S,
    allowPrivateUrls: e.OPENIDV_ALLOW_PRIVATE_URLS,
    downloadTimeoutMs: e.OPENIDV_DOWNLOAD_TIMEOUT_MS,
    maxImageBytes: e.OPENIDV_MAX_IMAGE_BYTES,
    rateLimits: Object.freeze({ ...e.OPENIDV_RATE_LIMITS }),
    timestampSkewSeconds: e.OPENIDV_TIMESTAMP_SKEW_S,
    retentionDays: e.OPENIDV_RETENTION_DAYS,
    logLevel: e.OPENIDV_LOG_LEVEL,
    hostId: e.OPENIDV_HOST_ID,
    hosted: Object.freeze({
      publicUrl: e.OPENIDV_PUBLIC_URL ? e.OPENIDV_PUBLIC_URL.replace(/\/+$/, '') : null,
      frameAncestors: e.OPENIDV_HOSTED_FRAME_ANCESTORS,
      linkTtlMs: e.OPENIDV_HOSTED_LINK_TTL_S * 1000,
      maxAttempts: e.OPENIDV_HOSTED_MAX_ATTEMPTS,
      callbackAllowHttp: e.OPENIDV_CALLBACK_ALLOW_HTTP,
      callbackMaxAttempts: e.OPENIDV_CALLBACK_MAX_ATTEMPTS,
      callbackRetryBaseMs: e.OPENIDV_CALLBACK_RETRY_BASE_MS,
      callbackTimeoutMs: e.OPENIDV_CALLBACK_TIMEOUT_MS,
      callbackPollMs: e.OPENIDV_CALLBACK_POLL_MS,
      abnormalCallLimit: e.OPENIDV_ABNORMAL_CALL_LIMIT,
      abnormalCallWindowMs: e.OPENIDV_ABNORMAL_CALL_WINDOW_S * 1000,
    }),
    authorize: e.OPENIDV_AUTHORIZE_URL
      ? Object.freeze({ url: e.OPENIDV_AUTHORIZE_URL, token: e.OPENIDV_AUTHORIZE_TOKEN ?? null, timeoutMs: e.OPENIDV_AUTHORIZE_TIMEOUT_MS })
      : null,
  });
}
