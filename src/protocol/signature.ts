import crypto from 'node:crypto';
import { ApiError } from './errors.js';

/** encodeURIComponent plus the sub-delims RFC 3986 reserves (what the SDKs' percentEncode does). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const sha256Hex = (data: Buffer | string): string => crypto.createHash('sha256').update(data).digest('hex');

/** Query pairs in the order received, percent-decoded with '+' as space. */
export function parseQueryPairs(rawQuery: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out.push([decode(k), decode(v)]);
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new ApiError('InvalidParameter', 'The request contains malformed percent-encoding.');
  }
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface V3Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>` */
export function parseV3Authorization(header: string): V3Authorization {
  const m = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header.trim());
  if (!m) throw new ApiError('IncompleteSignature', 'The Authorization header is malformed.');
  const fields = new Map<string, string>();
  for (const part of m[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) {
    throw new ApiError('IncompleteSignature', 'Credential, SignedHeaders and Signature are required.');
  }
  return { algorithm: m[1]!, accessKeyId, signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()), signature };
}

/** Headers whose values a V3 request must sign: without them a signature could be replayed or redirected. */
export const V3_REQUIRED_SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
] as const;

export interface V3Input {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly signedHeaders: readonly string[];
  readonly hashedPayload: string;
}

export function v3StringToSign(input: V3Input): string {
  const canonicalQuery = parseQueryPairs(input.rawQuery)
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => byCodeUnit(a[0], b[0]) || byCodeUnit(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = [...input.signedHeaders].sort(byCodeUnit);
  const canonicalHeaders = names
    .map((name) => {
      const raw = input.headers[name];
      const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      return `${name}:${values.map((v) => v.trim()).sort(byCodeUnit).join(',')}\n`;
    })
    .join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery,
    canonicalHeaders,
    names.join(';'),
    input.hashedPayload,
  ].join('\n');
  return `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
}

export function v3Signature(secret: string, stringToSign: string): string {
  return crypto.createHmac('sha256', secret).update(stringToSign).digest('hex');
}

/** Legacy RPC signature (HMAC-SHA1) over every query and form parameter except Signature. */
export function v1StringToSign(method: string, params: ReadonlyArray<readonly [string, string]>): string {
  const canonical = params
    .filter(([k]) => k !== 'Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => byCodeUnit(a[0], b[0]) || byCodeUnit(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${rfc3986('/')}&${rfc3986(canonical)}`;
}

export function v1Signature(secret: string, stringToSign: string): string {
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** `YYYY-MM-DDTHH:mm:ssZ` (milliseconds tolerated), as both signature versions send it. */
export function parseAcsTimestamp(value: string | undefined): number {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) {
    throw new ApiError('InvalidTimeStamp.Format');
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new ApiError('InvalidTimeStamp.Format');
  return t;
}
