/**
 * Indonesian NIK (KTP number) PPRRSSDDMMYYXXXX: province, regency/city and district of
 * registration, birth date (40 added to the day for women) and a serial. There is no check digit;
 * what the number guarantees is a known province code and a real birth date.
 */
import { isRealDate } from './kr-rrn.js';

/** Province codes of the Dukcapil numbering (Sumatra 11-19, Riau Islands 21, Java 31-36, … Papua 91-96). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81,
  82, 91, 92, 93, 94, 95, 96,
]);

export type NikProblem = 'format' | 'province' | 'date';

export interface NikInfo {
  readonly valid: boolean;
  readonly problem?: NikProblem;
  readonly sex: 'M' | 'F' | '';
  /** Day, month and two-digit year of birth as encoded ("dd-mm-yy"), when a real date in some century. */
  readonly birthDayMonthYy: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The four-digit years a two-digit year can stand for where day and month make a real date. */
function centuries(yy: number, month: number, day: number): number[] {
  return [1900 + yy, 2000 + yy].filter((y) => isRealDate(y, month, day));
}

export function checkNik(value: string): NikInfo {
  const n = value.replace(/[\s.-]/g, '');
  if (!/^\d{16}$/.test(n)) return { valid: false, problem: 'format', sex: '', birthDayMonthYy: '' };
  const rawDay = Number(n.slice(6, 8));
  const sex = rawDay > 40 ? 'F' : 'M';
  const day = rawDay % 40;
  const month = Number(n.slice(8, 10));
  const yy = Number(n.slice(10, 12));
  if (centuries(yy, month, day).length === 0) return { valid: false, problem: 'date', sex, birthDayMonthYy: '' };
  const birthDayMonthYy = `${pad(day)}-${pad(month)}-${pad(yy)}`;
  if (!PROVINCES.has(Number(n.slice(0, 2)))) return { valid: false, problem: 'province', sex, birthDayMonthYy };
  return { valid: true, sex, birthDayMonthYy };
}

/**
 * Birth date (yyyy-mm-dd) encoded in a NIK, taking the latest century that is not after `today`;
 * '' when the date part is not a real date.
 */
export function nikBirthDate(value: string, today = new Date()): string {
  const n = value.replace(/[\s.-]/g, '');
  if (!/^\d{16}$/.test(n)) return '';
  const day = Number(n.slice(6, 8)) % 40;
  const month = Number(n.slice(8, 10));
  const years = centuries(Number(n.slice(10, 12)), month, day);
  const now = today.toISOString().slice(0, 10);
  const dates = years.map((y) => `${y}-${pad(month)}-${pad(day)}`);
  return dates.filter((d) => d <= now).pop() ?? dates[0] ?? '';
}
