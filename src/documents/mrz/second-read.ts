/**
 * Readings of one MRZ line by several recognisers, combined per character.
 *
 * `fusedReading`: two recognisers that both give candidate probabilities per character (PaddleOCR and
 * the OCR-B model) are aligned by edit distance and their distributions multiplied per character.
 *
 * `voteReadings`: several readings of one recogniser (the same line reframed) voted per character.
 *
 * `withSecondReading`: a second, independent recogniser's text (tesseract `eng`, restricted to the MRZ
 * alphabet) voted per character with the first recogniser's (PaddleOCR): the two texts are aligned
 * by edit distance, and where the second reads one of the candidates the first considered for a
 * character, that candidate's probability is multiplied by `SECOND_READ_WEIGHT` and the candidates
 * renormalised. The repair then works on the voted probabilities as on any reading, so the check
 * digits still have the last word where there are some; names have none, and there the vote is
 * what corrects `N` for `M` on small prints. Fillers are left out of the vote both ways: `eng`
 * reads runs of `<` as `K`, `L`, `C`.
 */
import type { CharCandidate, TextLine } from '../../engines/engine.js';

/**
 * Weight of the second recogniser's vote. Set on 422 crops of the tuning (even) half of the
 * tesseractMRZ crops (docs/mrz-accuracy.md: 61.6% exact without the vote; 65.4% at 8, 66.4% at 64,
 * 66.1% at 1000); held out (422 odd crops): 63.3% → 65.6%.
 */
export const SECOND_READ_WEIGHT = 64;

const FILLER = '<';

/** Scores of the candidates of one character, normalised, best first, with at most `alternatives` runners-up. */
function candidate(scores: ReadonlyArray<{ readonly char: string; readonly p: number }>, alternatives: number): CharCandidate {
  const total = scores.reduce((s, a) => s + a.p, 0);
  const sorted = scores.map((a) => ({ char: a.char, p: a.p / total })).sort((x, y) => y.p - x.p);
  return { char: sorted[0]!.char, p: sorted[0]!.p, alternatives: sorted.slice(1, 1 + alternatives) };
}

/** `line` with new characters, its text and mean confidence made from them. */
function withChars<L extends Omit<TextLine, 'box'>>(line: L, chars: CharCandidate[]): L {
  const text = chars.map((c) => c.char).join('');
  const confidence = chars.length === 0 ? line.confidence : chars.reduce((s, c) => s + c.p, 0) / chars.length;
  return { ...line, text, confidence, chars };
}

/** For each index of `a`, the index of `b` it is aligned with in a least-edit alignment (-1: none). */
export function alignTexts(a: string, b: string): number[] {
  const n = a.length;
  const m = b.length;
  const d = Array.from({ length: n + 1 }, (_, i) => Int32Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  const map = new Array<number>(n).fill(-1);
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (d[i]![j] === d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) map[--i] = --j;
    else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  return map;
}

/**
 * A character the first recogniser read as a filler or nearly did: the second's `K`/`C`/`L` there
 * says nothing (an agreeing `K` would keep the repair from reading a stray `K` after the data as the
 * filler it is: 0_id-esp). On the tuning crops this costs one crop of 211.
 */
const FILLER_DOUBT = 0.05;
const mayBeFiller = (c: CharCandidate): boolean => c.char === FILLER || c.alternatives.some((a) => a.char === FILLER && a.p >= FILLER_DOUBT);

/**
 * Letter-for-digit confusions (`6`/`G`, `0`/`O`) are left to the check digits and the fields'
 * character classes: a vote there would make the wrong class likelier than its repair.
 */
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** The candidates of one character with `vote`'s probability multiplied by `weight`, renormalised. */
function voted(c: CharCandidate, vote: string, weight: number): CharCandidate {
  const all = [{ char: c.char, p: c.p }, ...c.alternatives];
  if (!all.some((a) => a.char === vote)) return c;
  const weighted = all.map((a) => ({ char: a.char, p: a.char === vote ? a.p * weight : a.p }));
  if (weighted.reduce((s, a) => s + a.p, 0) <= 0) return c;
  return candidate(weighted, weighted.length);
}

/** `line` with the second recogniser's reading `second` voted into its characters (see above). */
export function withSecondReading<L extends Omit<TextLine, 'box'>>(line: L, second: string, weight = SECOND_READ_WEIGHT): L {
  const first = line.chars.map((c) => c.char).join('');
  const map = alignTexts(first, second);
  const chars = line.chars.map((c, i) => {
    const vote = map[i]! >= 0 ? second[map[i]!]! : null;
    return vote === null || vote === FILLER || mayBeFiller(c) || isDigit(vote) !== isDigit(c.char) ? c : voted(c, vote, weight);
  });
  return withChars(line, chars);
}

/**
 * Probability given to a character one recogniser did not list among its candidates when two
 * distributions are multiplied. Tuning crops (even half, 844): 0.005 / 0.02 / 0.05 → 79.9 / 79.5 /
 * 79.3% exact; the middle value kept.
 */
export const FUSE_FLOOR = 0.01;

/**
 * `base` with each character's candidates multiplied by those of the character of `other` it is
 * aligned with (renormalised, best first); `base` keeps its length and segmentation.
 */
export function fusedReading<L extends Omit<TextLine, 'box'>>(base: L, other: Omit<TextLine, 'box'>, floor = FUSE_FLOOR): L {
  const joined = (l: Omit<TextLine, 'box'>): string => l.chars.map((c) => c.char).join('');
  const map = alignTexts(joined(base), joined(other));
  const chars = base.chars.map((c, i): CharCandidate => {
    const o = map[i]! >= 0 ? other.chars[map[i]!] : undefined;
    if (!o) return c;
    const mine = new Map([[c.char, c.p], ...c.alternatives.map((a) => [a.char, a.p] as const)]);
    const theirs = new Map([[o.char, o.p], ...o.alternatives.map((a) => [a.char, a.p] as const)]);
    const product = [...new Set([...mine.keys(), ...theirs.keys()])].map((char) => ({ char, p: ((mine.get(char) ?? 0) + floor) * ((theirs.get(char) ?? 0) + floor) }));
    return candidate(product, c.alternatives.length);
  });
  return withChars(base, chars);
}

/** Fewest readings of one length for a vote. */
const MIN_VOTERS = 3;

/**
 * Per character, the vote of the readings of the length most share (the first reading's length on a tie):
 * each reading gives its character's probability and its alternatives' to those characters; the shares are
 * normalised (three runners-up kept). Null when fewer than MIN_VOTERS readings share that length.
 */
export function voteReadings<L extends Omit<TextLine, 'box'>>(reads: readonly L[]): L | null {
  const counts = new Map<number, number>();
  for (const r of reads) counts.set(r.text.length, (counts.get(r.text.length) ?? 0) + 1);
  let length = reads[0]!.text.length;
  for (const [len, n] of counts) if (n > counts.get(length)!) length = len;
  const voters = reads.filter((r) => r.text.length === length && r.chars.length === length);
  if (voters.length < MIN_VOTERS || length === 0) return null;
  const chars = Array.from({ length }, (_, i) => {
    const score = new Map<string, number>();
    for (const r of voters) {
      const c = r.chars[i]!;
      for (const { char, p } of [c, ...c.alternatives]) score.set(char, (score.get(char) ?? 0) + p);
    }
    return candidate([...score].map(([char, p]) => ({ char, p })), 3);
  });
  return withChars(voters[0]!, chars);
}
