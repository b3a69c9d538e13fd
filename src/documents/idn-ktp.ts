/**
 * IDN01001 Indonesian identity card (KTP-el), front. Every field is a "Label : VALUE" row; the
 * value is the rest of the label's box or the boxes to its right on the same row. The NIK encodes
 * the birth date (day + 40 for women) and the province: both are cross-checked with the printed
 * birth date and sex and repaired from each other when one digit was misread.
 */
import { findDates, matchLabel, rowOverlap, editDistance, toHalfWidth } from './fields.js';
import type { DocumentModule, Extraction, GeneralFields, Identification, PageLine, PageText, StandardData } from './module.js';
import { checkNik } from './validators/nik.js';

const FIELDS = [
  'province', 'city', 'nik', 'name', 'placeOfBirth', 'birthDate', 'sex', 'bloodType', 'address', 'rtRw', 'village', 'district',
  'religion', 'maritalStatus', 'occupation', 'nationality', 'expiryDate',
] as const;

/** Labels as printed, most specific first. */
const LABELS = {
  nik: ['NIK'],
  name: ['Nama'],
  birth: ['Tempat/Tgl Lahir', 'Tempat Tgl Lahir'],
  sex: ['Jenis Kelamin'],
  blood: ['Gol. Darah', 'Gol Darah'],
  address: ['Alamat'],
  rtRw: ['RT/RW'],
  village: ['Kel/Desa'],
  district: ['Kecamatan'],
  religion: ['Agama'],
  marital: ['Status Perkawinan'],
  occupation: ['Pekerjaan'],
  nationality: ['Kewarganegaraan'],
  expiry: ['Berlaku Hingga'],
} as const;

const RELIGIONS = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME'];
const MARITAL = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'];
const SEXES = ['LAKI-LAKI', 'PEREMPUAN'];
const BLOOD = ['A', 'B', 'AB', 'O', '-'];

const upper = (s: string) => toHalfWidth(s).replace(/\s+/g, ' ').trim().toUpperCase();
const stripSeparators = (s: string) => toHalfWidth(s).replace(/^[\s:;.,=]+/, '').replace(/\s+/g, ' ').trim();

/** The closest word of a closed vocabulary, when the reading is near enough to it. */
function snap(text: string, vocabulary: readonly string[]): string {
  const t = upper(text);
  let best = '';
  let bestErr = Infinity;
  for (const v of vocabulary) {
    const e = editDistance(t, v);
    if (e < bestErr) {
      best = v;
      bestErr = e;
    }
  }
  return bestErr <= Math.max(1, Math.floor(best.length / 3)) ? best : t;
}

interface LabelRow {
  readonly line: PageLine;
  /** Where the value starts in the label's own box. */
  readonly end: number;
  /** Boxes right of the label on its row that belong to the value. */
  readonly values: readonly PageLine[];
  readonly value: string;
}

/**
 * A label at the start of a box, and its value: the rest of that box plus the boxes to its right
 * on the same row (the first one after the colon column, then any within a few characters).
 */
function labelRow(lines: readonly PageLine[], labels: readonly string[]): LabelRow | null {
  let best: { line: PageLine; end: number; errors: number } | null = null;
  for (const line of lines) {
    for (const label of labels) {
      const hit = matchLabel(line.text, label);
      if (!hit || hit.start > 2) continue;
      if (!best || hit.errors < best.errors) best = { line, end: hit.end, errors: hit.errors };
    }
  }
  if (!best) return null;
  const { line, end } = best;
  const values: PageLine[] = [];
  let right = line.x + line.w;
  const row = lines.filter((l) => l !== line && l.x > line.x && rowOverlap(l, line) >= 0.5).sort((a, b) => a.x - b.x);
  for (const l of row) {
    if (values.length > 0 && l.x - right > 3 * line.h) break;
    values.push(l);
    right = l.x + l.w;
  }
  const value = stripSeparators([line.text.slice(end), ...values.map((v) => v.text)].join(' '));
  return { line, end, values, value };
}

/**
 * The general recogniser often drops the spaces between Latin words ("SITIRAHAYU"); the Latin
 * re-read keeps them. When both readings agree on the letters and digits, the re-read's spaces
 * are put into the general reading.
 */
