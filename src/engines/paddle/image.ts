/**
 * Pixel work for the PaddleOCR engine: anti-aliased resizing straight into normalised
 * planar (NCHW) tensors, perspective crops and 90° rotations. Everything works on flat
 * typed arrays; nothing allocates per pixel.
 */
import type { Point, RgbImage } from '../engine.js';
import { rectToQuad } from './geometry.js';

/** Per-output-sample filter taps along one axis. */
interface Taps {
  readonly start: Int32Array;
  readonly count: Int32Array;
  /** `maxTaps` weights per output sample. */
  readonly weights: Float32Array;
  readonly maxTaps: number;
}

/**
 * Filter taps mapping `inSize` samples to `outSize`, covering the input range
 * [inStart, inStart + inLen). Shrinking averages the input area under each output sample
 * (box filter with fractional edge weights, like OpenCV's INTER_AREA); enlarging is plain
 * bilinear interpolation.
 */
function makeTaps(inSize: number, outSize: number, inStart = 0, inLen = inSize): Taps {
  const scale = inLen / outSize;
  const maxTaps = scale > 1 ? Math.ceil(scale) + 2 : 2;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * maxTaps);
  for (let o = 0; o < outSize; o++) {
    const wb = o * maxTaps;
    if (scale > 1) {
      const a = inStart + o * scale;
      const b = a + scale;
      let lo = Math.floor(a);
      let hi = Math.ceil(b) - 1;
      if (lo < 0) lo = 0;
      if (hi > inSize - 1) hi = inSize - 1;
      if (hi - lo + 1 > maxTaps) hi = lo + maxTaps - 1;
      let sum = 0;
      for (let i = lo; i <= hi; i++) {
        const w = Math.min(b, i + 1) - Math.max(a, i);
        weights[wb + i - lo] = w > 0 ? w : 0;
        sum += w > 0 ? w : 0;
      }
      if (sum <= 0) {
        start[o] = Math.min(inSize - 1, Math.max(0, lo));
        count[o] = 1;
        weights[wb] = 1;
        continue;
      }
      for (let i = lo; i <= hi; i++) weights[wb + i - lo] /= sum;
      start[o] = lo;
      count[o] = hi - lo + 1;
    } else {
      let c = inStart + (o + 0.5) * scale - 0.5;
      if (c < 0) c = 0;
      if (c > inSize - 1) c = inSize - 1;
      const i0 = Math.floor(c);
      const f = c - i0;
      start[o] = i0;
      if (f > 0 && i0 + 1 < inSize) {
        count[o] = 2;
        weights[wb] = 1 - f;
        weights[wb + 1] = f;
      } else {
        count[o] = 1;
        weights[wb] = 1;
      }
    }
  }
  return { start, count, weights, maxTaps };
}

/** Re-used work buffers (engines are single-threaded; each worker has its own module). */
const scratchBufs: Float32Array[] = [new Float32Array(0), new Float32Array(0)];
function scratch(slot: number, n: number): Float32Array {
  if (scratchBufs[slot].length < n) scratchBufs[slot] = new Float32Array(Math.ceil(n * 1.25));
  return scratchBufs[slot];
}

/** Where and how a resized image is written into a planar float tensor. */
export interface PlanarTarget {
  readonly tensor: Float32Array;
  /** Element offset of channel 0, row 0, column 0 of this image in the tensor. */
  readonly offset: number;
  /** Tensor row length (≥ the resized width, the rest is padding left untouched). */
  readonly stride: number;
  /** Tensor plane size (stride * tensor height). */
  readonly plane: number;
  /** value = pixel * mul[c] + add[c], for tensor channel c. */
  readonly mul: readonly [number, number, number];
  readonly add: readonly [number, number, number];
  /** Source (RGB) channel feeding tensor channel c, e.g. [2, 1, 0] for BGR models. */
  readonly order: readonly [number, number, number];
}

/** An optional sub-rectangle of the source to resize (defaults to the whole image). */
export interface SourceRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Resize an RGB image (or a rectangle of it) to outW x outH with a separable area /
 * bilinear filter and write it, normalised and channel-permuted, into a planar tensor.
 */
