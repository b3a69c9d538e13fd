import type { MrzReading } from './mrz/index.js';

/** The seed's "Global Passport" fields, all read from the MRZ. */
export function passportFields(mrz: MrzReading): Record<string, string> {
  const f = mrz.fields;
  const out: Record<string, string> = {
    surname: f.surname,
    givenname: f.givenNames,
    sex: f.sex,
    birthDate: f.birthDate,
    expiryDate: f.expiryDate,
    passportNo: f.documentNumber,
    nationality: f.nationality,
    countryCode: f.issuingState,
    documentCode: f.documentCode,
  };
  if (f.personalNumber) out.personalNumber = f.personalNumber;
  return out;
}

/** An MRZ on a passport booklet (TD3, document code starting with P). */
export const isPassportMrz = (mrz: MrzReading): boolean => mrz.format === 'TD3' && mrz.fields.documentCode.startsWith('P');

/**
 * Document class for the classifier: passports are GLB03 whatever the issuer; other MRZ documents
 * are the issuer's identity card (01) or, for visas, other documents (07).
 */
export function mrzDocClass(mrz: MrzReading): string {
  if (isPassportMrz(mrz)) return 'GLB03';
  const issuer = mrz.fields.issuingState.padEnd(3, 'X').slice(0, 3);
  const category = mrz.fields.documentCode.startsWith('V') ? '07' : '01';
  return `${issuer}${category}`;
}
