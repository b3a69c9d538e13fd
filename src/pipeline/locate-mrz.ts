import type { AlphabetLineReader, OcrEngine, RgbImage, TextBox, TextLine } from '../engines/engine.js';
import type { MrzLineRecognizer } from '../engines/ocrb.js';
import { MRZ_CHARSET, SECOND_READ_WEIGHT, fusedReading, readMrz, selectMrzLines, withSecondReading, type MrzReading } from '../documents/mrz/index.js';
import { aspect, boxAxes, cropLine, MRZ_LINE_MARGIN, likelyRotations, longSide, orientBox, type Rotation } from './orient.js';

/** How many of the longest, most elongated boxes are read as MRZ candidates. */
const MAX_CANDIDATES = 8;
const MIN_ASPECT = 7;
const DETECT_SIDE = 960;
/** Second detection scale, when the first finds no MRZ: small pages in large photos, and small photos (upsampled). */
const DETECT_SIDE_FALLBACK = 1600;

/** Recognisers beside the OcrEngine that an unsure MRZ is read with (both optional). */
export interface MrzReaders {
  /** Trained for OCR-B MRZ lines: its reading of each line competes with the engine's. */
  readonly ocrb?: MrzLineRecognizer | null;
  /** An independent reader voted per character into every reading (tesseract `eng`). */
  readonly second?: AlphabetLineReader | null;
}

export interface MrzLocation {
  readonly mrz: MrzReading;
  readonly rotation: Rotation;
  readonly lines: readonly TextLine[];
  readonly boxes: readonly TextBox[];
}

/**
 * MRZ lines are the longest, most elongated text boxes of the page; a line the detector stopped
 * early (faint fillers, a mark drawn across them) is kept too when it starts or ends where a long
 * line does, stacked right above or below it (`alignToBlock` then stretches it).
 */
export function candidates(boxes: readonly TextBox[]): TextBox[] {
  const elongated = boxes.filter((b) => aspect(b) >= MIN_ASPECT);
  const longest = Math.max(0, ...elongated.map(longSide));
  const long = elongated
    .filter((b) => longSide(b) >= 0.35 * longest)
    .sort((a, b) => longSide(b) - longSide(a))
    .slice(0, MAX_CANDIDATES);
  const cut = boxes.filter((b) => !long.includes(b) && aspect(b) >= 3 && long.some((o) => stackedWith(b, o)));
  return [...long, ...cut.slice(0, MAX_CUT)];
}

const MAX_CUT = 2;

/** Whether `b` lies parallel to `o`, a line pitch above or below it, with one end aligned. */
function stackedWith(b: TextBox, o: TextBox): boolean {
  const A = boxAxes(o);
  const B = boxAxes(b);
  if (Math.abs(dot(A.u, B.u)) < Math.cos((4 * Math.PI) / 180)) return false;
  if (B.height > 1.6 * A.height || B.height < A.height / 1.6) return false;
  const across = Math.abs(dot(sub(B.c, A.c), A.n));
  if (across < 0.7 * A.height || across > 3 * A.height) return false;
  const along = dot(sub(B.c, A.c), A.u);
  const startGap = Math.abs(along - B.length / 2 + A.length / 2);
  const endGap = Math.abs(along + B.length / 2 - A.length / 2);
  return Math.min(startGap, endGap) < 2 * A.height;
}

type Vec = readonly [number, number];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1]];
const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1];
const alongBy = (p: Vec, u: Vec, d: number): Vec => [p[0] + u[0] * d, p[1] + u[1] * d];

/**
 * MRZ lines of one block have the same length, but the detector often stops a line early where a
 * long run of `<` fillers is faint. Stretch each oriented line box to the span of a longer, parallel,
 * stacked neighbour so the recogniser sees the whole line.
 */