export function projectSpaces(general: string, spaced: string): string {
  const alnum = (s: string) => toHalfWidth(s).toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!alnum(general) || alnum(general) !== alnum(spaced)) return general;
  const before = new Set<number>();
  let k = 0;
  let space = false;
  for (const c of toHalfWidth(spaced).toUpperCase()) {
    if (/[A-Z0-9]/.test(c)) {
      if (space && k > 0) before.add(k);
      k++;
      space = false;
    } else if (/\s/.test(c)) space = true;
  }
  let out = '';
  k = 0;
  for (const c of toHalfWidth(general)) {
    if (/[A-Za-z0-9]/.test(c)) {
      if (before.has(k) && !/\s$/.test(out)) out += ' ';
      k++;
    }
    out += c;
  }
  return out;
}

/** A long run of letters, or punctuation run into the next word: a reading that may have lost its word spaces. */
const MAY_LACK_SPACES = /[A-Za-z]{6,}|[.,][A-Za-z0-9]/;

async function withSpaces(page: PageText, line: PageLine): Promise<PageLine> {
  if (!MAY_LACK_SPACES.test(line.text)) return line;
  const reread = await page.reread(line, 'latin');
  return { ...line, text: projectSpaces(line.text, reread.text) };
}

/** The label's value with the word spaces restored. */
async function spacedValue(page: PageText, row: LabelRow | null): Promise<string> {
  if (!row) return '';
  const own = row.line.text.slice(row.end);
  let head = own;
  if (MAY_LACK_SPACES.test(own)) {
    const full = await withSpaces(page, row.line);
    // the label keeps its letters: cut the spaced reading after as many letters and digits
    const labelChars = row.line.text.slice(0, row.end).replace(/[^A-Za-z0-9]/g, '').length;
    let k = 0;
    let i = 0;
    for (; i < full.text.length && k < labelChars; i++) if (/[A-Za-z0-9]/.test(full.text[i]!)) k++;
    head = full.text.slice(i);
  }
  const values = await Promise.all(row.values.map((v) => withSpaces(page, v)));
  return stripSeparators([head, ...values.map((v) => v.text)].join(' '));
}

const DIGIT_LOOKALIKE: Readonly<Record<string, string>> = { O: '0', D: '0', Q: '0', I: '1', L: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6', T: '7' };
const digitsOnly = (s: string) =>
  [...upper(s)].map((c) => DIGIT_LOOKALIKE[c] ?? c).join('').replace(/[^0-9]/g, '');

const pad = (n: number) => String(n).padStart(2, '0');

/** The NIK's date digits (DDMMYY, day + 40 for women) for a printed birth date and sex. */
function nikDatePart(birthDate: string, sex: string): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return pad(d + (sex === 'PEREMPUAN' ? 40 : 0)) + pad(m) + pad(y % 100);
}

