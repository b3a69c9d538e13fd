/**
 * ICAO 9303 machine-readable zone layouts, as data (Part 4 TD3, Part 5 TD1, Part 6 TD2, Part 7
 * MRV-A / MRV-B). Positions are 0-based, `start` inclusive, lengths in characters.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

/**
 * Character class of a field:
 * - `alpha`: A–Z or the filler `<` (names, state codes, document code)
 * - `numeric`: 0–9 (a field made only of fillers is tolerated: unknown date)
 * - `alphanumeric`: A–Z, 0–9 or `<` (document number, personal number, optional data)
 * - `check`: a check digit 0–9; `<` only where ICAO allows it (see {@link CheckSpec.fillerWhenEmpty})
 * - `sex`: `M`, `F`, `X` or `<`
 */
export type CharClass = 'alpha' | 'numeric' | 'alphanumeric' | 'check' | 'sex';

export type FieldName =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'documentNumberCheck'
  | 'optional1'
  | 'optional2'
  | 'birthDate'
  | 'birthDateCheck'
  | 'sex'
  | 'expiryDate'
  | 'expiryDateCheck'
  | 'nationality'
  | 'personalNumber'
  | 'personalNumberCheck'
  | 'compositeCheck';

export type CheckName = 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';

export interface FieldSpec {
  readonly name: FieldName;
  readonly line: number;
  readonly start: number;
  readonly length: number;
  readonly cls: CharClass;
  /** Where fillers go when the data is shorter than the field: `right` = data left-aligned. */
  readonly padding: 'right' | 'none';
  /** The check digit whose computation covers this field (the composite is listed when it is the only one). */
  readonly checkedBy: readonly CheckName[];
}

export interface Range {
  readonly line: number;
  readonly start: number;
  readonly length: number;
}

export interface Pos {
  readonly line: number;
  readonly pos: number;
}

export interface CheckSpec {
  readonly name: CheckName;
  /** Where the check digit is printed. */
  readonly digit: Pos;
  /** The characters it is computed over, concatenated in this order. */
  readonly ranges: readonly Range[];
  /** `<` is an acceptable check digit when all covered characters are fillers. */
  readonly fillerWhenEmpty: boolean;
}

export interface FormatSpec {
  readonly format: MrzFormat;
  readonly lineCount: number;
  readonly lineLength: number;
  /** Allowed first characters of the document code. */
  readonly documentCodeFirst: string;
  readonly fields: readonly FieldSpec[];
  readonly checks: readonly CheckSpec[];
  /**
   * TD1/TD2: a document number longer than 9 characters continues in this optional field, announced
   * by `<` in the document-number check-digit position; its check digit then follows the extension
   * (ICAO 9303 Part 5 §4.2.4, Part 6 §4.2.4).
   */
  readonly documentNumberExtension?: FieldName;
}

const f = (
  name: FieldName,
  line: number,
  start: number,
  length: number,
  cls: CharClass,
  checkedBy: readonly CheckName[] = [],
  padding: 'right' | 'none' = 'none',
): FieldSpec => ({ name, line, start, length, cls, padding, checkedBy });

const r = (line: number, start: number, end: number): Range => ({ line, start, length: end - start });

const check = (name: CheckName, line: number, pos: number, ranges: readonly Range[], fillerWhenEmpty = false): CheckSpec => ({
  name,
  digit: { line, pos },
  ranges,
  fillerWhenEmpty,
});

/** TD1: 3 lines of 30 (ID cards). */
const TD1: FormatSpec = {
  format: 'TD1',
  lineCount: 3,
  lineLength: 30,
  documentCodeFirst: 'IAC',
  documentNumberExtension: 'optional1',
  fields: [
    f('documentCode', 0, 0, 2, 'alpha'),
    f('issuingState', 0, 2, 3, 'alpha'),
    f('documentNumber', 0, 5, 9, 'alphanumeric', ['documentNumber', 'composite'], 'right'),
    f('documentNumberCheck', 0, 14, 1, 'check', ['composite']),
    f('optional1', 0, 15, 15, 'alphanumeric', ['composite'], 'right'),
    f('birthDate', 1, 0, 6, 'numeric', ['birthDate', 'composite']),
    f('birthDateCheck', 1, 6, 1, 'check', ['composite']),
    f('sex', 1, 7, 1, 'sex'),
    f('expiryDate', 1, 8, 6, 'numeric', ['expiryDate', 'composite']),
    f('expiryDateCheck', 1, 14, 1, 'check', ['composite']),
    f('nationality', 1, 15, 3, 'alpha'),
    f('optional2', 1, 18, 11, 'alphanumeric', ['composite'], 'right'),
    f('compositeCheck', 1, 29, 1, 'check'),
    f('name', 2, 0, 30, 'alpha', [], 'right'),
  ],
  checks: [
    check('documentNumber', 0, 14, [r(0, 5, 14)]),
    check('birthDate', 1, 6, [r(1, 0, 6)]),
    check('expiryDate', 1, 14, [r(1, 8, 14)]),
    check('composite', 1, 29, [r(0, 5, 30), r(1, 0, 7), r(1, 8, 15), r(1, 18, 29)]),
  ],
};

