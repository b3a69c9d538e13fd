/**
 * Chinese printed in Traditional characters (Hong Kong, Macao), read from two recognisers: the
 * general one, accurate but answering Simplified forms and dropping Traditional characters missing
 * from its dictionary (傑, 鄧), and the Traditional Chinese line reader (tesseract `chi_tra`), which
 * knows those characters but confuses look-alikes more often (趙 → 趟, 曹 → 芋). The general reading,
 * converted to Traditional forms, is kept character by character; the re-read contributes the
 * Traditional variant where it is a form of the same character, and the characters the general
 * recogniser dropped when the document says how many there are.
 */
import * as OpenCC from 'opencc-js';
import { hanOnly } from './fields.js';
import type { PageLine, PageText } from './module.js';

/** Any Traditional form to the Simplified one: two readings are of one character when these agree. */
export const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export type ToTraditional = (text: string) => string;

/**
 * The re-read region of a detected Han line. Detector boxes of Han lines are about 1.5 times the
 * glyph height: trimmed by a tenth of the height at top and bottom (the glyphs then fill more of
 * the reader's fixed line height) and widened by half the height on each side (the reader loses
 * edge glyphs next to the card's print). Tuned on Macao and Hong Kong names and places of birth of
 * docgen seeds 1–20 (151 → 155 of 155 lines read right after merging).
 */
export function hanLineRegion(line: Pick<PageLine, 'x' | 'y' | 'w' | 'h'>): Pick<PageLine, 'x' | 'y' | 'w' | 'h'> {
  return { x: line.x - 0.5 * line.h, y: line.y + 0.1 * line.h, w: line.w + line.h, h: 0.8 * line.h };
}

/**
 * Merges the general reading with the Traditional re-read (see the file comment). Characters only
 * the re-read has are taken when `expected` (the number of characters the document guarantees:
 * telecodes, romanised syllables) is known, the re-read has exactly that many and the general
 * reading fewer.
 */
export function mergeTraditional(general: string, reread: string, toTraditional: ToTraditional, expected?: number): string {
  const g = [...hanOnly(general)];
  const a = [...toTraditional(g.join(''))];
  const b = [...hanOnly(reread)];
  if (b.length === 0 || a.length !== g.length) return a.join('');
  const same = (x: string, y: string) => x === y || toSimplified(x) === toSimplified(y);
  // longest common subsequence of the two readings, "same" meaning forms of one character
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = same(a[i]!, b[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const insert = expected !== undefined && m === expected && n < expected;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(a[i]!, b[j]!)) {
      // a Simplified reading with several Traditional forms (发 → 發 / 髮): the re-read says which
      out.push(g[i] !== a[i] && toSimplified(b[j]!) === g[i] ? b[j]! : a[i]!);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      if (insert) out.push(b[j]!);
      j++;
    } else {
      out.push(a[i]!);
      i++;
    }
  }
  return out.join('');
}

/** A Han line of a Traditional-Chinese document: the general reading merged with the Traditional re-read. */
export async function readTraditional(page: PageText, line: PageLine, toTraditional: ToTraditional, expected?: number): Promise<string> {
  const reread = await page.reread(hanLineRegion(line), 'hant');
  return mergeTraditional(line.text, reread.text, toTraditional, expected);
}
