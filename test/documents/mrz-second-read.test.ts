/**
 * The second recogniser's vote on MRZ lines: where it reads one of the first recogniser's
 * candidates, that candidate wins unless the first was far surer; fillers and letter/digit
 * confusions are left to the repair.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CharCandidate, TextLine } from '../../src/engines/engine.js';
import { alignTexts, fusedReading, readMrz, withSecondReading } from '../../src/documents/mrz/index.js';

const UTO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

/** A recognised line: every character sure, except the ones given with their candidates. */
function line(text: string, unsure: Record<number, CharCandidate> = {}, y = 0): TextLine {
  const chars = [...text].map((char, i) => unsure[i] ?? { char, p: 0.99, alternatives: [{ char: char === '<' ? 'K' : '<', p: 0.005 }] });
  return {
    box: { points: [[10, y], [890, y], [890, y + 20], [10, y + 20]], score: 0.9 },
    text: chars.map((c) => c.char).join(''),
    confidence: 0.98,
    chars,
  };
}

const cand = (char: string, p: number, ...alternatives: [string, number][]): CharCandidate => ({
  char,
  p,
  alternatives: alternatives.map(([c, q]) => ({ char: c, p: q })),
});

describe('MRZ second reading', () => {
  it('aligns two readings of a line with characters lost or added', () => {
    assert.deepEqual(alignTexts('ABCD', 'ABCD'), [0, 1, 2, 3]);
    assert.deepEqual(alignTexts('ABCD', 'ACD'), [0, -1, 1, 2]);
    assert.deepEqual(alignTexts('ABD', 'ABXD'), [0, 1, 3]);
    assert.deepEqual(alignTexts('AB', ''), [-1, -1]);
  });

  it('turns a name letter into the candidate the second recogniser read', () => {
    // MARIA read NARIA with M the runner-up: no check digit covers the name
    const misread = UTO[0]!.replace('MARIA', 'NARIA');
    const first = line(misread, { 20: cand('N', 0.89, ['M', 0.06], ['H', 0.02]) });
    const voted = withSecondReading(first, UTO[0]!.replace(/</g, 'C'));
    assert.equal(voted.text, UTO[0]);
    assert.ok(voted.chars[20]!.p > 0.7);
    assert.equal(voted.chars[20]!.alternatives[0]!.char, 'N');
    // the same line read by both: the repair gives the right name only with the vote
    const line2 = line(UTO[1]!, {}, 30);
    assert.equal(readMrz([first, line2])?.fields.givenNames, 'ANNA NARIA');
    assert.equal(readMrz([voted, line2])?.fields.givenNames, 'ANNA MARIA');
  });

  it('keeps the first reading where the second read no candidate of it, or nothing', () => {
    const first = line(UTO[0]!.replace('MARIA', 'NARIA'), { 20: cand('N', 0.89, ['H', 0.06]) });
    assert.equal(withSecondReading(first, UTO[0]!).text, first.text);
    assert.equal(withSecondReading(first, '').text, first.text);
  });

  it('leaves fillers and letter/digit confusions out of the vote', () => {
    // the second reads runs of `<` as K: a K the first nearly read as `<` stays unsure
    const first = line('IDESPAAA1000014<00000023TK<<<<', { 25: cand('K', 0.8, ['<', 0.14], ['X', 0.01]), 26: cand('<', 0.87, ['K', 0.11]) });
    const voted = withSecondReading(first, 'IDESPAAA1000014<00000023TKKLKK');
    assert.deepEqual(voted.chars[25], first.chars[25]);
    assert.deepEqual(voted.chars[26], first.chars[26]);
    // G read as 6 by the second: the nationality's class and the check digits decide, not the vote
    const nat = line('1071828900GBR8501178F1601312<<<<<<<<<<<<<<06', { 10: cand('G', 0.52, ['6', 0.44]) });
    assert.equal(withSecondReading(nat, '10718289006BR8501178F1601312CCCCCCCCCCCCCC06').chars[10]!.char, 'G');
  });

  it('makes a character the second recogniser agrees on surer', () => {
    const first = line('ANNA', { 1: cand('N', 0.6, ['M', 0.3], ['H', 0.1]) });
    const voted = withSecondReading(first, 'ANNA');
    assert.equal(voted.chars[1]!.char, 'N');
    assert.ok(voted.chars[1]!.p > 0.95);
    assert.ok(voted.confidence > first.confidence - 0.02);
  });
});

describe('fusedReading (two recognisers with candidate probabilities)', () => {
  it('multiplies the distributions of aligned characters: a letter both consider wins over one only the first prefers', () => {
    // the first reads MARIA's M as N (M runner-up), the second reads M (N runner-up), and drops a filler
    const first = line(UTO[0]!, { 20: cand('N', 0.6, ['M', 0.35], ['H', 0.05]) });
    const second = line(UTO[0]!.replace('<<<<<<<<<<<<<<<<<<<', '<<<<<<<<<<<<<<<<<<'), { 20: cand('M', 0.9, ['N', 0.08], ['W', 0.02]) });
    const fused = fusedReading(first, second);
    assert.equal(fused.text, UTO[0]);
    assert.equal(fused.chars.length, first.chars.length, 'the base keeps its length and segmentation');
    assert.equal(fused.chars[20]!.char, 'M');
    assert.equal(fused.chars[20]!.alternatives[0]!.char, 'N');
    const total = fused.chars[20]!.p + fused.chars[20]!.alternatives.reduce((s, a) => s + a.p, 0);
    assert.ok(total <= 1 + 1e-9 && total > 0.99);
    // the other way round, the second's segmentation is kept
    assert.equal(fusedReading(second, first).text, UTO[0]!.slice(0, -1));
  });

  it('keeps a sure character the other recogniser does not list', () => {
    const first = line(UTO[1]!);
    const second = line(UTO[1]!, { 29: cand('F', 0.55, ['E', 0.44]) });
    assert.equal(second.text[29], 'F');
    assert.equal(fusedReading(first, second).text, UTO[1]);
  });
});
