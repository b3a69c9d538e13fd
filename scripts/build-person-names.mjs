#!/usr/bin/env node
/**
 * Writes models/person-names.txt: personal names (given names and surnames) as an MRZ prints them — A–Z
 * only, one per line, sorted — from the name lists of two MIT-licensed npm packages, @faker-js/faker
 * (every locale with a person module) and human-names (en, de, es, fr, it, nl). Latin names lose their
 * diacritics as ICAO 9303 Part 3 transliterates them (Ä → AE, ß → SS, else the base letter); Cyrillic and
 * Greek names are transliterated with Part 3's tables; Chinese names (the zh locales') are written in pinyin (pinyin-pro),
 * Taiwanese ones also in Wade–Giles, and Korean names romanised (es-hangul), as those states' passports print them. Japanese names are
 * written in passport Hepburn from their kana, or from the reading of the IPADIC dictionary (kuromoji) where
 * it knows the kanji as one personal name. Scripts without a transliteration here (Arabic, Hebrew, Thai, …)
 * are left out.
 *
 *   node scripts/build-person-names.mjs [--check]
 *
 * With --check it writes nothing and exits 1 when the committed list differs from what it would write.
 */
import fs from 'node:fs';
import { allLocales } from '@faker-js/faker';
import { romanize } from 'es-hangul';
import kuromoji from 'kuromoji';
import { pinyin } from 'pinyin-pro';
import { isKana, toRomaji } from 'wanakana';

const OUT = new URL('../models/person-names.txt', import.meta.url);
const HUMAN_NAMES = new URL('../node_modules/human-names/data/', import.meta.url);

// ICAO 9303 Part 3, the Latin characters that do not simply lose their accent
const LATIN = { Ä: 'AE', Å: 'AA', Æ: 'AE', Ð: 'D', Đ: 'D', Ħ: 'H', Ĳ: 'IJ', Ł: 'L', Ŋ: 'N', Ö: 'OE', Ø: 'OE', Œ: 'OE', Þ: 'TH', Ü: 'UE', ß: 'SS' };
// ICAO 9303 Part 3, Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian letters) and Greek
const CYRILLIC = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Ґ: 'G', Д: 'D', Ѓ: 'G', Ђ: 'D', Е: 'E', Ё: 'E', Є: 'IE', Ж: 'ZH', З: 'Z', Ѕ: 'DZ',
  И: 'I', І: 'I', Ї: 'I', Й: 'I', Ј: 'J', К: 'K', Л: 'L', Љ: 'LJ', М: 'M', Н: 'N', Њ: 'NJ', О: 'O', П: 'P', Р: 'R',
  С: 'S', Т: 'T', Ћ: 'C', Ќ: 'K', У: 'U', Ў: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Џ: 'DZ', Ш: 'SH', Щ: 'SHCH',
  Ъ: 'IE', Ы: 'Y', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
};
const GREEK = {
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'TH', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M', Ν: 'N', Ξ: 'X',
  Ο: 'O', Π: 'P', Ρ: 'R', Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'CH', Ψ: 'PS', Ω: 'O',
};
const TABLE = { ...LATIN, ...CYRILLIC, ...GREEK };

// Wade–Giles, as most Taiwanese passports print names (apostrophes and umlauts dropped, as an MRZ drops them)
const WG_SYLLABLES = { zi: 'tzu', ci: 'tzu', si: 'ssu', zhi: 'chih', chi: 'chih', shi: 'shih', ri: 'jih', you: 'yu', yan: 'yen', ye: 'yeh', er: 'erh' };
const WG_INITIALS = { b: 'p', d: 't', g: 'k', j: 'ch', q: 'ch', x: 'hs', zh: 'ch', r: 'j', z: 'ts', c: 'ts' };

/** One pinyin syllable (no tone) in Wade–Giles. */
function wadeGiles(syllable) {
  const s = syllable.replace(/ü|v/g, 'u');
  if (WG_SYLLABLES[s]) return WG_SYLLABLES[s];
  const [, initial = '', rest] = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$/.exec(s);
  let final = rest.replace(/ong$/, 'ung').replace(/ian$/, 'ien').replace(/ie$/, 'ieh').replace(/ue$/, 'ueh');
  if (/^[dtnlzcs]$/.test(initial) && final === 'uo') final = 'o';
  if (/^[gkh]$/.test(initial) && final === 'e') final = 'o';
  return (WG_INITIALS[initial] ?? initial) + final;
}

