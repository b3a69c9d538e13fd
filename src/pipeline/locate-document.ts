/**
 * Where the document lies in the frame: a quadrilateral (clockwise from the top-left as seen in the
 * frame), found from colour contrast against the background, which is sampled along the frame's border.
 *
 * 1. The frame is shrunk (area average) to ≤ 320 px on its long side.
 * 2. The colours of the 3-px border ring are clustered (k-means, k = 3). Pixels far from every
 *    background cluster are foreground; holes are filled and the largest 8-connected component kept.
 *    When the document itself reaches the border (cut off, or a tight crop), one cluster is document
 *    colour, so each cluster covering under half the ring is also tried left out of the background; the
 *    model whose component is most solid (area / area of its quadrilateral) wins.
 * 3. The component's convex hull is reduced to four vertices by dropping, one at a time, the vertex
 *    whose removal loses the least area (keeps perspective; rounded corners move in by a few px).
 *    A second candidate comes from the edges: the background is flood-filled from the border over the
 *    smoothed frame without crossing a strong gradient; what stays unreached is the document. This
 *    finds a white card on a white table by its edge and shadow, where colours barely differ.
 * 4. How much of each frame side the component touches says whether a part of it is cut off.
 */
import type { Point, RgbImage } from '../engines/engine.js';
import { quadArea, shrinkRgb, type Quad } from './pixels.js';

const WORK_SIDE = 320;
const RING = 3;
const CLUSTERS = 3;
/** A side counts as touched when this fraction of its ring pixels are document. */
const TOUCH_FRACTION = 0.1;
/** The document fills the frame (a tight crop or scan) when every side is touched at least this much. */
const FILL_FRACTION = 0.6;
/** A partial outline whose print spans this share of the frame is a scan or tight crop of the page. */
const TIGHT_CROP_AREA = 0.75;
/** An outline this solid under the all-border background model is accepted without trying others. */
const GOOD_SOLIDITY = 0.85;
/** Smallest gradient (grey levels per px on the shrunk, blurred frame) that stops the background flood. */
const EDGE_MIN = 1.5;
/** Print groups smaller than this (px on the shrunk frame) are background speckle, not print. */
const PRINT_MIN = 3;
/** Print this far (px on the shrunk frame) from the outline lies outside it. */
const PRINT_GAP = 3;
/**
 * An outline with more than PRINT_OUTSIDE of the print beside it and no document's shape (long side over
 * short side above MAX_ASPECT: ID-1 is 1.59, passport pages 1.42, an MRZ band 5 or more), or with more
 * than PRINT_MOSTLY_OUTSIDE beside it, is only part of the document. (A small card's outline on a
 * speckled table can have some speckle beside it; it keeps its own outline.)
 */
const PRINT_OUTSIDE = 0.1;
const PRINT_MOSTLY_OUTSIDE = 0.5;
const MAX_ASPECT = 2.2;
/** Points sampled along each side, the probe distance either side (shrunk px) and the colour step. */
const EDGE_SAMPLES = 24;
const EDGE_PROBE = 4;
const EDGE_WINDOW = 2;
const EDGE_SEARCH = 4;
const EDGE_STEP = 12;
/** …and at least this multiple of the border's own step at that distance (90th percentile): texture is no edge. */
const EDGE_NOISE = 2;
/** Below this edge support a side runs through background: the outline is not trusted for geometry. */
const MIN_EDGE_SUPPORT = 0.5;

