/** Raw RGB pixels, 3 bytes per pixel, row-major. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export type Point = readonly [x: number, y: number];

/** A detected text region: four corners, clockwise from the top-left of the text, in source pixels. */
export interface TextBox {
  readonly points: readonly [Point, Point, Point, Point];
  readonly score: number;
}

/** One decoded character with the next-best alternatives the recogniser considered there. */
export interface CharCandidate {
  readonly char: string;
  readonly p: number;
  readonly alternatives: ReadonlyArray<{ readonly char: string; readonly p: number }>;
}

export interface TextLine {
  readonly box: TextBox;
  readonly text: string;
  /** Mean probability of the emitted characters (0..1). */
  readonly confidence: number;
  readonly chars: readonly CharCandidate[];
}

export interface DetectOptions {
  /** Longest side the image is scaled to before detection (multiple of 32). */
  readonly maxSide?: number;
}

export interface RecognizeOptions {
  /** When set, decoding is restricted to these characters (e.g. the MRZ alphabet). */
  readonly charset?: string;
  /** Horizontal stretch applied to each crop before recognition (MRZ lines read better at 1.2). */
  readonly widen?: number;
  /**
   * With a charset: prior weights of some of its characters, multiplied into their probabilities
   * before decoding (> 1 favours a character the recogniser tends to under-read).
   */
  readonly charWeights?: Readonly<Record<string, number>>;
  /**
   * Also read long lines in overlapping chunks of this many recogniser-input pixels and keep, per
   * output step, the surer of the two passes (the model was trained on shorter text; ≈ 2.2x the time).
   */
  readonly chunkWidth?: number;
  /** Margin added around each crop, filled with its background, as fractions of the crop height. */
  readonly margin?: { readonly x: number; readonly y: number };
}

/** A text detector + recogniser. Engines know nothing about documents. */
export interface OcrEngine {
  readonly name: string;
  detect(image: RgbImage, options?: DetectOptions): Promise<TextBox[]>;
  recognize(image: RgbImage, boxes: readonly TextBox[], options?: RecognizeOptions): Promise<TextLine[]>;
  /** Recognise a whole image as one text line (already cropped). */
  recognizeLine(image: RgbImage, options?: RecognizeOptions): Promise<Omit<TextLine, 'box'>>;
}

/** Script of a printed line: decides which recogniser reads it. */
export type Script = 'latin' | 'hans' | 'hant' | 'hangul';

/**
 * A recogniser for single text lines of particular scripts, for the ones the OcrEngine reads badly
 * (tesseract.js for Hangul and Traditional Chinese; see ../shared/spec/ocr-engine-notes.md).
 */
export interface ScriptLineReader {
  readonly scripts: readonly Script[];
  readLine(image: RgbImage, script: Script): Promise<{ text: string; confidence: number }>;
  close(): Promise<void>;
}

/**
 * A second, independent recogniser of single lines restricted to an alphabet (MRZ lines): its
 * reading is voted with the OcrEngine's per character (tesseract.js `eng`, see tesseract.ts).
 */
export interface AlphabetLineReader {
  readAlphabetLine(image: RgbImage, alphabet: string): Promise<{ text: string; confidence: number }>;
}