export function alignToBlock(boxes: readonly TextBox[]): TextBox[] {
  const geo = boxes.map((b) => {
    const [p0, p1, , p3] = b.points;
    const length = Math.hypot(...sub(p1, p0));
    const u: Vec = [(p1[0] - p0[0]) / length, (p1[1] - p0[1]) / length];
    return { b, u, n: [-u[1], u[0]] as Vec, length, height: Math.hypot(...sub(p3, p0)) };
  });
  return geo.map((g) => {
    let start = 0;
    let end = g.length;
    // A short box's own direction is the least sure: follow the longest neighbour's.
    let u = g.u;
    let longest = g.length;
    for (const o of geo) {
      if (o === g || o.length <= g.length || dot(g.u, o.u) < 0.995) continue;
      if (o.height > g.height * 1.6 || o.height < g.height / 1.6) continue;
      const offset = sub(o.b.points[0], g.b.points[0]);
      if (Math.abs(dot(offset, g.n)) > 4 * g.height) continue;
      const oStart = dot(offset, g.u);
      if (Math.abs(oStart) > 3 * g.height) continue;
      start = Math.min(start, oStart);
      end = Math.max(end, oStart + o.length);
      if (o.length > longest) {
        longest = o.length;
        u = o.u;
      }
    }
    if (start === 0 && end === g.length) return g.b;
    const [p0, , , p3] = g.b.points;
    const points = [alongBy(p0, u, start), alongBy(p0, u, end), alongBy(p3, u, end), alongBy(p3, u, start)] as unknown as TextBox['points'];
    return { points, score: g.b.score };
  });
}

/**
 * The detector cuts an MRZ line in two where a character is faint or something is drawn across it.
 * Joins elongated boxes that continue each other (same direction, height and baseline, a small gap)
 * into one box, so the line is recognised whole and its length is right.
 */
export function joinCollinear(boxes: readonly TextBox[]): TextBox[] {
  const out = [...boxes];
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < out.length; i++) {
      const a = boxAxes(out[i]!);
      if (a.length < 3 * a.height) continue;
      for (let j = i + 1; j < out.length; j++) {
        const b = boxAxes(out[j]!);
        if (b.length < 2 * b.height || Math.abs(dot(a.u, b.u)) < Math.cos((4 * Math.PI) / 180)) continue;
        const h = (a.height + b.height) / 2;
        if (Math.abs(a.height - b.height) > 0.35 * h || Math.abs(dot(sub(b.c, a.c), a.n)) > 0.5 * h) continue;
        const along = dot(sub(b.c, a.c), a.u);
        const gap = Math.abs(along) - (a.length + b.length) / 2;
        if (gap < -0.5 * h || gap > 2.5 * h) continue;
        // From the outer end of the first box to the outer end of the second, along their centre lines.
        const [first, second] = along < 0 ? [b, a] : [a, b];
        const from = alongBy(first.c, first.u, -first.length / 2);
        const to = alongBy(second.c, second.u, second.length / 2);
        const d = sub(to, from);
        const len = Math.hypot(...d);
        const n: Vec = [-d[1] / len, d[0] / len];
        const at = (p: Vec, s: number): Vec => [p[0] + n[0] * s, p[1] + n[1] * s];
        const points = [at(from, -h / 2), at(to, -h / 2), at(to, h / 2), at(from, h / 2)] as unknown as TextBox['points'];
        const score = Math.min(out[i]!.score, out[j]!.score);
        out.splice(j, 1);
        out[i] = { points, score };
        changed = true;
        break outer;
      }
    }
  }
  return out;
}

const checksHeld = (m: MrzReading): number => Object.values(m.checks).filter(Boolean).length;

const score = (m: MrzReading | null): number => (m ? (m.valid ? 100 : 0) + checksHeld(m) - m.corrections * 0.01 : -1);

/** Among readings of the same MRZ: valid first, then more check digits held, then the lower repair cost. */
const better = (a: MrzReading, b: MrzReading): boolean => {
  if (a.valid !== b.valid) return a.valid;
  if (checksHeld(a) !== checksHeld(b)) return checksHeld(a) > checksHeld(b);
  return a.cost < b.cost;
};

