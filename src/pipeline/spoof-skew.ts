/**
 * Tampering (TAMPER) from the page's geometry: the printed lines of a genuine document are parallel,
 * up to the photo's perspective, which turns the text direction smoothly across the page. A field
 * pasted from another photo keeps that photo's roll, and text typed in an image editor sits level
 * with the canvas. The text boxes the OCR detector found (shared with recognition, so no extra
 * detection) are fitted with a direction that varies linearly over the page; a line that drifts off
 * it by a good part of its own height over its length was not printed with the rest.
 *
 * A detector box's angle is only as good as its corners, so a line only counts as drifting when its
 * ink agrees: the direction that makes the line's ink profile sharpest is measured too, and the
 * smaller of the two drifts is kept.
 */
import type { RgbImage, TextBox } from '../engines/engine.js';
import { boxAxes } from './orient.js';
import { applyHomography, homography, type Quad } from './pixels.js';

export interface SkewScores {
  /** Text lines the page's direction was fitted on. */
  readonly lines: number;
  /** Largest drift of one line off the fitted direction: sin(angle off) × half its length, in line heights. */
  readonly drift: number;
  /** The page's text direction, degrees (length-weighted median of the lines); null with too few lines. */
  readonly roll: number | null;
}

/** Only elongated boxes have a direction worth measuring… */
const MIN_ASPECT = 3;
const MIN_HEIGHT_PX = 6;
/** …and long enough, as a fraction of the photo's longer side (≈ 58 px on a 1280-px photo). */
const MIN_LENGTH = 0.045;
/** Fewer lines than this give no page direction to compare with. */
const MIN_LINES = 5;
/** Lines further off the page's median direction are design (vertical text, stamps), not a field. */
const MAX_OFF_DEG = 20;
/** The largest drifts (by the detector's angle) checked against the ink. */
const CHECKED = 4;
/** Ink profile search: ± this many degrees around the box's angle, in steps of STEP_DEG. */
const SPAN_DEG = 6;
const STEP_DEG = 0.25;

interface Line {
  readonly box: TextBox;
  readonly length: number;
  readonly height: number;
  /** Degrees, folded into (-90, 90]. */
  readonly angle: number;
  readonly x: number;
  readonly y: number;
}

const fold = (deg: number): number => (deg > 90 ? deg - 180 : deg <= -90 ? deg + 180 : deg);
const rad = (deg: number): number => (deg * Math.PI) / 180;

function lineOf(box: TextBox): Line {
  const { u, c, length, height } = boxAxes(box);
  return { box, length, height, angle: fold((Math.atan2(u[1], u[0]) * 180) / Math.PI), x: c[0], y: c[1] };
}

/** Length-weighted median of the lines' angles. */
function medianAngle(lines: readonly Line[]): number {
  const sorted = [...lines].sort((a, b) => a.angle - b.angle);
  const half = sorted.reduce((s, l) => s + l.length, 0) / 2;
  let acc = 0;
  for (const l of sorted) {
    acc += l.length;
    if (acc >= half) return l.angle;
  }
  return 0;
}

/**
 * Angle = a + b·x + c·y (coordinates centred and scaled by `scale`), weighted by line length, with a
 * slight ridge on the slopes so lines all on one row still give a fit. Null when singular.
 */
