/**
 * Every threshold of quality inspection (IdThreshold) and anti-spoofing (IdSpoof) in one place.
 * The values come from the measurements in docs/quality-spoof.md (bench/quality-spoof.ts on the tuning
 * seeds); change them there and here together.
 */
import type { IdThreshold } from './types.js';

export interface QualityThresholds {
  /** Fail when no document outline is found against the background. */
  readonly requireLocated: boolean;
  /** Short side of the document in the photo, px. */
  readonly minResolution: number;
  readonly minSharpness: number;
  /** Median luma of the document. */
  readonly minBrightness: number;
  readonly maxOverexposed: number;
  readonly maxGlare: number;
  /** Document area over frame area (the seeds recommend > 0.6 for capture; photos sent to the API are often smaller). */
  readonly minAreaFraction: number;
  readonly requireCornersInside: boolean;
  readonly maxOcclusion: number;
  readonly maxPerspective: number;
  readonly maxRotation: number;
}

export interface SpoofThresholds {
  /** Strongest periodic peak in the spectrum of the document over its neighbourhood (screen moiré / pixel grid). */
  readonly screenPeak: number;
  /** Fraction of the document's outer band that is a dark, flat frame (a display bezel). */
  readonly screenBezel: number;
  /** Colourfulness of the document below this is a greyscale copy of a colour document. */
  readonly copyColourfulness: number;
  /** A 16×16 block is noise-free-anomalous above max(this, tamperRelative × the document's p90)… */
  readonly tamperMinNoiseFree: number;
  readonly tamperRelative: number;
  /** …and a cluster of at least this many such blocks is a tampered region. */
  readonly tamperMinBlocks: number;
  /** A text line drifting off the page's text direction by this many line heights (spoof-skew.ts). */
  readonly tamperSkewDrift: number;
  /** A straight pixel-row step as long as a printed edge crossing this many rows at the page's slope (spoof-seam.ts). */
  readonly tamperSeamRows: number;
}

/** IdThreshold 0 = system default, 1 = strict, 2 = loose; 3 = inspection off (no entry). */
export const QUALITY_THRESHOLDS: Readonly<Record<Exclude<IdThreshold, '3'>, QualityThresholds>> = {
  '0': {
    requireLocated: false,
    minResolution: 300,
    minSharpness: 0.47,
    minBrightness: 85,
    maxOverexposed: 0.6,
    maxGlare: 0.01,
    minAreaFraction: 0.1,
    requireCornersInside: true,
    maxOcclusion: 0.12,
    maxPerspective: 0.25,
    maxRotation: 45,
  },
  '1': {
    requireLocated: true,
    minResolution: 400,
    minSharpness: 0.7,
    minBrightness: 110,
    maxOverexposed: 0.3,
    maxGlare: 0.005,
    minAreaFraction: 0.25,
    requireCornersInside: true,
    maxOcclusion: 0.08,
    maxPerspective: 0.15,
    maxRotation: 20,
  },
  '2': {
    requireLocated: false,
    minResolution: 200,
    minSharpness: 0.3,
    minBrightness: 50,
    maxOverexposed: 0.85,
    maxGlare: 0.03,
    minAreaFraction: 0.05,
    requireCornersInside: false,
    maxOcclusion: 0.2,
    maxPerspective: 0.4,
    maxRotation: 45,
  },
};

export const SPOOF_THRESHOLDS: SpoofThresholds = {
  screenPeak: 60,
  screenBezel: 0.6,
  copyColourfulness: 5,
  tamperMinNoiseFree: 0.35,
  tamperRelative: 2,
  tamperMinBlocks: 3,
  tamperSkewDrift: 0.13,
  tamperSeamRows: 4,
};

export function qualityThresholds(mode: IdThreshold): QualityThresholds | null {
  return mode === '3' ? null : QUALITY_THRESHOLDS[mode];
}
