/**
 * How name-like a name field reads: a character 5-gram model of personal names as an MRZ prints them,
 * built from models/person-names.txt (33,848 given names and surnames from many languages, transliterated
 * as ICAO 9303 Part 3 does; scripts/build-person-names.mjs). Recognisers confuse `M`, `H` and `N` on small
 * prints; `MARIA` and `HARIA` differ little in the image and much in this model.
 *
 * Interpolated absolute discounting (discount 0.75) down to a uniform distribution over the 26 letters and
 * the end of a name, so a name never seen scores by its letter sequences rather than not at all.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const ORDER = 5;
const DISCOUNT = 0.75;
const START = '^';
const END = '$';
const SYMBOLS = 27;

export interface NameModel {
  /** ln P(word) of one name component (A–Z). */
  wordLogP(word: string): number;
  /** Summed ln P of a name field's components (split at fillers). */
  fieldLogP(field: string): number;
}

export function buildNameModel(names: Iterable<string>): NameModel {
  // counts[n]: how often each n-gram occurs; contexts[n]: per (n−1)-gram context, its total and distinct followers
  const counts = Array.from({ length: ORDER + 1 }, () => new Map<string, number>());
  const contexts = Array.from({ length: ORDER + 1 }, () => new Map<string, { total: number; types: number }>());
  const padded = (w: string): string => START.repeat(ORDER - 1) + w + END;
  for (const name of names) {
    const s = padded(name);
    for (let i = ORDER - 1; i < s.length; i++) {
      for (let n = 1; n <= ORDER; n++) {
        const gram = s.slice(i - n + 1, i + 1);
        const seen = counts[n]!.get(gram) ?? 0;
        counts[n]!.set(gram, seen + 1);
        const ctx = gram.slice(0, -1);
        const c = contexts[n]!.get(ctx) ?? { total: 0, types: 0 };
        c.total++;
        if (seen === 0) c.types++;
        contexts[n]!.set(ctx, c);
      }
    }
  }
  const prob = (history: string, ch: string): number => {
    let p = 1 / SYMBOLS;
    for (let n = 1; n <= ORDER; n++) {
      const ctx = history.slice(history.length - (n - 1));
      const c = contexts[n]!.get(ctx);
      if (!c) continue;
      const k = counts[n]!.get(ctx + ch) ?? 0;
      p = Math.max(k - DISCOUNT, 0) / c.total + ((DISCOUNT * c.types) / c.total) * p;
    }
    return p;
  };
  const wordLogP = (word: string): number => {
    const s = padded(word);
    let lp = 0;
    for (let i = ORDER - 1; i < s.length; i++) lp += Math.log(prob(s.slice(0, i), s[i]!));
    return lp;
  };
  return {
    wordLogP,
    fieldLogP: (field) =>
      field
        .split('<')
        .filter((w) => w.length > 0)
        .reduce((sum, w) => sum + wordLogP(w), 0),
  };
}

let shipped: NameModel | undefined;

/** The model of the shipped name list (built on first use, about 0.3 s). */
export function personNameModel(): NameModel {
  // dist/src/documents/mrz/names.js → <repo>/models
  const file = fileURLToPath(new URL('../../../../models/person-names.txt', import.meta.url));
  shipped ??= buildNameModel(fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0));
  return shipped;
}