function fitPlane(lines: readonly Line[], cx: number, cy: number, scale: number): [number, number, number] | null {
  const A = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const B = [0, 0, 0];
  for (const l of lines) {
    const v = [1, (l.x - cx) / scale, (l.y - cy) / scale];
    for (let i = 0; i < 3; i++) {
      B[i]! += l.length * v[i]! * l.angle;
      for (let j = 0; j < 3; j++) A[i]![j]! += l.length * v[i]! * v[j]!;
    }
  }
  A[1]![1]! += 1e-4 * A[0]![0]!;
  A[2]![2]! += 1e-4 * A[0]![0]!;
  // Gauss-Jordan with partial pivoting on the 3×4 system
  const M = A.map((row, i) => [...row, B[i]!]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    if (Math.abs(M[c]![c]!) < 1e-12) return null;
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k < 4; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return [M[0]![3]! / M[0]![0]!, M[1]![3]! / M[1]![1]!, M[2]![3]! / M[2]![2]!];
}

/**
 * The angle (degrees) that makes the line's ink sharpest across it: luma sampled over the box and
 * half its height either side, the dark part projected onto rows at each candidate angle, the sum
 * of squared row totals maximal when rows follow the baseline. Null when the box holds too little.
 */
function inkAngle(frame: RgbImage, line: Line): number | null {
  const { width, height, data } = frame;
  const u = rad(line.angle);
  const ux = Math.cos(u), uy = Math.sin(u);
  const step = Math.max(1, Math.round(line.height / 12));
  const halfL = (line.length / 2) * 0.95;
  const ts: number[] = [], ss: number[] = [], vs: number[] = [];
  for (let t = -halfL; t <= halfL; t += step) {
    for (let s = -line.height; s <= line.height; s += step) {
      const x = Math.round(line.x + t * ux - s * uy);
      const y = Math.round(line.y + t * uy + s * ux);
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      ts.push(t);
      ss.push(s);
      const k = (y * width + x) * 3;
      vs.push(0.299 * data[k]! + 0.587 * data[k + 1]! + 0.114 * data[k + 2]!);
    }
  }
  if (vs.length < 300) return null;
  const paper = [...vs].sort((a, b) => a - b)[Math.floor(vs.length * 0.9)]!;
  const rows = Math.ceil((2 * line.height + line.length * Math.sin(rad(SPAN_DEG))) / step) + 4;
  const profile = new Float64Array(rows);
  let best = { sharpness: -1, delta: 0 };
  for (let d = -SPAN_DEG; d <= SPAN_DEG + 1e-9; d += STEP_DEG) {
    const sn = Math.sin(rad(d)), cs = Math.cos(rad(d));
    profile.fill(0);
    for (let i = 0; i < vs.length; i++) {
      const ink = paper - vs[i]!;
      if (ink <= 8) continue;
      const row = Math.round((ss[i]! * cs - ts[i]! * sn) / step + rows / 2);
      if (row >= 0 && row < rows) profile[row]! += ink;
    }
    let sharpness = 0;
    for (let k = 0; k < rows; k++) sharpness += profile[k]! * profile[k]!;
    if (sharpness > best.sharpness) best = { sharpness, delta: d };
  }
  return line.angle + best.delta;
}

const drift = (line: Line, offDeg: number): number => (Math.abs(Math.sin(rad(offDeg))) * line.length) / 2 / line.height;

/** Text-direction consistency of the document's lines; `corners` limits it to the document (null: the whole frame). */
export function skewScores(frame: RgbImage, boxes: readonly TextBox[], corners: Quad | null): SkewScores {
  const { width: W, height: H } = frame;
  const toUnit = corners ? homography(corners, [[0, 0], [1, 0], [1, 1], [0, 1]]) : null;
  const inside = (l: Line): boolean => {
    if (!toUnit) return true;
    const [u, v] = applyHomography(toUnit, l.x, l.y);
    return u >= 0 && v >= 0 && u <= 1 && v <= 1;
  };
  const minLength = MIN_LENGTH * Math.max(W, H);
  const measured = boxes
    .map(lineOf)
    .filter((l) => l.length >= MIN_ASPECT * l.height && l.height >= MIN_HEIGHT_PX && l.length >= minLength && inside(l));
  if (measured.length < MIN_LINES) return { lines: measured.length, drift: 0, roll: null };
  const median = medianAngle(measured);
  const lines = measured.filter((l) => Math.abs(l.angle - median) < MAX_OFF_DEG);
  if (lines.length < MIN_LINES) return { lines: lines.length, drift: 0, roll: null };

  const cx = lines.reduce((s, l) => s + l.x, 0) / lines.length;
  const cy = lines.reduce((s, l) => s + l.y, 0) / lines.length;
  const scale = Math.max(W, H);
  let fit: [number, number, number] = [median, 0, 0];
  const predicted = (l: Line): number => fit[0] + (fit[1] * (l.x - cx)) / scale + (fit[2] * (l.y - cy)) / scale;
  // refit without the quarter of lines furthest off (a pasted field must not pull the page's direction)
  let kept = lines;
  for (let round = 0; round < 3; round++) {
    fit = fitPlane(kept, cx, cy, scale) ?? fit;
    const off = lines.map((l) => Math.abs(l.angle - predicted(l)));
    const cut = Math.max(0.5, [...off].sort((a, b) => a - b)[Math.floor(off.length * 0.75)]!);
    kept = lines.filter((_, i) => off[i]! <= cut);
  }

  const drifts = lines.map((l) => ({ line: l, drift: drift(l, l.angle - predicted(l)) })).sort((a, b) => b.drift - a.drift);
  for (const d of drifts.slice(0, CHECKED)) {
    const ink = inkAngle(frame, d.line);
    d.drift = ink === null ? 0 : Math.min(d.drift, drift(d.line, ink - predicted(d.line)));
  }
  const most = Math.max(...drifts.map((d) => d.drift));
  return { lines: lines.length, drift: Math.round(most * 1000) / 1000, roll: Math.round(median * 100) / 100 };
}
