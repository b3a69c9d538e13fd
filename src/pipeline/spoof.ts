/**
 * Document anti-spoofing (IdSpoof=T): screen recapture, photocopy and tampering, each measured
 * (spoof-screen.ts, spoof-copy.ts, spoof-tamper.ts) and judged against SPOOF_THRESHOLDS.
 */
import type { RgbImage, TextBox } from '../engines/engine.js';
import type { Extraction } from '../documents/module.js';
import { copyScores, type CopyScores } from './spoof-copy.js';
import { screenScores, type ScreenScores } from './spoof-screen.js';
import { seamRows } from './spoof-seam.js';
import { skewScores, type SkewScores } from './spoof-skew.js';
import { tamperScores, type TamperScores } from './spoof-tamper.js';
import type { DocumentRegion } from './quality.js';
import type { SpoofThresholds } from './thresholds.js';
import type { SpoofInfo } from './types.js';

export type SpoofType = 'SCREEN_REMARK' | 'PHOTO_COPY' | 'TAMPER';

export interface SpoofScores {
  readonly screen: ScreenScores;
  readonly copy: CopyScores;
  /**
   * skew: text-line directions (null when no text boxes were given); seam: the longest straight
   * pixel-row step, in the rows a printed edge of its length would cross (null without a located
   * document and a text direction); consistent: the document's own guarantees (MRZ check digits,
   * encoded dates, a passport's visual zone against its MRZ) hold, null when not read; problems:
   * which did not, in words (field names, never values).
   */
  readonly tamper: TamperScores & {
    readonly skew: SkewScores | null;
    readonly seam: number | null;
    readonly consistent: boolean | null;
    readonly problems: readonly string[];
  };
}

/** What the document's own reading found (a module's extraction, or the MRZ and visual zone). */
export type DocumentChecks = Pick<Extraction, 'consistent' | 'problems'>;

export const NO_SPOOF: SpoofInfo = { spoofResult: 'N', spoofType: [] };

/** `boxes`: the text boxes the OCR detector found on `frame` (shared with recognition), when it ran. */
export function measureSpoof(
  frame: RgbImage,
  region: DocumentRegion,
  t: SpoofThresholds,
  checks: DocumentChecks | null,
  boxes: readonly TextBox[] | null,
): SpoofScores {
  const skew = boxes ? skewScores(frame, boxes, region.corners) : null;
  return {
    screen: screenScores(frame, region),
    copy: copyScores(region),
    tamper: {
      ...tamperScores(frame, region, { minNoiseFree: t.tamperMinNoiseFree, relative: t.tamperRelative }),
      skew,
      seam: skew?.roll != null && region.location ? seamRows(frame, region.corners, skew.roll) : null,
      consistent: checks ? checks.consistent : null,
      problems: checks ? checks.problems : [],
    },
  };
}

export function judgeSpoof(s: SpoofScores, t: SpoofThresholds): SpoofInfo {
  const types: SpoofType[] = [];
  if (s.screen.peak >= t.screenPeak || s.screen.bezel >= t.screenBezel) types.push('SCREEN_REMARK');
  if (s.copy.colourfulness < t.copyColourfulness) types.push('PHOTO_COPY');
  const skewed = s.tamper.skew !== null && s.tamper.skew.drift >= t.tamperSkewDrift;
  const seamed = s.tamper.seam !== null && s.tamper.seam >= t.tamperSeamRows;
  if (s.tamper.region >= t.tamperMinBlocks || skewed || seamed || s.tamper.consistent === false) types.push('TAMPER');
  return types.length ? { spoofResult: 'Y', spoofType: types } : NO_SPOOF;
}
