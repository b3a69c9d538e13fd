/**
 * Tampering (TAMPER) from the pixels: an edited field — text re-rendered on a flat fill, or a patch
 * pasted from another picture with its own JPEG history — lacks the sensor noise that the rest of the
 * photographed document shares (or carries a different amount). The noise of every 16×16 block inside
 * the document is estimated (median |Immerkær kernel|, robust to the few text edges of a block); a
 * compact cluster of blocks whose noise is several times off the document's median is the sign.
 * Printed values contradicting the MRZ check digits are the other TAMPER sign (spoof.ts).
 */
import type { RgbImage } from '../engines/engine.js';
import { applyHomography, homography, quantile } from './pixels.js';
import type { DocumentRegion } from './quality.js';

export interface TamperScores {
  /** Median block noise of the document (grey levels of the Immerkær response). */
  readonly noise: number;
  /** Blocks in the largest cluster whose noise is ≥ ratio times below the median. */
  readonly region: number;
}

const BLOCK = 16;
/** Below this median noise the photo carries no usable noise (a scan or rendered image): no verdict. */
const MIN_NOISE = 3;

export function tamperScores(frame: RgbImage, region: DocumentRegion, ratio: number): TamperScores {
  const { width: W, data } = frame;
  const toUnit = homography(region.corners, [[0, 0], [1, 0], [1, 1], [0, 1]]);
  const xs = region.corners.map((p) => p[0]), ys = region.corners.map((p) => p[1]);
  const bx0 = Math.max(0, Math.floor(Math.min(...xs) / BLOCK)), by0 = Math.max(0, Math.floor(Math.min(...ys) / BLOCK));
  const bx1 = Math.min(Math.floor(W / BLOCK) - 1, Math.floor(Math.max(...xs) / BLOCK));
  const by1 = Math.min(Math.floor(frame.height / BLOCK) - 1, Math.floor(Math.max(...ys) / BLOCK));
  const gw = bx1 - bx0 + 1, gh = by1 - by0 + 1;
  if (gw < 4 || gh < 4) return { noise: 0, region: 0 };
  const noise = new Float32Array(gw * gh).fill(-1);
  const luma = (x: number, y: number) => {
    const k = (y * W + x) * 3;
    return 0.299 * data[k]! + 0.587 * data[k + 1]! + 0.114 * data[k + 2]!;
  };
  const vals = new Float32Array((BLOCK - 2) * (BLOCK - 2));
  for (let by = 0; by < gh; by++) {
    for (let bx = 0; bx < gw; bx++) {
      const x0 = (bx0 + bx) * BLOCK, y0 = (by0 + by) * BLOCK;
      const [u, v] = applyHomography(toUnit, x0 + BLOCK / 2, y0 + BLOCK / 2);
      if (u < 0.04 || v < 0.04 || u > 0.96 || v > 0.96) continue;
      let k = 0, sum = 0;
      for (let y = y0 + 1; y < y0 + BLOCK - 1; y++) {
        for (let x = x0 + 1; x < x0 + BLOCK - 1; x++) {
          const c = luma(x, y);
          sum += c;
          const n =
            4 * c - 2 * (luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1)) +
            luma(x - 1, y - 1) + luma(x + 1, y - 1) + luma(x - 1, y + 1) + luma(x + 1, y + 1);
          vals[k++] = Math.abs(n);
        }
      }
      const mean = sum / k;
      // clipped blocks have no noise to measure
      if (mean > 245 || mean < 10) continue;
      noise[by * gw + bx] = quantile(vals, 0.5);
    }
  }
  const measured = Array.from(noise).filter((v) => v >= 0);
  const median = quantile(measured, 0.5);
  if (!(median >= MIN_NOISE)) return { noise: Math.round(median * 100) / 100 || 0, region: 0 };
  // only the too-clean direction: JPEG leaves more noise on busy print, so "noisier" is no sign
  const off = (v: number) => v >= 0 && v * ratio < median;
  const seen = new Uint8Array(gw * gh);
  let best = 0;
  for (let i = 0; i < gw * gh; i++) {
    if (seen[i] || !off(noise[i]!)) continue;
    const stack = [i];
    seen[i] = 1;
    let size = 0;
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % gw;
      for (const q of [x > 0 ? p - 1 : -1, x < gw - 1 ? p + 1 : -1, p - gw, p + gw]) {
        if (q >= 0 && q < gw * gh && !seen[q] && off(noise[q]!)) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    best = Math.max(best, size);
  }
  return { noise: Math.round(median * 100) / 100, region: best };
}
