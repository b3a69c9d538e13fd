import type { OcrEngine, RgbImage, TextBox, TextLine } from '../engines/engine.js';
import { MRZ_CHARSET, readMrz, type MrzReading } from '../documents/mrz/index.js';
import { aspect, likelyRotations, longSide, orientBox, type Rotation } from './orient.js';

/** How many of the longest, most elongated boxes are read as MRZ candidates. */
const MAX_CANDIDATES = 8;
const MIN_ASPECT = 7;
const DETECT_SIDE = 960;
/** Second detection scale, when the first finds no MRZ: small pages in large photos, and small photos (upsampled). */
const DETECT_SIDE_FALLBACK = 1600;

export interface MrzLocation {
  readonly mrz: MrzReading;
  readonly rotation: Rotation;
  readonly lines: readonly TextLine[];
  readonly boxes: readonly TextBox[];
}

/** MRZ lines are the longest, most elongated text boxes of the page. */
function candidates(boxes: readonly TextBox[]): TextBox[] {
  const elongated = boxes.filter((b) => aspect(b) >= MIN_ASPECT);
  const longest = Math.max(0, ...elongated.map(longSide));
  return elongated
    .filter((b) => longSide(b) >= 0.35 * longest)
    .sort((a, b) => longSide(b) - longSide(a))
    .slice(0, MAX_CANDIDATES);
}

type Vec = readonly [number, number];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1]];
const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1];
const along = (p: Vec, u: Vec, d: number): Vec => [p[0] + u[0] * d, p[1] + u[1] * d];

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
    for (const o of geo) {
      if (o === g || o.length <= g.length || dot(g.u, o.u) < 0.995) continue;
      if (o.height > g.height * 1.6 || o.height < g.height / 1.6) continue;
      const offset = sub(o.b.points[0], g.b.points[0]);
      if (Math.abs(dot(offset, g.n)) > 4 * g.height) continue;
      const oStart = dot(offset, g.u);
      if (Math.abs(oStart) > 3 * g.height) continue;
      start = Math.min(start, oStart);
      end = Math.max(end, oStart + o.length);
    }
    if (start === 0 && end === g.length) return g.b;
    const [p0, , , p3] = g.b.points;
    const points = [along(p0, g.u, start), along(p0, g.u, end), along(p3, g.u, end), along(p3, g.u, start)] as unknown as TextBox['points'];
    return { points, score: g.b.score };
  });
}

const score = (m: MrzReading | null): number =>
  m ? (m.valid ? 100 : 0) + Object.values(m.checks).filter(Boolean).length - m.corrections * 0.01 : -1;

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
  const picked = candidates(boxes);
  if (picked.length < 2) return null;
  for (const rotation of likelyRotations(picked)) {
    const t = performance.now();
    const lines = await engine.recognize(
      image,
      alignToBlock(picked.map((b) => orientBox(b, rotation))),
      { charset: MRZ_CHARSET, widen: 1.2 },
    );
    timings.recognize = (timings.recognize ?? 0) + (performance.now() - t);
    const mrz = readMrz(lines);
    if (mrz && score(mrz) > score(best?.mrz ?? null)) best = { mrz, rotation, lines, boxes };
    if (best?.mrz.valid) return best;
  }
  return best;
}

/** Detection scales tried in order by locateMrz. */
export const MRZ_DETECT_SIDES = [DETECT_SIDE, DETECT_SIDE_FALLBACK] as const;

/** Finds and reads the MRZ in whatever direction the page lies: detect, then readMrzIn, at each scale. */
export async function locateMrz(
  engine: OcrEngine,
  image: RgbImage,
  timings: Record<string, number>,
  sides: readonly number[] = MRZ_DETECT_SIDES,
): Promise<MrzLocation | null> {
  for (const maxSide of sides) {
    const t = performance.now();
    const boxes = await engine.detect(image, { maxSide });
    timings.detect = (timings.detect ?? 0) + (performance.now() - t);
    const best = await readMrzIn(engine, image, boxes, timings);
    if (best) return best;
  }
  return null;
}
