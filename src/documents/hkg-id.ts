/**
 * HKG01001 / HKG01002 Hong Kong identity card, 2003 and 2018 smart cards. Both editions print the
 * same fields in the same order (Chinese name, English name, telecodes, birth date with sex,
 * symbols, first registration "(mm-yy)" and issue date "dd-mm-yy", card number): values are found
 * by their shape, so small layout differences between editions do not matter. The edition is
 * told by the issue date (the 2018 card has been issued since 26 November 2018).
 *
 * Repairs: the card number's check character (OCR confusions tried until it holds), the Chinese
 * name merged with the Traditional Chinese re-read and held to the number of telecodes,
 * "***" of permanent residents restored when the title says PERMANENT.
 */
import * as OpenCC from 'opencc-js';
import { editDistance, findDates, hanOnly, rowOverlap, sexMF, toHalfWidth } from './fields.js';
import type { DocumentModule, Extraction, GeneralFields, Identification, PageLine, PageText, StandardData } from './module.js';
import { standardFromLatin } from './standardize.js';
import { readTraditional } from './traditional.js';
import { formatHkid, hkidCheckChar, type HkidNumber } from './validators/hkid.js';

const FIELDS = [
  'name', 'englishName', 'nameCode', 'sex', 'birthDate', 'idNumber', 'currentIssueDate', 'firstIssueDate', 'isPermanent', 'symbols',
] as const;

/** First day of issue of the 2018 edition. */
const EDITION_2018 = '2018-11-26';

/** The general recogniser answers Simplified forms: Hong Kong's standard Traditional forms for them. */
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

const TITLE_WORDS = /香港|身份|居民|永久|證|HONG|KONG|IDENTITY|CARD|PERMANENT|出生|日期|簽發|DATE|BIRTH|ISSUE|樣本|SAMPLE/i;

const LETTER_FOR: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G', '7': 'T', '4': 'A' };
const DIGIT_FOR: Readonly<Record<string, string>> = { O: '0', D: '0', Q: '0', U: '0', I: '1', L: '1', '|': '1', J: '1', Z: '2', S: '5', B: '8', G: '6', T: '7', A: '4' };

const pad = (n: number) => String(n).padStart(2, '0');
const compact = (s: string) => toHalfWidth(s).toUpperCase().replace(/\s+/g, '');

export interface HkidReading {
  readonly number: HkidNumber;
  /** Look-alike characters replaced to make the number. */
  readonly repairs: number;
  /** The printed check character was read and holds. */
  readonly checkRead: boolean;
}

/** What a printed check character may have been read as. */
const CHECK_LOOKALIKES: Readonly<Record<string, string>> = { A: 'A4', '0': '0ODQU', '1': '1IL|J', '2': '2Z', '5': '5S', '6': '6G', '7': '7T', '8': '8B' };

/**
 * The card number in a line: one or two letters, six digits, the check character in brackets
 * (often read as other brackets, or lost). Look-alike characters are repaired; a reading counts
 * only when the check character holds, or was not read and nothing needed repair. Among
 * several, the one with the fewest repairs.
 */
export function readHkidNumber(text: string): HkidReading | null {
  const s = compact(text).replace(/[（{<[]/g, '(').replace(/[）}>\]]/g, ')');
  let best: HkidReading | null = null;
  for (const m of s.matchAll(/(?<![A-Z0-9])([A-Z0-9|]{7,8})(?:\(([0-9A-Z|])\)?)?(?![A-Z0-9])/g)) {
    const body = m[1]!;
    const read = m[2];
    for (const prefixLen of [1, 2]) {
      if (body.length !== prefixLen + 6) continue;
      let repairs = 0;
      const prefix = [...body.slice(0, prefixLen)].map((c) => (/[A-Z]/.test(c) ? c : (repairs++, LETTER_FOR[c] ?? '?'))).join('');
      const digits = [...body.slice(prefixLen)].map((c) => (/[0-9]/.test(c) ? c : (repairs++, DIGIT_FOR[c] ?? '?'))).join('');
      if (/\?/.test(prefix + digits)) continue;
      const check = hkidCheckChar(prefix, digits);
      const checkRead = read !== undefined && (CHECK_LOOKALIKES[check] ?? check).includes(read);
      if (read !== undefined ? !checkRead : repairs > 0) continue;
      if (!best || repairs < best.repairs || (repairs === best.repairs && checkRead && !best.checkRead)) {
        best = { number: { prefix, digits, check }, repairs, checkRead };
      }
    }
  }
  return best;
}

