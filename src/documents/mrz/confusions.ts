/**
 * OCR confusions between MRZ characters (OCR-B), with a cost (lower = more common). Used both to
 * force a character into its field's class (a date position read as `O` is a `0`) and to propose
 * substitutions that a check digit then has to confirm.
 */
import { states } from 'mrz';
import type { CharClass } from './formats.js';

export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/**
 * Costs are in the units of the repair's scores (roughly -ln of how often the confusion happens):
 * the usual OCR-B pairs 3, D/Q for 0 and L for `<` a little rarer.
 */
const PAIRS: ReadonlyArray<readonly [string, string, number]> = [
  ['O', '0', 3],
  ['I', '1', 3],
  ['B', '8', 3],
  ['S', '5', 3],
  ['Z', '2', 3],
  ['G', '6', 3],
  ['D', '0', 3.5],
  ['Q', '0', 3.5],
  ['K', '<', 3],
  ['L', '<', 3.5],
];

/**
 * Rarer confusions, used only to force a character into its class (an `A` in a date is a `4`),
 * never proposed as substitutions for a check digit to choose from: each extra candidate is one
 * more chance for a wrong reading to pass a check digit by luck.
 */
const CLASS_ONLY_PAIRS: ReadonlyArray<readonly [string, string, number]> = [
  ['A', '4', 4.5],
  ['T', '7', 4.5],
  ['L', '1', 4.5],
  // the sex field: M blurred into N (or H) in small prints
  ['N', 'M', 4.5],
  ['H', 'M', 4.5],
];

function partnerMap(pairs: ReadonlyArray<readonly [string, string, number]>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [a, b, cost] of pairs) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let m = out.get(x);
      if (!m) out.set(x, (m = new Map()));
      m.set(y, Math.min(cost, m.get(y) ?? Infinity));
    }
  }
  return out;
}

const PARTNERS = partnerMap(PAIRS);
const CLASS_PARTNERS = partnerMap([...PAIRS, ...CLASS_ONLY_PAIRS]);

/** Characters `c` is commonly confused with, and the cost of that confusion. */
export function partners(c: string): ReadonlyMap<string, number> {
  return PARTNERS.get(c) ?? new Map();
}

export const isDigit = (c: string): boolean => c.length === 1 && c >= '0' && c <= '9';
export const isLetter = (c: string): boolean => c.length === 1 && c >= 'A' && c <= 'Z';

/** Whether `c` may stand in a position of class `cls`. */
export function allowedIn(cls: CharClass, c: string): boolean {
  switch (cls) {
    case 'alpha':
      return c === '<' || isLetter(c);
    case 'numeric':
      return isDigit(c);
    case 'check':
      return isDigit(c) || c === '<';
    case 'alphanumeric':
      return c === '<' || isLetter(c) || isDigit(c);
    case 'sex':
      return c === 'M' || c === 'F' || c === 'X' || c === '<';
  }
}

/**
 * The character of class `cls` that `c` most likely stands for, by the confusion table, or null
 * when the class says nothing (no partner of that class). For a check digit a digit is preferred
 * over the filler.
 */
export function classFix(cls: CharClass, c: string): { readonly ch: string; readonly cost: number } | null {
  if (allowedIn(cls, c)) return { ch: c, cost: 0 };
  let best: { ch: string; cost: number } | null = null;
  for (const [p, cost] of CLASS_PARTNERS.get(c) ?? new Map<string, number>()) {
    if (!allowedIn(cls, p)) continue;
    const adjusted = cls === 'check' && p === '<' ? cost + 3 : cost;
    if (!best || adjusted < best.cost) best = { ch: p, cost: adjusted };
  }
  return best;
}

/** ICAO state codes known to the `mrz` package, plus the ICAO specimen state and a few ICAO codes it lacks. */
const KNOWN_STATES = new Set<string>([...Object.keys(states), 'UTO', 'EUE', 'RKS']);

/** Whether a 3-character state field (fillers kept) is a known code. */
export function isKnownState(field: string): boolean {
  return KNOWN_STATES.has(field.replace(/<+$/, ''));
}

/** The known state codes as printed in a 3-character field (`D<<`). */
export const KNOWN_STATE_FIELDS: readonly string[] = [...KNOWN_STATES].map((s) => s.padEnd(3, '<'));

/**
 * Letters that OCR-B prints alike at small sizes or after binarisation (`M`/`H`/`N`, `E`/`F`/`L`, round
 * letters), the candidates for a letter of a name that reads implausibly.
 */
const LOOKALIKE_GROUPS = ['MHNW', 'EFL', 'ODQUCG', 'ILTJ', 'KRXH', 'VYU', 'BRPD', 'SZ'];

/** Letters `c` is printed alike with (see LOOKALIKE_GROUPS). */
export function lookalikeLetters(c: string): string[] {
  const out = new Set<string>();
  for (const g of LOOKALIKE_GROUPS) if (g.includes(c)) for (const x of g) if (x !== c) out.add(x);
  return [...out];
}
