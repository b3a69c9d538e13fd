/**
 * Tampering (TAMPER) from straight seams. A field pasted or re-typed in an image editor is a rectangle
 * whose sides follow the pixel grid, while everything printed on a document photographed at an angle
 * follows the document's direction: a printed edge at slope θ steps to the next pixel row every
 * 1/tan θ pixels. A step in the picture that stays between the same two pixel rows for longer than
 * that is an edge of the image editor's rectangle, not of the print. Measured only where both the
 * document's outline and its text lines say the page is turned off the pixel grid (a scan or a photo
 * taken square to the page has printed edges along the grid too).
 */
import type { RgbImage } from '../engines/engine.js';
import { applyHomography, homography, type Quad } from './pixels.js';

/** Margin of the document (fraction of each side) left out: the card's own edges and rounded corners. */
const MARGIN = 0.06;
/** A seam step is at least this many grey levels between the two rows… */
const MIN_STEP = 14;
/** …larger than the step to the next row on either side, and this many times the steps two rows off. */
const PEAK = 1.5;
/** Pixels along a seam that may fail the test (JPEG noise) without ending it. */
const GAP = 2;
/** Runs shorter than this are letter strokes; not looked at. */
const MIN_RUN = 16;

/** The outline and the text lines disagreeing by more than this (degrees) at a step: the outline is wrong there. */
const MAX_DISAGREE = 3;

const rad = (deg: number): number => (deg * Math.PI) / 180;
/** Signed degrees off the nearest frame axis, in [−45, 45) (a page turned by 90° has its columns along the rows). */
const offAxis = (deg: number): number => ((((deg % 90) + 135) % 90) + 90) % 90 - 45;

/**
 * The most pixel rows a printed edge would have crossed over the length of a straight row-aligned step
 * inside the document: max over steps of length × tan(the page's slope there), the slope being the
 * smaller of the outline's (through its homography, so perspective is followed) and the text lines'
 * (`textDeg`, the page's median line direction). Where the two disagree by more than MAX_DISAGREE the
 * outline was located wrongly (its sides run through the card) and the step is not judged. 0 when no
 * step is long enough.
 */
export function seamRows(frame: RgbImage, corners: Quad, textDeg: number): number {
  const { width: W, height: H, data } = frame;
  const textOff = offAxis(textDeg);
  const textSlope = Math.tan(rad(Math.abs(textOff)));
  if (textSlope === 0) return 0;
  const fromUnit = homography([[0, 0], [1, 0], [1, 1], [0, 1]], corners);
  const toUnit = homography(corners, [[0, 0], [1, 0], [1, 1], [0, 1]]);
  // the document less its margin, as a convex quad in the frame; per row the x-interval inside it
  const inner = ([[MARGIN, MARGIN], [1 - MARGIN, MARGIN], [1 - MARGIN, 1 - MARGIN], [MARGIN, 1 - MARGIN]] as const).map(([u, v]) =>
    applyHomography(fromUnit, u, v),
  );
  const xs = inner.map((p) => p[0]), ys = inner.map((p) => p[1]);
  const y0 = Math.max(2, Math.ceil(Math.min(...ys))), y1 = Math.min(H - 4, Math.floor(Math.max(...ys)));
  if (y1 - y0 < 8) return 0;
  const span = (y: number): [number, number] => {
    const cuts: number[] = [];
    for (let k = 0; k < 4; k++) {
      const [ax, ay] = inner[k]!, [bx, by] = inner[(k + 1) % 4]!;
      if ((ay - y) * (by - y) > 0) continue;
      if (ay === by) cuts.push(ax, bx);
      else cuts.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
    }
    return cuts.length ? [Math.max(0, Math.ceil(Math.min(...cuts))), Math.min(W - 1, Math.floor(Math.max(...cuts)))] : [1, 0];
  };
  const x0 = Math.max(0, Math.floor(Math.min(...xs))), x1 = Math.min(W - 1, Math.ceil(Math.max(...xs)));
  const w = x1 - x0 + 1;
  // |luma(y+1) − luma(y)| for the rows y0−2 … y1+2 of the inner box
  const top = y0 - 2, rows = y1 - y0 + 5;
  const luma = new Float32Array((rows + 1) * w);
  for (let r = 0; r <= rows; r++) {
    for (let x = 0, k = ((top + r) * W + x0) * 3; x < w; x++, k += 3) luma[r * w + x] = 0.299 * data[k]! + 0.587 * data[k + 1]! + 0.114 * data[k + 2]!;
  }
  const step = new Float32Array(rows * w);
  for (let i = 0; i < step.length; i++) step[i] = Math.abs(luma[i + w]! - luma[i]!);
  let best = 0;
  for (let y = y0; y <= y1; y++) {
    const r = y - top;
    const [lo, hi] = span(y + 0.5);
    let run = 0, gap = 0;
    const close = (end: number): void => {
      if (run >= MIN_RUN) {
        const [u, v] = applyHomography(toUnit, end - run / 2, y + 0.5);
        const [ax, ay] = applyHomography(fromUnit, u - 0.02, v), [bx, by] = applyHomography(fromUnit, u + 0.02, v);
        const outlineOff = offAxis((Math.atan2(by - ay, bx - ax) * 180) / Math.PI);
        if (Math.abs(outlineOff - textOff) <= MAX_DISAGREE) best = Math.max(best, run * Math.min(textSlope, Math.tan(rad(Math.abs(outlineOff)))));
      }
      run = 0;
      gap = 0;
    };
    for (let x = lo; x <= hi + 1; x++) {
      let seam = false;
      if (x <= hi) {
        const i = r * w + (x - x0);
        const s = step[i]!;
        seam = s >= MIN_STEP && s > step[i - w]! && s >= step[i + w]! && s > PEAK * Math.max(step[i - 2 * w]!, step[i + 2 * w]!);
      }
      if (seam) {
        run += 1 + gap;
        gap = 0;
      } else if (run > 0) {
        if (gap < GAP && x <= hi) gap++;
        else close(x - gap);
      }
    }
  }
  return Math.round(best * 100) / 100;
}