export function resizeToPlanar(img: RgbImage, outW: number, outH: number, target: PlanarTarget, rect?: SourceRect): void {
  const { data, width: W, height: H } = img;
  const rx = rect?.x ?? 0;
  const ry = rect?.y ?? 0;
  const rw = rect?.width ?? W;
  const rh = rect?.height ?? H;
  const tx = makeTaps(W, outW, rx, rw);
  const ty = makeTaps(H, outH, ry, rh);
  // Rows of the source that the vertical pass touches.
  let rowLo = H;
  let rowHi = -1;
  for (let o = 0; o < outH; o++) {
    if (ty.start[o] < rowLo) rowLo = ty.start[o];
    const e = ty.start[o] + ty.count[o] - 1;
    if (e > rowHi) rowHi = e;
  }
  const rows = rowHi - rowLo + 1;
  // Horizontal pass: source rows → tmp (rows x outW x 3), float.
  const tmp = scratch(0, rows * outW * 3);
  const mt = tx.maxTaps;
  const xStart = tx.start;
  const xCount = tx.count;
  const xW = tx.weights;
  for (let r = 0; r < rows; r++) {
    const srcRow = (rowLo + r) * W * 3;
    const dstRow = r * outW * 3;
    for (let o = 0; o < outW; o++) {
      const n = xCount[o];
      const wb = o * mt;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let p = srcRow + xStart[o] * 3;
      for (let t = 0; t < n; t++, p += 3) {
        const w = xW[wb + t];
        a0 += data[p] * w;
        a1 += data[p + 1] * w;
        a2 += data[p + 2] * w;
      }
      const d = dstRow + o * 3;
      tmp[d] = a0;
      tmp[d + 1] = a1;
      tmp[d + 2] = a2;
    }
  }
  // Vertical pass: tmp → tensor planes, with normalisation.
  const { tensor, offset, stride, plane, mul, add, order } = target;
  const c0 = order[0];
  const c1 = order[1];
  const c2 = order[2];
  const m0 = mul[0];
  const m1 = mul[1];
  const m2 = mul[2];
  const b0 = add[0];
  const b1 = add[1];
  const b2 = add[2];
  const acc = scratch(1, outW * 3);
  const myt = ty.maxTaps;
  for (let o = 0; o < outH; o++) {
    acc.fill(0, 0, outW * 3);
    const s0 = ty.start[o] - rowLo;
    const n = ty.count[o];
    for (let t = 0; t < n; t++) {
      const w = ty.weights[o * myt + t];
      const row = (s0 + t) * outW * 3;
      for (let i = 0; i < outW * 3; i++) acc[i] += tmp[row + i] * w;
    }
    const base = offset + o * stride;
    for (let x = 0, i = 0; x < outW; x++, i += 3) {
      tensor[base + x] = acc[i + c0] * m0 + b0;
      tensor[base + plane + x] = acc[i + c1] * m1 + b1;
      tensor[base + 2 * plane + x] = acc[i + c2] * m2 + b2;
    }
  }
}

/**
 * Perspective crop: sample the quad `q` (clockwise from the text's top-left) of `img`
 * into a w x h RGB image with bilinear interpolation (edge pixels are clamped).
 */
export function warpQuad(img: RgbImage, q: readonly Point[], w: number, h: number): RgbImage {
  const hm = rectToQuad(w, h, q);
  const out = new Uint8Array(w * h * 3);
  const { data, width: W, height: H } = img;
  const maxX = W - 1;
  const maxY = H - 1;
  // An affine map (last row 0,0,1) is the common case: skip the division then.
  const affine = Math.abs(hm[6]) < 1e-12 && Math.abs(hm[7]) < 1e-12;
  let p = 0;
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      let sx = hm[0] * u + hm[1] * v + hm[2];
      let sy = hm[3] * u + hm[4] * v + hm[5];
      if (!affine) {
        const den = hm[6] * u + hm[7] * v + 1;
        sx /= den;
        sy /= den;
      }
      if (sx < 0) sx = 0;
      else if (sx > maxX) sx = maxX;
      if (sy < 0) sy = 0;
      else if (sy > maxY) sy = maxY;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const x1 = x0 < maxX ? x0 + 1 : x0;
      const y1 = y0 < maxY ? y0 + 1 : y0;
      const i00 = (y0 * W + x0) * 3;
      const i01 = (y0 * W + x1) * 3;
      const i10 = (y1 * W + x0) * 3;
      const i11 = (y1 * W + x1) * 3;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      out[p++] = data[i00] * w00 + data[i01] * w01 + data[i10] * w10 + data[i11] * w11 + 0.5;
      out[p++] = data[i00 + 1] * w00 + data[i01 + 1] * w01 + data[i10 + 1] * w10 + data[i11 + 1] * w11 + 0.5;
      out[p++] = data[i00 + 2] * w00 + data[i01 + 2] * w01 + data[i10 + 2] * w10 + data[i11 + 2] * w11 + 0.5;
    }
  }
  return { data: out, width: w, height: h };
}

/** Rotate an RGB image by 180°. */
export function rotate180(img: RgbImage): RgbImage {
  const { data, width, height } = img;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let i = 0, j = (n - 1) * 3; i < n * 3; i += 3, j -= 3) {
    out[i] = data[j];
    out[i + 1] = data[j + 1];
    out[i + 2] = data[j + 2];
  }
  return { data: out, width, height };
}

