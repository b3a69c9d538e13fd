/**
 * Authorize=T: the operator's authoritative-source adapter. When OPENIDV_AUTHORIZE_URL is set,
 * the recognised name and number are POSTed there as JSON {docType, name, idNumber} (with
 * `Authorization: Bearer <OPENIDV_AUTHORIZE_TOKEN>` when a token is set) and the answer {match:
 * boolean} is reported; when it is not set, nothing leaves the server and only the offline checks
 * of the pipeline count.
 */
import type { Config } from '../config/config.js';

/** `not-asked`: configured, but the offline checks already failed, so nothing was sent. */
export type AuthorityOutcome = 'not-configured' | 'not-asked' | 'match' | 'no-match' | 'unavailable';

export interface AuthorityQuery {
  readonly docType: string;
  readonly name: string;
  readonly idNumber: string;
}

export async function askAuthority(config: Config['authorize'], query: AuthorityQuery): Promise<AuthorityOutcome> {
  if (!config) return 'not-configured';
  try {
    const res = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
      },
      body: JSON.stringify(query),
      redirect: 'error',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!res.ok) return 'unavailable';
    const body = (await res.json()) as unknown;
    const match = typeof body === 'object' && body !== null ? (body as { match?: unknown }).match : undefined;
    if (typeof match !== 'boolean') return 'unavailable';
    return match ? 'match' : 'no-match';
  } catch {
    return 'unavailable';
  }
}

/** ExtIdInfo.authorizeInfo as the pipeline leaves it (offline checks). */
export interface AuthorizeInfo {
  readonly passed: 'Y' | 'N';
  readonly checks: Readonly<Record<string, boolean>>;
  readonly authority?: AuthorityOutcome;
}

/** Adds the authority's answer to the pipeline's offline checks; a non-match fails the whole check. */
export async function completeAuthorization(
  config: Config['authorize'],
  docType: string,
  info: AuthorizeInfo,
  fields: Readonly<Record<string, string>>,
): Promise<AuthorizeInfo> {
  // a number that fails the offline checks is not worth asking about
  const authority = info.passed === 'Y' ? await askAuthority(config, { docType, name: fields.name ?? '', idNumber: fields.idNumber ?? '' }) : config ? 'not-asked' : 'not-configured';
  return { ...info, authority, passed: info.passed === 'Y' && authority !== 'no-match' ? 'Y' : 'N' };
}
