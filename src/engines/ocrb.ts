/**
 * A line recogniser trained for the OCR-B face of machine-readable zones (models/mrz-ocrb.onnx,
 * trained on synthetic lines only by training/mrz-ocrb/): a small convolutional CTC model, 32-px-high
 * grey line in, one distribution over blank + `<0-9A-Z` per 4 input columns out. PaddleOCR's
 * recogniser is a general Chinese/Latin one; this one knows only the MRZ alphabet in its own font.
 * Shipped in the repository; nothing is downloaded.
 */
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import type { RgbImage, TextLine } from './engine.js';
import { ctcDecode, type Vocabulary } from './paddle/recognize.js';

/** The model's classes after the blank, in order (training/mrz-ocrb/synth.py ALPHABET). */
export const OCRB_ALPHABET = '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEIGHT = 32;
/** Output steps per input column (two 2x poolings along the line). */
const STRIDE = 4;

const VOCABULARY: Vocabulary = {
  chars: ['', ...OCRB_ALPHABET],
  index: new Map([...OCRB_ALPHABET].map((c, i) => [c, i + 1])),
};

export function defaultOcrbModel(): string {
  // dist/src/engines/ocrb.js → <repo>/models
  return fileURLToPath(new URL('../../../models/mrz-ocrb.onnx', import.meta.url));
}

/**
 * The same architecture trained on from models/mrz-ocrb.onnx with lines also set in other faces, proportional
 * ones among them (Arial-, Times- and Courier-like mock-ups); read beside the first model on line crops.
 */
export function ocrbFacesModel(): string {
  return fileURLToPath(new URL('../../../models/mrz-ocrb-faces.onnx', import.meta.url));
}

/** Reads one cropped MRZ line (upright, with a little background around it). */
export interface MrzLineRecognizer {
  readMrzLine(image: RgbImage): Promise<Omit<TextLine, 'box'>>;
  /**
   * ln P(text | image) under the model for each text (every CTC alignment summed; -Infinity outside the
   * alphabet). The image is read once for all of them.
   */
  lineLogLikelihoods(image: RgbImage, texts: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}

export interface OcrbOptions {
  readonly modelPath?: string;
  readonly threads?: number;
}

export async function createOcrbReader(options: OcrbOptions = {}): Promise<MrzLineRecognizer> {
  const session = await ort.InferenceSession.create(options.modelPath ?? defaultOcrbModel(), {
    logSeverityLevel: 3,
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableMemPattern: false,
  });
  const steps = async (image: RgbImage): Promise<{ probs: Float32Array; C: number; T: number }> => {
    const { tensor, width } = preprocess(image);
    const input = new ort.Tensor('float32', tensor, [1, 1, HEIGHT, width]);
    const out = await session.run({ [session.inputNames[0]!]: input });
    const logits = out[session.outputNames[0]!]!;
    const [, C, T] = logits.dims as [number, number, number];
    const probs = softmaxSteps(logits.data as Float32Array, C, T);
    input.dispose?.();
    logits.dispose?.();
    return { probs, C, T };
  };
  return {
    async readMrzLine(image) {
      const { probs, C, T } = await steps(image);
      return ctcDecode(probs, 0, T, C, VOCABULARY);
    },
    async lineLogLikelihoods(image, texts) {
      const { probs, C, T } = await steps(image);
      return texts.map((text) => {
        const labels = [...text].map((c) => VOCABULARY.index.get(c) ?? -1);
        return labels.some((l) => l < 0) ? -Infinity : ctcLogLikelihood(probs, T, C, labels);
      });
    },
    async close() {
      await session.release();
    },
  };
}

const logAdd = (a: number, b: number): number =>
  a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));

/**
 * ln P(labels) under per-step probabilities laid out steps x classes (class 0 the blank): the CTC forward
 * recursion over the labels with blanks between them, in log space.
 */
