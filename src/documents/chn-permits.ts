/**
 * CHN05001–CHN05004: the travel permits between the mainland, Hong Kong, Macao and Taiwan.
 * Each prints the Chinese name and its romanisation, birth date, sex, validity, issuing authority
 * (and place), and a number whose shape tells the permit: C/L + 8 digits (mainland residents to
 * HK/Macao / Taiwan), H/M + 8 digits (HK/Macao residents), 8 digits (Taiwan residents).
 * Some editions carry a machine-readable code line; when it is read, its number and birth date
 * cross-check the printed ones.
 */
import type { DocPage } from './catalogue.js';
import { cleanCjk, cleanLatin, editDistance, splitSyllables, findAnchor, findDates, hanOnly, isLatinName, matchLabel, normalizeDate, sexMF, toHalfWidth, valueNear } from './fields.js';
import type { DocumentModule, Extraction, Identification, PageLine, PageText } from './module.js';
import { splitChineseName, standardFromLatin, toPinyin } from './standardize.js';

interface PermitSpec {
  readonly code: string;
  /** Title words unique to this permit. */
  readonly titles: readonly string[];
  readonly number: RegExp;
  readonly fields: readonly string[];
  /** Whether the romanised name is Hanyu Pinyin of the Chinese name (mainland-issued names). */
  readonly pinyinName: boolean;
}

const COMMON = ['name', 'englishName', 'sex', 'birthDate', 'idNumber', 'issueDate', 'expiryDate'];

export const PERMITS: readonly PermitSpec[] = [
  {
    code: 'CHN05001',
    titles: ['往来港澳通行证', 'TRAVELLING TO AND FROM HONG KONG AND MACAO'],
    number: /[CW][0-9]{8}/,
    fields: [...COMMON, 'placeOfIssue', 'originOfIssue'],
    pinyinName: true,
  },
  {
    code: 'CHN05002',
    titles: ['港澳居民来往内地通行证', 'FOR HONG KONG AND MACAO RESIDENTS'],
    number: /[HM][0-9]{8}/,
    fields: [...COMMON, 'originOfIssue'],
    pinyinName: false,
  },
  {
    code: 'CHN05003',
    titles: ['台湾居民来往大陆通行证', 'FOR TAIWAN RESIDENTS'],
    number: /(?<![0-9A-Z])[0-9]{8}(?![0-9])/,
    fields: [...COMMON, 'originOfIssue', 'placeOfIssue'],
    pinyinName: true,
  },
  {
    code: 'CHN05004',
    titles: ['往来台湾通行证', 'TRAVELLING TO AND FROM TAIWAN'],
    number: /[LT][0-9]{8}/,
    fields: [...COMMON, 'placeOfIssue', 'originOfIssue'],
    pinyinName: true,
  },
];

const L = {
  name: ['姓名'],
  sex: ['性别'],
  birth: ['出生日期'],
  period: ['有效期限'],
  authority: ['签发机关'],
  place: ['签发地点'],
  number: ['证件号码'],
  count: ['换证次数'],
} as const;
const LABELS = Object.values(L).flat();
const ENGLISH = ['Name', 'Sex', 'Date of birth', 'Period of validity', 'Valid until', 'Issuing authority', 'Authority', 'Place of issue', 'No.', 'Number'];
const GENERIC_TITLES = ['通行证', 'PERMIT'];

const present = (lines: readonly PageLine[], labels: readonly string[]): boolean => findAnchor(lines, labels) !== null;
const field = (lines: readonly PageLine[], own: readonly string[]): string =>
  valueNear(lines, own, LABELS.filter((l) => !own.includes(l)), ENGLISH)?.text ?? '';

/** Digits look-alikes in number runs. */
const digitize = (s: string): string => s.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');

function findNumber(lines: readonly PageLine[], spec: PermitSpec): string {
  const labelled = field(lines, L.number);
  const texts = [labelled, ...lines.map((l) => l.text)];
  for (const t of texts) {
    const s = toHalfWidth(t).toUpperCase().replace(/\s+/g, '');
    // first letter stays a letter; the rest are digits
    const fixed = s.replace(/([A-Z])([0-9OIL|]{8})/g, (_m, a: string, b: string) => a + digitize(b));
    const m = fixed.match(spec.number);
    if (m) return m[0];
  }
  return '';
}

