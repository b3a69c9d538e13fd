/**
 * Merchant callbacks: GET CallbackUrl?callbackToken=…&transactionId=…&passed=…&subCode=… after a flow
 * completes. Every callback is a store row first and a request second, so a crash or restart never loses
 * one: the dispatcher polls the store for due rows, claims each (one instance delivers it), and on a
 * network failure or a non-2xx answer schedules the next attempt with exponential back-off
 * (base × 2^(n-1), at most one hour) until the attempts run out.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { isPublicAddress } from '../intake/address-policy.js';
import type { Sealer } from '../security/sealer.js';
import type { CallbackRecord, Store } from '../store/store.js';

const MAX_BACKOFF_MS = 3_600_000;

export interface CallbackDelivery {
  readonly ok: boolean;
  /** "HTTP 200", "HTTP 503", "timeout", "refused: private address", … */
  readonly outcome: string;
}

export type Deliver = (url: string, options: { timeoutMs: number; allowPrivate: boolean }) => Promise<CallbackDelivery>;

/** The callback URL with the outcome added to its query (existing parameters are kept). */
export function callbackUrl(base: string, p: { token: string | null; transactionId: string; passed: 'Y' | 'N'; subCode: string }): string {
  const url = new URL(base);
  if (p.token !== null) url.searchParams.set('callbackToken', p.token);
  url.searchParams.set('transactionId', p.transactionId);
  url.searchParams.set('passed', p.passed);
  url.searchParams.set('subCode', p.subCode);
  return url.href;
}

export const backoffMs = (baseMs: number, attempts: number): number => Math.min(baseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);

/**
 * One GET without redirects. Every address the host resolves to is vetted (unless private targets are
 * allowed) and the socket connects only to a vetted one, as for image downloads.
 */
export const httpGet: Deliver = (target, { timeoutMs, allowPrivate }) =>
  new Promise((resolve) => {
    const url = new URL(target);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !allowPrivate && !isPublicAddress(host)) return resolve({ ok: false, outcome: 'refused: private address' });
    const lookup: net.LookupFunction = (hostname, opts, cb) => {
      dns.lookup(hostname, { all: true }, (err, addresses) => {
        if (err) return cb(err, '', 0);
        if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
          return cb(Object.assign(new Error('refused: private address'), { code: 'EPRIVATE' }), '', 0);
        }
        if ((opts as { all?: boolean }).all) return (cb as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
        cb(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
    const get = url.protocol === 'https:' ? https.get : http.get;
    let settled = false;
    const finish = (r: CallbackDelivery) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    const req = get(url, { agent: false, lookup, timeout: timeoutMs, headers: { 'user-agent': 'openidv-callback/1' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      finish({ ok: status >= 200 && status < 300, outcome: `HTTP ${status}` });
    });
    const deadline = setTimeout(() => {
      finish({ ok: false, outcome: 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, outcome: err.code === 'EPRIVATE' ? err.message : (err.code ?? err.message).slice(0, 100) }));
    req.on('close', () => clearTimeout(deadline));
  });

export class CallbackDispatcher {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(
    private readonly deps: { store: Store; sealer: Sealer; config: Config; log: Logger },
    private readonly deliver: Deliver = httpGet,
  ) {}

  /** Queues the callback of a completed flow and tries it at once. */
  async enqueue(transactionId: string, accountId: string, url: string): Promise<void> {
    const now = Date.now();
    await this.deps.store.insertCallback({
      transactionId,
      accountId,
      urlSealed: this.deps.sealer.seal(url, `callback:${transactionId}`),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastAttemptAt: null,
      lastOutcome: null,
      createdAt: now,
      expiresAt: now + this.deps.config.retentionDays * 86_400_000,
    });
    this.kick();
  }

  /** Starts polling the store: callbacks left by an earlier process are resumed here. */
  start(): void {
    this.#stopped = false;
    this.#timer = setInterval(() => this.kick(), this.deps.config.hosted.callbackPollMs);
    this.#timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Runs one pass over the due callbacks (again after the current one if one is running). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.pass()
      .catch((err: unknown) => this.deps.log.error({ err }, 'callback pass failed'))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Waits until no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  private async pass(): Promise<void> {
    const { store, config } = this.deps;
    const now = Date.now();
    const due = await store.dueCallbacks(now, 20);
    await Promise.all(
      due.map(async (cb) => {
        // The lease outlives one attempt, so an instance that dies mid-attempt leaves it to the others.
        if (!(await store.claimCallback(cb.transactionId, cb.attempts, now, now + config.hosted.callbackTimeoutMs * 2 + 1000))) return;
        await this.attempt(cb);
      }),
    );
  }

  private async attempt(cb: CallbackRecord): Promise<void> {
    const { store, sealer, config, log } = this.deps;
    const h = config.hosted;
    const attempts = cb.attempts + 1;
    let result: CallbackDelivery;
    if (!cb.urlSealed) result = { ok: false, outcome: 'purged' };
    else result = await this.deliver(sealer.open(cb.urlSealed, `callback:${cb.transactionId}`), { timeoutMs: h.callbackTimeoutMs, allowPrivate: config.allowPrivateUrls });
    const now = Date.now();
    const status = result.ok ? 'delivered' : attempts >= h.callbackMaxAttempts || !cb.urlSealed ? 'failed' : 'pending';
    await store.recordCallbackAttempt(cb.transactionId, {
      attempts,
      status,
      nextAttemptAt: status === 'pending' ? now + backoffMs(h.callbackRetryBaseMs, attempts) : now,
      lastAttemptAt: now,
      lastOutcome: result.outcome,
    });
    const entry = { transactionId: cb.transactionId, attempt: attempts, outcome: result.outcome, status };
    if (status === 'failed') log.warn(entry, 'callback given up');
    else log.info(entry, 'callback attempt');
  }
}
