/**
 * A passport page's visual zone against its MRZ. Both print the same birth date, expiry date,
 * document number and names; a field edited in the visual zone (re-typed, or pasted from another
 * document) no longer says what the MRZ says. Only the page's text is used, no layout: each MRZ
 * value must be found somewhere in the visual zone, allowing one OCR slip; a name found only in rows that
 * also hold the other name (the holder's signature) does not count when the other has a row of its own. A page whose visual
 * zone could not be read well enough to show a date on three rows (two, when everything else was found) is
 * not judged (nothing is known).
 */
import { editDistance, findDates, toHalfWidth, withoutMarks } from './fields.js';
import type { PageLine } from './module.js';
import type { MrzReading } from './mrz/index.js';

/**
 * Visual-zone dates needed before the page is judged: passports print birth, issue and expiry, and a
 * page on which the recogniser did not make out all three is too poorly read to accuse (on 20 genuine
 * real passport photos, 5 were flagged with 2; an expiry date misread is not a forgery) — unless every
 * other value (number, names) was found there: then two dated rows will do, and a missing birth or
 * expiry date is a finding (a field pasted over a date row leaves two; tuning seeds: 27 → 29 of 40
 * tampered photos caught, no clean passport photo of 62 flagged, one more of the 19 real passports —
 * `100_pass-lux`, whose expiry year the detector cut — already flagged by the pixel checks).
 */
const MIN_DATES = 3;
const MIN_DATES_WELL_READ = 2;
/** Name parts shorter than this are not looked for (initials, particles). */
const MIN_NAME_PART = 3;
/** OCR slips forgiven in a name part: mixed-case print (`Vzor` read `Vzon`) is read less surely than capitals. */
const nameSlips = (part: string): number => (part.length >= 9 ? 2 : part.length >= 4 ? 1 : 0);

/** Month names and abbreviations printed on passports (English, French, German, Spanish, Italian, Portuguese, Dutch). */
const MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['JAN JANUARY JANV JANVIER JANNER ENE ENERO GEN GENNAIO JANEIRO JANUARI', 1],
    ['FEB FEBRUARY FEV FEVR FEVRIER FEBRUAR FEBRERO FEBBRAIO FEVEREIRO FEBRUARI', 2],
    ['MAR MARCH MARS MRZ MAERZ MARZ MARZO MARCO MAART MRT', 3],
    ['APR APRIL AVR AVRIL ABR ABRIL APRILE', 4],
    ['MAY MAI MAG MAGGIO MAYO MAIO MEI', 5],
    ['JUN JUNE JUIN JUNI JUNIO GIU GIUGNO JUNHO', 6],
    ['JUL JULY JUIL JUILLET JULI JULIO LUG LUGLIO JULHO', 7],
    ['AUG AUGUST AOUT AGO AGOSTO AUGUSTUS', 8],
    ['SEP SEPT SEPTEMBER SEPTEMBRE SEPTIEMBRE SET SETTEMBRE SETEMBRO', 9],
    ['OCT OCTOBER OCTOBRE OKT OKTOBER OCTUBRE OTT OTTOBRE OUT OUTUBRO', 10],
    ['NOV NOVEMBER NOVEMBRE NOVIEMBRE NOVEMBRO', 11],
    ['DEC DECEMBER DECEMBRE DEZ DEZEMBER DIC DICIEMBRE DICEMBRE DEZEMBRO', 12],
  ].flatMap(([names, m]) => (names as string).split(' ').map((n) => [n, m as number])),
);

/** ICAO 9303 transliterations of letters printed with diacritics in the visual zone. */
const TRANSLITERATIONS: readonly (readonly [RegExp, string])[] = [
  [/Ä|Æ/g, 'AE'],
  [/Ö|Ø|Œ/g, 'OE'],
  [/Ü/g, 'UE'],
  [/Å/g, 'AA'],
  [/ß/g, 'SS'],
  [/Þ/g, 'TH'],
];

const lettersOnly = (s: string): string => s.replace(/[^A-Z]/g, '');
/** A visual-zone text in capitals, half-width, without diacritics. */
const plainUpper = (s: string): string => withoutMarks(toHalfWidth(s).toUpperCase());

/** The forms a printed name may take once in the MRZ alphabet: marks dropped, or ICAO-transliterated. */
function nameForms(text: string): string[] {
  const upper = toHalfWidth(text).toUpperCase();
  let icao = upper;
  for (const [re, to] of TRANSLITERATIONS) icao = icao.replace(re, to);
  return [...new Set([lettersOnly(withoutMarks(upper)), lettersOnly(withoutMarks(icao))])];
}

/** OCR confusions folded away before a document number is compared (the same on both sides). */
const foldNumber = (s: string): string =>
  s.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/[OQD]/g, '0').replace(/[IL]/g, '1').replace(/Z/g, '2').replace(/S/g, '5').replace(/B/g, '8').replace(/G/g, '6');

