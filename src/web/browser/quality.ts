/**
 * Live capture hints, computed on a downscaled grey copy of the card frame of each video frame:
 * too dark (mean luma), glare (saturated pixels well above the frame's median: a highlight on the card,
 * not merely white paper), blurry (variance of the Laplacian) and too far (the textured part of the
 * frame spans too little of it). Pure: runs in the page and in tests.
 */
export interface FrameQuality {
  readonly dark: boolean;
  readonly glare: boolean;
  readonly blurry: boolean;
  readonly tooFar: boolean;
  readonly good: boolean;
  readonly measures: { readonly mean: number; readonly saturated: number; readonly sharpness: number; readonly spanX: number; readonly spanY: number };
}

export const THRESHOLDS = {
  darkMean: 45,
  /** Share of pixels at 250 or more and at least glareLift above the median. */
  glareShare: 0.03,
  glareLift: 40,
  /** Laplacian variance on a ~320-px-wide frame. */
  minSharpness: 40,
  /** Share of the frame width / height the document's texture must span. */
  minSpanX: 0.7,
  minSpanY: 0.6,
};

/** rgba: RGBA bytes of the card frame, width × height (any size; ~320 px wide is plenty). */
export function assessFrame(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): FrameQuality {
  const n = width * height;
  const grey = new Float32Array(n);
  const histogram = new Uint32Array(256);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
    grey[i] = y;
    sum += y;
    histogram[Math.min(255, Math.round(y))]++;
  }
  const mean = sum / n;
  let median = 0;
  for (let acc = 0; median < 255 && acc + histogram[median]! < n / 2; median++) acc += histogram[median]!;
  let saturated = 0;
  if (median <= 250 - THRESHOLDS.glareLift) for (let v = 250; v < 256; v++) saturated += histogram[v]!;

  let lapSum = 0;
  let lapSq = 0;
  let count = 0;
  const colEnergy = new Float64Array(width);
  const rowEnergy = new Float64Array(height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const c = grey[i]!;
      const lap = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * c;
      lapSum += lap;
      lapSq += lap * lap;
      count++;
      const g = Math.abs(grey[i + 1]! - grey[i - 1]!) + Math.abs(grey[i + width]! - grey[i - width]!);
      colEnergy[x] += g;
      rowEnergy[y] += g;
    }
  }
  const lapMean = lapSum / Math.max(1, count);
  const sharpness = lapSq / Math.max(1, count) - lapMean * lapMean;
  const span = (energy: Float64Array): number => {
    let max = 0;
    for (const e of energy) max = Math.max(max, e);
    if (max === 0) return 0;
    let first = -1;
    let last = -1;
    for (let i = 0; i < energy.length; i++) {
      if (energy[i]! > max * 0.2) {
        if (first < 0) first = i;
        last = i;
      }
    }
    return first < 0 ? 0 : (last - first + 1) / energy.length;
  };
  const spanX = span(colEnergy);
  const spanY = span(rowEnergy);
  const dark = mean < THRESHOLDS.darkMean;
  const glare = saturated / n > THRESHOLDS.glareShare;
  const blurry = sharpness < THRESHOLDS.minSharpness;
  const tooFar = spanX < THRESHOLDS.minSpanX || spanY < THRESHOLDS.minSpanY;
  return {
    dark,
    glare,
    blurry,
    tooFar,
    good: !dark && !glare && !blurry && !tooFar,
    measures: { mean, saturated: saturated / n, sharpness, spanX, spanY },
  };
}
