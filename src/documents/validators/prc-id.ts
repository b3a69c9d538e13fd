/**
 * PRC resident identity number (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character (0-9 or X). First-generation
 * numbers have 15 digits: 6 region, yymmdd (19yy), 3 sequence, no check character.
 */
import { createRequire } from 'node:module';
import { isoDate } from '../fields.js';

const require = createRequire(import.meta.url);
/** GB/T 2260 county codes as shipped by the id-validator package (current and some historical codes). */
const GB2260 = require('id-validator/src/GB2260.js') as Readonly<Record<string, string>>;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Province-level codes (first two digits), incl. 71 Taiwan, 81 Hong Kong, 82 Macao, 83 Taiwan residence permits. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45',
  '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** The check character of the first 17 digits. */
export function prcIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export const PRC_ID_PATTERN = /^(\d{17}[\dX]|\d{15})$/;

/** Upper case, no spaces. */
export const compactPrcId = (id: string): string => id.replace(/\s+/g, '').toUpperCase();

/** Birth date encoded in the number (yyyy-mm-dd), '' when it is no date. */
export function prcIdBirthDate(id: string): string {
  const s = compactPrcId(id);
  if (/^\d{17}[\dX]$/.test(s)) return isoDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
  if (/^\d{15}$/.test(s)) return isoDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
  return '';
}

/** Sex encoded in the number: odd sequence digit = M. */
export function prcIdSex(id: string): 'M' | 'F' | '' {
  const s = compactPrcId(id);
  const digit = s.length === 18 ? s[16] : s.length === 15 ? s[14] : undefined;
  if (digit === undefined || !/\d/.test(digit)) return '';
  return Number(digit) % 2 === 1 ? 'M' : 'F';
}

export interface PrcIdValidation {
  /** Length, check character, province code and birth date all hold. */
  readonly valid: boolean;
  readonly checks: {
    readonly format: boolean;
    readonly checksum: boolean;
    /** The province-level code exists. */
    readonly region: boolean;
    /** The 6-digit county code is in the GB/T 2260 table (historical codes may be missing). */
    readonly county: boolean;
    /** A real date, not after `now`. */
    readonly birthDate: boolean;
  };
  readonly birthDate: string;
  readonly sex: 'M' | 'F' | '';
  readonly region: string;
}

export function validatePrcId(id: string, now: Date = new Date()): PrcIdValidation {
  const s = compactPrcId(id);
  const format = PRC_ID_PATTERN.test(s);
  const checksum = format && (s.length === 15 || prcIdCheckChar(s) === s[17]);
  const region = format && PROVINCES.has(s.slice(0, 2));
  const county = format && Object.hasOwn(GB2260, s.slice(0, 6));
  const birthDate = format ? prcIdBirthDate(s) : '';
  const birthOk = birthDate !== '' && birthDate <= now.toISOString().slice(0, 10);
  return {
    valid: format && checksum && region && birthOk,
    checks: { format, checksum, region, county, birthDate: birthOk },
    birthDate,
    sex: format ? prcIdSex(s) : '',
    region: county ? GB2260[s.slice(0, 6)]! : '',
  };
}

/** OCR look-alikes of digits (and X) in a number line. */
const LOOKALIKE: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6', T: '7', '×': 'X', '乂': 'X' };
/** Digits the recogniser confuses with each other. */
const CONFUSED: Record<string, string> = { '0': '86', '1': '7', '2': '7', '3': '8', '5': '6', '6': '58', '7': '12', '8': '036', '9': '0' };

export interface PrcIdHints {
  /** Printed birth date (yyyy-mm-dd). */
  readonly birthDate?: string;
  /** Printed sex (M/F). */
  readonly sex?: 'M' | 'F' | '';
}

/**
 * The most likely printed number from an OCR reading: look-alikes mapped to digits, then, when the
 * check character fails, the one reading that the check character, the printed birth date and
 * sex and the region code all agree with (digits 7-14 from the printed birth date; one confused
 * digit). Returns the cleaned reading unchanged when no single repair is supported.
 */
export function repairPrcId(raw: string, hints: PrcIdHints = {}): string {
  let s = compactPrcId(raw).replace(/[^0-9A-Z|×乂]/g, '');
  s = [...s].map((c, i) => (i === 17 && (c === 'X' || c === '×' || c === '乂') ? 'X' : (LOOKALIKE[c] ?? c))).join('');
  if (s.length !== 18 || !/^\d{17}[\dX]$/.test(s)) return s;
  const agrees = (c: string): boolean => {
    const v = validatePrcId(c);
    if (!v.valid) return false;
    if (hints.birthDate && v.birthDate !== hints.birthDate) return false;
    if (hints.sex && v.sex !== hints.sex) return false;
    return true;
  };
  if (agrees(s)) return s;
  const candidates = new Set<string>();
  const base = hints.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(hints.birthDate) ? [s, s.slice(0, 6) + hints.birthDate.replace(/-/g, '') + s.slice(14)] : [s];
  for (const b of base) {
    if (agrees(b)) candidates.add(b);
    for (let i = 0; i < 18; i++) {
      const alts = i === 17 ? '0123456789X' : (CONFUSED[b[i]!] ?? '');
      for (const alt of alts) {
        if (alt === b[i]) continue;
        const c = b.slice(0, i) + alt + b.slice(i + 1);
        if (agrees(c)) candidates.add(c);
      }
    }
  }
  return candidates.size === 1 ? [...candidates][0]! : s;
}
