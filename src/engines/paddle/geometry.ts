/**
 * Small planar-geometry helpers for the PaddleOCR engine: convex hull, minimum-area
 * rotated rectangle (rotating calipers), corner ordering and homographies.
 *
 * Points are passed as flat Float64Array/number[] pairs [x0, y0, x1, y1, ...] where a
 * hot loop produces them, and as `Point` tuples at the public edges.
 */
import type { Point } from '../engine.js';

export type Quad = [Point, Point, Point, Point];

/**
 * Convex hull (Andrew's monotone chain) of flat xy pairs. Returns the hull as flat xy
 * pairs in counter-clockwise order (in y-down image coordinates: clockwise on screen).
 * Collinear points are dropped.
 */
export function convexHull(xy: ArrayLike<number>, count: number): Float64Array {
  const idx = new Uint32Array(count);
  for (let i = 0; i < count; i++) idx[i] = i;
  idx.sort((a, b) => xy[2 * a] - xy[2 * b] || xy[2 * a + 1] - xy[2 * b + 1]);
  const hull = new Uint32Array(2 * count + 1);
  let k = 0;
  const cross = (o: number, a: number, b: number): number =>
    (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1]) -
    (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
  for (let i = 0; i < count; i++) {
    const p = idx[i];
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) k--;
    hull[k++] = p;
  }
  for (let i = count - 2, lower = k + 1; i >= 0; i--) {
    const p = idx[i];
    while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0) k--;
    hull[k++] = p;
  }
  const n = Math.max(1, k - 1);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = xy[2 * hull[i]];
    out[2 * i + 1] = xy[2 * hull[i] + 1];
  }
  return out;
}

/** A rotated rectangle: centre, unit direction of its first side, and side lengths. */
export interface RotatedRect {
  readonly cx: number;
  readonly cy: number;
  /** Unit vector along the `width` side. */
  readonly ux: number;
  readonly uy: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Minimum-area enclosing rectangle of a convex polygon given as flat xy pairs in the
 * winding `convexHull` produces, using rotating calipers: the optimal rectangle has one
 * side collinear with a hull edge, and the three other extreme points only move
 * forward around the hull as the edge advances, so the scan is O(n).
 */
export function minAreaRect(hull: Float64Array): RotatedRect {
  const n = hull.length >> 1;
  if (n === 1) return { cx: hull[0], cy: hull[1], ux: 1, uy: 0, width: 0, height: 0 };
  if (n === 2) {
    const dx = hull[2] - hull[0];
    const dy = hull[3] - hull[1];
    const len = Math.hypot(dx, dy) || 1;
    return { cx: (hull[0] + hull[2]) / 2, cy: (hull[1] + hull[3]) / 2, ux: dx / len, uy: dy / len, width: len, height: 0 };
  }
  const X = (i: number): number => hull[2 * (i % n)];
  const Y = (i: number): number => hull[2 * (i % n) + 1];
  let bestArea = Infinity;
  let best: RotatedRect = { cx: 0, cy: 0, ux: 1, uy: 0, width: 0, height: 0 };
  // j: farthest along the edge direction, k: farthest from the edge, m: farthest backwards.
  let j = 1;
  let k = 1;
  let m = 1;
  for (let i = 0; i < n; i++) {
    const dx = X(i + 1) - X(i);
    const dy = Y(i + 1) - Y(i);
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const ux = dx / len;
    const uy = dy / len;
    // Inward normal of a positively wound polygon.
    const vx = -uy;
    const vy = ux;
    const eps = 1e-9 * len;
    if (j < i + 1) j = i + 1;
    let guard = 0;
    while (guard++ < n && (X(j + 1) - X(j)) * ux + (Y(j + 1) - Y(j)) * uy > eps) j++;
    if (k < j) k = j;
    guard = 0;
    while (guard++ < n && (X(k + 1) - X(k)) * vx + (Y(k + 1) - Y(k)) * vy > eps) k++;
    if (m < k) m = k;
    guard = 0;
    while (guard++ < n && (X(m + 1) - X(m)) * ux + (Y(m + 1) - Y(m)) * uy < -eps) m++;
    const u1 = X(j) * ux + Y(j) * uy;
    const u0 = X(m) * ux + Y(m) * uy;
    const v0 = X(i) * vx + Y(i) * vy;
    const v1 = X(k) * vx + Y(k) * vy;
    const w = u1 - u0;
    const h = v1 - v0;
    const area = w * h;
    if (area < bestArea) {
      bestArea = area;
      const cu = (u0 + u1) / 2;
      const cv = (v0 + v1) / 2;
      best = { cx: cu * ux + cv * vx, cy: cu * uy + cv * vy, ux, uy, width: w, height: h };
    }
  }
  return best;
}

/** Minimum-area rectangle by brute force over all hull edges (reference for tests). */
export function minAreaRectBrute(hull: Float64Array): RotatedRect {
  const n = hull.length >> 1;
  let bestArea = Infinity;
  let best: RotatedRect = { cx: 0, cy: 0, ux: 1, uy: 0, width: 0, height: 0 };
  for (let e = 0; e < n; e++) {
    const e1 = (e + 1) % n;
    const dx = hull[2 * e1] - hull[2 * e];
    const dy = hull[2 * e1 + 1] - hull[2 * e + 1];
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const ux = dx / len;
    const uy = dy / len;
    let u0 = Infinity;
    let u1 = -Infinity;
    let v0 = Infinity;
    let v1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = hull[2 * i] * ux + hull[2 * i + 1] * uy;
      const v = -hull[2 * i] * uy + hull[2 * i + 1] * ux;
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
    const area = (u1 - u0) * (v1 - v0);
    if (area < bestArea) {
      bestArea = area;
      const cu = (u0 + u1) / 2;
      const cv = (v0 + v1) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, ux, uy, width: u1 - u0, height: v1 - v0 };
    }
  }
  return best;
}

