/**
 * The pipeline's entry to quality inspection (IdThreshold) and anti-spoofing (IdSpoof): one document
 * location shared by both, thresholds from thresholds.ts, timings per check.
 */
import type { RgbImage, TextBox } from '../engines/engine.js';
import { documentRegion, inspectQuality, type DocumentRegion, type QualityInfo } from './quality.js';
import { judgeSpoof, measureSpoof, NO_SPOOF, type DocumentChecks, type SpoofScores } from './spoof.js';
import { qualityThresholds, SPOOF_THRESHOLDS } from './thresholds.js';
import type { IdThreshold, SpoofInfo } from './types.js';

export interface Inspector {
  /** Quality against the mode's thresholds; null when the mode is 3 (off). */
  quality(mode: IdThreshold): QualityInfo | null;
  /** spoofInfo (N and [] when disabled) and, when enabled, the scores behind it. */
  /** `boxes`: the text boxes the recognition detected on the frame (for the text-direction check). */
  spoof(enabled: boolean, checks: DocumentChecks | null, boxes: readonly TextBox[] | null): { spoofInfo: SpoofInfo; spoofScores?: SpoofScores };
}

/** Lazily locates the document once for whichever checks run. */
export function createInspector(frame: RgbImage, timings: Record<string, number>): Inspector {
  let region: DocumentRegion | null = null;
  const locate = (): DocumentRegion => {
    if (!region) {
      const t = performance.now();
      region = documentRegion(frame);
      timings.locateDocument = performance.now() - t;
    }
    return region;
  };
  return {
    quality(mode) {
      const thresholds = qualityThresholds(mode);
      if (!thresholds) return null;
      const r = locate();
      const t = performance.now();
      const info = inspectQuality(frame, thresholds, r);
      timings.quality = performance.now() - t;
      return info;
    },
    spoof(enabled, checks, boxes) {
      if (!enabled) return { spoofInfo: NO_SPOOF };
      const r = locate();
      const t = performance.now();
      const spoofScores = measureSpoof(frame, r, SPOOF_THRESHOLDS, checks, boxes);
      timings.spoof = performance.now() - t;
      return { spoofInfo: judgeSpoof(spoofScores, SPOOF_THRESHOLDS), spoofScores };
    },
  };
}
