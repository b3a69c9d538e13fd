import { ApiError } from './errors.js';
import {
  parseAcsTimestamp,
  parseV3Authorization,
  sha256Hex,
  v1Signature,
  v1StringToSign,
  v3Signature,
  v3StringToSign,
  V3_REQUIRED_SIGNED_HEADERS,
} from './signature.js';
import { safeEqual } from '../security/sealer.js';
import type { KeyService } from '../security/keys.js';
import type { Store } from '../store/store.js';

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
  readonly queryPairs: ReadonlyArray<readonly [string, string]>;
  readonly bodyPairs: ReadonlyArray<readonly [string, string]>;
}

export interface Caller {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly permissions: readonly string[];
}

const header = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Verifies who signed a request (V3 ACS3-HMAC-SHA256 or legacy V1 HMAC-SHA1), its freshness and its nonce. */
export class Authenticator {
  constructor(
    private readonly store: Store,
    private readonly keys: KeyService,
    private readonly skewMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(req: SignedRequest): Promise<Caller> {
    const authorization = header(req.headers, 'authorization');
    const v1 = req.queryPairs.find(([k]) => k === 'Signature');
    if (authorization) return this.#verifyV3(req, authorization);
    if (v1) return this.#verifyV1(req, v1[1]);
    throw new ApiError('MissingParameter', 'The request is not signed (no Authorization header and no Signature).');
  }

  async #verifyV3(req: SignedRequest, authorization: string): Promise<Caller> {
    const auth = parseV3Authorization(authorization);
    if (auth.algorithm !== 'ACS3-HMAC-SHA256') {
      throw new ApiError('IncompleteSignature', `Signature algorithm ${auth.algorithm} is not supported; use ACS3-HMAC-SHA256.`);
    }
    const missing = V3_REQUIRED_SIGNED_HEADERS.filter((h) => !auth.signedHeaders.includes(h) || header(req.headers, h) === undefined);
    if (missing.length > 0) throw new ApiError('IncompleteSignature', `Headers must be present and signed: ${missing.join(', ')}.`);
    const key = await this.#activeKey(auth.accessKeyId);
    this.#checkFresh(header(req.headers, 'x-acs-date'));
    const hashedPayload = header(req.headers, 'x-acs-content-sha256')!;
    if (!safeEqual(hashedPayload.toLowerCase(), sha256Hex(req.rawBody))) {
      throw new ApiError('SignatureDoesNotMatch', 'x-acs-content-sha256 does not match the request body.');
    }
    const stringToSign = v3StringToSign({
      method: req.method,
      path: req.path,
      rawQuery: req.rawQuery,
      headers: req.headers,
      signedHeaders: auth.signedHeaders,
      hashedPayload,
    });
    if (!safeEqual(auth.signature.toLowerCase(), v3Signature(this.keys.secretOf(key), stringToSign))) {
      throw new ApiError('SignatureDoesNotMatch');
    }
    await this.#claimNonce(key.id, header(req.headers, 'x-acs-signature-nonce')!);
    return this.#caller(key);
  }

  async #verifyV1(req: SignedRequest, signature: string): Promise<Caller> {
    const q = new Map(req.queryPairs.map(([k, v]) => [k, v]));
    const keyId = q.get('AccessKeyId');
    const nonce = q.get('SignatureNonce');
    if (!keyId) throw new ApiError('MissingParameter', 'AccessKeyId is required.');
    if (!nonce) throw new ApiError('MissingParameter', 'SignatureNonce is required.');
    if (q.get('SignatureMethod') !== 'HMAC-SHA1') throw new ApiError('IncompleteSignature', 'SignatureMethod must be HMAC-SHA1.');
    if (q.get('SignatureVersion') !== '1.0') throw new ApiError('IncompleteSignature', 'SignatureVersion must be 1.0.');
    const key = await this.#activeKey(keyId);
    this.#checkFresh(q.get('Timestamp'));
    const expected = v1Signature(this.keys.secretOf(key), v1StringToSign(req.method, [...req.queryPairs, ...req.bodyPairs]));
    if (!safeEqual(signature, expected)) throw new ApiError('SignatureDoesNotMatch');
    await this.#claimNonce(key.id, nonce);
    return this.#caller(key);
  }

  async #activeKey(id: string) {
    const key = await this.store.getAccessKey(id);
    if (!key) throw new ApiError('InvalidAccessKeyId.NotFound');
    if (key.status !== 'active') throw new ApiError('InvalidAccessKeyId.Inactive');
    return key;
  }

  #checkFresh(timestamp: string | undefined): void {
    const t = parseAcsTimestamp(timestamp);
    if (Math.abs(this.now() - t) > this.skewMs) throw new ApiError('InvalidTimeStamp.Expired');
  }

  async #claimNonce(keyId: string, nonce: string): Promise<void> {
    if (nonce.length < 8 || nonce.length > 128) throw new ApiError('InvalidParameter', 'The signature nonce must be 8–128 characters.');
    // kept for twice the accepted clock skew: an older request is refused by its timestamp anyway
    if (!(await this.store.claimNonce(keyId, nonce, this.now() + 2 * this.skewMs))) throw new ApiError('SignatureNonceUsed');
  }

  async #caller(key: { id: string; accountId: string; permissions: readonly string[] }): Promise<Caller> {
    const account = await this.store.getAccount(key.accountId);
    if (!account || account.status !== 'active') throw new ApiError('Forbidden.AccountAccessDenied');
    await this.store.touchAccessKey(key.id, this.now());
    return { accountId: key.accountId, accessKeyId: key.id, permissions: key.permissions };
  }
}