/** Rotate an RGB image by 90° counter-clockwise (a top-to-bottom line becomes left-to-right). */
export function rotate90ccw(img: RgbImage): RgbImage {
  const { data, width: W, height: H } = img;
  const out = new Uint8Array(W * H * 3);
  // Output is H wide, W tall: out(x, y) = in(W - 1 - y, x).
  for (let y = 0; y < W; y++) {
    const sx = W - 1 - y;
    for (let x = 0; x < H; x++) {
      const s = (x * W + sx) * 3;
      const d = (y * H + x) * 3;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
    }
  }
  return { data: out, width: H, height: W };
}

/** Pad an RGB image by `px` pixels on every side, replicating the edge pixels. */
export function padReplicate(img: RgbImage, padX: number, padY: number): RgbImage {
  const { data, width: W, height: H } = img;
  const ow = W + 2 * padX;
  const oh = H + 2 * padY;
  const out = new Uint8Array(ow * oh * 3);
  for (let y = 0; y < oh; y++) {
    const sy = Math.min(H - 1, Math.max(0, y - padY));
    for (let x = 0; x < ow; x++) {
      const sx = Math.min(W - 1, Math.max(0, x - padX));
      const s = (sy * W + sx) * 3;
      const d = (y * ow + x) * 3;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * Pad an RGB image by `padX` / `padY` pixels with its background: the level 90% of its pixels are
 * darker than (dark text on a light ground), so the recogniser sees a margin around a tight crop.
 */
export function padBackground(img: RgbImage, padX: number, padY: number): RgbImage {
  const sums: number[] = [];
  for (let i = 0; i < img.data.length; i += 3 * 7) sums.push(img.data[i]! + img.data[i + 1]! + img.data[i + 2]!);
  sums.sort((a, b) => a - b);
  const bg = Math.round(sums[Math.floor(0.9 * (sums.length - 1))]! / 3);
  const w = img.width + 2 * padX;
  const h = img.height + 2 * padY;
  const data = new Uint8Array(w * h * 3).fill(bg);
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((y + padY) * w + padX) * 3);
  return { data, width: w, height: h };
}

/** Resize an RGB image (anti-aliased when shrinking) to a new interleaved RGB image. */
export function resizeRgb(img: RgbImage, outW: number, outH: number): RgbImage {
  const plane = outW * outH;
  const tmp = new Float32Array(3 * plane);
  resizeToPlanar(img, outW, outH, { tensor: tmp, offset: 0, stride: outW, plane, mul: [1, 1, 1], add: [0, 0, 0], order: [0, 1, 2] });
  const out = new Uint8Array(3 * plane);
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    out[j] = tmp[i] + 0.5;
    out[j + 1] = tmp[plane + i] + 0.5;
    out[j + 2] = tmp[2 * plane + i] + 0.5;
  }
  return { data: out, width: outW, height: outH };
}

/** True when (almost) every pixel is pure black or white, e.g. a binarised scan. */
export function isNearlyBinary(img: RgbImage, tolerance = 0.02): boolean {
  const { data } = img;
  const n = data.length;
  const step = Math.max(3, Math.floor(n / 3 / 4096) * 3);
  let grey = 0;
  let total = 0;
  for (let i = 0; i < n; i += step) {
    const v = data[i];
    if (v > 24 && v < 231) grey++;
    total++;
  }
  return grey <= tolerance * total;
}

/** 3x3 box blur (edges clamped): softens the jagged edges of binarised text. */
export function boxBlur3(img: RgbImage): RgbImage {
  const { data, width: W, height: H } = img;
  const tmp = new Uint16Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    const row = y * W * 3;
    for (let x = 0; x < W; x++) {
      const l = row + (x > 0 ? x - 1 : x) * 3;
      const c = row + x * 3;
      const r = row + (x < W - 1 ? x + 1 : x) * 3;
      tmp[c] = data[l] + data[c] + data[r];
      tmp[c + 1] = data[l + 1] + data[c + 1] + data[r + 1];
      tmp[c + 2] = data[l + 2] + data[c + 2] + data[r + 2];
    }
  }
  const out = new Uint8Array(W * H * 3);
  const rowLen = W * 3;
  for (let y = 0; y < H; y++) {
    const u = (y > 0 ? y - 1 : y) * rowLen;
    const c = y * rowLen;
    const d = (y < H - 1 ? y + 1 : y) * rowLen;
    for (let i = 0; i < rowLen; i++) out[c + i] = (tmp[u + i] + tmp[c + i] + tmp[d + i] + 4) / 9;
  }
  return { data: out, width: W, height: H };
}
