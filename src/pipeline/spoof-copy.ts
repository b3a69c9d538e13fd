/**
 * Photocopy (PHOTO_COPY): identity documents are printed in colour (portrait, background print,
 * emblems); a black-and-white copy keeps only luma. After removing the colour cast of the light (the
 * median chroma per unit of brightness), a genuine document still has a share of clearly coloured pixels; a copy has chroma
 * at the noise level everywhere. Toner grain shows as extra high-frequency noise on the paper.
 */
import type { DocumentRegion } from './quality.js';
import { histQuantile } from './pixels.js';

export interface CopyScores {
  /** 95th percentile of the cast-free chroma magnitude of the document (0–255 scale). */
  readonly colourfulness: number;
}

/**
 * Share of each side left out: an outline a few pixels off takes in a strip of the table, whose colour
 * (wood, cloth) would pass for the document's own print.
 */
const INSET = 0.06;

export function copyScores(region: DocumentRegion): CopyScores {
  const { data, width, height } = region.rectified;
  const dx = Math.round(width * INSET), dy = Math.round(height * INSET);
  const w = width - 2 * dx, h = height - 2 * dy;
  const n = w * h;
  const rg = new Float32Array(n), yb = new Float32Array(n), luma = new Float32Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = ((y + dy) * width + x + dx) * 3, i = y * w + x;
      const r = data[k]!, g = data[k + 1]!, b = data[k + 2]!;
      rg[i] = r - g;
      yb[i] = 0.5 * (r + g) - b;
      luma[i] = Math.max(1, (r + g + b) / 3);
    }
  }
  // the cast of the light or of tinted paper scales with brightness (dark toner keeps none of it):
  // take the median chroma per unit of luma and remove it in proportion
  const perLuma = (c: Float32Array) => (histQuantile(c.map((v, i) => (v / luma[i]!) * 256 + 512), 0.5, 1024) - 512) / 256;
  const crg = perLuma(rg), cyb = perLuma(yb);
  const chroma = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rg[i]! - crg * luma[i]!, b = yb[i]! - cyb * luma[i]!;
    chroma[i] = Math.sqrt(a * a + b * b);
  }
  return { colourfulness: Math.round(histQuantile(chroma, 0.95, 512, 2048) * 10) / 10 };
}