/**
 * Second reads of the MRZ lines, tried when the first is unsure: the line also read in overlapping
 * chunks (the recogniser was trained on shorter text) and read with a margin at a narrower scale.
 */
const REREADS = [
  { charset: MRZ_CHARSET, widen: 1.2, chunkWidth: 640 },
  { charset: MRZ_CHARSET, widen: 1.0, margin: { x: 0.5, y: 0.2 } },
] as const;
/**
 * MRZ line boxes lower than this (source pixels) are re-read even when their check digits hold (names
 * have none). Set on the 35 PassportEye photos: the misread ~270-px passports have 7-8 px boxes, the
 * others 8.2 px and up; a reread of a 13.5 px line (98_pass-nld) made a correct name wrong.
 */
const SMALL_LINE_PX = 9;

const lineHeight = (l: TextLine): number => boxAxes(l.box).height;

/** Whether a first reading deserves the extra reads: not valid, or small in pixels. */
export function unsureReading(mrz: MrzReading, mrzLines: readonly TextLine[]): boolean {
  if (!mrz.valid || mrzLines.length === 0) return true;
  return Math.min(...mrzLines.map(lineHeight)) < SMALL_LINE_PX;
}

/**
 * Weight of tesseract's vote on readings fused with the OCR-B model's. Tuning crops: 4 / 16 / 64 →
 * 80.7 / 80.7 / 80.6% exact; on the photos 64 turns `25_pass-uto`'s MARIA (read right by the fusion)
 * into NARIA (tesseract reads N). The lowest of the equal values.
 */
export const FUSED_VOTE_WEIGHT = 4;

/**
 * Re-reads the MRZ lines of an unsure first reading (see REREADS) and keeps the best reading. With the
 * OCR-B recogniser, each line is also read by it, and the readings that compete are its own and its
 * distributions fused with each of the engine's readings, both ways (`fusedReading`: whose length
 * and segmentation is kept). With a second recogniser, each line is also read by it once and its
 * text voted per character into every reading (`withSecondReading`); the best of those wins when it
 * is a valid MRZ (the check digits accept what the vote changed), else the best unvoted reading.
 */
async function reread(engine: OcrEngine, image: RgbImage, first: MrzLocation, timings: Record<string, number>, readers: MrzReaders): Promise<MrzLocation> {
  const mrzLines = selectMrzLines(first.lines) ?? [];
  if (mrzLines.length < 2 || !unsureReading(first.mrz, mrzLines)) return first;
  const boxes = mrzLines.map((l) => l.box);
  let readings: TextLine[][] = [mrzLines];
  let engineReadings: TextLine[][] = [];
  for (const options of REREADS) {
    const t = performance.now();
    readings.push(await engine.recognize(image, boxes, options));
    timings.reread = (timings.reread ?? 0) + (performance.now() - t);
  }
  if (readers.ocrb) {
    const t = performance.now();
    const ocrb: TextLine[] = [];
    for (const box of boxes) ocrb.push({ box, ...(await readers.ocrb.readMrzLine(cropLine(image, box, MRZ_LINE_MARGIN))) });
    timings.ocrb = performance.now() - t;
    const fuse = (a: readonly TextLine[], b: readonly TextLine[]): TextLine[] => a.map((l, i) => fusedReading(l, b[i]!));
    engineReadings = readings;
    readings = [ocrb, ...readings.flatMap((r) => [fuse(ocrb, r), fuse(r, ocrb)])];
  }
  const pick = (start: MrzLocation | null, candidates: readonly TextLine[][]): MrzLocation | null => {
    let best = start;
    for (const lines of candidates) {
      const mrz = readMrz(lines);
      if (mrz && (!best || better(mrz, best.mrz))) best = { ...first, mrz, lines };
    }
    return best;
  };
  if (readers.second) {
    const t = performance.now();
    const texts: string[] = [];
    for (const box of boxes) texts.push((await readers.second.readAlphabetLine(cropLine(image, box, MRZ_LINE_MARGIN), MRZ_CHARSET)).text);
    timings.secondRead = performance.now() - t;
    const voteWeight = readers.ocrb ? FUSED_VOTE_WEIGHT : SECOND_READ_WEIGHT;
    const voted = pick(null, readings.map((lines) => lines.map((l, i) => withSecondReading(l, texts[i]!, voteWeight))));
    if (voted?.mrz.valid) return voted;
  }
  const best = pick(first, readings)!;
  // No valid reading at all: the engine's own rereads, as without the OCR-B recogniser (the fused
  // readings' costs rise where the recognisers disagree, and a tie keeps the first reading).
  return best.mrz.valid ? best : pick(best, engineReadings)!;
}