/** "(mm-yy)": month and year of first registration. */
const FIRST_ISSUE = /\(\s*([0-9OIl]{2})\s*[-.]\s*([0-9OIl]{2})\s*\)?/;
/** "dd-mm-yy" not followed by more digits (the birth date has a four-digit year). */
const SHORT_DATE = /(?<![\d(])([0-3]\d)\s*-\s*([01]\d)\s*-\s*(\d{2})(?![\d-])/;

const fixDigits = (s: string) => s.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');

function shortYear(yy: number, notAfter: number): number {
  return 2000 + yy <= notAfter ? 2000 + yy : 1900 + yy;
}

interface Reading {
  readonly fields: Record<string, string>;
  readonly problems: string[];
}

function findLine(lines: readonly PageLine[], test: (l: PageLine) => boolean): PageLine | undefined {
  return lines.find(test);
}

async function extractFields(page: PageText): Promise<Reading> {
  const lines = page.lines;
  const problems: string[] = [];
  const f: Record<string, string> = Object.fromEntries(FIELDS.map((k) => [k, '']));
  const thisYear = new Date().getUTCFullYear();

  // card number: the valid reading needing the fewest repairs anywhere on the card
  let idNumber: HkidReading | null = null;
  for (const l of lines) {
    const r = readHkidNumber(l.text);
    if (r && (!idNumber || r.repairs < idNumber.repairs || (r.checkRead && !idNumber.checkRead))) idNumber = r;
  }
  if (idNumber) {
    f.idNumber = formatHkid(idNumber.number);
    if (!idNumber.checkRead) problems.push('check character of the card number not read');
  } else {
    // a number whose printed check character is impossible (specimens) is reported as printed
    const printed = lines.map((l) => /([A-Z]{1,2})(\d{6})\(([0-9A-Z])\)/.exec(compact(l.text))).find((m) => m !== null);
    if (printed) f.idNumber = `${printed[1]}${printed[2]}(${printed[3]})`;
    problems.push(printed ? 'check character of the card number does not hold' : 'card number not read');
  }

  // birth date: the date with a four-digit year; sex on its row
  const birthLine = findLine(lines, (l) => findDates(fixDigits(l.text)).some((d) => /\d{4}/.test(l.text)));
  if (birthLine) {
    f.birthDate = findDates(fixDigits(birthLine.text))[0]!.date;
    const rowText = [birthLine, ...lines.filter((l) => l !== birthLine && rowOverlap(l, birthLine) >= 0.4)]
      .map((l) => l.text)
      .join(' ');
    f.sex = sexMF(rowText.replace(/\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}/, ' '));
    if (!f.sex) {
      // the sex letter alone in its box, misread as a look-alike (F as E or P, M as N)
      const letter = [...lines.filter((l) => l !== birthLine && rowOverlap(l, birthLine) >= 0.4)].map((l) => compact(l.text)).find((t) => /^[男女]?[A-Z]$/.test(t));
      if (letter) f.sex = /[FEP]$/.test(letter) ? 'F' : /[MNW]$/.test(letter) ? 'M' : '';
    }
  }
  if (!f.sex) {
    const alone = lines.find((l) => /^(男|女)?\s*[MF]$|^(男|女)$/.test(compact(l.text)));
    if (alone) f.sex = sexMF(alone.text);
  }

  // issue dates
  let issueYear = thisYear;
  for (const l of lines) {
    const m = SHORT_DATE.exec(fixDigits(toHalfWidth(l.text)).replace(FIRST_ISSUE, ' '));
    if (!m) continue;
    const y = shortYear(Number(m[3]), thisYear);
    const d = new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[1])));
    if (d.getUTCDate() !== Number(m[1])) continue;
    f.currentIssueDate = `${y}-${m[2]}-${m[1]}`;
    issueYear = y;
    break;
  }
  for (const l of lines) {
    const m = FIRST_ISSUE.exec(toHalfWidth(l.text));
    if (!m) continue;
    const month = Number(fixDigits(m[1]!));
    if (month < 1 || month > 12) continue;
    const y = shortYear(Number(fixDigits(m[2]!)), issueYear);
    f.firstIssueDate = `${y}-${pad(month)}`;
    break;
  }

  // English name: "SURNAME, Given Names"
  const englishLine = lines.find((l) => /^[A-Za-z][A-Za-z' -]*\s*[,.]\s*[A-Za-z][A-Za-z' -]*$/.test(l.text.trim()) && !TITLE_WORDS.test(l.text));
  if (englishLine) {
    const [surname, given] = englishLine.text.split(/\s*[,.]\s*/, 2) as [string, string];
    // given names are printed syllable by syllable in title case ("Tai Man"): a lost space is restored
    const givenNames = given.trim().replace(/(?<=[a-z])(?=[A-Z])/g, ' ').replace(/\s+/g, ' ');
    f.englishName = `${surname.trim().replace(/\s+/g, ' ').toUpperCase()}, ${givenNames}`;
  }

  // telecodes: a row of four-digit groups
  const codeLine = lines.find((l) => /^(\d{4}\s*){1,6}$/.test(fixDigits(compact(l.text))) && compact(l.text).length % 4 === 0 && l !== birthLine);
  const telecodes = codeLine ? (fixDigits(compact(codeLine.text)).match(/\d{4}/g) ?? []) : [];
  f.nameCode = telecodes.join(' ');

  // Chinese name: the Han line next to the English name (above it on the 2003 card, below it on
  // the 2018 card), or above the telecodes
  const anchor = englishLine ?? codeLine;
  const centre = (l: PageLine) => l.y + l.h / 2;
  const nameLine = anchor
    ? [...lines]
        .filter(
          (l) =>
            hanOnly(l.text).length >= 1 &&
            !/\d/.test(l.text) &&
            !TITLE_WORDS.test(l.text) &&
            Math.abs(centre(l) - centre(anchor)) < 3.5 * anchor.h &&
            (!codeLine || centre(l) < centre(codeLine)),
        )
        .sort((a, b) => Math.abs(centre(a) - centre(anchor)) - Math.abs(centre(b) - centre(anchor)))[0]
    : undefined;
  if (nameLine) {
    f.name = await readTraditional(page, nameLine, toTraditional, telecodes.length || undefined);
    if (telecodes.length > 0 && [...f.name].length !== telecodes.length) problems.push('Chinese name and telecodes differ in length');
  }

  // symbols: asterisks and capital letters alone on a line, not the sex of the birth-date row
  const permanentTitle = lines.some((l) => /PERMANENT|永久/i.test(l.text));
  const symbolLine = lines.find(
    (l) =>
      (!birthLine || rowOverlap(l, birthLine) < 0.4) &&
      l !== englishLine &&
      /^[*＊×X米✱⁎]{0,4}[A-Z]{1,4}$/.test(compact(l.text)) &&
      !/^[MF]$/.test(compact(l.text)) &&
      !TITLE_WORDS.test(l.text),
  );
  if (symbolLine) {
    const s = compact(symbolLine.text);
    const stars = /^[*＊×X米✱⁎]+/.exec(s)?.[0] ?? '';
    let letters = s.slice(stars.length);
    // 'X' read for a star leaves a star-less reading with an X in front
    if (!stars && permanentTitle && /^X{1,3}[A-Z]/.test(letters)) letters = letters.replace(/^X+/, '');
    f.symbols = (stars || permanentTitle ? '***' : '') + letters;
  } else if (permanentTitle) problems.push('symbols not read');
  f.isPermanent = f.symbols.startsWith('***') ? 'Y' : 'N';

  if (f.birthDate && f.firstIssueDate && f.firstIssueDate < f.birthDate.slice(0, 7)) problems.push('first registration before birth');
  if (f.currentIssueDate && f.firstIssueDate && f.currentIssueDate.slice(0, 7) < f.firstIssueDate) problems.push('issue before first registration');
  return { fields: f, problems };
}

