/**
 * Screen recapture (SCREEN_REMARK): a document photographed off a display carries the display's pixel
 * grid — RGB subpixel stripes and dark gaps between pixel rows, a few camera px apart — and the moiré
 * from resampling it. Both are periodic, so they show as isolated peaks in the high-frequency part of
 * the spectrum, where print and paper give a smooth fall-off. The bezel of the display is a dark, flat
 * frame around the picture, inside what is located as the document.
 */
import type { RgbImage } from '../engines/engine.js';
import { magnitude2d } from './fft.js';
import { applyHomography, histQuantile, homography, quantile, toGrey } from './pixels.js';
import type { DocumentRegion } from './quality.js';

export interface ScreenScores {
  /** Strongest high-frequency spectral peak over the band's median (median over tiles). */
  readonly peak: number;
  /** Fraction of the document's outer band that is dark (under 35% of the document's median luma). */
  readonly bezel: number;
}

/** Periods shorter than this many px are "high frequency": below print detail, at screen-grid scale. */
const MAX_PERIOD = 6;

function tilePeak(frame: RgbImage, x0: number, y0: number, n: number): number {
  const grey = new Float32Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const k = ((y0 + y) * frame.width + x0 + x) * 3;
      grey[y * n + x] = 0.299 * frame.data[k]! + 0.587 * frame.data[k + 1]! + 0.114 * frame.data[k + 2]!;
    }
  }
  const mag = magnitude2d(grey, n);
  const grid = n / 8; // JPEG's 8-px blocks put energy on multiples of n/8
  const nearGrid = (f: number) => {
    const m = ((f % grid) + grid) % grid;
    return m <= 1 || m >= grid - 1;
  };
  const band: number[] = [];
  let max = 0;
  for (let y = 0; y < n / 2; y++) {
    for (let x = 0; x < n; x++) {
      const fx = x <= n / 2 ? x : x - n;
      if (fx * fx + y * y < (n / MAX_PERIOD) ** 2 || nearGrid(fx) || nearGrid(y)) continue;
      const v = mag[y * n + x]!;
      band.push(v);
      if (v > max) max = v;
    }
  }
  const median = quantile(band, 0.5);
  return median > 0 ? max / median : 0;
}

export function screenScores(frame: RgbImage, region: DocumentRegion): ScreenScores {
  const toFrame = homography([[0, 0], [1, 0], [1, 1], [0, 1]], region.corners);
  const short = Math.min(region.rectified.width, region.rectified.height) * (region.rectified.width > 0 ? 1 : 0);
  const n = short >= 200 ? 128 : 64;
  const peaks: number[] = [];
  for (const [u, v] of [[0.3, 0.5], [0.5, 0.5], [0.7, 0.5]] as const) {
    const [cx, cy] = applyHomography(toFrame, u, v);
    // tiles start on the JPEG block grid so its artefacts stay on the excluded frequencies
    const x0 = Math.floor((cx - n / 2) / 8) * 8, y0 = Math.floor((cy - n / 2) / 8) * 8;
    if (x0 < 0 || y0 < 0 || x0 + n > frame.width || y0 + n > frame.height) continue;
    peaks.push(tilePeak(frame, x0, y0, n));
  }
  const peak = peaks.length ? quantile(peaks, 0.5) : 0;

  const rect = region.rectified;
  const g = toGrey(rect);
  const band = Math.max(2, Math.round(0.03 * Math.min(rect.width, rect.height)));
  // dark relative to the picture inside it (an underexposed photo is dark everywhere)
  const darkBelow = Math.min(50, 0.35 * histQuantile(g.data, 0.5));
  let dark = 0, all = 0;
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      if (x >= band && y >= band && x < rect.width - band && y < rect.height - band) continue;
      all++;
      if (g.data[y * rect.width + x]! < darkBelow) dark++;
    }
  }
  return { peak: Math.round(peak * 10) / 10, bezel: Math.round((1000 * dark) / Math.max(1, all)) / 1000 };
}
