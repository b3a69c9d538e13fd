/**
 * Check characters of the generated documents, written independently of src/ so the generator's
 * ground truth does not share a bug with the readers it tests.
 */

/** GB 11643-1999 (PRC citizen ID) ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function prcIdCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return '10X98765432'[sum % 11]!;
}

/** Hong Kong identity card check character for a 1- or 2-letter prefix and 6 digits. */
export function hkidCheck(prefix: string, digits: string): string {
  const val = (c: string): number => (c === ' ' ? 36 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : Number(c));
  const chars = (prefix.length === 1 ? ' ' + prefix : prefix) + digits;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += val(chars[i]!) * (9 - i);
  const r = (11 - (sum % 11)) % 11;
  return r === 10 ? 'A' : String(r);
}

/** Korean resident registration number check digit over the first 12 digits. */
export function rrnCheck(first12: string): string {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * w[i]!;
  return String((11 - (sum % 11)) % 10);
}

/** Macao resident ID check digit (weights 8..2 over the 7 digits, mod 11, 10 → 0... as printed in brackets). */
export function macaoCheck(digits7: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(digits7[i]) * (8 - i);
  return String((11 - (sum % 11)) % 10);
}

/** ICAO 9303 7-3-1 check digit. */
export function mrzCheck(data: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    const v = c === '<' ? 0 : c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return String(sum % 10);
}