function edition(currentIssueDate: string): string {
  return currentIssueDate && currentIssueDate >= EDITION_2018 ? 'HKG01002' : 'HKG01001';
}

/** A quick look (no re-reads) for the classifier. */
function identifyPage(page: PageText): Identification | null {
  const text = page.lines.map((l) => l.text);
  let score = 0;
  if (text.some((t) => /HONG\s*KONG/i.test(t) || /香港/.test(t))) score += 0.3;
  if (text.some((t) => /IDENTITY|身份/i.test(t))) score += 0.15;
  if (text.some((t) => editDistance(compact(t).replace(/[^A-Z]/g, '').slice(0, 16), 'HONGKONGIDENTITY') <= 4)) score += 0.05;
  const number = text.map(readHkidNumber).find((r) => r !== null);
  if (number) score += number.checkRead ? 0.35 : 0.2;
  if (text.some((t) => FIRST_ISSUE.test(t))) score += 0.1;
  if (text.some((t) => SHORT_DATE.test(fixDigits(t)))) score += 0.05;
  if (score === 0) return null;
  let issue = '';
  for (const t of text) {
    const m = SHORT_DATE.exec(fixDigits(toHalfWidth(t)).replace(FIRST_ISSUE, ' '));
    if (m) {
      issue = `${shortYear(Number(m[3]), new Date().getUTCFullYear())}-${m[2]}-${m[1]}`;
      break;
    }
  }
  return { code: edition(issue), page: '01', score: Math.min(1, score) };
}

function splitEnglishName(englishName: string): [string, string] {
  const [surname = '', given = ''] = englishName.split(',').map((s) => s.trim().toUpperCase());
  return [surname, given];
}

export const hkgId: DocumentModule = {
  codes: ['HKG01001', 'HKG01002'],
  docClass: 'HKG01',
  fields: { '01': FIELDS },
  identify: identifyPage,

  async extract(page: PageText): Promise<Extraction> {
    const { fields, problems } = await extractFields(page);
    return { fields, consistent: problems.length === 0, problems };
  },

  general(f): GeneralFields {
    const [surname, given] = splitEnglishName(f.englishName ?? '');
    return { surname_s: surname, given_name_s: given, date_of_birth_s: f.birthDate ?? '', card_number_s: f.idNumber ?? '', sex_s: f.sex ?? '' };
  },

  standardize(f): StandardData {
    const [surname, given] = splitEnglishName(f.englishName ?? '');
    return standardFromLatin(surname, given, f.sex ?? '', f.birthDate ?? '', '');
  },
};
