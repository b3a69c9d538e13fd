/**
 * Every document module this server has, and which catalogue codes can be requested. Passports
 * are read by the MRZ path of the pipeline (catalogue reader 'passport-mrz'); every other type
 * needs a module here.
 */
import { documentType } from './catalogue.js';
import { chnDrivingLicence } from './chn-dl.js';
import { chnResidentId } from './chn-id.js';
import { hkgId } from './hkg-id.js';
import { idnKtp } from './idn-ktp.js';
import { korDrivingLicence, korIdCard } from './kor-cards.js';
import { korPassport } from './kor-passport.js';
import { PERMIT_MODULES } from './chn-permits.js';
import { macaoId } from './mac-id.js';
import type { DocumentModule } from './module.js';

export const DOCUMENT_MODULES: readonly DocumentModule[] = [
  chnResidentId,
  chnDrivingLicence,
  ...PERMIT_MODULES,
  macaoId,
  hkgId,
  korIdCard,
  korDrivingLicence,
  korPassport,
  idnKtp,
];

const BY_CODE = new Map<string, DocumentModule>();
for (const m of DOCUMENT_MODULES) for (const code of m.codes) BY_CODE.set(code, m);

export const moduleFor = (code: string): DocumentModule | undefined => BY_CODE.get(code);

/** Whether DocOcrMax can be asked for this code (OcrModel 0). */
export function isSupported(code: string): boolean {
  const type = documentType(code);
  if (!type) return false;
  return type.reader === 'passport-mrz' || BY_CODE.has(code);
}
