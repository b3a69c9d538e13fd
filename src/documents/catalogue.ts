/**
 * The ID_OCR_MAX document catalogue (../shared/spec/documents.md): code = ISO 3166 alpha-3 country
 * (GLB = any) + 2-digit category + 3-digit variant. Data only; readers live in their own modules.
 */
export type DocCategory = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '99';
export type DocPage = '01' | '02';

/** How this server reads a type; null while no reader exists for it yet. */
export type Reader = 'passport-mrz' | null;

export interface DocumentType {
  readonly code: string;
  readonly name: string;
  readonly pages: readonly DocPage[];
  readonly reader: Reader;
}

const doc = (code: string, name: string, pages: readonly DocPage[] = ['01'], reader: Reader = null): DocumentType => ({
  code,
  name,
  pages,
  reader,
});
/** Passports of every ICAO state carry a TD3 MRZ on the data page. */
const passport = (code: string, name: string): DocumentType => doc(code, name, ['01'], 'passport-mrz');

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  passport('GLB03002', 'Passport (any issuing state), read from the MRZ'),
  passport('GLB03001', 'Passport (any issuing state), visual zone and MRZ'),
  doc('CHN01001', 'PRC resident identity card', ['01', '02']),
  doc('CHN02001', 'PRC driving licence'),
  passport('CHN03001', 'PRC passport'),
  doc('CHN05001', 'Exit-Entry Permit for travelling to and from Hong Kong and Macao'),
  doc('CHN05002', 'Mainland Travel Permit for Hong Kong and Macao residents'),
  doc('CHN05003', 'Mainland Travel Permit for Taiwan residents'),
  doc('CHN05004', 'Exit-Entry Permit for travelling to and from Taiwan'),
  doc('CHN06001', 'PRC permanent residence card for foreigners'),
  doc('HKG01001', 'Hong Kong identity card (2003)'),
  doc('HKG01002', 'Hong Kong identity card (2018)'),
  doc('HKG02001', 'Hong Kong driving licence'),
  doc('MAC01001', 'Macao identity card (2023)'),
  doc('MAC01002', 'Macao identity card (2013)'),
  doc('MAC01003', 'Macao identity card (2002)'),
  doc('TWN01001', 'Taiwan identity card', ['01', '02']),
  doc('KOR01001', 'Korean resident registration card'),
  doc('KOR02001', 'Korean driving licence'),
  passport('KOR03001', 'Korean passport'),
  doc('IDN01001', 'Indonesian identity card (KTP)'),
  doc('MYS01001', 'Malaysian identity card (MyKad)', ['01', '02']),
  doc('MYS02001', 'Malaysian driving licence'),
  doc('SGP01001', 'Singapore NRIC', ['01', '02']),
  doc('SGP02001', 'Singapore driving licence'),
  passport('SGP03001', 'Singapore passport'),
  doc('THA01001', 'Thai identity card'),
  doc('THA02001', 'Thai driving licence'),
  passport('THA03001', 'Thai passport'),
  doc('VNM01001', 'Vietnamese chip identity card', ['01', '02']),
  passport('VNM03001', 'Vietnamese passport'),
  doc('PHL01001', 'Philippine identity card (PhilSys)'),
  passport('PHL03001', 'Philippine passport'),
];

const BY_CODE = new Map(DOCUMENT_TYPES.map((d) => [d.code, d]));

export function documentType(code: string): DocumentType | undefined {
  return BY_CODE.get(code);
}

/** Country and category of a code: the 5-character class the classifier answers (`CHN01`, `GLB03`). */
export const docClass = (code: string): string => code.slice(0, 5);