export interface DocumentLocation {
  /** Corners in frame pixels, clockwise from the top-left. */
  readonly corners: Quad;
  /** Sides of the frame the document runs into: top, right, bottom, left. */
  readonly touches: { readonly top: boolean; readonly right: boolean; readonly bottom: boolean; readonly left: boolean };
  /** The document fills the whole frame (a crop or scan): no background around it. */
  readonly fillsFrame: boolean;
  /** Component area over quadrilateral area (1 = a clean convex document outline). */
  readonly solidity: number;
  /** Fraction of the frame that is document. */
  readonly areaFraction: number;
  /**
   * The outline is trustworthy enough to judge geometry (size in frame, cut off, occluded, tilt) by:
   * every side not on the frame border runs along a colour step, and the outline holds the print found
   * in the frame. False when the quadrilateral was grown to the print (only a band of the document,
   * e.g. its MRZ, stood out) or a side runs through background.
   */
  readonly confident: boolean;
  /** The colour outline was only part of the document; corners are the hull of the print around it. */
  readonly partial: boolean;
  /** Share of the print (contrasting strokes) in the frame that lies outside the located outline. */
  readonly contentOutside: number;
  /** Least share of points along a side (sides on the frame border left out) that lie on a colour step. */
  readonly edgeSupport: number;
}

type Rgb = [number, number, number];

function ringPixels(img: RgbImage): { idx: number[]; side: number[] } {
  const idx: number[] = [];
  const side: number[] = [];
  const { width: w, height: h } = img;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = y < RING ? 0 : x >= w - RING ? 1 : y >= h - RING ? 2 : x < RING ? 3 : -1;
      if (s >= 0) {
        idx.push(y * w + x);
        side.push(s);
      }
    }
  }
  return { idx, side };
}

function kmeans(img: RgbImage, idx: readonly number[], k: number): { centres: Rgb[]; label: Int32Array } {
  const d = img.data;
  const centres: Rgb[] = [];
  for (let c = 0; c < k; c++) {
    const p = idx[Math.floor(((c + 0.5) * idx.length) / k)]! * 3;
    centres.push([d[p]!, d[p + 1]!, d[p + 2]!]);
  }
  const label = new Int32Array(idx.length);
  for (let iter = 0; iter < 8; iter++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    idx.forEach((pix, i) => {
      const p = pix * 3;
      let best = 0;
      let bestD = Infinity;
      centres.forEach((c, j) => {
        const dd = (d[p]! - c[0]) ** 2 + (d[p + 1]! - c[1]) ** 2 + (d[p + 2]! - c[2]) ** 2;
        if (dd < bestD) {
          bestD = dd;
          best = j;
        }
      });
      label[i] = best;
      const s = sums[best]!;
      s[0]! += d[p]!;
      s[1]! += d[p + 1]!;
      s[2]! += d[p + 2]!;
      s[3]! += 1;
    });
    sums.forEach((s, j) => {
      if (s[3]! > 0) centres[j] = [s[0]! / s[3]!, s[1]! / s[3]!, s[2]! / s[3]!];
    });
  }
  return { centres, label };
}

/** Convex hull (Andrew's monotone chain), clockwise on screen (y down). */
function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Drops hull vertices (least area lost first) until four remain, ordered clockwise from the top-left. */
function hullToQuad(hull: Point[]): Quad | null {
  const h = [...hull];
  if (h.length < 4) return null;
  const tri = (a: Point, b: Point, c: Point) => Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
  while (h.length > 4) {
    let best = 0;
    let bestLoss = Infinity;
    for (let i = 0; i < h.length; i++) {
      const loss = tri(h[(i + h.length - 1) % h.length]!, h[i]!, h[(i + 1) % h.length]!);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = i;
      }
    }
    h.splice(best, 1);
  }
  // clockwise on screen: positive shoelace sum with y down
  let s = 0;
  for (let i = 0; i < 4; i++) s += h[i]![0] * h[(i + 1) % 4]![1] - h[(i + 1) % 4]![0] * h[i]![1];
  if (s < 0) h.reverse();
  let start = 0;
  for (let i = 1; i < 4; i++) if (h[i]![0] + h[i]![1] < h[start]![0] + h[start]![1]) start = i;
  return [0, 1, 2, 3].map((k) => h[(start + k) % 4]!) as unknown as Quad;
}

