/**
 * Machine-readable zone (ICAO 9303) reading: pick the MRZ lines among OCR lines, repair OCR
 * mistakes the check digits and character classes support, and parse the fields.
 */
import type { TextLine } from '../../engines/engine.js';
import { MRZ_ALPHABET } from './confusions.js';
import type { MrzFormat } from './formats.js';
import { findMrzBlock } from './locate.js';
import { parseMrz, type MrzFields } from './parse.js';
import { repairMrz, type MrzChecks, type MrzRepair, type RawMrzLine } from './repair.js';

export { computeCheckDigit, isValidCheckDigit } from './check-digit.js';
export { FORMATS, type MrzFormat } from './formats.js';
export { selectMrzLines } from './locate.js';
export { mrzDate, parseMrz, parseName, type MrzFields, type MrzParse, type ParseOptions } from './parse.js';
export { buildNameModel, personNameModel, type NameModel } from './names.js';
export { plausibleLine, wholeLineFields, type LineLikelihood } from './plausible-line.js';
export { FUSE_FLOOR, SECOND_READ_WEIGHT, alignTexts, fusedReading, voteReadings, withSecondReading } from './second-read.js';
export { bestLineRepair, leastCharP, repairMrz, repairMrzLine, singleLineText, sureReading, SURE_LINE_P, type MrzChecks, type MrzLineRepair, type MrzRepair, type OcrLineInput, type RawMrzLine } from './repair.js';

/** Characters an MRZ may contain: restrict the recogniser to these. */
export const MRZ_CHARSET = MRZ_ALPHABET;

export interface MrzReading {
  readonly format: MrzFormat;
  /** The MRZ as it is most likely printed (after repair). */
  readonly lines: string[];
  /**
   * All check digits hold after repair, no character was left unknown, and no other reading was
   * about as likely (see `repairMrz`).
   */
  readonly valid: boolean;
  readonly checks: MrzChecks;
  readonly fields: MrzFields;
  /** Characters the repair changed, inserted or removed. */
  readonly corrections: number;
  /** Cost of the repaired reading (see `MrzRepair.cost`). */
  readonly cost: number;
}

const isTextLines = (lines: readonly (TextLine | string)[]): lines is readonly TextLine[] =>
  lines.length > 0 && typeof lines[0] !== 'string';

const rank = (r: MrzRepair): number =>
  (r.valid ? 100 : 0) + (Object.values(r.checks) as boolean[]).filter(Boolean).length * 5 - r.corrections * 0.01;

/** The best repair among consecutive windows of 2 or 3 lines (for plain text with extra lines). */
function bestWindow(lines: readonly RawMrzLine[]): MrzRepair | null {
  const text = (l: RawMrzLine): string => (typeof l === 'string' ? l : l.text).replace(/\s+/g, '');
  const usable = lines.filter((l) => text(l).length >= 25);
  let best: MrzRepair | null = null;
  for (const k of [3, 2]) {
    for (let i = 0; i + k <= usable.length; i++) {
      const r = repairMrz(usable.slice(i, i + k));
      if (r && (!best || rank(r) > rank(best))) best = r;
    }
  }
  return best;
}

/**
 * Reads an MRZ from OCR output: either all text lines recognised on an image (the MRZ lines are
 * located among them by geometry) or plain strings (top to bottom). `now` decides the century of
 * two-digit years. Returns null when no MRZ is found.
 */
export function readMrz(lines: readonly TextLine[] | readonly string[], now: Date = new Date()): MrzReading | null {
  let repaired: MrzRepair | null = null;
  if (isTextLines(lines)) {
    const asInput = (ls: readonly TextLine[]): RawMrzLine[] => ls.map((l) => ({ text: l.text, chars: l.chars }));
    repaired = findMrzBlock(lines)?.repair ?? null;
    if (!repaired) {
      // No geometric MRZ block: fall back on the lines in reading order, but only on evidence
      // (check digits that hold), not on any two long lines.
      const ordered = [...lines].sort((a, b) => centerY(a) - centerY(b));
      const fallback = bestWindow(asInput(ordered));
      const held = fallback ? (Object.values(fallback.checks) as boolean[]).filter(Boolean).length : 0;
      if (fallback && (fallback.valid || held >= 2)) repaired = fallback;
    }
  } else {
    const strings = lines as readonly string[];
    repaired = strings.length <= 3 ? repairMrz(strings) : null;
    if (!repaired) repaired = bestWindow(strings);
  }
  if (!repaired) return null;
  const parsed = parseMrz(repaired.lines, { now, format: repaired.format });
  if (!parsed) return null;
  return {
    format: repaired.format,
    lines: repaired.lines,
    valid: repaired.valid,
    checks: repaired.checks,
    fields: parsed.fields,
    corrections: repaired.corrections,
    cost: repaired.cost,
  };
}

function centerY(l: TextLine): number {
  return l.box.points.reduce((s, p) => s + p[1], 0) / 4;
}
