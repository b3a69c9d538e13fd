/**
 * The contract every document module fulfils. Modules are data first (codes, pages, field lists)
 * plus pure functions over the recognised text of one page; they know nothing of HTTP, images or
 * engines. When a value is printed in a script the general recogniser reads badly (Hangul,
 * Traditional Chinese), a module asks the page to re-read that line in that script.
 */
import type { DocPage } from './catalogue.js';
import type { Script } from '../engines/engine.js';
import type { MrzReading } from './mrz/index.js';

export type { Script };

/** One recognised text line, in the pixels of the upright page image. */
export interface PageLine {
  readonly text: string;
  /** Mean probability of the characters (0..1). */
  readonly confidence: number;
  /** Axis-aligned box of the line on the upright page. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Everything recognised on one side of a document, upright. */
export interface PageText {
  readonly width: number;
  readonly height: number;
  /** Lines top to bottom, left to right. */
  readonly lines: readonly PageLine[];
  /**
   * Text boxes the detector found but the general recogniser read nothing in (a script it lacks,
   * such as Hangul), with text ''; modules that expect such text re-read them.
   */
  readonly unread?: readonly PageLine[];
  /** The machine-readable zone, when the page has one. */
  readonly mrz: MrzReading | null;
  /** Re-reads a line (or any region of the upright page) with the recogniser for `script`. */
  reread(region: Pick<PageLine, 'x' | 'y' | 'w' | 'h'>, script: Script): Promise<{ text: string; confidence: number }>;
}

/** What identify() answers: which edition and page of this module the text looks like, and how sure. */
export interface Identification {
  readonly code: string;
  readonly page: DocPage;
  /** 0 = not this document; 1 = certain. Scores of different modules are compared. */
  readonly score: number;
}

export interface Extraction {
  /** Every field of the page in the order of the seed; '' where it could not be read. */
  readonly fields: Readonly<Record<string, string>>;
  /** The document's own guarantees held (check characters, birth date/sex encoded in numbers, dates). */
  readonly consistent: boolean;
  /** Which guarantees failed, in words, for logs and for the TAMPER check. */
  readonly problems: readonly string[];
}

/** OcrValueStandard=1 (`ocrStandardData`): Latin names, F/M, yyyy-mm-dd. */
export interface StandardData {
  readonly surname_s: string;
  readonly given_name_s: string;
  readonly sex_s: string;
  readonly date_of_birth_s: string;
  readonly date_of_expiry_s: string;
}

/** OcrModel 2 (`ocrIdInfo` of general recognition). */
export interface GeneralFields {
  readonly surname_s: string;
  readonly given_name_s: string;
  readonly date_of_birth_s: string;
  readonly card_number_s: string;
  readonly sex_s: string;
}

/** Outcome of the offline authenticity checks of Authorize=T (checksum, region code, birth date). */
export interface AuthorizeChecks {
  readonly passed: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

export interface DocumentModule {
  /** Catalogue codes this module reads (editions sharing one field list, e.g. HKG01001 and HKG01002). */
  readonly codes: readonly string[];
  /** Country + category the classifier answers for it (`CHN01`, `HKG01`, `GLB03`). */
  readonly docClass: string;
  /** Field names per page, camelCase as in the seeds, in output order. */
  readonly fields: Readonly<Partial<Record<DocPage, readonly string[]>>>;
  identify(page: PageText): Identification | null;
  extract(page: PageText, docPage: DocPage, code: string): Promise<Extraction>;
  general(fields: Readonly<Record<string, string>>): GeneralFields;
  standardize(fields: Readonly<Record<string, string>>): StandardData | null;
  /** Only for the types Authorize=T applies to (CHN01001, CHN02001). */
  authorize?(fields: Readonly<Record<string, string>>): AuthorizeChecks;
}