interface Candidate {
  readonly mask: Uint8Array;
  readonly area: number;
  readonly quad: Quad;
  readonly solidity: number;
}

/** 3×3 dilation of a mask. */
function dilate(fg: Uint8Array, w: number, h: number): Uint8Array {
  const dil = new Uint8Array(fg.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let on = 0;
      for (let dy = -1; dy <= 1 && !on; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < w && fg[yy * w + xx]) {
            on = 1;
            break;
          }
        }
      }
      dil[y * w + x] = on;
    }
  }
  return dil;
}

/**
 * Print outside the outline: pixels of the all-border-background foreground (text, photo, seals) in
 * 8-connected groups of at least PRINT_MIN px lying more than PRINT_GAP px from the outline, as a share
 * of all such print, and the quadrilateral of the outline grown to hold them. A document holds its
 * own print; an outline with much print beside it is only a band of the document (its white MRZ zone,
 * its photo) that stood out from a background of the document's own colour.
 */
function printOutside(print: Uint8Array, c: Candidate, w: number, h: number): { share: number; grown: Quad | null; border: number[] } {
  let near = c.mask;
  for (let k = 0; k < PRINT_GAP; k++) near = dilate(near, w, h);
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  const points: Point[] = [];
  let inside = 0;
  let outside = 0;
  for (let i = 0; i < w * h; i++) {
    if (!print[i]) continue;
    if (c.mask[i]) inside++;
    if (near[i] || seen[i]) continue;
    const group: number[] = [];
    seen[i] = 1;
    stack.push(i);
    while (stack.length) {
      const p = stack.pop()!;
      group.push(p);
      const px = p % w, py = (p - px) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = px + dx, yy = py + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const q = yy * w + xx;
          if (print[q] && !near[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    if (group.length < PRINT_MIN) continue;
    outside += group.length;
    for (const p of group) points.push([(p % w) + 0.5, Math.floor(p / w) + 0.5]);
  }
  const share = outside / Math.max(1, inside + outside);
  // print in the border ring, per side (top, right, bottom, left), as a share of the side's length
  const border = [0, 0, 0, 0];
  for (const [x, y] of points) {
    if (y < RING) border[0]! += 1 / w;
    if (x > w - RING) border[1]! += 1 / h;
    if (y > h - RING) border[2]! += 1 / w;
    if (x < RING) border[3]! += 1 / h;
  }
  if (outside === 0) return { share, grown: null, border };
  for (let i = 0; i < w * h; i++) if (c.mask[i]) points.push([(i % w) + 0.5, Math.floor(i / w) + 0.5]);
  return { share, grown: hullToQuad(convexHull(points)), border };
}

/**
 * Least share, over the quadrilateral's sides, of points along the side where the colour steps (RGB
 * distance of 3×3 means EDGE_PROBE px inside and outside ≥ EDGE_STEP). Points whose outer probe falls
 * off the frame (a side cut off by the frame border) are left out, and so is a side with too few left.
 * A true document outline runs along its edge or shadow; a side that strays into background does not.
 */
function edgeSupport(img: RgbImage, quad: Quad): number {
  const { width: w, height: h, data: d } = img;
  const r = EDGE_WINDOW;
  const mean = (x: number, y: number): Rgb | null => {
    const cx = Math.round(x), cy = Math.round(y);
    if (cx < r || cy < r || cx > w - 1 - r || cy > h - 1 - r) return null;
    const m: Rgb = [0, 0, 0];
    const n = (2 * r + 1) ** 2;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const p = ((cy + dy) * w + cx + dx) * 3;
        m[0] += d[p]! / n;
        m[1] += d[p + 1]! / n;
        m[2] += d[p + 2]! / n;
      }
    }
    return m;
  };
  const step = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  // the background's own texture sets how large a step must be: means the same distance apart along the border
  const noise: number[] = [];
  const probe = 2 * EDGE_PROBE;
  for (let x = r; x + probe < w - r; x += 2) {
    for (const y of [r, h - 1 - r]) {
      const a = mean(x, y), b = mean(x + probe, y);
      if (a && b) noise.push(step(a, b));
    }
  }
  for (let y = r; y + probe < h - r; y += 2) {
    for (const x of [r, w - 1 - r]) {
      const a = mean(x, y), b = mean(x, y + probe);
      if (a && b) noise.push(step(a, b));
    }
  }
  noise.sort((a, b) => a - b);
  const minStep = Math.max(EDGE_STEP, EDGE_NOISE * (noise[Math.floor(0.9 * noise.length)] ?? 0));
  const cx = quad.reduce((s, p) => s + p[0], 0) / 4, cy = quad.reduce((s, p) => s + p[1], 0) / 4;
  let least = 1;
  for (let s = 0; s < 4; s++) {
    const a = quad[s]!, b = quad[(s + 1) % 4]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len < 8) continue;
    let nx = -(b[1] - a[1]) / len, ny = (b[0] - a[0]) / len;
    const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
    if ((mx - cx) * nx + (my - cy) * ny < 0) {
      nx = -nx;
      ny = -ny;
    }
    let valid = 0, stepped = 0;
    for (let k = 0; k < EDGE_SAMPLES; k++) {
      const t = 0.1 + (0.8 * k) / (EDGE_SAMPLES - 1);
      const x = a[0] + t * (b[0] - a[0]), y = a[1] + t * (b[1] - a[1]);
      // along the frame border (a cut-off side) there is nothing outside to compare with
      if (Math.min(x, y, w - 1 - x, h - 1 - y) < EDGE_PROBE + EDGE_WINDOW + 1) continue;
      // the quadrilateral cuts rounded corners and may sit a few px off the edge: search across it
      let best = -1;
      for (let o = -EDGE_SEARCH; o <= EDGE_SEARCH; o++) {
        const out = mean(x + (o + EDGE_PROBE) * nx, y + (o + EDGE_PROBE) * ny);
        const inn = mean(x + (o - EDGE_PROBE) * nx, y + (o - EDGE_PROBE) * ny);
        if (out && inn) best = Math.max(best, step(out, inn));
        else if (o >= 0) break;
      }
      if (best < 0) continue;
      valid++;
      if (best >= minStep) stepped++;
    }
    if (valid >= EDGE_SAMPLES / 4) least = Math.min(least, stepped / valid);
  }
  return least;
}

