/**
 * Small pixel operations shared by the quality and anti-spoofing checks (pure functions, no I/O).
 */
import type { Point, RgbImage } from '../engines/engine.js';

/** One float channel, row-major. */
export interface Plane {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

export type Quad = readonly [Point, Point, Point, Point];

/** Rec. 601 luma, 0..255. */
export function toGrey(img: RgbImage): Plane {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!;
  return { data: out, width: img.width, height: img.height };
}

/** Area-average downscale by an integer factor (keeps every sample: no aliasing of fine patterns). */
export function shrinkRgb(img: RgbImage, factor: number): RgbImage {
  if (factor <= 1) return img;
  const w = Math.floor(img.width / factor);
  const h = Math.floor(img.height / factor);
  const out = new Uint8Array(w * h * 3);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let k = ((y * factor + dy) * img.width + x * factor) * 3;
        for (let dx = 0; dx < factor; dx++, k += 3) {
          r += img.data[k]!;
          g += img.data[k + 1]!;
          b += img.data[k + 2]!;
        }
      }
      const o = (y * w + x) * 3;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
    }
  }
  return { data: out, width: w, height: h };
}

/** 3×3 homography (row-major, 9 numbers) that maps `from[i]` onto `to[i]`. */
export function homography(from: Quad, to: Quad): number[] {
  // 8 unknowns (h22 = 1): solve the 8×8 linear system by Gaussian elimination
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const pivot = A[c]![c]!;
    if (Math.abs(pivot) < 1e-12) throw new Error('degenerate quadrilateral');
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / pivot;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return [...Array.from({ length: 8 }, (_, i) => A[i]![8]! / A[i]![i]!), 1];
}

export function applyHomography(H: readonly number[], x: number, y: number): Point {
  const w = H[6]! * x + H[7]! * y + H[8]!;
  return [(H[0]! * x + H[1]! * y + H[2]!) / w, (H[3]! * x + H[4]! * y + H[5]!) / w];
}

/**
 * Rectifies the quadrilateral `quad` of `img` (clockwise from top-left) into a width × height image,
 * bilinear sampling; samples outside the source repeat its edge.
 */
export function warpQuad(img: RgbImage, quad: Quad, width: number, height: number): RgbImage {
  const H = homography([[0, 0], [width, 0], [width, height], [0, height]], quad);
  const out = new Uint8Array(width * height * 3);
  const { width: W, height: Hh, data } = img;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = H as [number, number, number, number, number, number, number, number, number];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const px = x + 0.5, py = y + 0.5;
      const wz = h6 * px + h7 * py + h8;
      const sx = (h0 * px + h1 * py + h2) / wz, sy = (h3 * px + h4 * py + h5) / wz;
      const fx = Math.min(W - 1, Math.max(0, sx - 0.5));
      const fy = Math.min(Hh - 1, Math.max(0, sy - 0.5));
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const x1 = Math.min(W - 1, x0 + 1), y1 = Math.min(Hh - 1, y0 + 1);
      const ax = fx - x0, ay = fy - y0;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[(y0 * W + x0) * 3 + c]! * (1 - ax) + data[(y0 * W + x1) * 3 + c]! * ax;
        const bottom = data[(y1 * W + x0) * 3 + c]! * (1 - ax) + data[(y1 * W + x1) * 3 + c]! * ax;
        out[o + c] = top * (1 - ay) + bottom * ay + 0.5;
      }
    }
  }
  return { data: out, width, height };
}

export function quadArea(q: Quad): number {
  let s = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!, b = q[(i + 1) % 4]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(s) / 2;
}

export const dist = (a: Point, b: Point): number => Math.hypot(b[0] - a[0], b[1] - a[1]);

/** Value at quantile q (0..1) of the numbers (sorts a copy). */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float32Array.from(values as ArrayLike<number>).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))]!;
}

/**
 * Quantile of values known to lie in [0, max], from a histogram of `bins` bins (linear time; the
 * result is exact to max / bins).
 */
export function histQuantile(values: ArrayLike<number>, q: number, max = 256, bins = 1024): number {
  if (values.length === 0) return NaN;
  const h = new Uint32Array(bins);
  const scale = bins / max;
  for (let i = 0; i < values.length; i++) h[Math.max(0, Math.min(bins - 1, Math.floor(values[i]! * scale)))]!++;
  const target = Math.min(values.length - 1, Math.floor(q * values.length));
  let seen = 0;
  for (let b = 0; b < bins; b++) {
    seen += h[b]!;
    if (seen > target) return (b + 0.5) / scale;
  }
  return max;
}
