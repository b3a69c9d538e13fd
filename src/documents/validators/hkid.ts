/**
 * Hong Kong identity card number: one or two letters, six digits and a check character (0-9 or A)
 * over weights 9..2 modulo 11, a missing second letter counting as a space (value 36).
 */
export interface HkidNumber {
  readonly prefix: string;
  readonly digits: string;
  readonly check: string;
}

const SHAPE = /^([A-Z]{1,2})(\d{6})[([]?([0-9A])[)\]]?$/;

/** Splits a printed number ("A123456(7)", "AB987654[3]", "a1234567") into its parts, or null. */
export function parseHkid(value: string): HkidNumber | null {
  const m = SHAPE.exec(value.replace(/\s+/g, '').toUpperCase());
  return m ? { prefix: m[1]!, digits: m[2]!, check: m[3]! } : null;
}

/** The check character for a prefix and six digits. */
export function hkidCheckChar(prefix: string, digits: string): string {
  const chars = (prefix.length === 1 ? ' ' + prefix : prefix) + digits;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = chars[i]!;
    const v = c === ' ' ? 36 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : Number(c);
    sum += v * (9 - i);
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

export function isValidHkid(value: string): boolean {
  const n = parseHkid(value);
  return n !== null && hkidCheckChar(n.prefix, n.digits) === n.check;
}

/** The form printed on the card and used in the field list: "A123456(7)". */
export const formatHkid = (n: HkidNumber): string => `${n.prefix}${n.digits}(${n.check})`;
