/**
 * Photocopy (PHOTO_COPY): identity documents are printed in colour (portrait, background print,
 * emblems); a black-and-white copy keeps only luma. After removing the colour cast of the light (the
 * median chroma), a genuine document still has a share of clearly coloured pixels; a copy has chroma
 * at the noise level everywhere. Toner grain shows as extra high-frequency noise on the paper.
 */
import type { DocumentRegion } from './quality.js';
import { histQuantile } from './pixels.js';

export interface CopyScores {
  /** 95th percentile of the cast-free chroma magnitude of the document (0–255 scale). */
  readonly colourfulness: number;
}

export function copyScores(region: DocumentRegion): CopyScores {
  const { data, width, height } = region.rectified;
  const n = width * height;
  const rg = new Float32Array(n), yb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = data[i * 3]!, g = data[i * 3 + 1]!, b = data[i * 3 + 2]!;
    rg[i] = r - g;
    yb[i] = 0.5 * (r + g) - b;
  }
  // r − g and yb lie in −255..255: shift into the histogram's range
  const mrg = histQuantile(rg.map((v) => v + 256), 0.5, 512) - 256, myb = histQuantile(yb.map((v) => v + 256), 0.5, 512) - 256;
  const chroma = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rg[i]! - mrg, b = yb[i]! - myb;
    chroma[i] = Math.sqrt(a * a + b * b);
  }
  return { colourfulness: Math.round(histQuantile(chroma, 0.95, 512, 2048) * 10) / 10 };
}
