/**
 * KOR03001 Korean passport: the passport fields from the MRZ plus the Korean name printed in
 * Hangul on the data page. The general recogniser cannot read Hangul, so the rows it reads as
 * non-Latin text above the MRZ are re-read with the Hangul recogniser; the Korean name is the
 * one whose surname sound agrees with the MRZ surname.
 */
import { getChoseong } from 'es-hangul';
import { toHalfWidth } from './fields.js';
import type { DocumentModule, Extraction, GeneralFields, Identification, PageLine, PageText, StandardData } from './module.js';
import { isPassportMrz, passportFields } from './passport.js';
import { splitKoreanName } from './standardize.js';

const FIELDS = ['surname', 'givenname', 'sex', 'birthDate', 'passportNo', 'nationality', 'expiryDate', 'countryCode', 'koreanName'] as const;

/** Latin initials a Hangul initial consonant is romanised with (official and customary spellings). */
const INITIALS: Readonly<Record<string, string>> = {
  ㄱ: 'GK', ㄲ: 'GK', ㄴ: 'NR', ㄷ: 'DT', ㄸ: 'DT', ㄹ: 'RLN', ㅁ: 'M', ㅂ: 'BP', ㅃ: 'BP', ㅅ: 'S', ㅆ: 'S',
  ㅇ: 'AEIOUYWLR', ㅈ: 'JC', ㅉ: 'JC', ㅊ: 'C', ㅋ: 'K', ㅌ: 'T', ㅍ: 'P', ㅎ: 'H',
};

/** Boxes re-read at most, nearest to the name rows first. */
const MAX_CANDIDATES = 8;
const LABEL = /한\s*글\s*성\s*명|성\s*명|이\s*름|Korean\s*name/gi;

/** Whether a Hangul name could be the person the MRZ surname romanises. */
export function agreesWithSurname(koreanName: string, mrzSurname: string): boolean {
  const [surname] = splitKoreanName(koreanName);
  const first = getChoseong(surname.slice(0, 1));
  const allowed = INITIALS[first] ?? '';
  return mrzSurname.length > 0 && allowed.includes(mrzSurname[0]!);
}

const latinShare = (s: string) => (s.match(/[A-Za-z0-9]/g)?.length ?? 0) / Math.max(1, s.replace(/\s/g, '').length);

async function koreanName(page: PageText, surname: string, givenNames: string): Promise<string> {
  const mrzTop = Math.min(
    ...page.lines.filter((l) => /<{3,}/.test(l.text)).map((l) => l.y),
    page.height,
  );
  // the Latin name rows of the visual zone: the Korean name is printed near them
  const nameRows = page.lines.filter((l) => {
    const t = l.text.toUpperCase().replace(/\s+/g, '');
    return (surname && t === surname) || (givenNames && t === givenNames.replace(/\s+/g, ''));
  });
  const near = (l: PageLine) => (nameRows.length ? Math.min(...nameRows.map((r) => Math.abs(r.y - l.y))) : l.y);
  const candidates = [...page.lines, ...(page.unread ?? [])]
    .filter((l) => l.y + l.h < mrzTop && latinShare(l.text) < 0.5 && l.w < page.width * 0.6)
    .sort((a, b) => near(a) - near(b))
    .slice(0, MAX_CANDIDATES);
  for (const line of candidates) {
    const read = await page.reread(line, 'hangul');
    const text = toHalfWidth(read.text).replace(LABEL, '').replace(/[\s/:.]+/g, '');
    if (/^[\uac00-\ud7a3]{2,5}$/.test(text) && agreesWithSurname(text, surname)) return text;
  }
  return '';
}

export const korPassport: DocumentModule = {
  codes: ['KOR03001'],
  docClass: 'GLB03',
  fields: { '01': FIELDS },

  identify(page: PageText): Identification | null {
    const mrz = page.mrz;
    if (!mrz || !isPassportMrz(mrz) || mrz.fields.issuingState !== 'KOR') return null;
    return { code: 'KOR03001', page: '01', score: mrz.valid ? 1 : 0.8 };
  },

  async extract(page: PageText): Promise<Extraction> {
    const mrz = page.mrz;
    if (!mrz) {
      const empty = Object.fromEntries(FIELDS.map((k) => [k, '']));
      return { fields: empty, consistent: false, problems: ['no machine-readable zone'] };
    }
    const p = passportFields(mrz);
    const fields: Record<string, string> = Object.fromEntries(FIELDS.map((k) => [k, p[k] ?? '']));
    fields.koreanName = await koreanName(page, mrz.fields.surname, mrz.fields.givenNames);
    const problems = mrz.valid ? [] : ['MRZ check digits do not hold'];
    return { fields, consistent: problems.length === 0, problems };
  },

  general(f): GeneralFields {
    return { surname_s: f.surname ?? '', given_name_s: f.givenname ?? '', date_of_birth_s: f.birthDate ?? '', card_number_s: f.passportNo ?? '', sex_s: f.sex ?? '' };
  },

  /** The passport's own romanisation (the MRZ) is the standard Latin form of its holder's name. */
  standardize(f): StandardData {
    return {
      surname_s: f.surname ?? '',
      given_name_s: f.givenname ?? '',
      sex_s: f.sex ?? '',
      date_of_birth_s: f.birthDate ?? '',
      date_of_expiry_s: f.expiryDate ?? '',
    };
  },
};