/** Fewest edits that turn `needle` into some substring of `hay` (Sellers' approximate matching). */
export function substringDistance(hay: string, needle: string): number {
  if (needle.length === 0 || hay.includes(needle)) return 0;
  let prev = Array.from({ length: needle.length + 1 }, (_, i) => i);
  let best = prev[needle.length]!;
  for (let j = 1; j <= hay.length; j++) {
    const cur = [0];
    for (let i = 1; i <= needle.length; i++) {
      cur[i] = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (needle[i - 1] === hay[j - 1] ? 0 : 1));
    }
    best = Math.min(best, cur[needle.length]!);
    prev = cur;
  }
  return best;
}

/** Whether `needle` occurs in `hay` with at most `errors` edits (approximate substring match). */
export const containsApprox = (hay: string, needle: string, errors: number): boolean => substringDistance(hay, needle) <= errors;

/** yymmdd of a yyyy-mm-dd date, or '' when there is none. */
const yymmdd = (iso: string): string => (iso ? iso.slice(2).replace(/-/g, '') : '');

/**
 * Dates printed as passports print them, as yymmdd (years are compared on their last two digits, as
 * in the MRZ): those findDates knows, plus `12 AUGUST/AOUT 74`, `16 APR/AVR 07`, `04 JUL 2002`.
 */
export function vizDates(text: string): string[] {
  // an O between a digit and a non-letter is a zero (the OCR-B reader of the visual zone reads 0 and O
  // alike); `12OCT` keeps its month
  const s = plainUpper(text).replace(/(?<![A-Z])O(?=[0-9])|(?<=[0-9])O(?![A-Z])/g, '0');
  const out = findDates(s).map((d) => yymmdd(d.date));
  const digit = (x: string): string => x.replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const m of s.matchAll(/(?<![0-9A-Z])([0-9OIL]{1,2})\s*[ .\-]?\s*([A-Z]{3,12})(?:\s*\/\s*[A-Z]{3,9})*\s*[ .\-]?\s*([0-9OIL]{4}|[0-9OIL]{2})(?![0-9])/g)) {
    // a bilingual month read without its slash (`JANIJAN`) starts with the first month's abbreviation
    const month = MONTHS[m[2]!] ?? MONTHS[m[2]!.slice(0, 3)];
    const day = Number(digit(m[1]!));
    if (!month || day < 1 || day > 31) continue;
    const year = digit(m[3]!).slice(-2);
    out.push(`${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`);
  }
  // a day-month-year date with one separator lost (`01.072014`) or both (`01072014`: the OCR-B reader has no `.`)
  for (const m of s.matchAll(/(?<![0-9])([0-9]{2})(?:[.\-/]?([0-9]{2})|([0-9]{2})[.\-/])((?:19|20)[0-9]{2})(?![0-9])/g)) {
    const day = Number(m[1]);
    const month = Number(m[2] ?? m[3]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) out.push(`${m[4]!.slice(2)}${m[2] ?? m[3]}${m[1]}`);
  }
  return [...new Set(out)];
}

export interface VizCheck {
  /** The MRZ values looked for in the visual zone (empty when the page was not judged). */
  readonly checked: readonly string[];
  /** Values the visual zone does not print as the MRZ has them, in words. */
  readonly problems: readonly string[];
}

/** One digit apart at most: an OCR slip, not another date. */
const sameDate = (a: string, b: string): boolean => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length <= 1;

/** The visual zone's texts: each line, and each row (boxes the detector split on one printed line) joined. */
function vizRows(mrz: MrzReading, lines: readonly PageLine[]): string[][] {
  const viz = lines.filter((l) => !/<{2,}/.test(l.text) && !mrz.lines.some((m) => editDistance(l.text.replace(/\s+/g, ''), m) <= m.length * 0.3));
  const rows = new Map<string, string[]>();
  for (const l of viz) {
    const row = viz.filter((o) => Math.abs(o.y + o.h / 2 - (l.y + l.h / 2)) < Math.min(o.h, l.h) * 0.5).sort((a, b) => a.x - b.x);
    rows.set(row.map((o) => viz.indexOf(o)).join(','), [row.map((o) => o.text).join(' '), ...row.map((o) => o.text)]);
  }
  return [...rows.values()];
}

/** Name parts compared for the surname and the given names (see checkVisualZone). */
function nameParts(mrz: MrzReading): { readonly field: 'surname' | 'givenname'; readonly parts: readonly string[] }[] {
  const out: { field: 'surname' | 'givenname'; parts: string[] }[] = [];
  for (const [field, value, full] of [
    ['surname', mrz.fields.surname, false],
    ['givenname', mrz.fields.givenNames, true],
  ] as const) {
    const parts = value.split(/\s+/).filter((p) => p.length >= MIN_NAME_PART);
    // a name that fills the MRZ field to its end may be cut there: its last part is not compared
    const last = value.split(/\s+/).at(-1) ?? '';
    const cut = full && mrz.lines.some((l) => l.endsWith(last)) ? parts.slice(0, -1) : parts;
    if (cut.length > 0) out.push({ field, parts: cut });
  }
  return out;
}

