/**
 * Full-page OCR: the text lines of one document side, in the coordinates of the upright page.
 *
 * The photo is not warped. The detected boxes tell the text direction (0/90/180/270, decided by
 * which reading the recogniser is surer of) and the residual tilt (median direction of the long
 * boxes); every box is read along its own text direction, and its corners are mapped into an
 * upright frame whose origin is the top-left of the text extent. Document layouts then work in
 * that frame (relative positions, label anchors), whatever the photo's orientation.
 */
import type { OcrEngine, Point, RgbImage, Script, ScriptLineReader, TextBox, TextLine } from '../engines/engine.js';
import { warpQuad } from '../engines/paddle/image.js';
import type { PageLine, PageText } from '../documents/module.js';
import type { MrzReading } from '../documents/mrz/index.js';
import { aspect, cropLine, likelyRotations, longSide, orientBox, type Rotation } from './orient.js';

export const PAGE_DETECT_SIDE = 960;
/** Boxes read in both candidate directions to decide which one is upright. */
const ORIENTATION_PROBES = 4;

export interface PageTextOptions {
  /** Per-script recogniser for re-reads (tesseract.js for Hangul and Traditional Chinese). */
  readonly reader?: ScriptLineReader | null;
  readonly mrz?: MrzReading | null;
  /** Boxes already detected on this image (saves a detection). */
  readonly boxes?: readonly TextBox[];
  /** Text direction when already known (e.g. from the MRZ). */
  readonly rotation?: Rotation;
  readonly timings?: Record<string, number>;
  /**
   * Stop reading once the lines read so far satisfy this: boxes are then read in chunks, tallest first
   * (printed values are larger than their labels) and the most elongated (MRZ-like) last. The page
   * holds only what was read.
   */
  readonly until?: (lines: readonly PageLine[]) => boolean;
  /**
   * With `until`: a cheaper line recogniser that first reads every box but the MRZ-like ones. When its
   * lines satisfy `until` the page is those lines; otherwise the engine reads as above, each box's
   * reading replacing the quick one.
   */
  readonly quick?: QuickLineReader;
  /**
   * With `quick`: given the quick lines, how likely a quick line's text holds what `until` still
   * misses (lower first); the engine reads those boxes first.
   */
  readonly rank?: (lines: readonly PageLine[]) => (text: string) => number;
}

/** A fast recogniser of one cropped line (the OCR-B model: about a tenth of the engine's time per box). */
export interface QuickLineReader {
  readLine(image: RgbImage): Promise<{ text: string; confidence: number }>;
}

/** Boxes per recognition call when reading until a condition holds. */
const UNTIL_CHUNK = 4;
/**
 * Margin around a box cut out for the quick reader, as fractions of its height: less above and below
 * than around an MRZ line, whose boxes hug the capitals. On 20 specimen passport photos, with the engine
 * then reading in fours, it still read a median of 4 boxes with 0.15 (4 with 0.05, 12 with the MRZ lines' 0.25).
 */
const QUICK_LINE_MARGIN = { x: 0.3, y: 0.15 } as const;
/** A rank under this points to a box worth reading first (see PageTextOptions.rank). */
const LIKELY = 0.5;
/** Boxes longer than this many heights are read last when reading until a condition holds (MRZ lines). */
const UNTIL_LAST_ASPECT = 15;

/** A similarity frame: upright page coordinates ↔ photo pixels. */
export interface UprightFrame {
  readonly rotation: Rotation;
  /** Unit vector of the text direction in the photo, and of "down the page". */
  readonly u: Point;
  readonly n: Point;
  readonly origin: Point;
  readonly width: number;
  readonly height: number;
}

const addTime = (timings: Record<string, number> | undefined, key: string, since: number): void => {
  if (timings) timings[key] = (timings[key] ?? 0) + (performance.now() - since);
};

export const toUpright = (f: UprightFrame, p: Point): Point => {
  const dx = p[0] - f.origin[0];
  const dy = p[1] - f.origin[1];
  return [dx * f.u[0] + dy * f.u[1], dx * f.n[0] + dy * f.n[1]];
};

export const toPhoto = (f: UprightFrame, p: Point): Point => [
  f.origin[0] + p[0] * f.u[0] + p[1] * f.n[0],
  f.origin[1] + p[0] * f.u[1] + p[1] * f.n[1],
];

/**
 * Which of the two likely directions reads with more confidence on the longest boxes; the probe
 * readings in that direction are kept so they are not recognised twice.
 */
