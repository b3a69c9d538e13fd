/**
 * MRZ lines (already repaired, exact lengths) → openidv fields. TD1/TD2/TD3 are also parsed with the
 * `mrz` package, whose document and personal numbers are used where it validated them; the layout
 * tables of `formats.ts` cover the rest (visas, which the package does not know, names, and fields
 * it rejects, such as a state code missing from its list). Check-digit failures never hide the fields: a document
 * printed with a wrong check digit still yields its data, with `valid: false`.
 */
import { parse as mrzParse, type ParseResult } from 'mrz';
import {
  FORMATS,
  documentNumberExtension,
  fieldText,
  resolveChecks,
  type CheckName,
  type FormatSpec,
  type MrzFormat,
} from './formats.js';
import { isValidCheckDigit } from './check-digit.js';
import type { MrzChecks } from './repair.js';

export interface MrzFields {
  /** Document code with fillers removed: `P`, `PO`, `I`, `ID`, `V` … */
  documentCode: string;
  /** Issuing state or organisation (3 letters, or fewer such as `D`), fillers removed. */
  issuingState: string;
  surname: string;
  givenNames: string;
  /** Document number with fillers removed; a TD1/TD2 long number includes its extension. */
  documentNumber: string;
  nationality: string;
  /** yyyy-mm-dd, or '' when the MRZ date is not a valid date. */
  birthDate: string;
  /** yyyy-mm-dd, or '' when the MRZ date is not a valid date. */
  expiryDate: string;
  /** `M`, `F`, `X` (`<` or `X` in the MRZ), or '' for any other character. */
  sex: 'M' | 'F' | 'X' | '';
  /** TD3 personal number (fillers inside it become spaces). */
  personalNumber?: string;
  /** Optional data (TD1 line 1 after any document-number extension, TD2, visas). */
  optionalData?: string;
  /** TD1 line 2 optional data. */
  optionalData2?: string;
}

export interface MrzParse {
  readonly format: MrzFormat;
  readonly lines: string[];
  readonly valid: boolean;
  readonly checks: MrzChecks;
  readonly fields: MrzFields;
}

export interface ParseOptions {
  /** Reference date for the century of two-digit years (default: now). */
  readonly now?: Date;
  /** Force the format (e.g. the one the repair chose); otherwise decided from the line shape. */
  readonly format?: MrzFormat;
}

/** Trailing fillers dropped, inner fillers as spaces. */
export const cleanText = (s: string): string => s.replace(/<+$/, '').replace(/</g, ' ').trim();

/** Format from exact line count and lengths (visas by their `V` document code). */
export function detectFormat(lines: readonly string[]): MrzFormat | null {
  const len = lines[0]?.length ?? 0;
  if (!lines.every((l) => l.length === len)) return null;
  const visa = lines[0]?.startsWith('V') ?? false;
  if (lines.length === 3 && len === 30) return 'TD1';
  if (lines.length === 2 && len === 36) return visa ? 'MRVB' : 'TD2';
  if (lines.length === 2 && len === 44) return visa ? 'MRVA' : 'TD3';
  return null;
}

