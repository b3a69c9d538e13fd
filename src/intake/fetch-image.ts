/**
 * Downloading `IdOcrPictureUrl` safely.
 *
 * - Only `http:` / `https:` URLs without credentials (WHATWG URL parsing, which already normalises numeric IPv4
 *   forms such as `2130706433`, `0x7f.1`, `0177.0.0.1` to `127.0.0.1` and IPv6 literals to canonical text).
 * - The host name is resolved once per hop with `dns.promises.lookup(host, { all: true })`; when ANY address is
 *   not public (see address-policy.ts) the URL is refused — unless `allowPrivate`. Literal IPs are checked the same.
 * - The socket connects to exactly the vetted addresses: the request gets a `lookup` function that answers with
 *   them, so a second DNS answer (rebinding) never matters. Host header and TLS SNI keep the name.
 * - Redirects (301/302/303/307/308) are followed by hand, each hop re-checked, at most `maxRedirects`.
 * - One deadline covers everything (DNS, connect, headers, body, redirects) → DownloadTimeout.
 * - The body is streamed and abandoned as soon as it exceeds `maxBytes` (or Content-Length says it will) →
 *   ToolargeImage. Non-2xx → InvalidParameter. Network failures → InvalidParameter.
 * - A fresh socket per request (`agent: false`), destroyed on every exit path.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { ApiError } from '../protocol/errors.js';
import { isPublicAddress } from './address-policy.js';

export interface ResolvedAddress {
  readonly address: string;
  /** 4 or 6. */
  readonly family: number;
}

export interface FetchImageOptions {
  /** Deadline for the whole download, redirects included (ms). */
  readonly timeoutMs: number;
  /** Largest accepted body (bytes). */
  readonly maxBytes: number;
  /** Allow loopback/private/link-local/... targets (tests, trusted deployments). */
  readonly allowPrivate: boolean;
  /** Redirects followed at most. */
  readonly maxRedirects: number;
  /**
   * Host name resolution; defaults to `dns.promises.lookup(host, { all: true })`. Injectable so tests can
   * simulate DNS without the network. Every address it returns is vetted.
   */
  readonly resolveHost?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
}

export const DEFAULT_FETCH_OPTIONS: Readonly<Required<Omit<FetchImageOptions, 'resolveHost'>>> = Object.freeze({
  timeoutMs: 10_000,
  maxBytes: 10 * 1024 * 1024,
  allowPrivate: false,
  maxRedirects: 3,
});

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const NOT_DOWNLOADED = 'image could not be downloaded';

function invalid(detail: string): ApiError {
  return new ApiError('InvalidParameter', detail);
}

function timeoutError(timeoutMs: number): ApiError {
  return new ApiError('DownloadTimeout', `The image was not downloaded within ${timeoutMs} ms.`);
}

function defaultResolveHost(hostname: string): Promise<readonly ResolvedAddress[]> {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

/** Parse and check one URL (the initial one or a redirect target, relative to `base`). */
function parseImageUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw invalid('IdOcrPictureUrl is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('IdOcrPictureUrl must be an http or https URL.');
  }
  if (url.username !== '' || url.password !== '') throw invalid('IdOcrPictureUrl must not contain credentials.');
  if (url.hostname === '') throw invalid('IdOcrPictureUrl has no host.');
  return url;
}

/** The host as a bare name or IP (IPv6 literals lose their brackets). */
function bareHost(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Resolve the URL's host and refuse it unless every address is allowed. */
async function vetHost(
  url: URL,
  allowPrivate: boolean,
  resolveHost: (hostname: string) => Promise<readonly ResolvedAddress[]>,
): Promise<ResolvedAddress[]> {
  const host = bareHost(url);
  const literal = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = (await resolveHost(host)).map(({ address, family }) => ({ address, family }));
    } catch {
      throw invalid(`${NOT_DOWNLOADED}: the host name could not be resolved.`);
    }
    if (addresses.length === 0 || addresses.some((a) => net.isIP(a.address) !== a.family)) {
      throw invalid(`${NOT_DOWNLOADED}: the host name could not be resolved.`);
    }
  }
  if (!allowPrivate && !addresses.every((a) => isPublicAddress(a.address))) {
    throw invalid('address not allowed');
  }
  return addresses;
}

