import crypto from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiError, type ErrorCode } from './errors.js';
import { API_VERSION, JSON_CONTENT_TYPE, errorBody, successBody } from './envelope.js';
import { parseQueryPairs } from './signature.js';
import type { Authenticator } from './authenticate.js';
import type { ActionRateLimiter } from './rate-limit.js';
import type { Action, Services } from '../actions/action.js';

export interface ServerDeps {
  readonly services: Services;
  readonly authenticator: Authenticator;
  readonly rateLimiter: ActionRateLimiter;
  readonly actions: readonly Action[];
  /** True once the recognition engine is loaded and warm. */
  readonly engineReady: () => boolean;
}

/** Parameters of the legacy signature that are not action parameters. */
const V1_COMMON = new Set([
  'Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion',
  'AccessKeyId', 'Signature', 'SecurityToken', 'RegionId',
]);

const newRequestId = (): string => crypto.randomUUID().toUpperCase();

export function buildServer(deps: ServerDeps): FastifyInstance {
  const { config, log } = deps.services;
  const actions = new Map(deps.actions.map((a) => [a.name, a]));
  // base64 grows 4/3; leave room for the other form fields
  const bodyLimit = Math.ceil((config.maxImageBytes * 4) / 3) + 256 * 1024;

  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    // request URLs carry parameters (names, user ids) in the query: never log them
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    genReqId: newRequestId,
    // Initialize sends TargetFacePicture (base64) in the query string
    http: { maxHeaderSize: 8 * 1024 * 1024 },
    return503OnClosing: true,
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const sendError = (req: FastifyRequest, reply: FastifyReply, code: ErrorCode, message?: string) => {
    const err = new ApiError(code);
    return reply
      .code(err.status)
      .header('content-type', JSON_CONTENT_TYPE)
      .send(errorBody(req.id, config.hostId, code, message ?? err.message));
  };

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (error instanceof ApiError) return sendError(req, reply, error.code, error.message);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(req, reply, 'ToolargeImage');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(req, reply, 'InvalidParameter', 'The request could not be read.');
    }
    req.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'internal error');
    return sendError(req, reply, 'InternalError');
  });

  app.setNotFoundHandler((req, reply) => sendError(req, reply, 'InvalidAction.NotFound'));

  app.get('/healthz', async (_req, reply) => {
    const ok = deps.engineReady();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting' });
  });

  app.post('/', async (req, reply) => {
    const started = performance.now();
    const rawUrl = req.raw.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const queryPairs = parseQueryPairs(rawQuery);
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (rawBody.length > 0 && contentType !== 'application/x-www-form-urlencoded') {
      throw new ApiError('InvalidParameter', 'The body must be application/x-www-form-urlencoded.');
    }
    const bodyPairs = parseQueryPairs(rawBody.toString('utf8'));

    const query = new Map(queryPairs);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const actionName = header('x-acs-action') ?? query.get('Action');
    if (!actionName) throw new ApiError('MissingParameter', 'Action is required.');
    const action = actions.get(actionName);
    if (!action) throw new ApiError('InvalidAction.NotFound');
    const version = header('x-acs-version') ?? query.get('Version');
    if (version !== API_VERSION) throw new ApiError('InvalidVersion', `Version must be ${API_VERSION}.`);

    const caller = await deps.authenticator.authenticate({
      method: req.method,
      path: rawUrl.slice(0, q < 0 ? undefined : q) || '/',
      rawQuery,
      headers: req.headers,
      rawBody,
      queryPairs,
      bodyPairs,
    });
    if (!caller.permissions.includes('*') && !caller.permissions.includes(action.name)) {
      throw new ApiError('Forbidden.RAMUserAccessDenied');
    }
    await deps.rateLimiter.consume(caller.accountId, action.name);

    const params = new Map<string, string>();
    for (const [k, v] of [...queryPairs, ...bodyPairs]) if (!V1_COMMON.has(k)) params.set(k, v);

    const origin = `${req.protocol}://${header('host') ?? 'localhost'}`;
    const result = await action.handle(params, { caller, requestId: req.id, services: deps.services, origin });
    req.log.info({ action: action.name, ms: Math.round(performance.now() - started) }, 'request served');
    return reply.code(200).header('content-type', JSON_CONTENT_TYPE).send(successBody(req.id, result));
  });

  return app;
}
