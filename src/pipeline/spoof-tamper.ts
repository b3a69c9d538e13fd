/**
 * Tampering (TAMPER) from the pixels: an edited field — text re-rendered on a flat fill, or a patch
 * pasted from another picture that was compressed harder on its own — lacks the sensor noise that the
 * rest of the photographed document shares. Per 16×16 block inside the document we count the pixels
 * whose 4-neighbour Laplacian is under half a grey level ("noise-free" pixels): camera noise leaves
 * few of them on a genuine document, while a flat fill or a heavily quantised patch is made of them.
 * A cluster of blocks far above the document's own level is the sign. Printed values contradicting
 * the MRZ check digits are the other TAMPER sign (spoof.ts).
 */
import type { RgbImage } from '../engines/engine.js';
import { applyHomography, homography, quantile } from './pixels.js';
import type { DocumentRegion } from './quality.js';

export interface TamperScores {
  /** 90th percentile over the document's blocks of the noise-free fraction of smooth pixels. */
  readonly noiseFree: number;
  /** Blocks in the largest 4-connected cluster whose noise-free fraction is anomalous. */
  readonly region: number;
}

export interface TamperParams {
  /** A block is anomalous above max(minNoiseFree, relative × the document's 90th percentile). */
  readonly minNoiseFree: number;
  readonly relative: number;
}

const BLOCK = 16;
/** Central-difference gradient (sum of both axes) below which a pixel is on smooth paper, not an edge. */
const SMOOTH = 12;
/** Blocks with fewer smooth pixels are all print and say nothing about noise. */
const MIN_SMOOTH = 24;

export function tamperScores(frame: RgbImage, region: DocumentRegion, p: TamperParams): TamperScores {
  const { width: W, data } = frame;
  const toUnit = homography(region.corners, [[0, 0], [1, 0], [1, 1], [0, 1]]);
  const xs = region.corners.map((c) => c[0]), ys = region.corners.map((c) => c[1]);
  const bx0 = Math.max(0, Math.floor(Math.min(...xs) / BLOCK)), by0 = Math.max(0, Math.floor(Math.min(...ys) / BLOCK));
  const bx1 = Math.min(Math.floor(W / BLOCK) - 1, Math.floor(Math.max(...xs) / BLOCK));
  const by1 = Math.min(Math.floor(frame.height / BLOCK) - 1, Math.floor(Math.max(...ys) / BLOCK));
  const gw = bx1 - bx0 + 1, gh = by1 - by0 + 1;
  if (gw < 4 || gh < 4) return { noiseFree: 0, region: 0 };
  // luma of the blocks' bounding box only
  const ox = bx0 * BLOCK, oy = by0 * BLOCK, lw = gw * BLOCK, lh = gh * BLOCK;
  const lum = new Float32Array(lw * lh);
  for (let y = 0; y < lh; y++) {
    for (let x = 0, k = ((oy + y) * W + ox) * 3; x < lw; x++, k += 3) {
      lum[y * lw + x] = 0.299 * data[k]! + 0.587 * data[k + 1]! + 0.114 * data[k + 2]!;
    }
  }
  const flat = new Float32Array(gw * gh).fill(-1);
  for (let by = 0; by < gh; by++) {
    for (let bx = 0; bx < gw; bx++) {
      const [u, v] = applyHomography(toUnit, ox + bx * BLOCK + BLOCK / 2, oy + by * BLOCK + BLOCK / 2);
      if (u < 0.04 || v < 0.04 || u > 0.96 || v > 0.96) continue;
      let zero = 0, smooth = 0, n = 0, sum = 0;
      for (let y = by * BLOCK + 1; y < (by + 1) * BLOCK - 1; y++) {
        for (let x = bx * BLOCK + 1; x < (bx + 1) * BLOCK - 1; x++) {
          const i = y * lw + x;
          const c = lum[i]!;
          sum += c;
          n++;
          // only unclipped pixels away from print edges, where the noise is all there is to see
          if (c >= 250 || c <= 5 || Math.abs(lum[i + 1]! - lum[i - 1]!) + Math.abs(lum[i + lw]! - lum[i - lw]!) > SMOOTH) continue;
          smooth++;
          if (Math.abs(4 * c - lum[i - 1]! - lum[i + 1]! - lum[i - lw]! - lum[i + lw]!) < 0.5) zero++;
        }
      }
      const mean = sum / n;
      // clipped blocks (glare, deep shadow) are flat for another reason
      if (mean > 245 || mean < 10 || smooth < MIN_SMOOTH) continue;
      flat[by * gw + bx] = zero / smooth;
    }
  }
  const measured = Array.from(flat).filter((v) => v >= 0);
  if (measured.length < 16) return { noiseFree: 0, region: 0 };
  const p90 = quantile(measured, 0.9);
  const limit = Math.max(p.minNoiseFree, p.relative * p90);
  const off = (v: number) => v > limit;
  const seen = new Uint8Array(gw * gh);
  let best = 0;
  for (let i = 0; i < gw * gh; i++) {
    if (seen[i] || !off(flat[i]!)) continue;
    const stack = [i];
    seen[i] = 1;
    let size = 0;
    while (stack.length) {
      const q = stack.pop()!;
      size++;
      const x = q % gw;
      for (const r of [x > 0 ? q - 1 : -1, x < gw - 1 ? q + 1 : -1, q - gw, q + gw]) {
        if (r >= 0 && r < gw * gh && !seen[r] && off(flat[r]!)) {
          seen[r] = 1;
          stack.push(r);
        }
      }
    }
    best = Math.max(best, size);
  }
  return { noiseFree: Math.round(p90 * 1000) / 1000, region: best };
}
