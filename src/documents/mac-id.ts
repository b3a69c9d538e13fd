/**
 * MAC01001–MAC01003 Macao resident identity card (editions 2023 / 2013 / 2002). Labels in
 * Chinese and Portuguese; the Chinese name is printed in Traditional characters, the Latin name
 * in the Macao romanisation (one word per Chinese syllable). Editions share the field list and
 * extraction tolerates their layout differences; the number is 7 digits (first 1, 5 or 7) plus a
 * bracketed check digit.
 */
import * as OpenCC from 'opencc-js';
import type { DocPage } from './catalogue.js';
import { cleanLatin, splitSyllables, findAnchor, findDates, hanOnly, isLatinName, matchLabel, normalizeDate, sexMF, toHalfWidth, valueNear } from './fields.js';
import type { DocumentModule, Extraction, Identification, PageLine, PageText } from './module.js';
import { splitChineseName, standardFromLatin } from './standardize.js';
import { readTraditional } from './traditional.js';

/** The general recogniser answers Simplified forms; Macao prints Traditional (Taiwan standard forms match the card's). */
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const L = {
  title: ['澳門特別行政區', '澳门特别行政区', 'MACAU'],
  card: ['居民身份證', '居民身份证', 'BILHETE DE IDENTIDADE'],
  name: ['姓名'],
  sex: ['性別', '性别'],
  birth: ['出生日期'],
  expiry: ['有效期至', '有效期'],
  place: ['出生地點', '出生地点'],
  firstIssue: ['首次發證日期', '首次发证日期'],
  issue: ['簽發日期', '签发日期'],
} as const;
const LABELS = Object.values(L).flat();
const PORTUGUESE = ['Nome', 'Sexo', 'Data de nascimento', 'Data de Nasc', 'Válido até', 'Valido ate', 'Local de nascimento', 'Data de emissão', 'Data de emissao', 'Data da 1a emissão'];

const NUMBER = /([157][0-9]{6})\s*[(（]?\s*([0-9])\s*[)）]?/;
const present = (lines: readonly PageLine[], labels: readonly string[]): boolean => findAnchor(lines, labels) !== null;
const field = (lines: readonly PageLine[], own: readonly string[]): string =>
  valueNear(lines, own, LABELS.filter((l) => !own.includes(l)), PORTUGUESE)?.text ?? '';

function findNumber(lines: readonly PageLine[]): string {
  for (const l of lines) {
    const s = toHalfWidth(l.text).replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
    if (/[0-9]{4}[-./][0-9]{2}|[0-9]{2}[-./][0-9]{2}[-./][0-9]{4}/.test(s)) continue;
    const m = s.replace(/\s+/g, '').match(NUMBER);
    if (m) return `${m[1]}(${m[2]})`;
  }
  return '';
}

/** A Chinese value: merged with the Traditional re-read when its own line is known, else converted. */
async function traditional(page: PageText, line: PageLine | undefined, fallback: string, expected?: number): Promise<string> {
  return line ? readTraditional(page, line, toTraditional, expected) : toTraditional(fallback);
}

/** Letters only, for comparing two readings of one romanised name. */
const letters = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');