/**
 * Reads the MRZ among boxes already detected on the image, in the two likely text directions
 * (corners reordered, no image rotation needed). The best reading, or null.
 */
export async function readMrzIn(
  engine: OcrEngine,
  image: RgbImage,
  boxes: readonly TextBox[],
  timings: Record<string, number>,
): Promise<MrzLocation | null> {
  let best: MrzLocation | null = null;
  const picked = candidates(joinCollinear(boxes));
  if (picked.length < 2) return null;
  const options = { charset: MRZ_CHARSET, widen: 1.2 };
  for (const rotation of likelyRotations(picked)) {
    const aligned = alignToBlock(picked.map((b) => orientBox(b, rotation)));
    // Recognition is most of the cost: read the likeliest block first, the other candidates only
    // when it does not read as a valid MRZ.
    const block = likelyBlock(aligned);
    const batches = block.length >= 2 && block.length < aligned.length ? [block, aligned.filter((b) => !block.includes(b))] : [aligned];
    const lines: TextLine[] = [];
    for (const batch of batches) {
      const t = performance.now();
      lines.push(...(await engine.recognize(image, batch, options)));
      timings.recognize = (timings.recognize ?? 0) + (performance.now() - t);
      const mrz = readMrz(lines);
      if (mrz && score(mrz) > score(best?.mrz ?? null)) best = { mrz, rotation, lines: [...lines], boxes };
      if (best?.mrz.valid) return best;
    }
  }
  return best;
}

/** Detection scales tried in order by locateMrz. */
export const MRZ_DETECT_SIDES = [DETECT_SIDE, DETECT_SIDE_FALLBACK] as const;

/**
 * Finds and reads the MRZ in whatever direction the page lies: detect, then readMrzIn, at each scale;
 * an unsure reading is read again, also by `readers`.
 */
export async function locateMrz(
  engine: OcrEngine,
  image: RgbImage,
  timings: Record<string, number>,
  sides: readonly number[] = MRZ_DETECT_SIDES,
  readers: MrzReaders = {},
): Promise<MrzLocation | null> {
  for (const maxSide of sides) {
    const t = performance.now();
    const boxes = await engine.detect(image, { maxSide });
    timings.detect = (timings.detect ?? 0) + (performance.now() - t);
    const best = await readMrzIn(engine, image, boxes, timings);
    if (best) return reread(engine, image, best, timings, readers);
  }
  return null;
}

/**
 * The boxes most likely to form the MRZ: the longest box and the boxes stacked right above and
 * below it with about its length (2 or 3 lines), or none.
 */
export function likelyBlock(boxes: readonly TextBox[]): TextBox[] {
  const sorted = [...boxes].sort((a, b) => longSide(b) - longSide(a));
  for (const top of sorted) {
    const L = longSide(top);
    const group = [top, ...sorted.filter((b) => b !== top && Math.abs(longSide(b) - L) < 0.25 * L && stackedWith(b, top))];
    if (group.length >= 2) return group.slice(0, 3);
  }
  return [];
}
