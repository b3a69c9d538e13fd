/**
 * HTTP side of the hosted flow: the merchant script, the capture page behind TransactionUrl and the
 * page's own calls. Every response carries a strict CSP (own origin only, no inline script) and the
 * page may be framed (iframe integration) but never leaks its URL through Referer.
 */
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../actions/action.js';
import { HostedLinkError, type HostedFlows, type OpenFlow } from '../hosted/flow.js';
import { ApiError } from '../protocol/errors.js';
import { CAPTURE_CSS } from './style.js';
import { capturePage, linkErrorPage, pageConfig } from './page.js';

export const cspFor = (frameAncestors: string): string => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${frameAncestors}`,
].join('; ');

const BROWSER_FILES = new Set(['capture.js', 'i18n.js', 'quality.js', 'merchant.js']);
const BROWSER_DIR = new URL('./browser/', import.meta.url);
const browserCache = new Map<string, string>();

/**
 * The compiled browser scripts (src/web/browser/tsconfig.json, part of `npm run build`), read once.
 * Null when only the server half was built, so the API keeps working and the page says what is missing.
 */
function browserFile(name: string): string | null {
  const cached = browserCache.get(name);
  if (cached !== undefined) return cached;
  try {
    const text = fs.readFileSync(new URL(name, BROWSER_DIR), 'utf8');
    browserCache.set(name, text);
    return text;
  } catch {
    return null;
  }
}

const secure = (reply: FastifyReply, cache: 'no-store' | 'static', csp: string) =>
  reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', cache === 'no-store' ? 'no-store' : 'public, max-age=300');

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isPng = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

export function registerHostedRoutes(app: FastifyInstance, deps: { services: Services; flows: HostedFlows }): void {
  const { services, flows } = deps;
  const csp = cspFor(services.config.hosted.frameAncestors);
  // Too large an upload ends in the server's error handler (ToolargeImage, 401); the page reads the status.
  const maxBytes = services.config.maxImageBytes;

  const apiError = (reply: FastifyReply, status: number, error: string) =>
    secure(reply, 'no-store', csp).code(status).header('content-type', 'application/json; charset=utf-8').send({ error });

  /** The flow of the request's token, or the reply already sent for a bad link. */
  const withFlow = async (token: string, reply: FastifyReply): Promise<OpenFlow | null> => {
    const { state, open } = await flows.open(token);
    if (open) return open;
    apiError(reply, state === 'unknown' ? 404 : 410, state);
    return null;
  };

  const answer = async (reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      return secure(reply, 'no-store', csp).header('content-type', 'application/json; charset=utf-8').send(await work());
    } catch (err) {
      if (err instanceof HostedLinkError) return apiError(reply, 410, err.state);
      if (err instanceof ApiError) return apiError(reply, err.status === 401 || err.status === 400 ? 422 : err.status, err.code);
      throw err;
    }
  };

  const script = (reply: FastifyReply, name: string, corp: 'same-origin' | 'cross-origin' = 'same-origin') => {
    const js = browserFile(name);
    if (js === null) return apiError(reply, 503, 'page scripts not built: run npm run build');
    return secure(reply, 'static', csp)
      .header('cross-origin-resource-policy', corp)
      .header('content-type', 'text/javascript; charset=utf-8')
      .send(js);
  };

  // Merchant pages on other origins load this one.
  app.get('/hosted/openidv.js', (_req, reply) => script(reply, 'merchant.js', 'cross-origin'));

  app.get<{ Params: { file: string } }>('/hosted/static/:file', (req, reply) => {
    const { file } = req.params;
    if (file === 'capture.css') return secure(reply, 'static', csp).header('content-type', 'text/css; charset=utf-8').send(CAPTURE_CSS);
    if (!BROWSER_FILES.has(file) || file === 'merchant.js') return apiError(reply, 404, 'unknown');
    return script(reply, file);
  });

  app.get<{ Params: { token: string } }>('/h/:token', async (req, reply) => {
    const { state, open } = await flows.open(req.params.token);
    const html = open ? capturePage(pageConfig(open, maxBytes)) : linkErrorPage(state, String(req.headers['accept-language'] ?? ''));
    return secure(reply, 'no-store', csp)
      .code(open ? 200 : state === 'unknown' ? 404 : 410)
      .header('content-type', 'text/html; charset=utf-8')
      .send(html);
  });

  app.post<{ Params: { token: string; page: string } }>(
    '/h/:token/pages/:page',
    { bodyLimit: maxBytes },
    async (req, reply) => {
      const open = await withFlow(req.params.token, reply);
      if (!open) return reply;
      const page = req.params.page;
      if (page !== '01' && page !== '02') return apiError(reply, 404, 'unknown');
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!IMAGE_TYPES.has(type) || !(isJpeg(body) || isPng(body))) return apiError(reply, 415, 'type');
      return answer(reply, () => flows.capture(open, page, body));
    },
  );

  app.post<{ Params: { token: string } }>('/h/:token/confirm', { bodyLimit: 64 * 1024 }, async (req, reply) => {
    const open = await withFlow(req.params.token, reply);
    if (!open) return reply;
    let edits: unknown;
    try {
      edits = JSON.parse((Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)).toString('utf8'));
    } catch {
      return apiError(reply, 400, 'json');
    }
    const fields = (edits as { fields?: unknown })?.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return apiError(reply, 400, 'json');
    return answer(reply, () => flows.confirm(open, fields as Record<string, string>));
  });
}
