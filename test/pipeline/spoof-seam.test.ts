import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point, RgbImage, TextBox } from '../../src/engines/engine.js';
import { documentRegion } from '../../src/pipeline/quality.js';
import { judgeSpoof, measureSpoof } from '../../src/pipeline/spoof.js';
import { seamRows } from '../../src/pipeline/spoof-seam.js';
import { SPOOF_THRESHOLDS } from '../../src/pipeline/thresholds.js';

const W = 900, H = 640;
/** The card: 700 × 440 around the frame's centre. */
const CARD_W = 700, CARD_H = 440;

/** The card's corners in the frame, turned by `deg` around the centre. */
function cardCorners(deg: number): [Point, Point, Point, Point] {
  const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
  const at = (u: number, v: number): Point => [W / 2 + (u - CARD_W / 2) * c - (v - CARD_H / 2) * s, H / 2 + (u - CARD_W / 2) * s + (v - CARD_H / 2) * c];
  return [at(0, 0), at(CARD_W, 0), at(CARD_W, CARD_H), at(0, CARD_H)];
}

/** Card luma at card coordinates: paper, a header band, rows of glyphs and a portrait box. */
function print(u: number, v: number): number {
  if (u < 0 || v < 0 || u >= CARD_W || v >= CARD_H) return 70; // the desk
  if (v < 60) return 120; // header band
  if (u >= 40 && u < 200 && v >= 110 && v < 330) return 90; // portrait
  const row = (v - 110) % 45;
  if (u >= 240 && u < 640 && v >= 110 && v < 380 && row < 16 && (u - 240) % 14 < 9) return 40; // glyphs
  return 225;
}

/**
 * A photo of the card turned by `deg` (4×4 supersampled: edges as a lens renders them), with a little
 * deterministic noise; `paste`, a frame-aligned rectangle whose paper is 30 levels darker, as a field
 * pasted from another picture with its levels not quite matched.
 */
function photo(deg: number, paste?: { x: number; y: number; w: number; h: number }): RgbImage {
  const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
  const data = new Uint8Array(W * H * 3);
  let seed = 11;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const fx = x + (sx + 0.5) / 4 - W / 2, fy = y + (sy + 0.5) / 4 - H / 2;
          sum += print(fx * c + fy * s + CARD_W / 2, -fx * s + fy * c + CARD_H / 2);
        }
      }
      seed = (seed * 1103515245 + 12345) >>> 0;
      let v = sum / 16 + ((seed >>> 29) - 3.5) * 0.8;
      if (paste && x >= paste.x && x < paste.x + paste.w && y >= paste.y && y < paste.y + paste.h) v -= 30;
      data.fill(Math.max(0, Math.min(255, Math.round(v))), (y * W + x) * 3, (y * W + x) * 3 + 3);
    }
  }
  return { data, width: W, height: H };
}

const PASTE = { x: 380, y: 300, w: 220, h: 40 };

/** The detector's boxes around the card's six rows of glyphs. */
function glyphRows(deg: number): TextBox[] {
  const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
  const at = (u: number, v: number): Point => [W / 2 + (u - CARD_W / 2) * c - (v - CARD_H / 2) * s, H / 2 + (u - CARD_W / 2) * s + (v - CARD_H / 2) * c];
  return [0, 1, 2, 3, 4, 5].map((k) => {
    const v = 110 + 45 * k;
    return { points: [at(236, v - 3), at(640, v - 3), at(640, v + 19), at(236, v + 19)], score: 0.9 };
  });
}
const limit = SPOOF_THRESHOLDS.tamperSeamRows;

describe('straight-seam tamper check (spoof-seam)', () => {
  it('finds the rectangle of a field pasted on a card photographed with a 4° roll', () => {
    const score = seamRows(photo(4, PASTE), cardCorners(4), 4);
    assert.ok(score >= limit, `seam ${score}`);
  });

  it('leaves the same card without the paste alone: its band, portrait and glyph edges follow the roll', () => {
    const score = seamRows(photo(4), cardCorners(4), 4);
    assert.ok(score < limit, `seam ${score}`);
  });

  it('a card rolled the other way and turned by 90° are measured alike', () => {
    assert.ok(seamRows(photo(-4, PASTE), cardCorners(-4), -4) >= limit);
    assert.ok(seamRows(photo(-4), cardCorners(-4), 86) < limit);
    assert.ok(seamRows(photo(-4, PASTE), cardCorners(-4), 86) >= limit);
  });

  it('does not judge a page square to the pixel grid (a scan): its printed edges follow the rows too', () => {
    assert.equal(seamRows(photo(0, PASTE), cardCorners(0), 0), 0);
    // the text claims a roll the outline does not show: the smaller slope counts
    assert.ok(seamRows(photo(0, PASTE), cardCorners(0), 4) < limit);
  });

  it('is measured with the other spoof scores and judged TAMPER at its threshold', () => {
    const judged = (img: RgbImage) => {
      const scores = measureSpoof(img, documentRegion(img), SPOOF_THRESHOLDS, null, glyphRows(4));
      return { seam: scores.tamper.seam, roll: scores.tamper.skew?.roll, info: judgeSpoof(scores, SPOOF_THRESHOLDS) };
    };
    const pasted = judged(photo(4, PASTE));
    assert.ok(pasted.roll !== undefined && pasted.roll !== null && Math.abs(pasted.roll - 4) < 0.5, `roll ${pasted.roll}`);
    assert.ok((pasted.seam ?? 0) >= limit, `seam ${pasted.seam}`);
    assert.ok(pasted.info.spoofType.includes('TAMPER'));
    const genuine = judged(photo(4));
    assert.ok(genuine.seam !== null && genuine.seam < limit, `seam ${genuine.seam}`);
    assert.ok(!genuine.info.spoofType.includes('TAMPER'), JSON.stringify(genuine.info));
  });
});
