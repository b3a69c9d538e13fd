/**
 * OcrValueStandard=1 helpers: names in Latin letters (Chinese via pinyin-pro, Hangul via es-hangul),
 * F/M, yyyy-mm-dd.
 */
import { romanize } from 'es-hangul';
import { pinyin } from 'pinyin-pro';
import type { StandardData } from './module.js';
import { hanOnly, sexMF } from './fields.js';

/** Two-character surnames (the common ones); every other Chinese name has a one-character surname. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '澹台',
  '端木', '申屠', '太史', '独孤', '南宫', '西门', '轩辕', '呼延', '百里', '东郭', '闻人', '赫连', '钟离', '万俟', '公羊',
  '歐陽', '司馬', '諸葛', '東方', '尉遲', '長孫', '令狐', '端木', '南宮', '軒轅', '鍾離',
]);

/** Surname and given name of a Chinese name as printed (ideographs; a '·' separates transliterated names). */
export function splitChineseName(name: string): { surname: string; given: string } {
  const dot = name.search(/[·•・.]/);
  if (dot > 0) return { surname: hanOnly(name.slice(0, dot)), given: hanOnly(name.slice(dot + 1)) };
  const han = hanOnly(name);
  if (han.length >= 3 && COMPOUND_SURNAMES.has(han.slice(0, 2))) return { surname: han.slice(0, 2), given: han.slice(2) };
  return { surname: han.slice(0, 1), given: han.slice(1) };
}

/**
 * Hanyu Pinyin in capitals without tones or spaces, as Chinese passports print names (ü after
 * l/n as YU: 吕 → LYU). `surname` picks the surname readings of polyphonic characters (单 → SHAN).
 */
export function toPinyin(han: string, surname = false): string {
  if (!han) return '';
  const syllables = pinyin(han, { toneType: 'none', type: 'array', surname: surname ? 'all' : 'off' }) as string[];
  return syllables
    .map((s) => s.replace(/ü/g, 'yu').replace(/v/g, 'yu'))
    .join('')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** Standard data for a document that prints a Chinese name. */
export function standardFromChinese(name: string, sex: string, birthDate: string, expiryDate: string): StandardData {
  const { surname, given } = splitChineseName(name);
  return {
    surname_s: toPinyin(surname, true),
    given_name_s: toPinyin(given),
    sex_s: sexMF(sex),
    date_of_birth_s: /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : '',
    date_of_expiry_s: /^\d{4}-\d{2}-\d{2}$/.test(expiryDate) ? expiryDate : '',
  };
}

/** Standard data for a Latin name already split (surname first), e.g. a permit's English name. */
export function standardFromLatin(surname: string, given: string, sex: string, birthDate: string, expiryDate: string): StandardData {
  const latin = (s: string): string => s.toUpperCase().replace(/[^A-Z ]/g, ' ').replace(/\s+/g, ' ').trim();
  return {
    surname_s: latin(surname),
    given_name_s: latin(given),
    sex_s: sexMF(sex),
    date_of_birth_s: /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : '',
    date_of_expiry_s: /^\d{4}-\d{2}-\d{2}$/.test(expiryDate) ? expiryDate : '',
  };
}

/** Korean surnames of two syllables; every other Korean surname is the first syllable. */
const KOREAN_COMPOUND_SURNAMES = new Set(['남궁', '황보', '제갈', '사공', '선우', '서문', '독고', '동방', '어금', '망절']);

/** A Hangul full name split into surname and given name. */
export function splitKoreanName(name: string): [surname: string, given: string] {
  const n = name.replace(/\s+/g, '');
  const len = n.length >= 4 && KOREAN_COMPOUND_SURNAMES.has(n.slice(0, 2)) ? 2 : 1;
  return [n.slice(0, len), n.slice(len)];
}

/** Revised Romanization of Hangul (es-hangul), in capitals, as ocrStandardData carries names. */
export function romanizeHangul(text: string): string {
  return text ? romanize(text.replace(/\s+/g, ' ').trim()).toUpperCase() : '';
}
