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
  OPENIDV_ALLOW_PRIVATE_URLS: bool.default(false),
  OPENIDV_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  OPENIDV_MAX_IMAGE_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Requests per second per account and action; "Action=n,…"; "*" sets the default. */
  OPENIDV_RATE_LIMITS: rateLimits.default({ '*': 20 }),
  OPENIDV_TIMESTAMP_SKEW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  OPENIDV_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  OPENIDV_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENIDV_HOST_ID: z.string().default('openidv'),
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
  readonly allowPrivateUrls: boolean;
  readonly downloadTimeoutMs: number;
  readonly maxImageBytes: number;
  readonly rateLimits: Readonly<Record<string, number>>;
  readonly timestampSkewSeconds: number;
  readonly retentionDays: number;
  readonly logLevel: string;
  readonly hostId: string;
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
    allowPrivateUrls: e.OPENIDV_ALLOW_PRIVATE_URLS,
    downloadTimeoutMs: e.OPENIDV_DOWNLOAD_TIMEOUT_MS,
    maxImageBytes: e.OPENIDV_MAX_IMAGE_BYTES,
    rateLimits: Object.freeze({ ...e.OPENIDV_RATE_LIMITS }),
    timestampSkewSeconds: e.OPENIDV_TIMESTAMP_SKEW_S,
    retentionDays: e.OPENIDV_RETENTION_DAYS,
    logLevel: e.OPENIDV_LOG_LEVEL,
    hostId: e.OPENIDV_HOST_ID,
    authorize: e.OPENIDV_AUTHORIZE_URL
      ? Object.freeze({ url: e.OPENIDV_AUTHORIZE_URL, token: e.OPENIDV_AUTHORIZE_TOKEN ?? null, timeoutMs: e.OPENIDV_AUTHORIZE_TIMEOUT_MS })
      : null,
  });
}