/** Primary and secondary identifiers: `<<` separates them, a single `<` separates name parts. */
export function parseName(field: string): { surname: string; givenNames: string } {
  const s = field.replace(/<+$/, '');
  const sep = s.indexOf('<<');
  const part = (x: string): string => x.replace(/<+/g, ' ').trim();
  if (sep < 0) return { surname: part(s), givenNames: '' };
  return { surname: part(s.slice(0, sep)), givenNames: part(s.slice(sep + 2)) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * yymmdd → yyyy-mm-dd. A birth date cannot be in the future (relative to `now`): 20yy when that
 * has passed, else 19yy. An expiry date is 20yy unless that is more than 50 years ahead.
 */
export function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', now: Date = new Date()): string {
  if (!/^\d{6}$/.test(yymmdd)) return '';
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  let year = 2000 + yy;
  if (kind === 'birth') {
    const candidate = isoDate(year, mm, dd);
    const today = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
    if (candidate === null || candidate > today) year -= 100;
  } else if (year > now.getUTCFullYear() + 50) year -= 100;
  return isoDate(year, mm, dd) ?? '';
}

function sexOf(c: string): MrzFields['sex'] {
  if (c === 'M' || c === 'F') return c;
  if (c === '<' || c === 'X') return 'X';
  return '';
}

/** Check-digit verdicts on exact lines. */
export function evaluateChecks(spec: FormatSpec, lines: readonly string[]): MrzChecks {
  const resolved = resolveChecks(spec, lines);
  const get = (name: string): boolean | undefined => {
    const rc = resolved.find((c) => c.name === name);
    if (!rc) return undefined;
    const d = lines[rc.digit.line]?.[rc.digit.pos] ?? '';
    if (d === '<' && !rc.fillerWhenEmpty) return false;
    return rc.variants.some((v) => isValidCheckDigit(v.map((p) => lines[p.line]?.[p.pos] ?? '?').join(''), d));
  };
  return checksFrom(get);
}

/** MrzChecks from the outcome of each check (undefined: the format has no such check). */
export function checksFrom(get: (name: CheckName) => boolean | undefined): MrzChecks {
  const checks: MrzChecks = {
    documentNumber: get('documentNumber') ?? false,
    birthDate: get('birthDate') ?? false,
    expiryDate: get('expiryDate') ?? false,
  };
  const personal = get('personalNumber');
  if (personal !== undefined) checks.personalNumber = personal;
  const composite = get('composite');
  if (composite !== undefined) checks.composite = composite;
  return checks;
}

function layoutFields(spec: FormatSpec, lines: readonly string[], now: Date): MrzFields {
  const t = (name: Parameters<typeof fieldText>[2]): string => fieldText(spec, lines, name);
  const ext = documentNumberExtension(spec, lines);
  let documentNumber = t('documentNumber').replace(/</g, '');
  let optional1 = t('optional1');
  if (ext) {
    documentNumber += ext.extension.map((p) => lines[p.line]![p.pos]).join('');
    optional1 = optional1.slice(ext.extension.length + 1);
  }
  const fields: MrzFields = {
    documentCode: t('documentCode').replace(/</g, ''),
    issuingState: t('issuingState').replace(/</g, ''),
    ...parseName(t('name')),
    documentNumber,
    nationality: t('nationality').replace(/</g, ''),
    birthDate: mrzDate(t('birthDate'), 'birth', now),
    expiryDate: mrzDate(t('expiryDate'), 'expiry', now),
    sex: sexOf(t('sex')),
  };
  if (spec.format === 'TD3') fields.personalNumber = cleanText(t('personalNumber'));
  else fields.optionalData = cleanText(optional1);
  if (spec.format === 'TD1') fields.optionalData2 = cleanText(t('optional2'));
  return fields;
}

/**
 * Values the `mrz` package validated override the layout reading: the document number (including
 * the TD1/TD2 extension) when its check digit holds, and the TD3 personal number. Names are not
 * taken from it: it reads a name without `<<` as all given names.
 */
function packageFields(lines: readonly string[]): Partial<MrzFields> {
  let result: ParseResult;
  try {
    result = mrzParse(lines);
  } catch {
    return {};
  }
  if (result.format !== 'TD1' && result.format !== 'TD2' && result.format !== 'TD3') return {};
  const f = result.fields;
  const out: Partial<MrzFields> = {};
  if (typeof result.documentNumber === 'string' && f.documentNumberCheckDigit != null) {
    out.documentNumber = result.documentNumber.replace(/[< ]/g, '');
  }
  if (result.format === 'TD3' && typeof f.personalNumber === 'string') out.personalNumber = f.personalNumber;
  return out;
}

/**
 * Parses exact MRZ lines. Returns null when the lines have no MRZ shape (3×30, 2×36, 2×44) or do
 * not fit the forced format.
 */
export function parseMrz(lines: readonly string[], options: ParseOptions = {}): MrzParse | null {
  const format = options.format ?? detectFormat(lines);
  if (!format) return null;
  const spec = FORMATS[format];
  if (lines.length !== spec.lineCount || !lines.every((l) => l.length === spec.lineLength)) return null;
  const now = options.now ?? new Date();
  const fromPackage = format === 'TD1' || format === 'TD2' || format === 'TD3' ? packageFields(lines) : {};
  const fields = { ...layoutFields(spec, lines, now), ...fromPackage };
  const checks = evaluateChecks(spec, lines);
  const valid = (Object.values(checks) as boolean[]).every(Boolean);
  return { format, lines: [...lines], valid, checks, fields };
}