async function extractFields(page: PageText): Promise<{ fields: Record<string, string>; problems: string[] }> {
  const lines = page.lines;
  const problems: string[] = [];
  const value = (labels: readonly string[]) => labelRow(lines, labels)?.value ?? '';
  /** For free text (names, places): with the word spaces restored. */
  const text = (labels: readonly string[]) => spacedValue(page, labelRow(lines, labels));
  const f: Record<string, string> = Object.fromEntries(FIELDS.map((k) => [k, '']));

  // header: PROVINSI <name> / KOTA|KABUPATEN <name> (or a Jakarta city without prefix) on the next row
  const provinceLine = lines.find((l) => matchLabel(l.text, 'PROVINSI')?.start === 0);
  if (provinceLine) {
    const spaced = (await withSpaces(page, provinceLine)).text;
    f.province = upper(spaced.slice(matchLabel(spaced, 'PROVINSI')!.end));
    const next = lines.find((l) => l.y > provinceLine.y + provinceLine.h * 0.5 && rowOverlap(l, provinceLine) < 0.3);
    if (next && !matchLabel(next.text, 'NIK')) f.city = upper((await withSpaces(page, next)).text);
  }

  const nikRow = labelRow(lines, LABELS.nik);
  let nik = digitsOnly(nikRow?.value ?? '');
  if (nik.length !== 16) {
    // the NIK is also the only 16-digit run on the card
    const run = lines.map((l) => digitsOnly(l.text)).find((d) => d.length === 16);
    if (run) nik = run;
  }

  f.name = upper(await text(LABELS.name));

  const birth = await text(LABELS.birth);
  const date = findDates(birth)[0];
  if (date) {
    f.birthDate = date.date;
    f.placeOfBirth = upper(birth.slice(0, date.index).replace(/[\s,.]+$/, ''));
  } else {
    f.placeOfBirth = upper(birth.split(',')[0] ?? '');
  }

  const sexRow = value(LABELS.sex);
  const sexText = sexRow || lines.map((l) => l.text).find((t) => /LAKI|PEREMPUAN/i.test(t)) || '';
  const sexWord = upper(sexText).match(/[A-Z]+(?:\s*-\s*[A-Z]+)?/)?.[0]?.replace(/\s+/g, '') ?? '';
  f.sex = sexWord ? snap(sexWord, SEXES) : '';
  if (!SEXES.includes(f.sex)) f.sex = /PER|EMP/.test(upper(sexText)) ? 'PEREMPUAN' : /LAK/.test(upper(sexText)) ? 'LAKI-LAKI' : '';

  const blood = value(LABELS.blood) || (sexRow.match(/DARAH\s*[:;]?\s*(\S*)/i)?.[1] ?? '');
  const bloodValue = upper(blood).replace(/^[:;]\s*/, '').replace(/0/g, 'O');
  f.bloodType = BLOOD.includes(bloodValue) ? bloodValue : bloodValue === '' ? '-' : bloodValue;

  f.address = upper(await text(LABELS.address));
  const rtRw = digitsOnly(value(LABELS.rtRw));
  f.rtRw = rtRw.length === 6 ? `${rtRw.slice(0, 3)}/${rtRw.slice(3)}` : upper(value(LABELS.rtRw));
  f.village = upper(await text(LABELS.village));
  f.district = upper(await text(LABELS.district));
  f.religion = snap(value(LABELS.religion), RELIGIONS);
  f.maritalStatus = snap(value(LABELS.marital), MARITAL);
  f.occupation = upper(await text(LABELS.occupation));
  const nationality = upper(value(LABELS.nationality));
  f.nationality = nationality ? snap(nationality, ['WNI', 'WNA']) : '';
  const expiry = value(LABELS.expiry);
  f.expiryDate = /SEUMUR|HIDUP/i.test(expiry) ? 'SEUMUR HIDUP' : (findDates(expiry)[0]?.date ?? upper(expiry));

  // the NIK and the printed birth date / sex vouch for each other
  if (nik.length === 16 && f.birthDate && f.sex) {
    const expected = nikDatePart(f.birthDate, f.sex);
    const encoded = nik.slice(6, 12);
    const differing = [...expected].filter((c, i) => c !== encoded[i]).length;
    if (differing === 1) nik = nik.slice(0, 6) + expected + nik.slice(12);
    else if (differing > 1) problems.push('birth date or sex does not match the NIK');
  }
  const check = checkNik(nik);
  if (!check.valid) problems.push(`NIK ${check.problem ?? 'invalid'}`);
  f.nik = nik.length === 16 ? nik : '';
  if (!f.birthDate && check.valid) problems.push('birth date not read');
  return { fields: f, problems };
}

export const idnKtp: DocumentModule = {
  codes: ['IDN01001'],
  docClass: 'IDN01',
  fields: { '01': FIELDS },

  identify(page: PageText): Identification | null {
    const text = page.lines.map((l) => l.text);
    let score = 0;
    if (text.some((t) => matchLabel(t, 'PROVINSI')?.start === 0)) score += 0.25;
    if (labelRow(page.lines, LABELS.nik)) score += 0.2;
    if (text.some((t) => checkNik(digitsOnly(t)).valid && digitsOnly(t).length === 16)) score += 0.2;
    const labels = [LABELS.birth, LABELS.sex, LABELS.address, LABELS.religion, LABELS.marital, LABELS.occupation, LABELS.nationality];
    score += 0.35 * (labels.filter((l) => labelRow(page.lines, l)).length / labels.length);
    return score > 0 ? { code: 'IDN01001', page: '01', score: Math.min(1, score) } : null;
  },

  async extract(page: PageText): Promise<Extraction> {
    const { fields, problems } = await extractFields(page);
    return { fields, consistent: problems.length === 0, problems };
  },

  general(f): GeneralFields {
    return { surname_s: '', given_name_s: f.name ?? '', date_of_birth_s: f.birthDate ?? '', card_number_s: f.nik ?? '', sex_s: sexLetter(f.sex) };
  },

  standardize(f): StandardData {
    return {
      surname_s: '',
      given_name_s: f.name ?? '',
      sex_s: sexLetter(f.sex),
      date_of_birth_s: f.birthDate ?? '',
      date_of_expiry_s: /^\d{4}-\d{2}-\d{2}$/.test(f.expiryDate ?? '') ? f.expiryDate! : '',
    };
  },
};

function sexLetter(sex: string | undefined): string {
  return sex === 'LAKI-LAKI' ? 'M' : sex === 'PEREMPUAN' ? 'F' : '';
}
