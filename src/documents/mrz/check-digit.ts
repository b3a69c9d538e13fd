/**
 * ICAO 9303 Part 3 §4.9 check digits: each character is given a value (digits 0–9, letters A–Z
 * 10–35, the filler `<` 0), the values are weighted 7, 3, 1, 7, 3, 1 … from the left, and the check
 * digit is the sum modulo 10.
 */

const WEIGHTS = [7, 3, 1] as const;

/** Value of one MRZ character, or -1 for a character outside the MRZ alphabet. */
export function charValue(c: string): number {
  if (c === '<') return 0;
  const code = c.charCodeAt(0);
  if (c.length !== 1) return -1;
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
}

/** Weight of position `i` (0-based) in a check-digit computation. */
export const weightAt = (i: number): number => WEIGHTS[i % 3]!;

/** The 7-3-1 check digit (0–9) of `data`, or -1 when `data` holds a character outside the MRZ alphabet. */
export function computeCheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = charValue(data[i]!);
    if (v < 0) return -1;
    sum += v * weightAt(i);
  }
  return sum % 10;
}

/**
 * Whether `digit` is the check digit of `data`. A filler `<` in the check-digit position is accepted
 * only where ICAO allows it: when the data it covers is empty (all fillers), e.g. an unused personal
 * number field.
 */
export function isValidCheckDigit(data: string, digit: string): boolean {
  if (digit === '<') return /^<*$/.test(data);
  if (digit.length !== 1 || digit < '0' || digit > '9') return false;
  return computeCheckDigit(data) === Number(digit);
}
