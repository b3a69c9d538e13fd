import type { z } from 'zod';
import { ApiError } from '../protocol/errors.js';
import type { Caller } from '../protocol/authenticate.js';
import type { Config } from '../config/config.js';
import type { Sealer } from '../security/sealer.js';
import type { Store } from '../store/store.js';
import type { Recognizer } from '../pipeline/types.js';
import type { Logger } from 'pino';

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly sealer: Sealer;
  readonly recognizer: Recognizer;
  readonly log: Logger;
}

export interface ActionContext {
  readonly caller: Caller;
  readonly requestId: string;
  readonly services: Services;
  /** scheme://host of the request as the caller reached this server. */
  readonly origin?: string;
}

/** Every Result value is a string on the wire. */
export type ActionResult = Readonly<Record<string, string>>;

export interface Action {
  readonly name: string;
  handle(params: ReadonlyMap<string, string>, ctx: ActionContext): Promise<ActionResult>;
}

/**
 * Validates request parameters against a zod schema. Empty strings count as absent (as the SDKs drop
 * null fields); a missing required parameter is MissingParameter, any other failure InvalidParameter.
 */
export function parseParams<S extends z.ZodObject>(schema: S, params: ReadonlyMap<string, string>): z.infer<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = params.get(key);
    if (v !== undefined && v !== '') input[key] = v;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  if (name && input[name] === undefined) throw new ApiError('MissingParameter', `${name} is required.`);
  throw new ApiError('InvalidParameter', `${name}: ${issue.message}`);
}