/** Grow (or shrink, for negative d) each side of the rectangle outwards by `d`. */
export function expandRect(r: RotatedRect, d: number): RotatedRect {
  return { ...r, width: Math.max(0, r.width + 2 * d), height: Math.max(0, r.height + 2 * d) };
}

/** The four corners of a rotated rectangle (arbitrary start, consistent winding). */
export function rectCorners(r: RotatedRect): Quad {
  const hw = r.width / 2;
  const hh = r.height / 2;
  const vx = -r.uy;
  const vy = r.ux;
  const c = (su: number, sv: number): Point => [r.cx + su * hw * r.ux + sv * hh * vx, r.cy + su * hw * r.uy + sv * hh * vy];
  return [c(-1, -1), c(1, -1), c(1, 1), c(-1, 1)];
}

/**
 * Order four corners clockwise (on screen, y down) starting at the top-left one:
 * the two leftmost points give top-left/bottom-left, the two rightmost top-right /
 * bottom-right (the PaddleOCR convention, robust for near-axis-aligned boxes).
 */
export function orderClockwise(pts: readonly Point[]): Quad {
  const s = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [l0, l1, r0, r1] = s;
  const [tl, bl] = l0[1] <= l1[1] ? [l0, l1] : [l1, l0];
  const [tr, br] = r0[1] <= r1[1] ? [r0, r1] : [r1, r0];
  return [tl, tr, br, bl];
}

/**
 * Clockwise corners starting from the top-left *of the text*. Boxes much taller than
 * wide (h >= 1.5 w) are taken to hold text running top-to-bottom (page turned 90°
 * clockwise), so the text's top-left is the box's top-right corner.
 */
export function orderForText(pts: readonly Point[], verticalRatio = 1.5): Quad {
  const q = orderClockwise(pts);
  const w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
  const h = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
  if (h >= verticalRatio * w) return [q[1], q[2], q[3], q[0]];
  return q;
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Rotate a quad's start index by `k` corners (k=2: the text is upside down). */
export function rotateQuad(q: readonly Point[], k: number): Quad {
  return [q[k % 4], q[(k + 1) % 4], q[(k + 2) % 4], q[(k + 3) % 4]];
}

/**
 * Homography (3x3, row-major, h[8] = 1) mapping the rectangle
 * (0,0),(w,0),(w,h),(0,h) onto the quad `q` (destination → source mapping for warps).
 */
export function rectToQuad(w: number, h: number, q: readonly Point[]): Float64Array {
  // Solve the 8x8 linear system directly with Gaussian elimination.
  const src: Point[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const a = new Float64Array(8 * 9);
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i];
    const [u, v] = q[i];
    let r = 2 * i * 9;
    a[r] = x;
    a[r + 1] = y;
    a[r + 2] = 1;
    a[r + 6] = -x * u;
    a[r + 7] = -y * u;
    a[r + 8] = u;
    r += 9;
    a[r + 3] = x;
    a[r + 4] = y;
    a[r + 5] = 1;
    a[r + 6] = -x * v;
    a[r + 7] = -y * v;
    a[r + 8] = v;
  }
  for (let c = 0; c < 8; c++) {
    let piv = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r * 9 + c]) > Math.abs(a[piv * 9 + c])) piv = r;
    if (piv !== c) for (let k = 0; k < 9; k++) [a[c * 9 + k], a[piv * 9 + k]] = [a[piv * 9 + k], a[c * 9 + k]];
    const d = a[c * 9 + c];
    if (Math.abs(d) < 1e-12) continue;
    for (let k = c; k < 9; k++) a[c * 9 + k] /= d;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r * 9 + c];
      if (f === 0) continue;
      for (let k = c; k < 9; k++) a[r * 9 + k] -= f * a[c * 9 + k];
    }
  }
  const hm = new Float64Array(9);
  for (let i = 0; i < 8; i++) hm[i] = a[i * 9 + 8];
  hm[8] = 1;
  return hm;
}