/** The romanised name: the Latin-capitals line nearest below (or right of) the Chinese name. */
function findEnglishName(lines: readonly PageLine[], nameLine: PageLine | null): string {
  const candidates = lines.filter(
    (l) => isLatinName(l.text) && !ENGLISH.some((e) => matchLabel(l.text, e, 0)) && !/PERMIT|MAINLAND|TRAVEL|REPUBLIC|CHINA/.test(l.text.toUpperCase()),
  );
  if (candidates.length === 0) return '';
  const ref = nameLine ?? candidates[0]!;
  const dist = (l: PageLine): number => Math.abs(l.y - (ref.y + ref.h)) + Math.abs(l.x - ref.x) * 0.5;
  const best = [...candidates].sort((a, b) => dist(a) - dist(b))[0]!;
  return cleanLatin(best.text).replace(/[,.]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A code line (1 or 3 lines, letters, digits and '<') when the permit prints one. */
function codeLine(lines: readonly PageLine[]): string {
  const l = lines.map((x) => toHalfWidth(x.text).toUpperCase().replace(/\s+/g, '')).find((t) => /<{2,}/.test(t) && t.length >= 20);
  return l ?? '';
}

function makeModule(spec: PermitSpec): DocumentModule {
  async function extract(page: PageText): Promise<Extraction> {
    const lines = page.lines;
    const nameValue = valueNear(lines, L.name, LABELS.filter((l) => l !== '姓名'), ENGLISH);
    const name = hanOnly(cleanCjk(nameValue?.text ?? ''));
    const nameLine = nameValue ? (lines.find((l) => l.text.includes(nameValue.text) && l !== nameValue.anchor.line) ?? nameValue.anchor.line) : null;
    let englishName = findEnglishName(lines, nameLine);
    const problems: string[] = [];
    if (spec.pinyinName && name) {
      // mainland-issued: the romanisation is the name's Hanyu Pinyin; a reading that differs only by OCR slips is replaced
      const { surname, given } = splitChineseName(name);
      const py = `${toPinyin(surname, true)} ${toPinyin(given)}`.trim();
      if (englishName.replace(/\s/g, '') !== py.replace(/\s/g, '')) {
        if (!englishName || editDistance(englishName.replace(/\s/g, ''), py.replace(/\s/g, '')) <= 2) englishName = py;
        else problems.push('englishName: not the pinyin of the name');
      } else englishName = py;
    } else if (name && englishName) {
      // Hong Kong / Macao romanisation: one word per Chinese character, which re-splits words the recogniser ran together
      englishName = splitSyllables(englishName, name.length);
    }
    const sex = sexMF(field(lines, L.sex));
    const birthDate = normalizeDate(field(lines, L.birth));
    const period = findDates(field(lines, L.period));
    const origin = hanOnly(field(lines, L.authority));
    const place = hanOnly(field(lines, L.place));
    let idNumber = findNumber(lines, spec);
    const code = codeLine(lines);
    if (code) {
      const num = code.match(spec.number)?.[0];
      if (num && idNumber && num !== idNumber) problems.push('idNumber: differs from the code line');
      if (num && !idNumber) idNumber = num;
      const yymmdd = birthDate.replace(/-/g, '').slice(2);
      if (birthDate && !code.includes(yymmdd)) problems.push('birthDate: not in the code line');
    }
    const issueDate = period[0]?.date ?? '';
    const expiryDate = period[1]?.date ?? '';
    if (issueDate && expiryDate && expiryDate <= issueDate) problems.push('validPeriod: expiry before issue');
    // every permit prints both ends of its period: one missing under its label was covered or cut
    if (!issueDate && present(lines, L.period)) problems.push('validPeriod: not read');
    else if (issueDate && !expiryDate) problems.push('validPeriod: no expiry date');
    if (birthDate && issueDate && birthDate >= issueDate) problems.push('birthDate: after the issue date');
    if (!idNumber) problems.push('idNumber: not found');
    const all: Record<string, string> = {
      name,
      englishName,
      sex,
      birthDate,
      idNumber,
      issueDate,
      expiryDate,
      placeOfIssue: place,
      originOfIssue: origin,
    };
    const fields = Object.fromEntries(spec.fields.map((f) => [f, all[f] ?? '']));
    return { fields, consistent: problems.length === 0, problems };
  }

  return {
    codes: [spec.code],
    docClass: 'CHN05',
    fields: { '01': spec.fields },
    identify(page: PageText): Identification | null {
      const lines = page.lines;
      const own = present(lines, spec.titles) ? 4 : 0;
      const generic = present(lines, GENERIC_TITLES) ? 1 : 0;
      const labels = [L.name, L.sex, L.birth, L.period, L.authority].filter((l) => present(lines, l)).length * 0.6;
      const number = findNumber(lines, spec) ? 1 : 0;
      const score = own === 0 ? Math.min(0.45, (generic + labels + number) / 9) : Math.min(1, (own + generic + labels + number) / 9);
      return score > 0 ? { code: spec.code, page: '01', score } : null;
    },
    async extract(page: PageText, _docPage: DocPage): Promise<Extraction> {
      return extract(page);
    },
    general(fields) {
      const { surname, given } = splitLatin(fields.englishName ?? '');
      return { surname_s: surname, given_name_s: given, date_of_birth_s: fields.birthDate ?? '', card_number_s: fields.idNumber ?? '', sex_s: fields.sex ?? '' };
    },
    standardize(fields) {
      const { surname, given } = splitLatin(fields.englishName ?? '');
      return standardFromLatin(surname, given, fields.sex ?? '', fields.birthDate ?? '', fields.expiryDate ?? '');
    },
  };
}

/** "ZHANG SAN" → surname ZHANG, given SAN (the permits print the surname first). */
export function splitLatin(name: string): { surname: string; given: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return { surname: parts[0] ?? '', given: parts.slice(1).join(' ') };
}

export const PERMIT_MODULES: readonly DocumentModule[] = PERMITS.map(makeModule);
