import crypto from 'node:crypto';
import * as OpenApiUtilModule from '@alicloud/openapi-util';

type Util = {
  getAuthorization(request: unknown, algorithm: string, payload: string, ak: string, secret: string): string;
};
const OpenApiUtil = (OpenApiUtilModule as unknown as { default: { default: Util } }).default.default;

export interface RawRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * A V3-signed request built with the official @alicloud/openapi-util signer, with every header under
 * the test's control (date, nonce, action), so tests can replay and tamper with exact bytes.
 */
export function signedV3Request(options: {
  port: number;
  action: string;
  body: Record<string, string>;
  query?: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
  date?: string;
  nonce?: string;
  version?: string;
}): RawRequest {
  const body = new URLSearchParams(options.body).toString().replace(/\+/g, '%20');
  const host = `127.0.0.1:${options.port}`;
  const headers: Record<string, string> = {
    host,
    'x-acs-version': options.version ?? '2022-08-09',
    'x-acs-action': options.action,
    'x-acs-date': options.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': options.nonce ?? crypto.randomBytes(16).toString('hex'),
    'content-type': 'application/x-www-form-urlencoded',
    'x-acs-content-sha256': crypto.createHash('sha256').update(body).digest('hex'),
  };
  const query = options.query ?? {};
  headers.authorization = OpenApiUtil.getAuthorization(
    { pathname: '/', method: 'POST', query, headers },
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256']!,
    options.accessKeyId,
    options.accessKeySecret,
  );
  const qs = new URLSearchParams(query).toString();
  return { url: `http://${host}/${qs ? `?${qs}` : ''}`, headers, body };
}

export async function send(req: RawRequest): Promise<{ status: number; body: any; contentType: string | null }> {
  const { host: _host, ...headers } = req.headers;
  const res = await fetch(req.url, { method: 'POST', headers, body: req.body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), contentType: res.headers.get('content-type') };
}