/** Largest component of the foreground (holes filled), its quadrilateral and solidity. */
function component(fg: Uint8Array, w: number, h: number): Candidate | null {
  // close small gaps: one dilation
  const dil = dilate(fg, w, h);
  // label 8-connected components
  const label = new Int32Array(w * h).fill(-1);
  const stack: number[] = [];
  let bestLabel = -1;
  let bestArea = 0;
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    if (!dil[i] || label[i]! >= 0) continue;
    let area = 0;
    label[i] = n;
    stack.push(i);
    while (stack.length) {
      const p = stack.pop()!;
      area++;
      const px = p % w, py = (p - px) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = px + dx, yy = py + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const q = yy * w + xx;
          if (dil[q] && label[q]! < 0) {
            label[q] = n;
            stack.push(q);
          }
        }
      }
    }
    if (area > bestArea) {
      bestArea = area;
      bestLabel = n;
    }
    n++;
  }
  if (bestLabel < 0 || bestArea < 0.01 * w * h) return null;
  // fill holes: everything not reachable from the border without crossing the component is inside
  const outside = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const x = i % w, y = (i - x) / w;
    if ((x === 0 || y === 0 || x === w - 1 || y === h - 1) && label[i] !== bestLabel) {
      outside[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length) {
    const p = stack.pop()!;
    const px = p % w, py = (p - px) / w;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const xx = px + dx, yy = py + dy;
      if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
      const q = yy * w + xx;
      if (!outside[q] && label[q] !== bestLabel) {
        outside[q] = 1;
        stack.push(q);
      }
    }
  }
  const mask = new Uint8Array(w * h);
  const edge: Point[] = [];
  let area = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (outside[i]) continue;
      mask[i] = 1;
      area++;
      const border = x === 0 || y === 0 || x === w - 1 || y === h - 1 || outside[i - 1] || outside[i + 1] || outside[i - w] || outside[i + w];
      if (border) edge.push([x + 0.5, y + 0.5]);
    }
  }
  const quad = hullToQuad(convexHull(edge));
  if (!quad) return null;
  const qa = quadArea(quad);
  return { mask, area, quad, solidity: qa > 0 ? Math.min(1, area / qa) : 0 };
}

