import type { OcrEngine, RgbImage, TextBox, TextLine } from '../engines/engine.js';
import { MRZ_CHARSET, readMrz, type MrzReading } from '../documents/mrz/index.js';
import { aspect, likelyRotations, longSide, orientBox, type Rotation } from './orient.js';

/** How many of the longest, most elongated boxes are read as MRZ candidates. */
const MAX_CANDIDATES = 8;
const MIN_ASPECT = 7;
const DETECT_SIDE = 960;
/** Larger detection scale for photos where the document is small in the frame. */
const DETECT_SIDE_SMALL_PAGE = 1600;

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

const score = (m: MrzReading | null): number =>
  m ? (m.valid ? 100 : 0) + Object.values(m.checks).filter(Boolean).length - m.corrections * 0.01 : -1;

/**
 * Finds and reads the MRZ in whatever direction the page lies: detect once, then read the candidate
 * lines in the two likely text directions (corners reordered, no image rotation needed).
 */
export async function locateMrz(
  engine: OcrEngine,
  image: RgbImage,
  timings: Record<string, number>,
): Promise<MrzLocation | null> {
  let best: MrzLocation | null = null;
  const sides = Math.max(image.width, image.height) > DETECT_SIDE * 1.25 ? [DETECT_SIDE, DETECT_SIDE_SMALL_PAGE] : [DETECT_SIDE];
  for (const maxSide of sides) {
    let t = performance.now();
    const boxes = await engine.detect(image, { maxSide });
    timings.detect = (timings.detect ?? 0) + (performance.now() - t);
    const picked = candidates(boxes);
    if (picked.length < 2) continue;
    for (const rotation of likelyRotations(picked)) {
      t = performance.now();
      const lines = await engine.recognize(
        image,
        picked.map((b) => orientBox(b, rotation)),
        { charset: MRZ_CHARSET, widen: 1.2 },
      );
      timings.recognize = (timings.recognize ?? 0) + (performance.now() - t);
      const mrz = readMrz(lines);
      if (mrz && score(mrz) > score(best?.mrz ?? null)) best = { mrz, rotation, lines, boxes };
      if (best?.mrz.valid) return best;
    }
    if (best) return best;
  }
  return best;
}
