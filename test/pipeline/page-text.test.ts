/**
 * Reading a page until a condition holds (the passport visual-zone check): tallest boxes first, MRZ-like
 * boxes last, in chunks, stopping as soon as the condition holds; without one, every box is read. With a
 * quick reader, every box but the MRZ-like ones is read by it first, and the engine only when that does not
 * satisfy the condition: first the boxes the rank of their quick readings points to, then as before.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OcrEngine, RgbImage, TextBox } from '../../src/engines/engine.js';
import { buildPageText, type QuickLineReader } from '../../src/pipeline/page-text.js';

const image: RgbImage = { data: new Uint8Array(1000 * 700 * 3), width: 1000, height: 700 };

/** An axis-aligned box; its text is known to the fake engine by its top edge. */
const box = (x: number, y: number, w: number, h: number): TextBox => ({ points: [[x, y], [x + w, y], [x + w, y + h], [x, y + h]], score: 0.9 });

const BOXES: readonly [TextBox, string][] = [
  [box(100, 40, 160, 14), 'Surname'], // a label: small print
  [box(100, 60, 220, 30), 'ERIKSSON'],
  [box(100, 100, 160, 14), 'Date of birth'],
  [box(100, 120, 260, 30), '12 AUG 74'],
  [box(100, 160, 160, 14), 'Date of expiry'],
  [box(100, 180, 260, 30), '15 APR 12'],
  [box(40, 600, 900, 32), 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'], // MRZ-like: read last
  [box(100, 220, 120, 14), 'Sex'],
  [box(100, 240, 60, 30), 'F'],
  [box(300, 240, 200, 14), 'Authority'],
];

function fakeEngine(calls: string[][]): OcrEngine {
  const textOf = (b: TextBox) => BOXES.find(([o]) => o.points[0][1] === b.points[0][1] && o.points[0][0] === b.points[0][0])![1];
  return {
    name: 'fake',
    detect: async () => BOXES.map(([b]) => b),
    recognize: async (_img, boxes) => {
      calls.push(boxes.map(textOf));
      return boxes.map((b) => ({ box: b, text: textOf(b), confidence: 0.9, chars: [] }));
    },
    recognizeLine: async () => ({ text: '', confidence: 0, chars: [] }),
  };
}

describe('buildPageText', () => {
  it('reads every box in one call without a condition', async () => {
    const calls: string[][] = [];
    const page = await buildPageText(fakeEngine(calls), image, { rotation: 0, boxes: BOXES.map(([b]) => b) });
    assert.equal(calls.length, 1);
    assert.equal(page.lines.length, BOXES.length);
  });

  it('reads the tallest boxes first and stops once the condition holds', async () => {
    const calls: string[][] = [];
    const until = (lines: readonly { text: string }[]) => lines.some((l) => l.text === '15 APR 12') && lines.some((l) => l.text === 'ERIKSSON');
    const page = await buildPageText(fakeEngine(calls), image, { rotation: 0, boxes: BOXES.map(([b]) => b), until });
    assert.equal(calls.length, 1);
    assert.deepEqual([...calls[0]!].sort(), ['12 AUG 74', '15 APR 12', 'ERIKSSON', 'F']);
    assert.deepEqual(page.lines.map((l) => l.text).sort(), ['12 AUG 74', '15 APR 12', 'ERIKSSON', 'F']);
  });

  it('reads everything, the MRZ-like box last, when the condition never holds', async () => {
    const calls: string[][] = [];
    const page = await buildPageText(fakeEngine(calls), image, { rotation: 0, boxes: BOXES.map(([b]) => b), until: () => false });
    assert.equal(page.lines.length, BOXES.length);
    assert.equal(calls.flat().length, BOXES.length);
    assert.equal(calls.at(-1)!.at(-1), 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
  });

  /** A quick reader that answers the boxes in order (it sees only crops) with `texts`, MRZ-like box skipped. */
  function quickReader(texts: readonly string[], seen: number[]): QuickLineReader {
    return {
      readLine: async () => {
        seen.push(1);
        return { text: texts[seen.length - 1] ?? '', confidence: 0.5 };
      },
    };
  }
  const quickTexts = (change: Record<string, string>) => BOXES.filter(([, t]) => !t.startsWith('P<')).map(([, t]) => change[t] ?? t);

  it('keeps the quick reading and never calls the engine when it satisfies the condition', async () => {
    const calls: string[][] = [];
    const seen: number[] = [];
    const until = (lines: readonly { text: string }[]) => lines.some((l) => l.text === '15 APR 12');
    const page = await buildPageText(fakeEngine(calls), image, { rotation: 0, boxes: BOXES.map(([b]) => b), until, quick: quickReader(quickTexts({}), seen) });
    assert.equal(calls.length, 0);
    assert.equal(seen.length, BOXES.length - 1, 'the MRZ-like box is left to the engine');
    assert.equal(page.lines.length, BOXES.length - 1);
  });

  it('has the engine read the boxes the rank puts first when the quick reading falls short', async () => {
    const calls: string[][] = [];
    const seen: number[] = [];
    // the quick reader misreads the surname; the rank puts readings like it first
    const quick = quickReader(quickTexts({ ERIKSSON: 'ERKSS0N' }), seen);
    const until = (lines: readonly { text: string }[]) => lines.some((l) => l.text === 'ERIKSSON');
    const rank = () => (text: string) => (text.startsWith('ERK') ? 0 : text === 'Authority' ? 0.4 : 1);
    const page = await buildPageText(fakeEngine(calls), image, { rotation: 0, boxes: BOXES.map(([b]) => b), until, quick, rank });
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0], ['ERIKSSON', 'Authority'], 'the first call reads only the boxes the rank points to');
    const texts = page.lines.map((l) => l.text);
    assert.ok(texts.includes('ERIKSSON') && !texts.includes('ERKSS0N'), "the engine's reading replaces the quick one");
    assert.ok(texts.includes('Date of birth'), 'boxes the engine did not read keep their quick reading');
  });
});