/** Foreground = what a flood from the frame border cannot reach without crossing a strong edge. */
function edgeForeground(img: RgbImage, ring: readonly number[]): Uint8Array {
  const { width: w, height: h, data: d } = img;
  const grey = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) grey[i] = 0.299 * d[i * 3]! + 0.587 * d[i * 3 + 1]! + 0.114 * d[i * 3 + 2]!;
  // 3×3 box blur: background texture and noise fade, a document's edge stays a step
  const blur = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += grey[(y + dy) * w + x + dx]!;
      blur[y * w + x] = s / 9;
    }
  }
  const grad = new Float32Array(w * h);
  for (let y = 2; y < h - 2; y++) {
    for (let x = 2; x < w - 2; x++) {
      const i = y * w + x;
      const gx = blur[i + 1]! - blur[i - 1]!, gy = blur[i + w]! - blur[i - w]!;
      grad[i] = Math.sqrt(gx * gx + gy * gy);
    }
  }
  const ringGrad = ring.map((i) => grad[i]!).sort((a, b) => a - b);
  const limit = Math.max(EDGE_MIN, 3 * (ringGrad[Math.floor(0.9 * ringGrad.length)] ?? 0));
  const reached = new Uint8Array(w * h);
  const stack: number[] = [];
  for (const i of ring) {
    if (grad[i]! < limit && !reached[i]) {
      reached[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % w;
    for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w]) {
      if (q >= 0 && q < w * h && !reached[q] && grad[q]! < limit) {
        reached[q] = 1;
        stack.push(q);
      }
    }
  }
  const fg = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) fg[i] = reached[i] ? 0 : 1;
  return fg;
}

