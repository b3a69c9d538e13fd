import { romanize } from 'es-hangul';

/** Korean surnames of two syllables; every other surname is the first syllable. */
const COMPOUND_SURNAMES = new Set(['남궁', '황보', '제갈', '사공', '선우', '서문', '독고', '동방', '어금', '망절', '강전']);

/** A Hangul full name split into surname and given name. */
export function splitKoreanName(name: string): [surname: string, given: string] {
  const n = name.replace(/\s+/g, '');
  const len = n.length >= 4 && COMPOUND_SURNAMES.has(n.slice(0, 2)) ? 2 : 1;
  return [n.slice(0, len), n.slice(len)];
}

/** Revised Romanization of Hangul (es-hangul), upper case, for ocrStandardData. */
export function romanizeHangul(text: string): string {
  return text ? romanize(text.replace(/\s+/g, ' ').trim()).toUpperCase() : '';
}