// Japanese names: their reading from the IPADIC dictionary (kuromoji), kept only where the dictionary knows the
// whole name as a personal name, or the name is written in kana
const tokenizer = await new Promise((resolve, reject) =>
  kuromoji.builder({ dicPath: new URL('../node_modules/kuromoji/dict/', import.meta.url).pathname }).build((e, t) => (e ? reject(e) : resolve(t))),
);

/** A Japanese name in passport Hepburn (long vowels unmarked, `m` before b/m/p), or null where its reading is unsure. */
function japaneseWord(name) {
  let kana = name;
  if (!isKana(name)) {
    const tokens = tokenizer.tokenize(name);
    if (tokens.length !== 1 || tokens[0].pos_detail_2 !== '人名' || !tokens[0].reading) return null;
    kana = tokens[0].reading;
  }
  return toRomaji(kana)
    .replace(/'/g, '')
    .replace(/(ou|oo|uu)(?![aeiou])/g, (long) => long[0])
    .replace(/n(?=[bmp])/g, 'm')
    .toUpperCase();
}

/** A name's words as an MRZ would print them (split where the source has spaces or hyphens), unchecked. */
function romanisedWords(name, locale) {
  if (locale === 'ja' && (isKana(name) || /\p{Script=Han}/u.test(name))) return [japaneseWord(name) ?? ''];
  if (/\p{Script=Han}/u.test(name)) {
    if (!locale.startsWith('zh')) return [];
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });
    const words = [syllables.join('').replace(/ü|v/g, 'u')];
    // Taiwanese passports: Wade–Giles, a given name's syllables hyphenated (fillers in the MRZ, so words of their own)
    if (locale === 'zh_TW') words.push(syllables.map(wadeGiles).join(''), ...syllables.map(wadeGiles));
    return words.map((w) => w.toUpperCase());
  }
  if (/\p{Script=Hangul}/u.test(name)) return [romanize(name).toUpperCase()];
  // Greek ΟΥ is one sound, written OU (ELOT 743, as Greek passports print it), not O + Y
  const upper = name.toUpperCase().normalize('NFC').replace(/Ο[ΥΎ]/g, 'OU');
  const mapped = [...upper]
    .map((c) => {
      const bare = c.normalize('NFD').replace(/\p{Mn}/gu, ''); // an accented Greek or Cyrillic letter: its base letter's entry
      return TABLE[c] ?? TABLE[bare] ?? bare;
    })
    .join('');
  return mapped.split(/[\s\-'’.]+/);
}

/**
 * A name's words as an MRZ prints them; words left with other characters (a script without a transliteration
 * here) and one-letter words (`이` → `I`: one-letter words are everywhere) are left out.
 */
const mrzWords = (name, locale) => romanisedWords(name, locale).filter((w) => /^[A-Z]{2,}$/.test(w));

function collect(value, locale, into) {
  if (typeof value === 'string') for (const w of mrzWords(value, locale)) into.add(w);
  else if (Array.isArray(value)) for (const v of value) collect(v, locale, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v, locale, into);
}

const names = new Set();
for (const [code, locale] of Object.entries(allLocales)) {
  const person = locale.person;
  if (!person) continue;
  for (const key of ['first_name', 'middle_name', 'last_name']) collect(person[key], code, names);
}
for (const file of fs.readdirSync(HUMAN_NAMES).sort()) collect(JSON.parse(fs.readFileSync(new URL(file, HUMAN_NAMES), 'utf8')), file, names);

const text = [...names].sort().join('\n') + '\n';
if (process.argv.includes('--check')) {
  const same = fs.existsSync(OUT) && fs.readFileSync(OUT, 'utf8') === text;
  console.log(same ? 'models/person-names.txt is up to date' : 'models/person-names.txt differs from what the script writes');
  process.exit(same ? 0 : 1);
}
fs.writeFileSync(OUT, text);
console.log(`${names.size} names written to models/person-names.txt`);
