/**
 * Quality inspection (IdThreshold): measured scores of the document region of a photo, compared with
 * the thresholds of the requested mode (thresholds.ts). Pure functions over RGB pixels.
 *
 * Scores (see docs/quality-spoof.md for how each is measured and what the thresholds rest on):
 *   located        the document outline was found against the background
 *   locationConfident  the outline runs along edges and holds the print: geometry may be judged by it
 *   resolution     px of the document's short side in the photo
 *   sharpness      contrast-normalised Laplacian of the rectified document (edges of text and print)
 *   brightness     median luma of the document (0–255)
 *   overexposed    fraction of document pixels at ≥ 250 luma
 *   glare          largest bright, colourless blob as a fraction of the document
 *   areaFraction   document area over frame area
 *   cornersInside  no part of the document runs out of the frame
 *   occlusion      1 − solidity of the document outline (a finger or object breaking into it)
 *   perspective    largest relative difference of opposite side lengths
 *   rotation       in-plane angle of the document, folded to 0–45°
 */
import type { RgbImage } from '../engines/engine.js';
import { locateDocument, type DocumentLocation } from './locate-document.js';
import { dist, histQuantile, shrinkRgb, toGrey, warpQuad, type Plane, type Quad } from './pixels.js';
import type { QualityThresholds } from './thresholds.js';

export interface QualityScores {
  readonly located: boolean;
  /** The outline is trusted for geometry (locate-document.ts); otherwise area, occlusion and tilt are not judged. */
  readonly locationConfident: boolean;
  readonly resolution: number;
  readonly sharpness: number;
  readonly brightness: number;
  readonly overexposed: number;
  readonly glare: number;
  readonly areaFraction: number;
  readonly cornersInside: boolean;
  readonly occlusion: number;
  readonly perspective: number;
  readonly rotation: number;
}

export type QualityReason =
  | 'document_not_found'
  | 'low_resolution'
  | 'blurry'
  | 'too_dark'
  | 'overexposed'
  | 'glare'
  | 'small_in_frame'
  | 'cut_off'
  | 'occluded'
  | 'tilted';

export interface QualityInfo {
  readonly scores: QualityScores;
  readonly reasons: QualityReason[];
}

/** The document as measured: where it lies and its pixels rectified to an upright rectangle. */
export interface DocumentRegion {
  readonly location: DocumentLocation | null;
  readonly corners: Quad;
  /** Rectified document, short side ≤ RECTIFIED_SIDE, area-averaged from the frame. */
  readonly rectified: RgbImage;
}

const RECTIFIED_SIDE = 360;
/** A glare blob fills at least this much of its bounding box (a disc fills π/4 ≈ 0.79). */
const GLARE_FILL = 0.55;
/** …and is at most this elongated. */
const GLARE_ASPECT = 3;
/** Median luma from which the document's paper itself clips (then overexposure, not glare, is scored). */
const GLARE_PAPER = 238;

const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function documentRegion(frame: RgbImage): DocumentRegion {
  const location = locateDocument(frame);
  const corners: Quad = location?.corners ?? [[0, 0], [frame.width, 0], [frame.width, frame.height], [0, frame.height]];
  const [a, b, c, d] = corners;
  const top = dist(a, b), bottom = dist(d, c), left = dist(a, d), right = dist(b, c);
  const w = (top + bottom) / 2, h = (left + right) / 2;
  const short = Math.min(w, h);
  // area-average first so the rectified pixels integrate the frame's (no aliasing that fakes sharpness)
  const factor = Math.max(1, Math.floor(short / RECTIFIED_SIDE));
  const small = shrinkRgb(frame, factor);
  const scale = Math.min(1, RECTIFIED_SIDE / short) * factor;
  const q = corners.map(([x, y]) => [x / factor, y / factor]) as unknown as Quad;
  const rectified = warpQuad(small, q, Math.max(8, Math.round(w * scale / factor)), Math.max(8, Math.round(h * scale / factor)));
  return { location, corners, rectified };
}

/** |4-neighbour Laplacian| at every inner pixel. */
function laplacian(g: Plane): Float32Array {
  const { width: w, height: h, data } = g;
  const out = new Float32Array((w - 2) * (h - 2));
  let k = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      out[k++] = Math.abs(4 * data[i]! - data[i - 1]! - data[i + 1]! - data[i - w]! - data[i + w]!);
    }
  }
  return out;
}

/**
 * Largest 4-connected blob of `on` pixels that fills at least `minFill` of its bounding box, as a
 * fraction of all pixels. A specular highlight is one compact, solid, roundish patch; white paper
 * clipped by a bright exposure is a sprawling region laced with print, or a band (an MRZ zone), which
 * this leaves out.
 */