async function chooseRotation(
  engine: OcrEngine,
  rgb: RgbImage,
  boxes: readonly TextBox[],
): Promise<{ rotation: Rotation; probes: ReadonlyMap<TextBox, TextLine> }> {
  const probes = [...boxes]
    .filter((b) => aspect(b) >= 2)
    .sort((a, b) => longSide(b) - longSide(a))
    .slice(0, ORIENTATION_PROBES);
  const pair = likelyRotations(probes.length > 0 ? probes : boxes);
  let best = { rotation: pair[0] as Rotation, probes: new Map<TextBox, TextLine>() };
  if (probes.length === 0) return best;
  let bestScore = -Infinity;
  for (const rotation of pair) {
    const lines = await engine.recognize(rgb, probes.map((b) => orientBox(b, rotation)));
    const score = lines.reduce((s, l) => s + l.confidence * Math.max(1, l.text.length), 0);
    if (score > bestScore) {
      bestScore = score;
      best = { rotation, probes: new Map(probes.map((b, i) => [b, lines[i]!])) };
    }
  }
  return best;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** The upright frame of the oriented boxes: direction from the median tilt of the long lines. */
export function uprightFrame(oriented: readonly TextBox[], rotation: Rotation, margin = 0): UprightFrame {
  const base = (rotation * Math.PI) / 180;
  const tilts: number[] = [];
  for (const b of oriented) {
    if (aspect(b) < 3) continue;
    const [p0, p1] = b.points;
    let a = Math.atan2(p1[1] - p0[1], p1[0] - p0[0]) - base;
    while (a > Math.PI) a -= 2 * Math.PI;
    while (a < -Math.PI) a += 2 * Math.PI;
    if (Math.abs(a) < Math.PI / 4) tilts.push(a);
  }
  const angle = base + median(tilts);
  const u: Point = [Math.cos(angle), Math.sin(angle)];
  const n: Point = [-u[1], u[0]];
  const frame0: UprightFrame = { rotation, u, n, origin: [0, 0], width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of oriented) {
    for (const p of b.points) {
      const [x, y] = toUpright(frame0, p);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  if (!Number.isFinite(minX)) return frame0;
  const origin = toPhoto(frame0, [minX - margin, minY - margin]);
  return { rotation, u, n, origin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin };
}

/** Lines top to bottom; lines whose vertical centres are within half a line height form one row, left to right. */
export function readingOrder<T extends Pick<PageLine, 'x' | 'y' | 'w' | 'h'>>(lines: readonly T[]): T[] {
  const byY = [...lines].sort((a, b) => a.y + a.h / 2 - (b.y + b.h / 2));
  const rows: T[][] = [];
  for (const l of byY) {
    const row = rows[rows.length - 1];
    const cy = l.y + l.h / 2;
    const ref = row?.[0];
    if (row && ref && Math.abs(cy - (ref.y + ref.h / 2)) <= Math.min(ref.h, l.h) / 2) row.push(l);
    else rows.push([l]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.x - b.x));
}

const axisBox = (frame: UprightFrame, box: TextBox): Pick<PageLine, 'x' | 'y' | 'w' | 'h'> => {
  const pts = box.points.map((p) => toUpright(frame, p));
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
};

/** Detect, orient and recognise every line of the page; see the file comment. */
export async function buildPageText(engine: OcrEngine, rgb: RgbImage, options: PageTextOptions = {}): Promise<PageText> {
  const { timings } = options;
  let t = performance.now();
  const boxes = options.boxes ?? (await engine.detect(rgb, { maxSide: PAGE_DETECT_SIDE }));
  if (!options.boxes) addTime(timings, 'detect', t);
  t = performance.now();
  const chosen =
    options.rotation !== undefined || boxes.length === 0
      ? { rotation: options.rotation ?? 0, probes: new Map<TextBox, TextLine>() }
      : await chooseRotation(engine, rgb, boxes);
  addTime(timings, 'orient', t);
  const { rotation } = chosen;
  const oriented = boxes.map((b) => orientBox(b, rotation));
  const frame = uprightFrame(oriented, rotation);
  t = performance.now();
  const todo = boxes.map((b, i) => i).filter((i) => !chosen.probes.has(boxes[i]!));
  const read: (TextLine | undefined)[] = boxes.map((b) => chosen.probes.get(b));
  const lineOf = (i: number) => ({ text: read[i]?.text.trim() ?? '', confidence: read[i]?.confidence ?? 0, ...axisBox(frame, oriented[i]!) });
  const readLines = (): PageLine[] => readingOrder(boxes.flatMap((b, i) => (read[i] && read[i]!.text.trim() ? [lineOf(i)] : [])));
  const { until, quick } = options;
  if (until) {
    const last = (i: number) => aspect(oriented[i]!) > UNTIL_LAST_ASPECT;
    // a box's quick reading stands until the engine reads it
    const quickRead: (PageLine | undefined)[] = boxes.map(() => undefined);
    const withQuick = (): PageLine[] =>
      readingOrder(boxes.flatMap((b, i) => (read[i] ? (read[i]!.text.trim() ? [lineOf(i)] : []) : quickRead[i] ? [quickRead[i]!] : [])));
    if (quick) {
      for (let i = 0; i < boxes.length; i++) {
        if (last(i)) continue;
        const line = await quick.readLine(cropLine(rgb, oriented[i]!, QUICK_LINE_MARGIN));
        if (line.text.trim()) quickRead[i] = { text: line.text.trim(), confidence: line.confidence, ...axisBox(frame, oriented[i]!) };
      }
      if (until(withQuick())) {
        addTime(timings, 'pageOcr', t);
        return makePageText(engine, rgb, frame, withQuick(), options.mrz ?? null, options.reader ?? null);
      }
    }
    const score = quick && options.rank ? options.rank(withQuick()) : () => 0;
    const likely = boxes.map((b, i) => score(quickRead[i]?.text ?? ''));
    const height = (i: number) => longSide(oriented[i]!) / aspect(oriented[i]!);
    todo.sort((a, b) => Number(last(a)) - Number(last(b)) || likely[a]! - likely[b]! || height(b) - height(a));
    // after a quick reading, the first call reads only the boxes it points to (often one or two)
    let size = quick ? Math.min(UNTIL_CHUNK, Math.max(1, todo.filter((i) => likely[i]! < LIKELY).length)) : UNTIL_CHUNK;
    for (let k = 0; k < todo.length; k += size, size = UNTIL_CHUNK) {
      const chunk = todo.slice(k, k + size);
      const fresh = await engine.recognize(rgb, chunk.map((i) => oriented[i]!));
      chunk.forEach((i, j) => (read[i] = fresh[j]));
      if (until(withQuick())) break;
    }
    addTime(timings, 'pageOcr', t);
    return makePageText(engine, rgb, frame, withQuick(), options.mrz ?? null, options.reader ?? null);
  } else if (todo.length > 0) {
    const fresh = await engine.recognize(rgb, todo.map((i) => oriented[i]!));
    todo.forEach((i, k) => (read[i] = fresh[k]));
  }
  addTime(timings, 'pageOcr', t);
  const lines = readLines();
  // boxes read as nothing hold a script the general recogniser lacks (Hangul): kept for re-reads
  const unread: PageLine[] = readingOrder(boxes.flatMap((b, i) => (read[i] && !read[i]!.text.trim() ? [lineOf(i)] : [])));
  return makePageText(engine, rgb, frame, lines, options.mrz ?? null, options.reader ?? null, unread);
}

function makePageText(
  engine: OcrEngine,
  rgb: RgbImage,
  frame: UprightFrame,
  lines: readonly PageLine[],
  mrz: MrzReading | null,
  reader: ScriptLineReader | null,
  unread: readonly PageLine[] = [],
): PageText {
  return {
    width: frame.width,
    height: frame.height,
    lines,
    unread,
    mrz,
    async reread(region, script: Script) {
      // a margin around the line: recognisers read better with some background on every side
      const mx = Math.max(2, region.h * 0.3);
      const my = Math.max(2, region.h * 0.15);
      const x0 = region.x - mx;
      const y0 = region.y - my;
      const x1 = region.x + region.w + mx;
      const y1 = region.y + region.h + my;
      const quad = [toPhoto(frame, [x0, y0]), toPhoto(frame, [x1, y0]), toPhoto(frame, [x1, y1]), toPhoto(frame, [x0, y1])];
      const crop = warpQuad(rgb, quad, Math.max(8, Math.round(x1 - x0)), Math.max(8, Math.round(y1 - y0)));
      if (reader && reader.scripts.includes(script)) return reader.readLine(crop, script);
      const line = await engine.recognizeLine(crop);
      return { text: line.text.trim(), confidence: line.confidence };
    },
  };
}

/** A PageText over lines that are already known (fixtures, tests, plain text input). */
export function pageTextFromLines(
  lines: readonly PageLine[],
  options: { mrz?: MrzReading | null; reread?: PageText['reread'] } = {},
): PageText {
  const width = Math.max(0, ...lines.map((l) => l.x + l.w));
  const height = Math.max(0, ...lines.map((l) => l.y + l.h));
  const at = (region: Pick<PageLine, 'x' | 'y' | 'w' | 'h'>) =>
    lines.find((l) => Math.abs(l.x - region.x) < 1 && Math.abs(l.y - region.y) < 1);
  return {
    width,
    height,
    lines: readingOrder(lines),
    mrz: options.mrz ?? null,
    reread:
      options.reread ??
      (async (region) => {
        const l = at(region);
        return { text: l?.text ?? '', confidence: l?.confidence ?? 0 };
      }),
  };
}