export function ctcLogLikelihood(probs: Float32Array, T: number, C: number, labels: readonly number[]): number {
  const ext = [0, ...labels.flatMap((l) => [l, 0])];
  const S = ext.length;
  const lp = (t: number, c: number): number => Math.log(Math.max(probs[t * C + c]!, 1e-30));
  let alpha = new Float64Array(S).fill(-Infinity);
  if (T === 0) return labels.length === 0 ? 0 : -Infinity;
  alpha[0] = lp(0, 0);
  if (S > 1) alpha[1] = lp(0, ext[1]!);
  for (let t = 1; t < T; t++) {
    const next = new Float64Array(S).fill(-Infinity);
    for (let s = 0; s < S; s++) {
      let v = alpha[s]!;
      if (s > 0) v = logAdd(v, alpha[s - 1]!);
      if (s > 1 && ext[s] !== 0 && ext[s] !== ext[s - 2]) v = logAdd(v, alpha[s - 2]!);
      next[s] = v + lp(t, ext[s]!);
    }
    alpha = next;
  }
  return S > 1 ? logAdd(alpha[S - 1]!, alpha[S - 2]!) : alpha[0]!;
}

/**
 * Grey, 32 px high with the aspect kept, resized the way the training images were (a triangle
 * filter widened by the scale, as Pillow's bilinear resize; area averaging gave other readings), in
 * [-1, 1]; the width rounded up to the stride, the extra columns filled with the line's right edge.
 */
export function preprocess(image: RgbImage): { tensor: Float32Array; width: number } {
  const w = Math.max(8, Math.round((image.width * HEIGHT) / Math.max(1, image.height)));
  const width = Math.ceil(w / STRIDE) * STRIDE;
  const grey = new Float32Array(image.width * image.height);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) {
    grey[i] = 0.299 * image.data[j]! + 0.587 * image.data[j + 1]! + 0.114 * image.data[j + 2]!;
  }
  const resized = resizeTriangle(grey, image.width, image.height, w, HEIGHT);
  const tensor = new Float32Array(HEIGHT * width);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < width; x++) tensor[y * width + x] = (resized[y * w + Math.min(x, w - 1)]! / 255) * 2 - 1;
  }
  return { tensor, width };
}

/** Taps of a triangle filter of support max(1, scale) for each output sample (Pillow's coefficients). */
function triangleTaps(inSize: number, outSize: number): { start: Int32Array; weights: Float32Array[] } {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const start = new Int32Array(outSize);
  const weights: Float32Array[] = [];
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const lo = Math.max(Math.trunc(centre - filterScale + 0.5), 0);
    const hi = Math.min(Math.trunc(centre + filterScale + 0.5), inSize);
    const k = new Float32Array(Math.max(1, hi - lo));
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const v = Math.max(0, 1 - Math.abs((i - centre + 0.5) / filterScale));
      k[i - lo] = v;
      sum += v;
    }
    if (sum > 0) for (let i = 0; i < k.length; i++) k[i]! /= sum;
    else k[0] = 1;
    start[o] = Math.min(lo, inSize - 1);
    weights.push(k);
  }
  return { start, weights };
}

function resizeTriangle(src: Float32Array, w: number, h: number, outW: number, outH: number): Float32Array {
  const tx = triangleTaps(w, outW);
  const ty = triangleTaps(h, outH);
  const rows = new Float32Array(h * outW);
  for (let y = 0; y < h; y++) {
    for (let o = 0; o < outW; o++) {
      const k = tx.weights[o]!;
      const base = y * w + tx.start[o]!;
      let v = 0;
      for (let i = 0; i < k.length; i++) v += k[i]! * src[base + i]!;
      rows[y * outW + o] = v;
    }
  }
  const out = new Float32Array(outW * outH);
  for (let o = 0; o < outH; o++) {
    const k = ty.weights[o]!;
    const y0 = ty.start[o]!;
    for (let x = 0; x < outW; x++) {
      let v = 0;
      for (let i = 0; i < k.length; i++) v += k[i]! * rows[(y0 + i) * outW + x]!;
      out[o * outW + x] = v;
    }
  }
  return out;
}

/** Logits laid out classes x steps → probabilities laid out steps x classes (ctcDecode's layout). */
function softmaxSteps(logits: Float32Array, C: number, T: number): Float32Array {
  const probs = new Float32Array(T * C);
  for (let t = 0; t < T; t++) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, logits[c * T + t]);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(logits[c * T + t] - max);
      probs[t * C + c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) probs[t * C + c] /= sum;
  }
  return probs;
}