/** TD2: 2 lines of 36 (ID cards, some travel documents). */
const TD2: FormatSpec = {
  format: 'TD2',
  lineCount: 2,
  lineLength: 36,
  documentCodeFirst: 'IAC',
  documentNumberExtension: 'optional1',
  fields: [
    f('documentCode', 0, 0, 2, 'alpha'),
    f('issuingState', 0, 2, 3, 'alpha'),
    f('name', 0, 5, 31, 'alpha', [], 'right'),
    f('documentNumber', 1, 0, 9, 'alphanumeric', ['documentNumber', 'composite'], 'right'),
    f('documentNumberCheck', 1, 9, 1, 'check', ['composite']),
    f('nationality', 1, 10, 3, 'alpha'),
    f('birthDate', 1, 13, 6, 'numeric', ['birthDate', 'composite']),
    f('birthDateCheck', 1, 19, 1, 'check', ['composite']),
    f('sex', 1, 20, 1, 'sex'),
    f('expiryDate', 1, 21, 6, 'numeric', ['expiryDate', 'composite']),
    f('expiryDateCheck', 1, 27, 1, 'check', ['composite']),
    f('optional1', 1, 28, 7, 'alphanumeric', ['composite'], 'right'),
    f('compositeCheck', 1, 35, 1, 'check'),
  ],
  checks: [
    check('documentNumber', 1, 9, [r(1, 0, 9)]),
    check('birthDate', 1, 19, [r(1, 13, 19)]),
    check('expiryDate', 1, 27, [r(1, 21, 27)]),
    check('composite', 1, 35, [r(1, 0, 10), r(1, 13, 20), r(1, 21, 35)]),
  ],
};

/** TD3: 2 lines of 44 (passport booklets). */
const TD3: FormatSpec = {
  format: 'TD3',
  lineCount: 2,
  lineLength: 44,
  documentCodeFirst: 'P',
  fields: [
    f('documentCode', 0, 0, 2, 'alpha'),
    f('issuingState', 0, 2, 3, 'alpha'),
    f('name', 0, 5, 39, 'alpha', [], 'right'),
    f('documentNumber', 1, 0, 9, 'alphanumeric', ['documentNumber', 'composite'], 'right'),
    f('documentNumberCheck', 1, 9, 1, 'check', ['composite']),
    f('nationality', 1, 10, 3, 'alpha'),
    f('birthDate', 1, 13, 6, 'numeric', ['birthDate', 'composite']),
    f('birthDateCheck', 1, 19, 1, 'check', ['composite']),
    f('sex', 1, 20, 1, 'sex'),
    f('expiryDate', 1, 21, 6, 'numeric', ['expiryDate', 'composite']),
    f('expiryDateCheck', 1, 27, 1, 'check', ['composite']),
    f('personalNumber', 1, 28, 14, 'alphanumeric', ['personalNumber', 'composite'], 'right'),
    f('personalNumberCheck', 1, 42, 1, 'check', ['composite']),
    f('compositeCheck', 1, 43, 1, 'check'),
  ],
  checks: [
    check('documentNumber', 1, 9, [r(1, 0, 9)]),
    check('birthDate', 1, 19, [r(1, 13, 19)]),
    check('expiryDate', 1, 27, [r(1, 21, 27)]),
    check('personalNumber', 1, 42, [r(1, 28, 42)], true),
    check('composite', 1, 43, [r(1, 0, 10), r(1, 13, 20), r(1, 21, 43)]),
  ],
};

/** Visa line 2 up to the optional data, shared by MRV-A and MRV-B. */
const visaFields = (lineLength: number): FieldSpec[] => [
  f('documentCode', 0, 0, 2, 'alpha'),
  f('issuingState', 0, 2, 3, 'alpha'),
  f('name', 0, 5, lineLength - 5, 'alpha', [], 'right'),
  f('documentNumber', 1, 0, 9, 'alphanumeric', ['documentNumber'], 'right'),
  f('documentNumberCheck', 1, 9, 1, 'check'),
  f('nationality', 1, 10, 3, 'alpha'),
  f('birthDate', 1, 13, 6, 'numeric', ['birthDate']),
  f('birthDateCheck', 1, 19, 1, 'check'),
  f('sex', 1, 20, 1, 'sex'),
  f('expiryDate', 1, 21, 6, 'numeric', ['expiryDate']),
  f('expiryDateCheck', 1, 27, 1, 'check'),
  f('optional1', 1, 28, lineLength - 28, 'alphanumeric', [], 'right'),
];