/** A `lookup` for http.request that answers with the vetted addresses only, never asking DNS again. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): net.LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options.family === 'number' ? options.family : 0;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (usable.length === 0) {
      const err: NodeJS.ErrnoException = new Error('no vetted address for the requested family');
      err.code = 'ENOTFOUND';
      process.nextTick(callback, err, '', 0);
    } else if (options.all) {
      process.nextTick(callback, null, usable.map((a) => ({ address: a.address, family: a.family })));
    } else {
      process.nextTick(callback, null, usable[0]!.address, usable[0]!.family);
    }
  };
}

type HopResult = { kind: 'body'; body: Buffer } | { kind: 'redirect'; location: string };

/** One HTTP exchange against vetted addresses. Settles exactly once; every exit destroys request and response. */
function requestOnce(
  url: URL,
  addresses: readonly ResolvedAddress[],
  maxBytes: number,
  signal: AbortSignal,
  onTimeout: () => ApiError,
): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    if (signal.aborted) {
      reject(onTimeout());
      return;
    }
    const host = bareHost(url);
    const isLiteral = net.isIP(host) !== 0;
    const isHttps = url.protocol === 'https:';
    let request: http.ClientRequest | undefined;
    let response: http.IncomingMessage | undefined;
    let settled = false;

    const finish = (): void => {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      response?.destroy();
      request?.destroy();
    };
    const fail = (err: ApiError): void => {
      if (settled) return;
      finish();
      reject(err);
    };
    const succeed = (result: HopResult): void => {
      if (settled) return;
      finish();
      resolve(result);
    };
    const onAbort = (): void => fail(onTimeout());
    const onNetworkError = (err: unknown): void => {
      if (err instanceof ApiError) return fail(err);
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      fail(invalid(code ? `${NOT_DOWNLOADED} (${code}).` : `${NOT_DOWNLOADED}.`));
    };

    const requestOptions: https.RequestOptions = {
      protocol: url.protocol,
      hostname: host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: {
        host: url.host,
        accept: 'image/jpeg, image/png;q=0.9, */*;q=0.1',
        'accept-encoding': 'identity',
        'user-agent': 'openidv-image-fetch/1',
      },
      agent: false,
      ...(isLiteral ? {} : { lookup: pinnedLookup(addresses) }),
      ...(isHttps && !isLiteral ? { servername: host } : {}),
    };
    try {
      request = (isHttps ? https : http).request(requestOptions);
    } catch (err) {
      onNetworkError(err);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', onNetworkError);
    request.on('response', (res) => {
      response = res;
      res.on('error', onNetworkError);
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        const location = res.headers.location;
        if (!location) return fail(invalid(`image download failed: HTTP ${status} without a Location header.`));
        return succeed({ kind: 'redirect', location });
      }
      if (status < 200 || status > 299) return fail(invalid(`image download failed: HTTP ${status}.`));

      const announced = res.headers['content-length'];
      if (announced !== undefined && /^\d+$/.test(announced) && Number(announced) > maxBytes) {
        return fail(new ApiError('ToolargeImage', `The image is ${announced} bytes; the limit is ${maxBytes}.`));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (received > maxBytes) {
          return fail(new ApiError('ToolargeImage', `The image exceeds ${maxBytes} bytes.`));
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (!res.complete) return fail(invalid(`${NOT_DOWNLOADED}: the connection closed early.`));
        succeed({ kind: 'body', body: Buffer.concat(chunks, received) });
      });
      res.on('close', () => fail(invalid(`${NOT_DOWNLOADED}: the connection closed early.`)));
    });
    request.end();
  });
}

/**
 * Download an image URL. Errors: InvalidParameter (bad/disallowed URL, address not allowed, non-2xx, too many
 * redirects, network failure), DownloadTimeout (deadline), ToolargeImage (body over maxBytes).
 */
export async function fetchImage(url: string, options: Partial<FetchImageOptions> = {}): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_OPTIONS.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_OPTIONS.maxBytes;
  const allowPrivate = options.allowPrivate ?? DEFAULT_FETCH_OPTIONS.allowPrivate;
  const maxRedirects = options.maxRedirects ?? DEFAULT_FETCH_OPTIONS.maxRedirects;
  const resolveHost = options.resolveHost ?? defaultResolveHost;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2 ** 31 - 1) {
    throw new RangeError('timeoutMs must be a positive number of milliseconds below 2^31');
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError('maxBytes must be a positive integer');
  if (!Number.isSafeInteger(maxRedirects) || maxRedirects < 0) throw new RangeError('maxRedirects must be >= 0');
  if (typeof url !== 'string') throw invalid('IdOcrPictureUrl must be a string.');

  let current = parseImageUrl(url.trim());

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onTimeout = (): ApiError => timeoutError(timeoutMs);
  /** DNS lookups cannot be cancelled; stop waiting for them at the deadline. */
  const withDeadline = <T>(promise: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const { signal } = controller;
      if (signal.aborted) return reject(onTimeout());
      const onAbort = (): void => reject(onTimeout());
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });

  try {
    for (let redirects = 0; ; redirects++) {
      const addresses = await withDeadline(vetHost(current, allowPrivate, resolveHost));
      const result = await requestOnce(current, addresses, maxBytes, controller.signal, onTimeout);
      if (result.kind === 'body') return result.body;
      if (redirects >= maxRedirects) throw invalid(`image download failed: more than ${maxRedirects} redirects.`);
      current = parseImageUrl(result.location, current);
    }
  } finally {
    clearTimeout(timer);
  }
}
