import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RgbImage } from '../src/engines/engine.js';

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

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

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
