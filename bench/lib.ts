import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RgbImage } from '../src/engines/engine.js';
import { wholeLineFields } from '../src/documents/mrz/index.js';
import { allowedIn } from '../src/documents/mrz/confusions.js';

/** The shared evaluation data, beside the repository (never copied into it). */
export const PUBLIC_DATA = path.resolve(process.env.OPENIDV_PUBLIC_DATA ?? '../shared/data/public');

export async function decodeRgb(file: string | Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(file).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export { editDistance } from '../src/documents/fields.js';

export const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
export const ms = (v: number): string => (Number.isNaN(v) ? '—' : v.toFixed(0));

export function table(headers: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/**
 * tesseractMRZ crops whose published transcription disagrees with what is printed on them
 * (bench/tesseractmrz-transcription-fixes.json; found in session 11 by looking at every crop the pipeline
 * missed): at index `at` of the transcription, the `transcribed` characters are `printed` on the crop. The
 * bench scores against these beside the published transcriptions, never instead of them.
 */
interface TranscriptionFix {
  readonly file: string;
  readonly at: number;
  readonly transcribed: string;
  readonly printed: string;
}

export function transcriptionFixes(): Map<string, TranscriptionFix> {
  const file = fileURLToPath(new URL('../../bench/tesseractmrz-transcription-fixes.json', import.meta.url));
  const fixes = JSON.parse(fs.readFileSync(file, 'utf8')) as TranscriptionFix[];
  return new Map(fixes.map((f) => [f.file, f]));
}

/** The line as printed: the published transcription with its fix, if any, applied. */
export function printedLine(transcription: string, fix: TranscriptionFix | undefined): string {
  if (!fix) return transcription;
  if (transcription.slice(fix.at, fix.at + fix.transcribed.length) !== fix.transcribed) {
    throw new Error(`transcription fix for ${fix.file} does not match its transcription`);
  }
  return transcription.slice(0, fix.at) + fix.printed + transcription.slice(fix.at + fix.transcribed.length);
}

/**
 * Why a line-crop reading misses its published transcription, as far as the crop alone can say:
 * - `transcription`: the reading is what is printed (a recorded transcription fix, above);
 * - `length`: the reading has more or fewer characters than the print;
 * - `class`: every differing character of the print is one its ICAO field's class forbids (a letter in a date
 *   or check digit, a digit in a name or state code) and the reading has one the class allows — a reader that
 *   honours ICAO 9303's character classes cannot match it;
 * - `misread`: anything else, on a whole TD1/TD2/TD3 line or on a crop that is none.
 */
export const CROP_MISS_KINDS = {
  transcription: 'the reading is what the crop prints; the transcription is not (bench/tesseractmrz-transcription-fixes.json)',
  length: 'the reading has more or fewer characters than the print',
  class: "the print's differing characters are ones their ICAO field's class forbids; the reading has allowed ones",
  'misread, whole line': 'a whole TD1/TD2/TD3 line misread',
  'misread, not a whole line': 'a crop of no whole line (cut, national layout) misread',
} as const;
export type CropMissKind = keyof typeof CROP_MISS_KINDS;

export function cropMissKind(read: string, printed: string): CropMissKind {
  if (read === printed) return 'transcription';
  if (read.length !== printed.length) return 'length';
  const fields = wholeLineFields(read);
  if (!fields) return 'misread, not a whole line';
  const classOf = (i: number) => fields.find((f) => i >= f.start && i < f.start + f.length)?.cls;
  const differing = [...printed].flatMap((c, i) => (c === read[i] ? [] : [i]));
  const forbidden = differing.every((i) => {
    const cls = classOf(i);
    return cls !== undefined && !allowedIn(cls, printed[i]!) && allowedIn(cls, read[i]!);
  });
  return forbidden ? 'class' : 'misread, whole line';
}

/**
 * Whether a reader that reads every crop as printed, except characters their ICAO field's class forbids (which
 * it reads as allowed ones), can match the published transcription. `missKind` is the kind of the bench's own
 * miss on the crop (null when it read the transcription): a reader that honours the classes, as openidv's does,
 * reveals a print with forbidden characters by missing it as `class`.
 */
export function reachableHonouringClasses(transcription: string, printed: string, missKind: CropMissKind | null): boolean {
  if (transcription !== printed) return cropMissKind(transcription, printed) === 'class';
  return missKind !== 'class';
}