/** Is `short` what remains of `long` after at most `extra` letters were dropped? */
function droppedLetters(short: string, long: string, extra: number): boolean {
  if (long.length < short.length || long.length - short.length > extra) return false;
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/**
 * The romanised name "SURNAME, GIVEN NAMES". The general recogniser drops word spaces and, after
 * the comma, sometimes a letter ("LEI, IAN HONG" → "LEI,AN HONG"); tesseract's Latin reading keeps
 * both. Its reading is taken when it holds every letter of the general one in order, plus at most
 * two more (the letters the general recogniser dropped); a reading that substitutes letters is not.
 */
async function latinName(page: PageText, line: PageLine): Promise<string> {
  const general = cleanLatin(line.text);
  const reread = cleanLatin((await page.reread(line, 'latin')).text);
  return isLatinName(reread) && reread.includes(',') && droppedLetters(letters(general), letters(reread), 2) ? reread : general;
}

/**
 * The sex letter when the detector found no box for it (a lone letter is easy to miss): read with
 * the general recogniser from the two line heights right of the 性別 label (the 2002 card; starting
 * any earlier takes in the label's last letter: "oF"), else from under the label (2013 and 2023 cards).
 */
async function sexNearLabel(page: PageText, lines: readonly PageLine[]): Promise<string> {
  const anchor = findAnchor(lines, L.sex);
  if (!anchor) return '';
  const { x, y, w, h } = anchor.line;
  for (const region of [{ x: x + w, y, w: 2 * h, h }, { x, y: y + h, w: 2 * h, h: 1.6 * h }]) {
    const sex = snapSex((await page.reread(region, 'hans')).text);
    if (sex) return sex;
  }
  return '';
}

/** The card prints a lone M or F: the recogniser's look-alikes (E, P for F; N, H for M) snap to the closed list. */
function snapSex(text: string): string {
  const raw = text.trim().toUpperCase();
  return sexMF(raw) || (/^[EP]$/.test(raw) ? 'F' : /^[NH]$/.test(raw) ? 'M' : '');
}

/** The line that holds exactly this value (not a label line that merely contains it). */
const lineOf = (lines: readonly PageLine[], text: string, not: PageLine | null): PageLine | undefined =>
  text ? lines.find((l) => l !== not && hanOnly(l.text) === text) : undefined;

async function extract(page: PageText): Promise<Extraction> {
  const lines = page.lines;
  const nameValue = valueNear(lines, L.name, LABELS.filter((l) => l !== '姓名'), PORTUGUESE);
  const nameRaw = hanOnly(nameValue?.text ?? '');
  const nameLine = lineOf(lines, nameRaw, null) ?? (nameValue ? nameValue.anchor.line : undefined);

  const latinLine = lines
    .filter((l) => isLatinName(l.text) && !PORTUGUESE.some((p) => (matchLabel(l.text, p, 0)?.start ?? 99) <= 1) && !/MACAU|IDENTIDADE|REGI|RESIDENTE|ESPECIAL/.test(l.text.toUpperCase()))
    .sort((a, b) => (nameLine ? Math.abs(a.y - nameLine.y) - Math.abs(b.y - nameLine.y) : a.y - b.y))[0];
  const latin = latinLine ? await latinName(page, latinLine) : '';
  // one romanised word per Chinese character: a spaced reading says how many characters the name has
  const syllables = latin.includes(',') ? latin.replace(',', ' ').trim().split(/\s+/).length : undefined;
  const nameCn = hanOnly(await traditional(page, nameRaw && nameLine && hanOnly(nameLine.text) === nameRaw ? nameLine : undefined, nameRaw, syllables));
  let surname = '';
  let givenname = '';
  let { surname: surnameCN, given: givennameCN } = splitChineseName(nameCn);
  if (latin.includes(',')) {
    [surname, givenname] = latin.split(',', 2).map((s) => s.trim().replace(/\s+/g, ' ')) as [string, string];
    if (givennameCN.length > 0 && surnameCN.length === surname.split(' ').length) givenname = splitSyllables(givenname, givennameCN.length);
    // one romanised word per Chinese syllable: the comma also settles a two-character surname
    const surnameWords = surname.split(' ').length;
    if (nameCn.length > surnameWords) [surnameCN, givennameCN] = [nameCn.slice(0, surnameWords), nameCn.slice(surnameWords)];
  } else if (latin) {
    const words = splitSyllables(latin, nameCn.length).split(' ');
    const n = Math.max(1, surnameCN.length);
    surname = words.slice(0, n).join(' ');
    givenname = words.slice(n).join(' ');
  }
  const sex = snapSex(field(lines, L.sex)) || (await sexNearLabel(page, lines));
  const birthDate = normalizeDate(field(lines, L.birth));
  const expiryDate = normalizeDate(field(lines, L.expiry));
  const placeValue = valueNear(lines, L.place, LABELS.filter((l) => !(L.place as readonly string[]).includes(l)), PORTUGUESE);
  const placeRaw = hanOnly(placeValue?.text ?? '');
  const placeOfBirth = hanOnly(await traditional(page, lineOf(lines, placeRaw, placeValue?.anchor.line ?? null), placeRaw));
  const idNumber = findNumber(lines);
  const problems: string[] = [];
  if (!idNumber) problems.push('idNumber: not found');
  if (birthDate && expiryDate && expiryDate <= birthDate) problems.push('expiryDate: before birth');
  if (nameCn && latin && surnameCN.length + givennameCN.length !== latin.replace(',', ' ').trim().split(/\s+/).length) {
    problems.push('name: Chinese and Latin names differ in length');
  }
  const dates = findDates(lines.map((l) => l.text).join(' '));
  if (dates.length === 0) problems.push('no dates');
  return {
    fields: { surnameCN, givennameCN, surname, givenname, sex, birthDate, idNumber, expiryDate, placeOfBirth },
    consistent: problems.length === 0,
    problems,
  };
}

export const macaoId: DocumentModule = {
  codes: ['MAC01001', 'MAC01002', 'MAC01003'],
  docClass: 'MAC01',
  fields: { '01': ['surnameCN', 'givennameCN', 'surname', 'givenname', 'sex', 'birthDate', 'idNumber', 'expiryDate', 'placeOfBirth'] },
  identify(page: PageText): Identification | null {
    const lines = page.lines;
    const title = (present(lines, L.title) ? 3 : 0) + (present(lines, L.card) ? 2 : 0);
    const labels = [L.name, L.sex, L.birth, L.expiry, L.place].filter((l) => present(lines, l)).length * 0.6;
    const number = findNumber(lines) ? 1 : 0;
    const raw = (title + labels + number) / 9;
    const score = title === 0 ? Math.min(0.45, raw) : Math.min(1, raw);
    if (score === 0) return null;
    return { code: editionOf(lines), page: '01', score };
  },
  async extract(page: PageText, _docPage: DocPage): Promise<Extraction> {
    return extract(page);
  },
  general(fields) {
    return {
      surname_s: fields.surname ?? '',
      given_name_s: fields.givenname ?? '',
      date_of_birth_s: fields.birthDate ?? '',
      card_number_s: fields.idNumber ?? '',
      sex_s: fields.sex ?? '',
    };
  },
  standardize(fields) {
    return standardFromLatin(fields.surname ?? '', fields.givenname ?? '', fields.sex ?? '', fields.birthDate ?? '', fields.expiryDate ?? '');
  },
};

/** The edition from the latest date printed (issue and expiry dates fall in the edition's years). */
function editionOf(lines: readonly PageLine[]): string {
  const years = findDates(lines.map((l) => l.text).join(' ')).map((d) => Number(d.date.slice(0, 4)));
  const latest = Math.max(0, ...years);
  if (latest >= 2033) return 'MAC01001';
  if (latest >= 2023) return 'MAC01002';
  return latest > 0 ? 'MAC01003' : 'MAC01002';
}
