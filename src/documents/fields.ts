/**
 * Helpers shared by the document modules: text cleanup, dates and sexes from their printed forms,
 * and label matching that tolerates OCR errors.
 */
import type { PageLine } from './module.js';

/** Full-width ASCII (Ａ１：) to half-width, ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'g');

/** Chinese text as printed: half-width digits/letters, no spaces next to CJK characters. */
export function cleanCjk(text: string): string {
  return toHalfWidth(text).replace(SPACE_IN_CJK, '').replace(/\s+/g, ' ').trim();
}

/** Latin text: half-width, single spaces, upper case. */
export function cleanLatin(text: string): string {
  return toHalfWidth(text).replace(/[^\S\n]+/g, ' ').trim().toUpperCase();
}

/** Only the CJK ideographs of a text. */
export const hanOnly = (text: string): string => text.replace(/[^\u3400-\u9fff\uf900-\ufaff]/g, '');

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, SEPT: 9, OCT: 10, NOV: 11, DEC: 12,
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** yyyy-mm-dd when the parts make a real calendar date, else ''. */
export function isoDate(y: number, m: number, d: number): string {
  if (!(y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return '';
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return '';
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** OCR confusions inside digit runs of dates. */
const digitsOf = (s: string): string => s.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/[Ss]/g, '5').replace(/B/g, '8');

interface DateMatch {
  readonly date: string;
  readonly index: number;
  readonly length: number;
}

/**
 * Every date in a printed line, in order: 1990年1月2日, 1990.01.02, 1990-1-2, 1990/01/02, 19900102,
 * 02-01-1990 / 02.01.1990 / 02/01/1990 (day first), 02 JAN 1990, 02JAN1990, JAN 02 1990.
 */
export function findDates(text: string): DateMatch[] {
  const s = toHalfWidth(text);
  const found: DateMatch[] = [];
  const take = (re: RegExp, make: (m: RegExpExecArray) => string): void => {
    for (const m of s.matchAll(re)) {
      const date = make(m as RegExpExecArray);
      const index = m.index ?? 0;
      if (!date) continue;
      if (found.some((f) => index < f.index + f.length && f.index < index + m[0].length)) continue;
      found.push({ date, index, length: m[0].length });
    }
  };
  const num = (x: string | undefined): number => Number(digitsOf(x ?? ''));
  take(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?/g, (m) => isoDate(num(m[1]), num(m[2]), num(m[3])));
  take(/(?<!\d)([12][0-9OIl]{3})\s*[.\-/·,]\s*([0-9OIl]{1,2})\s*[.\-/·,]\s*([0-9OIl]{1,2})(?!\d)/g, (m) =>
    isoDate(num(m[1]), num(m[2]), num(m[3])),
  );
  take(/(?<!\d)([0-9]{1,2})\s*[.\-/]\s*([0-9]{1,2})\s*[.\-/]\s*([12][0-9]{3})(?!\d)/g, (m) =>
    isoDate(num(m[3]), num(m[2]), num(m[1])),
  );
  take(/(?<![0-9A-Z])([0-9]{1,2})\s*[-.]?\s*([A-Z]{3,4})\s*[-.]?\s*([12][0-9]{3})(?!\d)/gi, (m) =>
    MONTHS[m[2]!.toUpperCase()] ? isoDate(num(m[3]), MONTHS[m[2]!.toUpperCase()]!, num(m[1])) : '',
  );
  take(/(?<![A-Z])([A-Z]{3,4})\s*\.?\s*([0-9]{1,2})\s*,?\s*([12][0-9]{3})(?!\d)/gi, (m) =>
    MONTHS[m[1]!.toUpperCase()] ? isoDate(num(m[3]), MONTHS[m[1]!.toUpperCase()]!, num(m[2])) : '',
  );
  take(/(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/g, (m) => isoDate(num(m[1]), num(m[2]), num(m[3])));
  return found.sort((a, b) => a.index - b.index);
}

/** The first date of a printed text as yyyy-mm-dd, or ''. */
export const normalizeDate = (text: string): string => findDates(text)[0]?.date ?? '';

/** M, F or '' from any printed form (男/女, M/F, MALE/FEMALE, 남/여, LAKI-LAKI/PEREMPUAN). */
export function sexMF(text: string): 'M' | 'F' | '' {
  const s = toHalfWidth(text).toUpperCase();
  if (/女|여|FEMALE|PEREMPUAN|\bF\b/.test(s)) return 'F';
  if (/男|남|MALE|LAKI|\bM\b/.test(s)) return 'M';
  return '';
}

/** 男, 女 or ''. */
export function sexCN(text: string): '男' | '女' | '' {
  const s = sexMF(text);
  return s === 'M' ? '男' : s === 'F' ? '女' : '';
}

/** Levenshtein distance (small strings). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The text with its diacritics dropped (é → e). */
export const withoutMarks = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

const labelKey = (s: string): string => withoutMarks(toHalfWidth(s)).replace(/[\s:：.,/()（）]/g, '').toUpperCase();

export interface LabelHit {
  /** Where the label starts and ends in the line's text. */
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/**
 * Finds a label in a line, allowing `maxErrors` character errors (default: none for labels of up
 * to 2 characters, one per 4 characters above that). Spaces and punctuation are ignored.
 */
export function matchLabel(text: string, label: string, maxErrors?: number): LabelHit | null {
  const key = labelKey(label);
  const allowed = maxErrors ?? (key.length <= 2 ? 0 : Math.floor(key.length / 4));
  // map positions of the compacted text back to the original
  const keep: number[] = [];
  let compact = '';
  const src = toHalfWidth(text);
  for (let i = 0; i < src.length; i++) {
    const k = labelKey(src[i]!);
    if (k.length === 0) continue;
    compact += k;
    for (let j = 0; j < k.length; j++) keep.push(i);
  }
  let best: LabelHit | null = null;
  for (let len = Math.max(1, key.length - allowed); len <= key.length + allowed; len++) {
    for (let i = 0; i + len <= compact.length; i++) {
      const errors = editDistance(compact.slice(i, i + len), key);
      if (errors > allowed) continue;
      const start = keep[i]!;
      const end = keep[i + len - 1]! + 1;
      if (!best || errors < best.errors || (errors === best.errors && (start < best.start || (start === best.start && end > best.end)))) {
        best = { start, end, errors };
      }
    }
  }
  return best;
}

/** The text of a line after a label (and separators), or null when the label is not there. */
export function afterLabel(text: string, labels: readonly string[], maxErrors?: number): string | null {
  let best: LabelHit | null = null;
  for (const l of labels) {
    const hit = matchLabel(text, l, maxErrors);
    if (hit && (!best || hit.errors < best.errors)) best = hit;
  }
  if (!best) return null;
  return text.slice(best.end).replace(/^[\s:：.·]+/, '');
}

export interface Anchor {
  readonly line: PageLine;
  readonly index: number;
  /** Text after the label on the same line. */
  readonly rest: string;
  /** Right edge of the label, in page pixels (estimated from the character share). */
  readonly labelRight: number;
}

/** The first line holding one of the labels. */
export function findAnchor(lines: readonly PageLine[], labels: readonly string[], maxErrors?: number): Anchor | null {
  let best: (Anchor & { errors: number }) | null = null;
  lines.forEach((line, index) => {
    for (const l of labels) {
      const hit = matchLabel(line.text, l, maxErrors);
      if (!hit) continue;
      // a label is short: a long line that merely contains its characters is a weaker match
      if (best && best.errors <= hit.errors) continue;
      const rest = line.text.slice(hit.end).replace(/^[\s:：.·]+/, '');
      const labelRight = line.x + (line.w * hit.end) / Math.max(1, line.text.length);
      best = { line, index, rest, labelRight, errors: hit.errors };
    }
  });
  return best;
}

/** Vertical overlap of two lines as a share of the smaller height. */
export function rowOverlap(a: Pick<PageLine, 'y' | 'h'>, b: Pick<PageLine, 'y' | 'h'>): number {
  const top = Math.max(a.y, b.y);
  const bottom = Math.min(a.y + a.h, b.y + b.h);
  return Math.max(0, bottom - top) / Math.max(1, Math.min(a.h, b.h));
}

/**
 * Lines on the same row as `anchor`, right of it, left to right, as long as each follows the
 * previous one within `maxGap` line heights (a far column is another field).
 */
export function rightOf(lines: readonly PageLine[], anchor: PageLine, minOverlap = 0.4, maxGap = 4): PageLine[] {
  const row = lines
    .filter((l) => l !== anchor && l.x >= anchor.x + anchor.w * 0.5 && rowOverlap(l, anchor) >= minOverlap)
    .sort((a, b) => a.x - b.x);
  const out: PageLine[] = [];
  let right = anchor.x + anchor.w;
  for (const l of row) {
    if (l.x - right > maxGap * anchor.h) break;
    out.push(l);
    right = Math.max(right, l.x + l.w);
  }
  return out;
}

/** Cuts a text where the first of the labels starts (exact matches only: values may hold anything). */
export function cutAtLabels(text: string, labels: readonly string[]): string {
  let cut = text.length;
  for (const l of labels) {
    const hit = matchLabel(text, l, 0);
    if (hit && hit.start < cut) cut = hit.start;
  }
  return text.slice(0, cut);
}

export interface LabelledValue {
  readonly text: string;
  readonly anchor: Anchor;
}

/**
 * The value printed after a label: the rest of the label's line plus the lines to its right on the
 * same row, cut where another label of the page starts.
 */
export function valueAfter(
  lines: readonly PageLine[],
  labels: readonly string[],
  otherLabels: readonly string[],
  maxErrors?: number,
): LabelledValue | null {
  const anchor = findAnchor(lines, labels, maxErrors);
  if (!anchor) return null;
  const text = cutAtLabels([anchor.rest, ...rightOf(lines, anchor.line).map((l) => l.text)].join(' '), otherLabels);
  return { text: text.trim(), anchor };
}

/** Snaps a reading to the closest entry of a closed list (at most `maxErrors` edits), or ''. */
export function snapToList(text: string, list: readonly string[], maxErrors = 1): string {
  if (!text) return '';
  if (list.includes(text)) return text;
  let best = '';
  let bestD = Infinity;
  for (const v of list) {
    const d = editDistance(text, v);
    if (d < bestD || (d === bestD && v.length > best.length)) {
      bestD = d;
      best = v;
    }
  }
  return bestD <= Math.min(maxErrors, Math.floor(best.length / 2)) ? best : '';
}

/** Removes a leading label word (e.g. the English half of a bilingual label) from a value. */
export function stripLeadingLabels(text: string, labels: readonly string[]): string {
  let out = text.trim();
  for (;;) {
    let best: LabelHit | null = null;
    for (const l of labels) {
      const hit = matchLabel(out, l);
      if (!hit || hit.start > 1) continue;
      if (!best || hit.errors < best.errors || (hit.errors === best.errors && hit.end > best.end)) best = hit;
    }
    if (!best) return out;
    out = out.slice(best.end).replace(/^[\s:：/.·]+/, '');
  }
}

/**
 * The value of a label printed either right of it (same row) or, when nothing is there, on the
 * line just below it that starts near the label's left edge.
 */
export function valueNear(
  lines: readonly PageLine[],
  labels: readonly string[],
  otherLabels: readonly string[],
  ignore: readonly string[] = [],
): LabelledValue | null {
  const v = valueAfter(lines, labels, otherLabels);
  if (!v) return null;
  const text = stripLeadingLabels(v.text, ignore);
  if (text.length > 0) return { text, anchor: v.anchor };
  const a = v.anchor.line;
  // the label's column: from its left edge to where the next thing on its row starts
  const colRight = Math.min(
    Infinity,
    ...lines
      .filter((l) => l !== a && l.x > a.x + a.w * 0.5 && rowOverlap(l, a) >= 0.4 && stripLeadingLabels(l.text, ignore) !== '')
      .map((l) => l.x),
  );
  const below = lines
    .filter((l) => l !== a && l.y > a.y + a.h * 0.5 && l.y < a.y + a.h * 3)
    .filter((l) => l.x > a.x - a.h * 2 || l.x + l.w > a.x + a.h)
    .filter((l) => l.x < Math.min(colRight, a.x + a.w) && l.x + l.w > a.x - a.h * 0.5)
    .filter((l) => !otherLabels.some((o) => matchLabel(l.text, o, 0)))
    .sort((p, q) => p.y - q.y)[0];
  if (below) {
    // a box the detector ran across several columns: keep the characters under this label's column
    const charW = below.w / Math.max(1, below.text.length);
    const start = below.x < a.x - a.h ? Math.round((a.x - below.x) / charW) : 0;
    const end = below.x + below.w > colRight + a.h * 0.5 ? Math.round((colRight - below.x) / charW) : below.text.length;
    const text = below.text.slice(Math.max(0, start), Math.max(start, end));
    return { text: stripLeadingLabels(cutAtLabels(text, otherLabels), ignore), anchor: v.anchor };
  }
  // some editions print values in a column far right of the labels
  const far = rightOf(lines, a, 0.4, Infinity)[0];
  const farText = far ? stripLeadingLabels(cutAtLabels(far.text, otherLabels), ignore) : '';
  return { text: farText, anchor: v.anchor };
}

/** A line of Latin capitals (a romanised name): letters, spaces, commas, apostrophes, hyphens. */
export const isLatinName = (text: string): boolean => /^[A-Z][A-Z ,.'\-]*[A-Z]$/.test(cleanLatin(text)) && /[A-Z]{2}/.test(text.toUpperCase());

const INITIALS = ['TSZ', 'CH', 'SH', 'TS', 'KW', 'GW', 'NG', 'HW', 'B', 'C', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'S', 'T', 'V', 'W', 'X', 'Y', 'Z'];
const SYLLABLE = new RegExp(`^(?:(${INITIALS.join('|')})?([AEIOU]+)(NG|N|M|K|P|T|H|W)?|NG|M)$`);
/** Vowel runs of Cantonese romanisations (Hong Kong and Macao spellings). */
const VOWEL_RUNS = new Set(['A', 'E', 'I', 'O', 'U', 'AI', 'AU', 'AO', 'EI', 'EU', 'EO', 'EE', 'IU', 'IO', 'IA', 'IE', 'IEO', 'OI', 'OO', 'OU', 'UI', 'UE', 'UO', 'UA', 'OE', 'OEI', 'UEI']);
const INITIAL_COST: Readonly<Record<string, number>> = { GW: 0.7, NG: 0.7, HW: 0.7, KW: 0.1, G: 0.9, B: 0.5, D: 0.5, J: 0.5, Q: 0.5, R: 0.5, X: 0.5, Z: 0.5 };

/** How unusual a syllable is: vowel-initial syllables, rare initials and long vowels before a stop cost more. */
function syllableCost(syl: string): number {
  const m = SYLLABLE.exec(syl);
  if (!m) return Infinity;
  const [, initial, vowels, final] = m;
  if (!vowels) return 0.3;
  if (!VOWEL_RUNS.has(vowels)) return Infinity;
  const stop = final && 'KPT'.includes(final) && vowels.length >= 2 ? (vowels[0] === vowels[1] ? 0.5 : 0.3) : 0;
  if (!initial) return (vowels.length >= 2 ? 0.8 : 0.6) + stop;
  return (INITIAL_COST[initial] ?? 0) + stop + (vowels.length >= 3 ? 0.9 : 0);
}

/**
 * Splits romanised words run together by the recogniser ("MUITENG") into `count` syllables
 * ("MUI TENG"), for names printed one word per Chinese character (Hong Kong, Macao, pinyin).
 * Syllables with an initial consonant are preferred; the text is returned unchanged when it
 * cannot be split so.
 */
export function splitSyllables(text: string, count: number): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (count <= words.length || count <= 0) return words.join(' ');
  const s = words.join('|');
  // best[i][k]: lowest cost to cut s[0..i) into k syllables (word breaks are forced cuts)
  const n = s.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(count + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: n + 1 }, () => Array<number>(count + 1).fill(-1));
  best[0]![0] = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < count; k++) {
      const base = best[i]![k]!;
      if (!Number.isFinite(base)) continue;
      const start = s[i] === '|' ? i + 1 : i;
      for (let j = start + 1; j <= Math.min(n, start + 6); j++) {
        const syl = s.slice(start, j);
        if (syl.includes('|')) continue;
        const cost = base + syllableCost(syl);
        if (!Number.isFinite(cost)) continue;
        if (cost < best[j]![k + 1]!) {
          best[j]![k + 1] = cost;
          from[j]![k + 1] = i;
        }
      }
    }
  }
  if (!Number.isFinite(best[n]![count]!)) return words.join(' ');
  const parts: string[] = [];
  for (let j = n, k = count; k > 0; k--) {
    const i = from[j]![k]!;
    parts.unshift(s.slice(s[i] === '|' ? i + 1 : i, j));
    j = i;
  }
  return parts.join(' ');
}