export function locateDocument(frame: RgbImage): DocumentLocation | null {
  const factor = Math.max(1, Math.ceil(Math.max(frame.width, frame.height) / WORK_SIDE));
  const img = shrinkRgb(frame, factor);
  const { width: w, height: h, data: d } = img;
  const ring = ringPixels(img);
  const { centres, label } = kmeans(img, ring.idx, CLUSTERS);
  const share = centres.map((_, j) => label.filter((l) => l === j).length / label.length);

  // candidate background models: all clusters, or all but one minor cluster (the document at the border)
  const models: number[][] = [centres.map((_, j) => j)];
  centres.forEach((_, j) => {
    if (share[j]! > 0 && share[j]! < 0.5) models.push(centres.map((__, k) => k).filter((k) => k !== j));
  });

  let best: Candidate | null = null;
  let bestScore = -Infinity;
  let print: Uint8Array | null = null;
  for (const model of models) {
    const bg = model.map((j) => centres[j]!);
    // spread of the background around its own clusters sets the foreground distance
    const ringDist: number[] = [];
    ring.idx.forEach((pix, i) => {
      if (model.includes(label[i]!)) ringDist.push(nearest(d, pix * 3, bg));
    });
    ringDist.sort((a, b) => a - b);
    const threshold = Math.max(28, 1.6 * (ringDist[Math.floor(0.95 * ringDist.length)] ?? 0));
    const fg = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) fg[i] = nearest(d, i * 3, bg) > threshold ? 1 : 0;
    // against the whole border as background, whatever contrasts is the document's print
    print ??= fg;
    const c = component(fg, w, h);
    if (!c) continue;
    // solid and large: a document, not a scatter of text strokes
    const score = c.solidity * 2 + c.area / (w * h);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
    // the whole border as background is the usual case: only when it gives no solid outline is the
    // document assumed to reach the border
    if (model.length === centres.length && c.solidity >= GOOD_SOLIDITY) break;
  }
  // a colour outline that runs into the frame border may be lit background: the edge candidate wins
  // when it is solid and stays inside
  const touchesBorder = (c: Candidate) => ring.idx.some((pix) => c.mask[pix] === 1);
  if (!best || best.solidity < GOOD_SOLIDITY || touchesBorder(best)) {
    const c = component(edgeForeground(img, ring.idx), w, h);
    if (c && c.solidity >= GOOD_SOLIDITY && c.area < 0.97 * w * h && (!best || !touchesBorder(c) || c.solidity * 2 + c.area / (w * h) > bestScore)) best = c;
  }
  if (!best || best.solidity < 0.55) return null;

  const outside = print ? printOutside(print, best, w, h) : { share: 0, grown: null, border: [0, 0, 0, 0] };
  // only part of the document stood out (a band, its photo): most print lies beside it, or it has no
  // document's shape; the document is then taken as the hull of its print
  const partial = outside.grown !== null && outside.share > PRINT_OUTSIDE && (outside.share > PRINT_MOSTLY_OUTSIDE || aspect(best.quad) > MAX_ASPECT);
  const quad = partial ? outside.grown! : best.quad;
  const support = edgeSupport(img, quad);
  const touchedShare = (side: number) => {
    let on = 0, all = 0;
    ring.idx.forEach((pix, i) => {
      if (ring.side[i] !== side) return;
      all++;
      on += best!.mask[pix]!;
    });
    return all ? on / all : 0;
  };
  // print running into a side says the document does; so does a partial outline's own colour region
  // (the paper around the band that stood out) unless the print fills most of the frame: a scan or
  // tight crop of the page, whose outline meets the border everywhere it is not a margin
  const crop = partial && quadArea(quad) >= TIGHT_CROP_AREA * w * h;
  const shares = partial ? outside.border.map((b, k) => (crop ? b : Math.max(b, touchedShare(k)))) : [0, 1, 2, 3].map(touchedShare);
  const [top, right, bottom, left] = shares.map((s) => s > TOUCH_FRACTION) as [boolean, boolean, boolean, boolean];
  const fillsFrame = shares.every((s) => s > FILL_FRACTION);
  const scale = (p: Point): Point => [p[0] * factor, p[1] * factor];
  const corners = quad.map(scale) as unknown as Quad;
  return {
    corners,
    touches: { top, right, bottom, left },
    fillsFrame,
    solidity: best.solidity,
    areaFraction: fillsFrame ? 1 : Math.min(1, (partial ? quadArea(quad) : best.area) / (w * h)),
    confident: !partial && support >= MIN_EDGE_SUPPORT,
    partial,
    contentOutside: Math.round(outside.share * 1000) / 1000,
    edgeSupport: Math.round(support * 1000) / 1000,
  };
}

function aspect(q: Quad): number {
  const [a, b, c, d] = q;
  const len = (p: Point, r: Point) => Math.hypot(r[0] - p[0], r[1] - p[1]);
  const w = (len(a, b) + len(d, c)) / 2, h = (len(a, d) + len(b, c)) / 2;
  return Math.max(w, h) / Math.max(1e-9, Math.min(w, h));
}

function nearest(d: Uint8Array, p: number, centres: readonly Rgb[]): number {
  let best = Infinity;
  for (const c of centres) {
    const dd = (d[p]! - c[0]) ** 2 + (d[p + 1]! - c[1]) ** 2 + (d[p + 2]! - c[2]) ** 2;
    if (dd < best) best = dd;
  }
  return Math.sqrt(best);
}