const visaChecks: readonly CheckSpec[] = [
  check('documentNumber', 1, 9, [r(1, 0, 9)]),
  check('birthDate', 1, 19, [r(1, 13, 19)]),
  check('expiryDate', 1, 27, [r(1, 21, 27)]),
];

/** MRV-A: 2 lines of 44 (full-page visas). No composite check digit. */
const MRVA: FormatSpec = {
  format: 'MRVA',
  lineCount: 2,
  lineLength: 44,
  documentCodeFirst: 'V',
  fields: visaFields(44),
  checks: visaChecks,
};

/** MRV-B: 2 lines of 36 (smaller visas). No composite check digit. */
const MRVB: FormatSpec = {
  format: 'MRVB',
  lineCount: 2,
  lineLength: 36,
  documentCodeFirst: 'V',
  fields: visaFields(36),
  checks: visaChecks,
};

export const FORMATS: Readonly<Record<MrzFormat, FormatSpec>> = { TD1, TD2, TD3, MRVA, MRVB };

export const ALL_FORMATS: readonly FormatSpec[] = [TD1, TD2, TD3, MRVA, MRVB];

export function fieldSpec(spec: FormatSpec, name: FieldName): FieldSpec | undefined {
  return spec.fields.find((x) => x.name === name);
}

/** The raw text of a field (fillers kept). */
export function fieldText(spec: FormatSpec, lines: readonly string[], name: FieldName): string {
  const fs = fieldSpec(spec, name);
  if (!fs) return '';
  return (lines[fs.line] ?? '').slice(fs.start, fs.start + fs.length);
}

/** Per position of each line: the field that owns it. */
export function fieldMap(spec: FormatSpec): FieldSpec[][] {
  const map: FieldSpec[][] = Array.from({ length: spec.lineCount }, () => new Array<FieldSpec>(spec.lineLength));
  for (const fs of spec.fields) for (let i = 0; i < fs.length; i++) map[fs.line]![fs.start + i] = fs;
  return map;
}

/** A check digit resolved against concrete lines: data positions (alternative orders) and digit. */
export interface ResolvedCheck {
  readonly name: CheckName;
  readonly digit: Pos;
  /** One or more alternative position lists; the check holds if any of them does. */
  readonly variants: readonly (readonly Pos[])[];
  readonly fillerWhenEmpty: boolean;
}

const rangePositions = (ranges: readonly Range[]): Pos[] =>
  ranges.flatMap((rg) => Array.from({ length: rg.length }, (_, i) => ({ line: rg.line, pos: rg.start + i })));

/**
 * Where a TD1/TD2 long document number continues: when the check-digit position holds `<` and the
 * optional field starts with data, the extension runs up to the character before the first filler
 * of that field, and that last character is the check digit. Returns null when not extended.
 */
export function documentNumberExtension(
  spec: FormatSpec,
  lines: readonly string[],
): { readonly digit: Pos; readonly extension: readonly Pos[] } | null {
  if (!spec.documentNumberExtension) return null;
  const dc = spec.checks.find((c) => c.name === 'documentNumber');
  const opt = fieldSpec(spec, spec.documentNumberExtension);
  if (!dc || !opt) return null;
  const line = lines[dc.digit.line] ?? '';
  if (line[dc.digit.pos] !== '<') return null;
  const text = (lines[opt.line] ?? '').slice(opt.start, opt.start + opt.length);
  if (text.length === 0 || text[0] === '<') return null;
  let end = text.indexOf('<');
  if (end < 0) end = text.length;
  // The extension has at least one character before its check digit.
  if (end < 2) return null;
  const extension = Array.from({ length: end - 1 }, (_, i) => ({ line: opt.line, pos: opt.start + i }));
  return { digit: { line: opt.line, pos: opt.start + end - 1 }, extension };
}

/** The checks of a format resolved against lines (handles the TD1/TD2 long document number). */
export function resolveChecks(spec: FormatSpec, lines: readonly string[]): ResolvedCheck[] {
  const ext = documentNumberExtension(spec, lines);
  return spec.checks.map((c) => {
    const base = rangePositions(c.ranges);
    if (c.name === 'documentNumber' && ext) {
      // ICAO's example gives the same digit either way; issuers differ on whether the `<` at the
      // check-digit position counts, so both computations are accepted.
      const withFiller = [...base, c.digit, ...ext.extension];
      const without = [...base, ...ext.extension];
      return { name: c.name, digit: ext.digit, variants: [without, withFiller], fillerWhenEmpty: false };
    }
    return { name: c.name, digit: c.digit, variants: [base], fillerWhenEmpty: c.fillerWhenEmpty };
  });
}
