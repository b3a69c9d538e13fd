/**
 * The hosted flow behind TransactionUrl: opening the link, recognising each captured page through the
 * same Recognizer as DocOcrMax, and completing exactly once (result sealed, callback queued).
 * Knows nothing of HTTP; src/web/routes.ts maps it onto requests.
 */
import type { Services } from '../actions/action.js';
import type { DocPage } from '../documents/catalogue.js';
import type { SpoofInfo } from '../pipeline/types.js';
import { ApiError } from '../protocol/errors.js';
import type { Sealer } from '../security/sealer.js';
import type { HostedFlowRecord } from '../store/store.js';
import { hashLinkToken, isLinkToken } from './token.js';
import type { FlowOptions } from './options.js';

const NO_SPOOF: SpoofInfo = { spoofResult: 'N', spoofType: [] };
const RETRYABLE = new Set(['211', '212', '213']);

export interface PageReading {
  readonly attempts: number;
  readonly subCode: string;
  readonly ocrIdInfo: Readonly<Record<string, string>>;
  readonly spoofInfo: SpoofInfo;
  /** The photo as uploaded, base64. */
  readonly image: string;
}

export interface Progress {
  readonly pages: Partial<Record<DocPage, PageReading>>;
}

export interface StoredResult {
  readonly ext: Readonly<Record<string, unknown>>;
  readonly images: { readonly front?: string; readonly back?: string };
}

export type LinkState = 'valid' | 'unknown' | 'expired' | 'used';

export interface OpenFlow {
  readonly flow: HostedFlowRecord;
  readonly options: FlowOptions;
  readonly progress: Progress;
}

/** What the page is told after a capture. */
export type CaptureAnswer =
  | { readonly next: 'retake'; readonly subCode: string; readonly attemptsLeft: number }
  | { readonly next: 'page'; readonly page: DocPage }
  | { readonly next: 'result'; readonly fields: Record<string, string>; readonly backFields: Record<string, string> }
  | { readonly next: 'done'; readonly transactionId: string; readonly redirect: string | null; readonly passed: 'Y' | 'N'; readonly subCode: string };

export function openResult(sealer: Sealer, id: string, sealed: string): StoredResult {
  return JSON.parse(sealer.open(sealed, `hosted-result:${id}`)) as StoredResult;
}

/** Adds transactionId to the ReturnUrl so the merchant page knows which flow came back. */
export function returnTo(options: FlowOptions, id: string): string | null {
  if (!options.returnUrl) return null;
  const url = new URL(options.returnUrl);
  url.searchParams.set('transactionId', id);
  return url.href;
}

export class HostedFlows {
  constructor(
    private readonly services: Services,
    /** Queues the merchant callback of a completed flow. */
    private readonly onCompleted: (flow: HostedFlowRecord, options: FlowOptions, passed: 'Y' | 'N', subCode: string) => Promise<void>,
  ) {}

  /** The flow of a link token, or why the link cannot be used. */
  async open(token: string): Promise<{ state: LinkState; open?: OpenFlow }> {
    if (!isLinkToken(token)) return { state: 'unknown' };
    const flow = await this.services.store.getHostedFlowByToken(hashLinkToken(token));
    if (!flow || !flow.optionsSealed) return { state: 'unknown' };
    if (flow.state === 'completed') return { state: 'used' };
    if (Date.now() > flow.linkExpiresAt) return { state: 'expired' };
    const { sealer } = this.services;
    const options = JSON.parse(sealer.open(flow.optionsSealed, `hosted-options:${flow.id}`)) as FlowOptions;
    const progress: Progress = flow.progressSealed
      ? (JSON.parse(sealer.open(flow.progressSealed, `hosted-progress:${flow.id}`)) as Progress)
      : { pages: {} };
    return { state: 'valid', open: { flow, options, progress } };
  }

