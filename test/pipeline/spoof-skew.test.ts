import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point, RgbImage, TextBox } from '../../src/engines/engine.js';
import { skewScores } from '../../src/pipeline/spoof-skew.js';
import { SPOOF_THRESHOLDS } from '../../src/pipeline/thresholds.js';

/** A printed line: `chars` dark blocks (glyphs) along a baseline through (x, y) at `deg`. */
interface DrawnLine {
  readonly x: number;
  readonly y: number;
  readonly deg: number;
  readonly chars: number;
}

const GLYPH_W = 11, GAP = 5, GLYPH_H = 18;
const lengthOf = (l: DrawnLine) => l.chars * (GLYPH_W + GAP) - GAP;

/** White paper with the lines' glyphs in near-black, plus a little deterministic noise. */
function page(lines: readonly DrawnLine[], width = 1000, height = 640): RgbImage {
  const data = new Uint8Array(width * height * 3).fill(235);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = 232 + (seed >>> 29);
  }
  for (const l of lines) {
    const c = Math.cos((l.deg * Math.PI) / 180), s = Math.sin((l.deg * Math.PI) / 180);
    const len = lengthOf(l);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // the pixel in the line's own frame: t along, v across (centred on the line)
        const t = (x - l.x) * c + (y - l.y) * s + len / 2;
        const v = -(x - l.x) * s + (y - l.y) * c;
        if (t < 0 || t >= len || Math.abs(v) > GLYPH_H / 2) continue;
        if (t % (GLYPH_W + GAP) >= GLYPH_W) continue;
        data.fill(30, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    }
  }
  return { data, width, height };
}

/** The detector's box around a line, its corners turned to `claimedDeg` (a detector's angle error). */
function boxOf(l: DrawnLine, claimedDeg = l.deg): TextBox {
  const c = Math.cos((claimedDeg * Math.PI) / 180), s = Math.sin((claimedDeg * Math.PI) / 180);
  const hl = lengthOf(l) / 2 + 3, hh = GLYPH_H / 2 + 3;
  const at = (t: number, v: number): Point => [l.x + t * c - v * s, l.y + t * s + v * c];
  return { points: [at(-hl, -hh), at(hl, -hh), at(hl, hh), at(-hl, hh)], score: 0.9 };
}

/** Seven lines of a page photographed with a 3° roll. */
const PAGE: DrawnLine[] = [
  { x: 300, y: 120, deg: 3, chars: 14 },
  { x: 640, y: 150, deg: 3, chars: 10 },
  { x: 300, y: 220, deg: 3, chars: 16 },
  { x: 660, y: 250, deg: 3, chars: 12 },
  { x: 300, y: 330, deg: 3, chars: 12 },
  { x: 640, y: 520, deg: 3, chars: 16 },
  { x: 300, y: 480, deg: 3, chars: 14 },
];
const FRAME: [Point, Point, Point, Point] = [[0, 0], [1000, 0], [1000, 640], [0, 640]];

describe('text-direction tamper check (spoof-skew)', () => {
  it('passes a page whose lines are parallel', () => {
    const s = skewScores(page(PAGE), PAGE.map((l) => boxOf(l)), FRAME);
    assert.equal(s.lines, 7);
    assert.ok(s.drift < SPOOF_THRESHOLDS.tamperSkewDrift, `drift ${s.drift}`);
  });

  it('flags a field pasted 5° off the page direction', () => {
    const pasted: DrawnLine = { x: 650, y: 390, deg: 8, chars: 12 };
    const lines = [...PAGE, pasted];
    const s = skewScores(page(lines), lines.map((l) => boxOf(l)), FRAME);
    assert.equal(s.lines, 8);
    assert.ok(s.drift >= SPOOF_THRESHOLDS.tamperSkewDrift, `drift ${s.drift}`);
  });

  it('does not believe a detector box whose angle the ink contradicts', () => {
    const level: DrawnLine = { x: 650, y: 390, deg: 3, chars: 12 };
    const lines = [...PAGE, level];
    const boxes = [...PAGE.map((l) => boxOf(l)), boxOf(level, 8)];
    const s = skewScores(page(lines), boxes, FRAME);
    assert.ok(s.drift < SPOOF_THRESHOLDS.tamperSkewDrift, `drift ${s.drift}`);
  });

  it('leaves out lines outside the document and pages with too few lines', () => {
    const pasted: DrawnLine = { x: 650, y: 390, deg: 8, chars: 12 };
    const lines = [...PAGE, pasted];
    // the document is the left 60% of the frame: the off line lies outside it
    const left: [Point, Point, Point, Point] = [[0, 0], [580, 0], [580, 640], [0, 640]];
    const s = skewScores(page(lines), lines.map((l) => boxOf(l)), left);
    assert.equal(s.lines, 4);
    assert.equal(s.drift, 0);
  });
});