const DATE_FIELDS = ['birthDate', 'expiryDate'] as const;

/**
 * Checks the visual zone (the page's lines other than the MRZ) against the MRZ. `lines` are the
 * page's text lines in reading order.
 */
export function checkVisualZone(mrz: MrzReading, lines: readonly PageLine[]): VizCheck {
  const rows = vizRows(mrz, lines);
  const texts = rows.flat();
  const rowDates = rows.map((r) => r.flatMap(vizDates));
  const dates = new Set(rowDates.flat());
  // printed dates are counted per row: a date copied over another still shows as a printed date
  const datedRows = rowDates.filter((d) => d.length > 0).length;
  const unjudged: VizCheck = { checked: [], problems: [] };
  if (datedRows < MIN_DATES_WELL_READ) return unjudged;

  const f = mrz.fields;
  const checked: string[] = [];
  const problems: string[] = [];
  for (const name of DATE_FIELDS) {
    const want = yymmdd(f[name]);
    if (!want) continue;
    checked.push(name);
    if (![...dates].some((d) => sameDate(d, want))) problems.push(`${name}: not printed in the visual zone as in the MRZ`);
  }
  const number = foldNumber(f.documentNumber);
  if (number.length >= 6) {
    checked.push('passportNo');
    const folded = texts.map(foldNumber);
    if (!folded.some((r) => containsApprox(r, number, 1))) problems.push('passportNo: not printed in the visual zone as in the MRZ');
  }
  const rowNames = rows.map((r) => r.flatMap(nameForms));
  const inRow = (part: string, r: number) => rowNames[r]!.some((t) => containsApprox(t, part, nameSlips(part)));
  const names = nameParts(mrz);
  // per name, the rows that show it whole
  const whole = names.map(({ parts }) => rowNames.map((_, r) => parts.every((p) => inRow(p, r))));
  names.forEach(({ field, parts }, k) => {
    checked.push(field);
    const found = parts.every((p) => rowNames.some((_, r) => inRow(p, r)));
    // a page that prints the other name in a field of its own prints this one so too: found only in rows
    // that also hold the other name (the holder's signature), it was covered in its own field
    const other = names.length === 2 ? whole[1 - k]! : null;
    const own = whole[k]!;
    const onlyBeside = other !== null && own.some(Boolean) && own.every((x, r) => !x || other[r]) && other.some((x, r) => x && !own[r]);
    if (!found || onlyBeside) problems.push(`${field}: not printed in the visual zone as in the MRZ`);
  });
  const onlyDates = problems.every((p) => DATE_FIELDS.some((d) => p.startsWith(`${d}:`)));
  if (datedRows < MIN_DATES && !onlyDates) return unjudged;
  return { checked, problems };
}

/**
 * Letters a rough reading of proportional capitals confuses (the OCR-B model's: a narrow I lost, M read
 * as N, H or V), folded alike. For choosing what to read next only, never for judging.
 */
const roughFold = (s: string): string => s.replace(/[^A-Z0-9]/g, '').replace(/I/g, '').replace(/[MNHVW]/g, 'N');

/**
 * Which lines of a rough first reading (`quick`) most likely hold the MRZ values that `lines` do not
 * show yet: a function of a line's text, lower first (0 when it holds one; 1 when it is nothing like
 * any). The engine then reads those boxes first.
 */
export function vizReadingOrder(mrz: MrzReading, lines: readonly PageLine[]): (text: string) => number {
  const check = checkVisualZone(mrz, lines);
  const judged = check.checked.length > 0;
  const missing = (field: string) => !judged || check.problems.some((p) => p.startsWith(`${field}:`));
  const f = mrz.fields;
  const digitsOf = (s: string): string => s.replace(/O/g, '0').replace(/[^0-9]/g, '');
  // [fold of a reading, the value looked for in that fold]
  const targets: [(s: string) => string, string][] = [];
  for (const name of DATE_FIELDS) {
    const iso = f[name];
    if (!iso || !missing(name)) continue;
    const [yyyy, mm, dd] = iso.split('-') as [string, string, string];
    for (const form of [dd + mm + yyyy.slice(2), dd + mm + yyyy, dd + yyyy.slice(2), dd + yyyy]) targets.push([digitsOf, form]);
  }
  if (missing('passportNo')) targets.push([foldNumber, foldNumber(f.documentNumber)]);
  for (const { field, parts } of nameParts(mrz)) if (missing(field)) targets.push(...parts.map((p): [(s: string) => string, string] => [roughFold, roughFold(p)]));
  const wanted = targets.filter(([, t]) => t.length >= 3);
  return (text) => {
    const upper = plainUpper(text);
    // more dated rows are needed before the page is judged: any reading with digits may be a date
    let best = !judged && digitsOf(upper).length >= 4 ? 0.25 : 1;
    for (const [fold, t] of wanted) best = Math.min(best, substringDistance(fold(upper), t) / t.length);
    return best;
  };
}
