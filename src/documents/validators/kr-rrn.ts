/**
 * Korean resident registration number YYMMDD-SBBBBBC: birth date, a digit for century and sex
 * (9/0: 1800s, 1/2 and 5/6: 1900s, 3/4 and 7/8: 2000s; odd = male; 5-8 foreign residents), and
 * a check digit (weights 2..9,2..5, 11 − sum mod 11, mod 10). Numbers issued since October 2020
 * carry random digits after the sex digit, so the check applies only to people born before that.
 */
export type RrnProblem = 'format' | 'date' | 'checksum';

export interface RrnInfo {
  readonly valid: boolean;
  readonly problem?: RrnProblem;
  /** yyyy-mm-dd, when the date part is a real date. */
  readonly birthDate: string;
  readonly sex: 'M' | 'F' | '';
  /** The number as printed on cards: "######-#######". */
  readonly formatted: string;
}

const CENTURY: Readonly<Record<string, number>> = { '9': 1800, '0': 1800, '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
/** Births from this date on got numbers without a check digit. */
const RANDOM_SINCE = '2020-10-01';

export function rrnCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * WEIGHTS[i]!;
  return (11 - (sum % 11)) % 10;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function checkRrn(value: string): RrnInfo {
  const m = /^(\d{6})-?(\d{7})$/.exec(value.replace(/\s+/g, ''));
  if (!m) return { valid: false, problem: 'format', birthDate: '', sex: '', formatted: '' };
  const digits = m[1]! + m[2]!;
  const formatted = `${m[1]}-${m[2]}`;
  const s = digits[6]!;
  const year = CENTURY[s]! + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const sex = Number(s) % 2 === 1 ? 'M' : 'F';
  if (!isRealDate(year, month, day)) return { valid: false, problem: 'date', birthDate: '', sex, formatted };
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  if (birthDate < RANDOM_SINCE && rrnCheckDigit(digits) !== Number(digits[12])) {
    return { valid: false, problem: 'checksum', birthDate, sex, formatted };
  }
  return { valid: true, birthDate, sex, formatted };
}