  /** Recognises one photo of one page; retakes on 211/212/213 until the attempts run out. */
  async capture(o: OpenFlow, page: DocPage, image: Buffer): Promise<CaptureAnswer> {
    const { options, flow } = o;
    if (!options.pages.includes(page)) throw new ApiError('InvalidParameter', `this flow has no page ${page}`);
    const previous = o.progress.pages[page];
    if (previous?.subCode === '200') throw new ApiError('InvalidParameter', `page ${page} is already captured`);
    const outcome = await this.services.recognizer.recognize({
      image,
      ocrModel: '0',
      docType: options.catalogueCode,
      docPage: page,
      idSpoof: options.idSpoof,
      idThreshold: options.idThreshold,
      ocrValueStandard: false,
      authorize: false,
    });
    if (outcome.kind === 'rejected' && outcome.code !== 'UnqualifiedPhoto') throw new ApiError(outcome.code, outcome.detail);
    // An unreadable photo is a quality failure of the capture, like 211.
    const subCode = outcome.kind === 'result' ? outcome.subCode : '211';
    const reading: PageReading = {
      attempts: (previous?.attempts ?? 0) + 1,
      subCode,
      ocrIdInfo: (outcome.kind === 'result' && outcome.extIdInfo.ocrIdInfo) || {},
      spoofInfo: (outcome.kind === 'result' && outcome.extIdInfo.spoofInfo) || NO_SPOOF,
      image: image.toString('base64'),
    };
    const progress: Progress = { pages: { ...o.progress.pages, [page]: reading } };
    this.services.log.info({ transactionId: flow.id, page, subCode, attempt: reading.attempts }, 'hosted capture');

    if (subCode !== '200' && RETRYABLE.has(subCode) && reading.attempts < this.services.config.hosted.maxAttempts) {
      await this.saveProgress(flow, progress);
      return { next: 'retake', subCode, attemptsLeft: this.services.config.hosted.maxAttempts - reading.attempts };
    }
    if (subCode !== '200') return this.complete({ ...o, progress }, null);
    const missing = options.pages.find((p) => progress.pages[p]?.subCode !== '200');
    if (missing) {
      await this.saveProgress(flow, progress);
      return { next: 'page', page: missing };
    }
    if (!options.showOcrResult) return this.complete({ ...o, progress }, null);
    await this.saveProgress(flow, progress);
    return {
      next: 'result',
      fields: { ...(progress.pages['01']?.ocrIdInfo ?? {}) },
      backFields: { ...(progress.pages['02']?.ocrIdInfo ?? {}) },
    };
  }

  /** The end user confirmed the result page, with edits when EditOcrResult=1. */
  async confirm(o: OpenFlow, edits: Record<string, string>): Promise<CaptureAnswer> {
    const { options, progress } = o;
    if (!options.showOcrResult) throw new ApiError('InvalidParameter', 'this flow has no result page');
    if (options.pages.some((p) => progress.pages[p]?.subCode !== '200')) throw new ApiError('InvalidParameter', 'the document is not captured yet');
    const fields = progress.pages['01']?.ocrIdInfo ?? progress.pages['02']?.ocrIdInfo ?? {};
    const edited: Record<string, string> = { ...fields };
    for (const [key, value] of Object.entries(edits)) {
      if (!Object.hasOwn(fields, key)) throw new ApiError('InvalidParameter', `unknown field ${key}`);
      if (typeof value !== 'string' || value.length > 200) throw new ApiError('InvalidParameter', `field ${key} must be at most 200 characters`);
      if (value !== fields[key] && !options.editOcrResult) throw new ApiError('InvalidParameter', 'this flow does not allow edits');
      edited[key] = value;
    }
    return this.complete(o, edited);
  }

  private async saveProgress(flow: HostedFlowRecord, progress: Progress): Promise<void> {
    const sealed = this.services.sealer.seal(JSON.stringify(progress), `hosted-progress:${flow.id}`);
    if (!(await this.services.store.saveHostedFlowProgress(flow.id, sealed))) {
      throw new HostedLinkError('used');
    }
  }

  private async complete(o: OpenFlow, edited: Record<string, string> | null): Promise<CaptureAnswer> {
    const { flow, options, progress } = o;
    const front = progress.pages['01'];
    const back = progress.pages['02'];
    const failed = options.pages.map((p) => progress.pages[p]).find((r) => r && r.subCode !== '200');
    const passed: 'Y' | 'N' = failed ? 'N' : 'Y';
    const subCode = failed?.subCode ?? '200';
    const ext: Record<string, unknown> = {
      docType: options.docType,
      ocrIdPassed: passed,
      ocrIdInfo: front?.subCode === '200' ? front.ocrIdInfo : {},
      spoofInfo: front?.spoofInfo ?? NO_SPOOF,
    };
    if (edited) ext.ocrIdEditInfo = edited;
    if (options.pages.includes('02')) {
      ext.ocrIdBackInfo = back?.subCode === '200' ? back.ocrIdInfo : {};
      ext.spoofBackInfo = back?.spoofInfo ?? NO_SPOOF;
    }
    const stored: StoredResult = {
      ext,
      images: passed === 'Y' ? { ...(front ? { front: front.image } : {}), ...(back ? { back: back.image } : {}) } : {},
    };
    const done = await this.services.store.completeHostedFlow(flow.id, {
      passed,
      subCode,
      resultSealed: this.services.sealer.seal(JSON.stringify(stored), `hosted-result:${flow.id}`),
      completedAt: Date.now(),
    });
    if (!done) throw new HostedLinkError('used');
    await this.onCompleted(flow, options, passed, subCode);
    this.services.log.info({ transactionId: flow.id, passed, subCode }, 'hosted flow completed');
    return { next: 'done', transactionId: flow.id, redirect: returnTo(options, flow.id), passed, subCode };
  }
}

/** The link stopped being usable while the page was on it (completed elsewhere). */
export class HostedLinkError extends Error {
  constructor(readonly state: Exclude<LinkState, 'valid'>) {
    super(`link ${state}`);
  }
}
