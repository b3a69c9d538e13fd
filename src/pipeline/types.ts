import type { DocPage } from '../documents/catalogue.js';

export type SubCode = '200' | '211' | '212' | '213';
export type OcrModel = '0' | '1' | '2';
export type IdThreshold = '0' | '1' | '2' | '3';

export interface RecognitionRequest {
  /** The encoded image (JPEG or PNG) as received. */
  readonly image: Uint8Array;
  readonly ocrModel: OcrModel;
  readonly docType: string | null;
  readonly docPage: DocPage;
  readonly idSpoof: boolean;
  readonly idThreshold: IdThreshold;
  readonly ocrValueStandard: boolean;
  readonly authorize: boolean;
}

export interface SpoofInfo {
  readonly spoofResult: 'Y' | 'N';
  readonly spoofType: string[];
}

/** ExtIdInfo before it is JSON-encoded onto the wire. */
export interface ExtIdInfo {
  readonly docType?: string;
  readonly ocrDocType?: string;
  readonly ocrIdInfo?: Readonly<Record<string, string>>;
  readonly ocrStandardData?: Readonly<Record<string, string>>;
  readonly spoofInfo?: SpoofInfo;
  readonly [extra: string]: unknown;
}

/** Expected outcomes are results; only unusable input is a rejection. */
export type RecognitionOutcome =
  | {
      readonly kind: 'result';
      readonly passed: 'Y' | 'N';
      readonly subCode: SubCode;
      readonly extIdInfo: ExtIdInfo;
      readonly timings: Readonly<Record<string, number>>;
    }
  | {
      readonly kind: 'rejected';
      readonly code: 'UnqualifiedPhoto' | 'ToolargeImage' | 'InvalidParameter';
      readonly detail?: string;
      readonly timings: Readonly<Record<string, number>>;
    };

export interface Recognizer {
  recognize(request: RecognitionRequest): Promise<RecognitionOutcome>;
  close(): Promise<void>;
}
