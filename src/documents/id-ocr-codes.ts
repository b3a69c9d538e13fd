/**
 * The DocType codes of the ID_OCR product (Initialize, ../shared/seeds/002_*.txt) mapped onto the
 * ID_OCR_MAX catalogue. Data only: whether a type can be read is the catalogue's answer at call time.
 */
import { documentType, type DocumentType } from './catalogue.js';

export const ID_OCR_DOC_TYPES: Readonly<Record<string, { readonly catalogue: string; readonly name: string }>> = {
  '01000000': { catalogue: 'GLB03002', name: 'Global passport' },
  '00000006': { catalogue: 'HKG01001', name: 'Hong Kong identity card (2003)' },
  '00000008': { catalogue: 'HKG01002', name: 'Hong Kong identity card (2018)' },
  '00000007': { catalogue: 'CHN05001', name: 'Exit-Entry Permit for travelling to and from Hong Kong and Macao' },
  '00000009': { catalogue: 'CHN05002', name: 'Mainland Travel Permit for Hong Kong and Macao residents' },
  // The seed lists these two with nine digits; the 8-digit spelling is accepted as the same type.
  '000000011': { catalogue: 'MAC01001', name: 'Macao identity card' },
  '00000011': { catalogue: 'MAC01001', name: 'Macao identity card' },
  '000000012': { catalogue: 'CHN05003', name: 'Mainland Travel Permit for Taiwan residents' },
  '00000012': { catalogue: 'CHN05003', name: 'Mainland Travel Permit for Taiwan residents' },
  '00000001': { catalogue: 'CHN01001', name: 'PRC resident identity card' },
};

/** The catalogue entry of an ID_OCR DocType, or undefined for a code the product does not define. */
export function idOcrDocumentType(code: string): DocumentType | undefined {
  const entry = Object.hasOwn(ID_OCR_DOC_TYPES, code) ? ID_OCR_DOC_TYPES[code] : undefined;
  return entry ? documentType(entry.catalogue) : undefined;
}