function largestBlob(on: Uint8Array, w: number, h: number, minFill: number): number {
  const seen = new Uint8Array(on.length);
  const stack: number[] = [];
  let best = 0;
  for (let i = 0; i < on.length; i++) {
    if (!on[i] || seen[i]) continue;
    let area = 0;
    let x0 = w, y0 = h, x1 = 0, y1 = 0;
    seen[i] = 1;
    stack.push(i);
    while (stack.length) {
      const p = stack.pop()!;
      area++;
      const x = p % w;
      const y = (p - x) / w;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w]) {
        if (q >= 0 && q < on.length && on[q] && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    if (area >= minFill * bw * bh && Math.max(bw, bh) <= GLARE_ASPECT * Math.min(bw, bh)) best = Math.max(best, area);
  }
  return best / Math.max(1, w * h);
}

export function measureQuality(frame: RgbImage, region: DocumentRegion = documentRegion(frame)): QualityScores {
  const { location, corners, rectified } = region;
  const [a, b, c, d] = corners;
  const top = dist(a, b), bottom = dist(d, c), left = dist(a, d), right = dist(b, c);
  const resolution = Math.min((top + bottom) / 2, (left + right) / 2);

  const grey = toGrey(rectified);
  const range = histQuantile(grey.data, 0.98) - histQuantile(grey.data, 0.02);
  const sharpness = histQuantile(laplacian(grey), 0.995, 1024, 2048) / Math.max(24, range);

  const n = rectified.width * rectified.height;
  const bright = new Uint8Array(n);
  let saturated = 0;
  for (let i = 0; i < n; i++) {
    const r = rectified.data[i * 3]!, g = rectified.data[i * 3 + 1]!, bl = rectified.data[i * 3 + 2]!;
    const luma = grey.data[i]!;
    if (luma >= 250) saturated++;
    // specular light clips every channel
    bright[i] = Math.min(r, g, bl) >= 248 ? 1 : 0;
  }
  const median = histQuantile(grey.data, 0.5);
  const angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
  const folded = Math.abs((((angle % 90) + 135) % 90) - 45);
  return {
    located: location !== null,
    locationConfident: location?.confident ?? false,
    resolution: Math.round(resolution),
    sharpness: round(sharpness),
    brightness: Math.round(median),
    overexposed: round(saturated / n, 4),
    // on a document exposed so bright that its paper clips, a clipped blob is paper, not a highlight
    glare: median >= GLARE_PAPER ? 0 : round(largestBlob(bright, rectified.width, rectified.height, GLARE_FILL), 4),
    areaFraction: round(location?.areaFraction ?? 1),
    // an outline straying into background says nothing about the border; print running into it does
    cornersInside: location && (location.confident || location.partial) ? location.fillsFrame || !Object.values(location.touches).some(Boolean) : true,
    occlusion: round(location ? 1 - location.solidity : 0),
    perspective: round(Math.max(Math.abs(top - bottom) / Math.max(top, bottom), Math.abs(left - right) / Math.max(left, right))),
    rotation: round(folded, 1),
  };
}

/** The reasons the scores fail the thresholds (empty: the image passes). */
export function judgeQuality(s: QualityScores, t: QualityThresholds): QualityReason[] {
  const reasons: QualityReason[] = [];
  if (!s.located && t.requireLocated) reasons.push('document_not_found');
  if (s.resolution < t.minResolution) reasons.push('low_resolution');
  if (s.sharpness < t.minSharpness) reasons.push('blurry');
  if (s.brightness < t.minBrightness) reasons.push('too_dark');
  if (s.overexposed > t.maxOverexposed) reasons.push('overexposed');
  if (s.glare > t.maxGlare) reasons.push('glare');
  // geometry is judged only on an outline that can be trusted: a false refusal costs the user more
  // than a missed one
  const geometry = s.located && s.locationConfident;
  if (geometry && s.areaFraction < t.minAreaFraction) reasons.push('small_in_frame');
  if (!s.cornersInside && t.requireCornersInside) reasons.push('cut_off');
  if (geometry && s.occlusion > t.maxOcclusion) reasons.push('occluded');
  if (geometry && (s.perspective > t.maxPerspective || s.rotation > t.maxRotation)) reasons.push('tilted');
  return reasons;
}

export function inspectQuality(frame: RgbImage, t: QualityThresholds, region?: DocumentRegion): QualityInfo {
  const scores = measureQuality(frame, region);
  return { scores, reasons: judgeQuality(scores, t) };
}
