import type { Point, RgbImage, TextBox } from '../engines/engine.js';
import { padQuad } from '../engines/paddle.js';
import { warpQuad } from '../engines/paddle/image.js';

/** Directions text can run in a photo: 0 = left to right, 90 = top to bottom, 180 = upside down, 270 = bottom to top. */
export type Rotation = 0 | 90 | 180 | 270;

const DIRECTION: Record<Rotation, Point> = { 0: [1, 0], 90: [0, 1], 180: [-1, 0], 270: [0, -1] };

const len = (a: Point, b: Point): number => Math.hypot(b[0] - a[0], b[1] - a[1]);

/** Length of the long side over the short side. */
export function aspect(box: TextBox): number {
  const [a, b, c] = box.points;
  const w = len(a, b);
  const h = len(b, c);
  return Math.max(w, h) / Math.max(1, Math.min(w, h));
}

export const longSide = (box: TextBox): number => {
  const [a, b, c] = box.points;
  return Math.max(len(a, b), len(b, c));
};

/**
 * Long axis of a box (unit vector, its sign fixed so that parallel boxes agree), the normal, the
 * centre, and the long and short side.
 */
export function boxAxes(box: TextBox): { u: Point; n: Point; c: Point; length: number; height: number } {
  const [p0, p1, p2] = box.points;
  const e1: Point = [p1[0] - p0[0], p1[1] - p0[1]];
  const e2: Point = [p2[0] - p1[0], p2[1] - p1[1]];
  const l1 = Math.hypot(...e1);
  const l2 = Math.hypot(...e2);
  let u: Point = l1 >= l2 ? [e1[0] / l1, e1[1] / l1] : [e2[0] / l2, e2[1] / l2];
  if (Math.abs(u[0]) >= Math.abs(u[1]) ? u[0] < 0 : u[1] < 0) u = [-u[0], -u[1]];
  const c: Point = [box.points.reduce((s, p) => s + p[0], 0) / 4, box.points.reduce((s, p) => s + p[1], 0) / 4];
  return { u, n: [-u[1], u[0]], c, length: Math.max(l1, l2), height: Math.min(l1, l2) };
}

/** Whether the box's long side runs more horizontally than vertically. */
export function isHorizontal(box: TextBox): boolean {
  const [a, b, c] = box.points;
  const long = len(a, b) >= len(b, c) ? [a, b] : [b, c];
  return Math.abs(long[1]![0] - long[0]![0]) >= Math.abs(long[1]![1] - long[0]![1]);
}

/**
 * Reorders a box's corners so that the first edge runs along the text in the given direction:
 * the engine crops p0→p1 as the line's top edge, so this reads the line as if the page were upright.
 */
export function orientBox(box: TextBox, rotation: Rotation): TextBox {
  let pts = [...box.points];
  // make the corner order clockwise on screen (y grows downwards)
  const area = pts.reduce((s, p, i) => {
    const q = pts[(i + 1) % 4]!;
    return s + (p[0] * q[1] - q[0] * p[1]);
  }, 0);
  if (area < 0) pts = pts.reverse();
  const [dx, dy] = DIRECTION[rotation];
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < 4; i++) {
    const p = pts[i]!;
    const q = pts[(i + 1) % 4]!;
    const score = (q[0] - p[0]) * dx + (q[1] - p[1]) * dy;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  const points = [0, 1, 2, 3].map((k) => pts[(best + k) % 4]!) as unknown as TextBox['points'];
  return { points, score: box.score };
}

/** The two rotations to try, most likely first, from the run of the elongated boxes. */
export function likelyRotations(boxes: readonly TextBox[]): [Rotation, Rotation] {
  let horizontal = 0;
  let vertical = 0;
  for (const b of boxes) {
    if (aspect(b) < 3) continue;
    if (isHorizontal(b)) horizontal += longSide(b);
    else vertical += longSide(b);
  }
  return vertical > horizontal ? [90, 270] : [0, 180];
}

/** Margin around an MRZ line cropped for the single-line readers, as fractions of the line height. */
export const MRZ_LINE_MARGIN = { x: 0.3, y: 0.25 } as const;

/** The line's box (corners from the text's top-left) cut out of the image upright, with a margin, at source resolution. */
export function cropLine(image: RgbImage, box: TextBox, margin: { readonly x: number; readonly y: number }): RgbImage {
  const q = padQuad([...box.points] as Parameters<typeof padQuad>[0], margin.x, margin.y);
  const w = Math.max(len(q[0], q[1]), len(q[3], q[2]));
  const h = Math.max(len(q[0], q[3]), len(q[1], q[2]));
  return warpQuad(image, q, Math.max(2, Math.round(w)), Math.max(2, Math.round(h)));
}
