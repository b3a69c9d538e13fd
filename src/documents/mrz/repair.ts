/**
 * From raw OCR lines to the most likely printed MRZ.
 *
 * Every reading is a hypothesis scored in rough log-probability units: each OCR event it assumes
 * (a filler run miscounted, a character confused, a character lost or added at a line end) costs
 * about -ln(how often it happens), and each check digit that does not hold costs as much as an
 * unlikely event (MRZs are printed with correct check digits).
 *
 * 1. Normalise the text (upper case, diacritics dropped, spaces remembered as likely lost fillers).
 * 2. Pick the formats from the line count and lengths (±4); the document code (P, V, I/A/C) picks
 *    among formats of the same shape.
 * 3. Per line, enumerate length repairs (filler runs one or two too short or long, a character too
 *    many or missing at either end, a lost `<` or `<<`), ranked by their cost, the fit of every
 *    character to its field's class and the check digits on that line.
 * 4. Per combination of the best line candidates: force characters into their field's class (a date
 *    read as `O` → `0`, a name read as `0` → `O`), apply filler structure (a `K`/`L` alone in a
 *    trailing filler run is a `<`), then search the substitutions of the characters covered by a
 *    failing check digit (confusion table + the recogniser's alternatives, at most two per check,
 *    composite included) that make it hold.
 * 5. The cheapest hypothesis wins. When another hypothesis that passes its check digits but reads
 *    differently scores almost as well, nothing can tell them apart: the reading is marked not
 *    valid. With a composite check digit, substitutions are kept only if every check then holds;
 *    otherwise the characters are returned as read (class fixes only).
 */
import type { CharCandidate } from '../../engines/engine.js';
import { charValue, isValidCheckDigit, weightAt } from './check-digit.js';
import { checksFrom } from './parse.js';
import { MRZ_ALPHABET, allowedIn, classFix, isDigit, isKnownState, isLetter, partners } from './confusions.js';
import {
  ALL_FORMATS,
  FORMATS,
  fieldMap,
  resolveChecks,
  type CharClass,
  type CheckName,
  type FieldSpec,
  type FormatSpec,
  type MrzFormat,
  type Pos,
  type ResolvedCheck,
} from './formats.js';

/** One OCR line: its text and, when the engine gave them, per-character candidates aligned with it. */
export interface OcrLineInput {
  readonly text: string;
  readonly chars?: readonly CharCandidate[];
}

export type RawMrzLine = string | OcrLineInput;

export interface MrzChecks {
  documentNumber: boolean;
  birthDate: boolean;
  expiryDate: boolean;
  personalNumber?: boolean;
  composite?: boolean;
}

export interface MrzRepair {
  readonly format: MrzFormat;
  readonly lines: string[];
  readonly checks: MrzChecks;
  /**
   * Every check digit holds, no character had to be left unknown, and no other reading that passes
   * the check digits was about as likely.
   */
  readonly valid: boolean;
  /** Characters changed, inserted or removed relative to the OCR text. */
  readonly corrections: number;
  /** Cost of the reading (lower = fewer and likelier OCR events assumed): compares reads of one MRZ. */
  readonly cost: number;
}

interface Cell {
  /** Character as it stands after normalisation/alignment; `?` = unknown (a character was missing). */
  readonly ch: string;
  /** What the OCR gave here ('' for a character the alignment inserted). */
  readonly orig: string;
  readonly cand?: CharCandidate;
}

const FILLER_CELL: Cell = { ch: '<', orig: '' };
const UNKNOWN_CELL: Cell = { ch: '?', orig: '' };
/** A filler inserted where none was read (a distinct object, to find where it landed). */
const LOST_FILLER_CELL: Cell = { ch: '<', orig: '' };

/** Costs, in rough -ln(probability) units. */
const COST = {
  /** A check digit that does not hold. */
  checkFail: 6,
  /** Pruning bonus per check digit on a line that holds as read. */
  localCheck: 4.6,
  /** A filler run read one or two longer/shorter, by the length read: 3+, 2, 1. */
  longRun: 2.5,
  longRun2: 4.5,
  pairRun: 3,
  pairRun2: 5.5,
  shortRun: 4,
  shortRun2: 6.5,
  /** Extra for removing a whole run. */
  spuriousRun: 2,
  /** `<` or `<<` where the OCR gave a space. */
  spaceFiller: 0.5,
  spaceFiller2: 1.5,
  /** Deleting a character at a line end: a filler, anything else. */
  endDeleteFiller: 2.5,
  endDelete: 4.5,
  /** A character lost at a line end. */
  endMissing: 4.5,
  /** A lone `<` (or `<<`) lost between two characters; less where a field starts or ends. */
  lostFiller: 6,
  lostFillerAtBoundary: 2,
  /** The filler after a one-letter document code (`P<`), often lost. */
  codeFiller: 3,
  lostFiller2: 7,
  /** Character-class fit: a confusable character, an impossible one, an unknown one. */
  classFixable: 2,
  classImpossible: 5,
  unknown: 3,
  fillerInDate: 4,
  /** Structure: a document code the format does not allow; an unknown state code. */
  badDocumentCode: 5,
  unknownState: 7,
  /** A state code that starts with a filler: never printed so. */
  stateLeadingFiller: 12,
  /** A run of 3+ fillers inside a name, or a name starting with a single `<`. */
  nameInnerRun: 6,
  /** Name parts separated by single fillers but no `<<` surname separator. */
  nameNoSeparator: 2.5,
  /** A second `<<` between name parts after the surname separator. */
  nameSecondSeparator: 3,
  /** A one-letter name component (initials exist, but a filler read as a letter makes them too). */
  nameInitial: 2,
  /** A name component without a vowel. */
  nameNoVowel: 2,
  /**
   * Fillers make up a large part of a name field and `K` is a rare letter in names; the recogniser's
   * scores know neither, so a letter whose runner-up is `<` is read as `<` unless it was read
   * several times more likely.
   */
  nameFillerPrior: 2.5,
  /** Largest cost of reading as a filler a lone letter after the data of a padded field. */
  trailingFillerLetter: 1.5,
  /** A TD3 document code other than `P<` (PD, PO, PS … exist, `P<` is by far the most common). */
  passportCodeLetter: 2.5,
  /** In numbers and optional data: `<<` inside the data, a second separator, a leading `<`. */
  dataInnerRun: 5,
  dataSecondSeparator: 2,
  dataLeadingFiller: 0.5,
  /** A substitution nothing suggested but the class (an unknown character). */
  wildcard: 6,
  /** Format contradicted by the document code. */
  formatPrior: 5,
  /** A recogniser alternative: -ln(p_alt / p_top) plus this. */
  alternative: 0.5,
  /** A table confusion the recogniser did not list among its alternatives. */
  unlisted: 3,
} as const;

const MAX_ALIGN_COST = 12;
/** Hypotheses closer than this cannot be told apart. */
const AMBIGUITY_MARGIN = 1.5;
/** Length tolerance when matching lines to a format. */
const LENGTH_TOLERANCE = 4;
const LINE_CANDIDATES = 8;
const LINE_COMBINATIONS = 24;
const SOLUTIONS_PER_CHECK = 6;
const OUTCOMES_PER_COMBINATION = 12;

// ---------------------------------------------------------------------------------------------
// Input normalisation

function normalizeLine(raw: RawMrzLine): { cells: Cell[]; spaces: number[] } {
  const text = typeof raw === 'string' ? raw : raw.text;
  const units = [...text];
  const chars = typeof raw === 'string' ? undefined : raw.chars;
  const aligned = chars && chars.length === units.length ? chars : undefined;
  const cells: Cell[] = [];
  const spaces: number[] = [];
  units.forEach((u, i) => {
    let c = u.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    if (c === '«' || c === '‹') c = '<';
    if (/^\s+$/.test(c)) {
      if (cells.length > 0 && spaces[spaces.length - 1] !== cells.length) spaces.push(cells.length);
      return;
    }
    if (c.length !== 1 || !MRZ_ALPHABET.includes(c)) return;
    const cand = aligned?.[i];
    cells.push(cand ? { ch: c, orig: c, cand } : { ch: c, orig: c });
  });
  return { cells, spaces: spaces.filter((s) => s < cells.length) };
}

// ---------------------------------------------------------------------------------------------
// Length normalisation

interface Op {
  readonly delta: number;
  readonly cost: number;
  readonly del?: readonly number[];
  readonly insAt?: number;
  readonly ins?: readonly Cell[];
}

interface LineCandidate {
  readonly cells: Cell[];
  readonly alignCost: number;
  /** Class fit and structure of the line (no check digits). */
  readonly fitCost: number;
  readonly deleted: number;
  /** Pruning score: costs minus the check digits of this line that hold as read. */
  readonly score: number;
}

const fillers = (n: number): Cell[] => Array.from({ length: n }, () => FILLER_CELL);

function lengthSites(cells: readonly Cell[], spaces: readonly number[]): Op[][] {
  const n = cells.length;
  const sites: Op[][] = [];
  for (let s = 0; s < n; ) {
    if (cells[s]!.ch !== '<') {
      s++;
      continue;
    }
    let e = s;
    while (e < n && cells[e]!.ch === '<') e++;
    const len = e - s;
    const one = len >= 3 ? COST.longRun : len === 2 ? COST.pairRun : COST.shortRun;
    const two = len >= 3 ? COST.longRun2 : len === 2 ? COST.pairRun2 : COST.shortRun2;
    // A run read where there is none at all is rarer than one miscounted.
    const vanish = (k: number): number => (k >= len ? COST.spuriousRun : 0);
    const ops: Op[] = [
      { delta: 1, cost: one, insAt: e, ins: fillers(1) },
      { delta: 2, cost: two, insAt: e, ins: fillers(2) },
      { delta: -1, cost: one + vanish(1), del: [e - 1] },
    ];
    if (len >= 2) ops.push({ delta: -2, cost: two + vanish(2), del: [e - 2, e - 1] });
    sites.push(ops);
    s = e;
  }
  for (const at of spaces) {
    sites.push([
      { delta: 1, cost: COST.spaceFiller, insAt: at, ins: fillers(1) },
      { delta: 2, cost: COST.spaceFiller2, insAt: at, ins: fillers(2) },
    ]);
  }
  if (n > 2) {
    const del = (i: number): number => (cells[i]!.ch === '<' ? COST.endDeleteFiller : COST.endDelete);
    sites.push([
      { delta: -1, cost: del(0), del: [0] },
      { delta: -2, cost: del(0) + del(1), del: [0, 1] },
      { delta: 1, cost: COST.endMissing, insAt: 0, ins: [UNKNOWN_CELL] },
    ]);
    sites.push([
      { delta: -1, cost: del(n - 1), del: [n - 1] },
      { delta: -2, cost: del(n - 1) + del(n - 2), del: [n - 2, n - 1] },
      { delta: 1, cost: COST.endMissing, insAt: n, ins: [UNKNOWN_CELL] },
      { delta: 2, cost: 2 * COST.endMissing, insAt: n, ins: [UNKNOWN_CELL, UNKNOWN_CELL] },
    ]);
  }
  return sites;
}

function applyOps(cells: readonly Cell[], ops: readonly Op[]): { cells: Cell[]; deleted: number } | null {
  const del = new Set<number>();
  const ins = new Map<number, Cell[]>();
  for (const op of ops) {
    for (const d of op.del ?? []) {
      if (del.has(d)) return null;
      del.add(d);
    }
    if (op.ins && op.insAt !== undefined) ins.set(op.insAt, [...(ins.get(op.insAt) ?? []), ...op.ins]);
  }
  const out: Cell[] = [];
  for (let i = 0; i <= cells.length; i++) {
    const x = ins.get(i);
    if (x) out.push(...x);
    if (i < cells.length && !del.has(i)) out.push(cells[i]!);
  }
  return { cells: out, deleted: del.size };
}

/** Edit combinations (at most `maxSites` sites) whose length change is `target`, within `budget`. */
function enumerateOps(sites: readonly Op[][], target: number, maxSites: number, budget: number): Op[][] {
  const out: Op[][] = [];
  const chosen: Op[] = [];
  const dfs = (i: number, used: number, delta: number, cost: number): void => {
    if (cost > budget) return;
    if (i === sites.length || used === maxSites) {
      if (delta === target) out.push(chosen.slice());
      return;
    }
    if (Math.abs(target - delta) > 2 * (maxSites - used)) return;
    dfs(i + 1, used, delta, cost);
    for (const op of sites[i]!) {
      chosen.push(op);
      dfs(i + 1, used + 1, delta + op.delta, cost + op.cost);
      chosen.pop();
    }
  };
  dfs(0, 0, 0, 0);
  return out;
}

function lineCandidates(
  cells: readonly Cell[],
  spaces: readonly number[],
  spec: FormatSpec,
  lineIdx: number,
  map: readonly FieldSpec[][],
): LineCandidate[] {
  const L = spec.lineLength;
  const target = L - cells.length;
  const sites = lengthSites(cells, spaces);
  const combos = enumerateOps(sites, target, 3, MAX_ALIGN_COST);
  const codeLine = map[lineIdx]![0]!.name === 'documentCode';
  // A lone `<` (or `<<`) lost entirely: insert it between two characters.
  for (let i = 1; i < cells.length; i++) {
    if (cells[i - 1]!.ch === '<' || cells[i]!.ch === '<') continue;
    for (const [k, cost] of [
      [1, codeLine && i === 1 ? COST.codeFiller : COST.lostFiller],
      [2, COST.lostFiller2],
    ] as const) {
      const lost: Op = { delta: k, cost, insAt: i, ins: Array.from({ length: k }, () => LOST_FILLER_CELL) };
      for (const rest of enumerateOps(sites, target - k, 2, MAX_ALIGN_COST - cost)) combos.push([lost, ...rest]);
    }
  }
  const best = new Map<string, LineCandidate>();
  for (const ops of combos) {
    const applied = applyOps(cells, ops);
    if (!applied || applied.cells.length !== L) continue;
    const text = applied.cells.map((c) => c.ch).join('');
    let alignCost = ops.reduce((s, o) => s + o.cost, 0);
    const lost = applied.cells.indexOf(LOST_FILLER_CELL);
    if (lost >= 0 && !(codeLine && lost === 1)) {
      // Fillers pad the end of codes and numbers (`D<<`, `CA000000<`; `P<` has its own cost).
      const fs = map[lineIdx]![lost]!;
      if (lost === fs.start + fs.length - 1 && fs.name !== 'name') alignCost -= COST.lostFillerAtBoundary;
    }
    const prev = best.get(text);
    if (prev && prev.alignCost <= alignCost) continue;
    const { fit, localPasses } = lineFit(text, spec, lineIdx, map);
    const score = alignCost + fit - COST.localCheck * localPasses;
    best.set(text, { cells: applied.cells, alignCost, fitCost: fit, deleted: applied.deleted, score });
  }
  return [...best.values()].sort((a, b) => a.score - b.score).slice(0, LINE_CANDIDATES);
}

/**
 * Cost of the filler structure of a name (trailing fillers removed): components are separated by `<`,
 * the primary and secondary identifiers once by `<<`; a longer run followed by letters is miscounted.
 */
function nameShapeCost(data: string): number {
  let cost = COST.nameInnerRun * (data.match(/<{3,}/g)?.length ?? 0);
  if (data.includes('<') && !data.includes('<<')) cost += COST.nameNoSeparator;
  // A name starts with a letter, or with `<<` when there is no primary identifier.
  if (/^<[A-Z]/.test(data)) cost += COST.nameInnerRun;
  cost += COST.nameSecondSeparator * Math.max(0, (data.match(/<{2,}/g)?.length ?? 0) - 1);
  for (const part of data.split(/<+/)) {
    if (part.length === 1) cost += COST.nameInitial;
    // Names have vowels; fillers read as K, S or C make components without any.
    if (part.length > 0 && !/[AEIOUY]/.test(part)) cost += COST.nameNoVowel;
  }
  return cost;
}

/** How well one line fits the format: character classes, structure, check digits on the line. */
function lineFit(
  text: string,
  spec: FormatSpec,
  lineIdx: number,
  map: readonly FieldSpec[][],
): { fit: number; localPasses: number } {
  let fit = 0;
  const fixed = [...text];
  for (let p = 0; p < text.length; p++) {
    const fs = map[lineIdx]![p]!;
    const c = text[p]!;
    if (c === '?') {
      fit += COST.unknown;
      continue;
    }
    if (fs.cls === 'numeric' && c === '<') {
      if (!/^<+$/.test(text.slice(fs.start, fs.start + fs.length))) fit += COST.fillerInDate;
      continue;
    }
    if (allowedIn(fs.cls, c)) continue;
    const fx = classFix(fs.cls, c);
    if (fx) {
      fit += COST.classFixable;
      fixed[p] = fx.ch;
    } else fit += COST.classImpossible;
  }
  for (const fs of spec.fields) {
    if (fs.line !== lineIdx) continue;
    const field = fixed.slice(fs.start, fs.start + fs.length).join('');
    // An unknown first character (lost at the line start) is charged as unknown already.
    if (fs.name === 'documentCode' && field[0] !== '?' && !spec.documentCodeFirst.includes(field[0] ?? '')) fit += COST.badDocumentCode;
    if (fs.name === 'issuingState' || fs.name === 'nationality') {
      // Only Germany's one-letter code `D<<` is padded; a code that starts with or holds a filler
      // elsewhere is a line shifted by a lost or extra character.
      if (field.startsWith('<') || (/^[A-Z]</.test(field) && field !== 'D<<')) fit += COST.stateLeadingFiller;
      else if (!isKnownState(field)) fit += COST.unknownState;
    }
    if (fs.padding !== 'right') continue;
    const data = field.replace(/<+$/, '');
    if (fs.name === 'name') {
      fit += nameShapeCost(data);
    } else {
      // Inside data, a filler separates parts once (`211271<426U`); `<<`, more separators, or a
      // padded document number followed by more data are unusual.
      const body = data.replace(/^<+/, '');
      if (body.length < data.length) fit += COST.dataLeadingFiller;
      const inner = body.match(/<+/g) ?? [];
      inner.forEach((run, i) => {
        if (run.length >= 2 || fs.name === 'documentNumber') fit += COST.dataInnerRun;
        else if (i > 0) fit += COST.dataSecondSeparator;
      });
    }
  }
  const lines = Array.from({ length: spec.lineCount }, (_, i) => (i === lineIdx ? fixed.join('') : ''));
  let localPasses = 0;
  for (const rc of resolveChecks(spec, lines)) {
    const all = [rc.digit, ...rc.variants.flat()];
    if (all.some((p) => p.line !== lineIdx)) continue;
    if (passes(lines, rc)) localPasses++;
  }
  return { fit, localPasses };
}

// ---------------------------------------------------------------------------------------------
// Character repair

const key = (p: Pos): number => p.line * 64 + p.pos;
const unkey = (k: number): Pos => ({ line: Math.floor(k / 64), pos: k % 64 });

type Subs = ReadonlyMap<number, string>;

interface Option {
  readonly ch: string;
  readonly cost: number;
}

interface Work {
  readonly spec: FormatSpec;
  readonly map: readonly FieldSpec[][];
  readonly cells: readonly (readonly Cell[])[];
  readonly chars: string[][];
}

function charAt(w: Work, subs: Subs, p: Pos): string {
  return subs.get(key(p)) ?? w.chars[p.line]![p.pos]!;
}

function linesOf(w: Work, subs: Subs = new Map()): string[] {
  return w.chars.map((row, l) => row.map((c, p) => subs.get(l * 64 + p) ?? c).join(''));
}

function passes(lines: readonly string[], rc: ResolvedCheck): boolean {
  const d = lines[rc.digit.line]?.[rc.digit.pos] ?? '';
  if (d === '<' && !rc.fillerWhenEmpty) return false;
  return rc.variants.some((v) => isValidCheckDigit(v.map((p) => lines[p.line]?.[p.pos] ?? '?').join(''), d));
}

function passesWith(w: Work, subs: Subs, rc: ResolvedCheck): boolean {
  const d = charAt(w, subs, rc.digit);
  if (d === '<' && !rc.fillerWhenEmpty) return false;
  return rc.variants.some((v) => isValidCheckDigit(v.map((p) => charAt(w, subs, p)).join(''), d));
}

const fieldChars = (w: Work, fs: FieldSpec, subs: Subs = new Map()): string =>
  Array.from({ length: fs.length }, (_, i) => charAt(w, subs, { line: fs.line, pos: fs.start + i })).join('');

/**
 * -ln P(letter or digit at position i | class of the character before), for document numbers:
 * `[letter, digit]` after the start (row 0 only), after a letter, after a digit. Estimated (with
 * add-one smoothing) from 284 document numbers with a valid check digit in the tesseractMRZ
 * line-crop transcriptions (../shared/data/public/tesseractMRZ): all digits or a 1–2 letter prefix
 * are usual, a letter after digits is rare except at position 2 (`08CD…`).
 */
const DOCUMENT_SHAPE: readonly { readonly start?: readonly [number, number]; readonly L: readonly [number, number]; readonly D: readonly [number, number] }[] = [
  { start: [0.71, 0.68], L: [0.71, 0.68], D: [0.71, 0.68] },
  { L: [1.0, 0.46], D: [4.98, 0.01] },
  { L: [1.87, 0.17], D: [2.32, 0.1] },
  { L: [0.18, 1.82], D: [3.93, 0.02] },
  { L: [1.64, 0.22], D: [4.44, 0.01] },
  { L: [0.81, 0.59], D: [4.92, 0.01] },
  { L: [0.18, 1.79], D: [4.0, 0.02] },
  { L: [0.25, 1.5], D: [3.36, 0.04] },
  { L: [0.85, 0.56], D: [3.42, 0.03] },
];

/**
 * Extra cost of the letters issuers avoid in numbers (they read like 0 and 1): in the same source
 * O, I and Q are 3–5 times rarer than an average letter.
 */
const LETTER_COST: Readonly<Record<string, number>> = { O: 1.7, I: 1.4, Q: 2.2 };

/** The same for other alphanumeric data (personal numbers, optional data): a milder digit preference. */
const DATA_SHAPE = { start: [0.7, 0.7], L: [0.8, 0.9], D: [2.5, 0.2] } as const;

/** Prior cost of the letter/digit shape of alphanumeric data (fillers and unknowns are transparent). */
function shape(s: string, isDocumentNumber: boolean): number {
  let prev: 'start' | 'L' | 'D' = 'start';
  let cost = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '<' || c === '?') continue;
    const k = isDigit(c) ? 1 : 0;
    const row = isDocumentNumber ? DOCUMENT_SHAPE[Math.min(i, DOCUMENT_SHAPE.length - 1)]! : DATA_SHAPE;
    const probs = prev === 'start' ? (row.start ?? DATA_SHAPE.start) : row[prev];
    cost += probs[k] + (k === 0 ? (LETTER_COST[c] ?? 0) : 0);
    prev = k === 1 ? 'D' : 'L';
  }
  return cost;
}

const allAllowed = (cls: CharClass): string[] => [...MRZ_ALPHABET].filter((c) => allowedIn(cls, c));

/**
 * Fillers of a right-padded field: a `K` or `L` alone in the trailing filler run is a misread `<`.
 * In a name, the run before it must be one that cannot separate name components (3 or more) or
 * follow the given names; a lone letter right after the surname separator is a one-letter name.
 */
function isStrayFiller(field: string, i: number, isName: boolean): boolean {
  const c = field[i];
  if (c !== 'K' && c !== 'L') return false;
  if (!/^[<KL]*$/.test(field.slice(i + 1))) return false;
  let left = 0;
  while (i - left - 1 >= 0 && field[i - left - 1] === '<') left++;
  if (left < 2) return false;
  if (!isName || left >= 3) return true;
  return /<<.*[A-Z]/.test(field.slice(0, i - left));
}

/** A state field printed as digits (e.g. `132`) is not a misread letter code: leave it as printed. */
function codeIsNumeric(row: readonly Cell[], fs: FieldSpec): boolean {
  let digits = 0;
  for (let i = fs.start; i < fs.start + fs.length; i++) if (isDigit(row[i]?.ch ?? '')) digits++;
  return digits >= 2;
}

/** Cost of reading the letter of `cell` as a filler: the recogniser's own alternative, or the confusion table. */
function fillerCost(cell: Cell): number {
  const alt = cell.cand?.alternatives.find((a) => a.char === '<');
  if (cell.cand && alt) return COST.alternative + Math.min(8, Math.max(0, -Math.log(Math.max(alt.p, 1e-6) / Math.max(cell.cand.p, 1e-3))));
  const table = partners(cell.ch).get('<');
  return table === undefined ? Infinity : table + (cell.cand ? COST.unlisted : 0);
}

const MAX_NAME_SUSPECTS = 10;
const MAX_FILLER_COST = 6;

/**
 * Fillers read as letters in a name (`K`, `S`, `C` for `<` in small or blurred prints): reads as
 * fillers the set of letters that best trades the recogniser's evidence against the structure of
 * the name (separators, one-letter components, long runs inside it).
 */
function repairNameFillers(row: string[], cells: readonly Cell[], fs: FieldSpec): void {
  const suspects: { i: number; cost: number }[] = [];
  for (let i = 0; i < fs.length; i++) {
    const cell = cells[fs.start + i];
    if (!cell || !isLetter(row[fs.start + i]!) || cell.ch !== row[fs.start + i]) continue;
    const cost = fillerCost(cell) - COST.nameFillerPrior;
    if (cost <= MAX_FILLER_COST) suspects.push({ i, cost });
  }
  if (suspects.length === 0) return;
  suspects.sort((a, b) => a.cost - b.cost).splice(MAX_NAME_SUSPECTS);
  const base = row.slice(fs.start, fs.start + fs.length);
  const shape = (chars: readonly string[]): number => nameShapeCost(chars.join('').replace(/<+$/, ''));
  let best = { mask: 0, cost: shape(base) };
  const work = base.slice();
  for (let mask = 1; mask < 1 << suspects.length; mask++) {
    let cost = 0;
    suspects.forEach((s, k) => {
      const flip = (mask >> k) & 1;
      work[s.i] = flip ? '<' : base[s.i]!;
      if (flip) cost += s.cost;
    });
    cost += shape(work);
    if (cost < best.cost) best = { mask, cost };
  }
  suspects.forEach((s, k) => {
    if ((best.mask >> k) & 1) row[fs.start + s.i] = '<';
  });
}

/**
 * The second character of a passport's document code: `P<` unless the recogniser is fairly sure of
 * a letter (a filler read as `C` or `K` is common there). A digit is kept: some issuers print one
 * (US passport cards: `C1`).
 */
function repairDocumentCode(spec: FormatSpec, row: string[], cells: readonly Cell[]): void {
  const cell = cells[1];
  if (spec.documentCodeFirst !== 'P' || !cell || !isLetter(row[1]!)) return;
  if (fillerCost(cell) < COST.passportCodeLetter) row[1] = '<';
}

/** Forces characters into their field's class and applies the filler structure. */
function prepare(spec: FormatSpec, map: readonly FieldSpec[][], cells: readonly (readonly Cell[])[]): Work {
  const chars = cells.map((row, l) =>
    row.map((cell, p) => {
      const fs = map[l]![p]!;
      const c = cell.ch;
      if (c === '?' || allowedIn(fs.cls, c)) return c;
      if (fs.cls === 'numeric' && c === '<') return c;
      if (fs.name === 'documentCode' && p === fs.start + 1 && isDigit(c)) return c;
      if ((fs.name === 'issuingState' || fs.name === 'nationality') && codeIsNumeric(row, fs)) return c;
      return classFix(fs.cls, c)?.ch ?? '?';
    }),
  );
  for (const fs of spec.fields) {
    const row = chars[fs.line]!;
    if (fs.name === 'name') repairNameFillers(row, cells[fs.line]!, fs);
    if (fs.name === 'documentCode') repairDocumentCode(spec, row, cells[fs.line]!);
    const field = row.slice(fs.start, fs.start + fs.length);
    if (fs.cls === 'numeric' && field.includes('<') && !field.every((c) => c === '<')) {
      field.forEach((c, i) => {
        if (c === '<') row[fs.start + i] = '?';
      });
    }
    if (fs.padding === 'right') {
      for (let i = 0; i < fs.length; i++) {
        const text = row.slice(fs.start, fs.start + fs.length).join('');
        if (text[i] === '?') {
          // A character lost inside the trailing fillers is a filler; so is one lost at the very
          // end of a name (fillers are far more frequent there than a truncated name's letter).
          // A character lost at the end of the line, in a padded field, is most likely a filler too.
          const trailing = /^[<?]*$/.test(text.slice(i + 1));
          const lineEnd = fs.start + fs.length === spec.lineLength && /^\?*$/.test(text.slice(i + 1));
          if (trailing && ((i > 0 && text[i - 1] === '<') || lineEnd)) row[fs.start + i] = '<';
        } else if (isStrayFiller(text, i, fs.name === 'name')) row[fs.start + i] = '<';
        else if (fs.name !== 'name' && isLetter(text[i]!) && text[i - 1] === '<' && /^<*$/.test(text.slice(i + 1))) {
          // A lone letter after the data, that the recogniser itself nearly read as a filler.
          const cell = cells[fs.line]![fs.start + i];
          if (cell && cell.ch === text[i] && fillerCost(cell) <= COST.trailingFillerLetter) row[fs.start + i] = '<';
        }
      }
    }
    if (fs.name === 'documentCode' && !spec.documentCodeFirst.includes(row[fs.start]!)) {
      // A first character the format does not allow (lost, or misread as a digit): the allowed one
      // the recogniser saw there, else the format's most common one (P, V, I).
      const cand = cells[fs.line]![fs.start]?.cand;
      const seen = cand?.alternatives.find((a) => a.p >= 0.1 && spec.documentCodeFirst.includes(a.char))?.char;
      row[fs.start] = seen || spec.documentCodeFirst[0]!;
    }
  }
  return { spec, map, cells, chars };
}

function optionsAt(w: Work, p: Pos): Option[] {
  const fs = w.map[p.line]![p.pos]!;
  const cur = w.chars[p.line]![p.pos]!;
  const cell = w.cells[p.line]![p.pos]!;
  if (cur === '?') return allAllowed(fs.cls).map((ch) => ({ ch, cost: COST.wildcard }));
  const out = new Map<string, number>();
  const fieldText = w.chars[fs.line]!.slice(fs.start, fs.start + fs.length).join('');
  const dataToRight = /[^<]/.test(fieldText.slice(p.pos - fs.start + 1));
  const add = (ch: string, cost: number): void => {
    if (ch === cur || !allowedIn(fs.cls, ch)) return;
    // Values 10 apart (G/6, K/<, U/0) weigh the same in every check digit: no check can support
    // such a substitution, so it is never proposed.
    if ((charValue(ch) - charValue(cur)) % 10 === 0) return;
    // A filler in the trailing run of a padded field is not turned into data.
    if (cur === '<' && ch !== '<' && fs.padding === 'right' && !dataToRight) return;
    out.set(ch, Math.min(cost, out.get(ch) ?? Infinity));
  };
  const alts = cell.cand?.alternatives ?? [];
  const listed = (ch: string): boolean => alts.some((a) => a.char.toUpperCase() === ch);
  const unlisted = cell.cand ? COST.unlisted : 0;
  for (const [ch, cost] of partners(cur)) add(ch, cost + (listed(ch) ? 0 : unlisted));
  if (cell.orig && cell.orig !== cur) for (const [ch, cost] of partners(cell.orig)) add(ch, cost + 1);
  if (cell.cand) {
    const top = Math.max(cell.cand.p, 1e-3);
    for (const alt of alts) {
      const a = alt.char.toUpperCase();
      const cost = COST.alternative + Math.min(8, Math.max(0, -Math.log(Math.max(alt.p, 1e-6) / top)));
      if (allowedIn(fs.cls, a)) add(a, cost);
      else {
        const fx = classFix(fs.cls, a);
        if (fx) add(fx.ch, cost + fx.cost / 2);
      }
    }
  }
  return [...out].map(([ch, cost]) => ({ ch, cost }));
}

interface Solution {
  readonly subs: Subs;
  readonly cost: number;
}

function validDate(s: string): boolean {
  if (!/^\d{6}$/.test(s)) return false;
  const m = Number(s.slice(2, 4));
  const d = Number(s.slice(4, 6));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** Change of the shape prior a substitution set makes in the alphanumeric fields it touches. */
function shapeCost(w: Work, subs: Subs): number {
  const touched = new Set<FieldSpec>();
  for (const k of subs.keys()) {
    const p = unkey(k);
    const fs = w.map[p.line]![p.pos]!;
    if (fs.cls === 'alphanumeric') touched.add(fs);
  }
  let cost = 0;
  for (const fs of touched) {
    const doc = fs.name === 'documentNumber';
    cost += shape(fieldChars(w, fs, subs), doc) - shape(fieldChars(w, fs), doc);
  }
  return cost;
}

/**
 * Substitution sets (at most two characters, every unknown character included) over `positions`
 * that satisfy `accept`, cheapest first.
 */
function searchSubs(w: Work, positions: readonly Pos[], accept: (subs: Subs) => boolean, limit: number): Solution[] {
  const opts = positions.map((p) => optionsAt(w, p));
  const wild = positions.map((p) => w.chars[p.line]![p.pos] === '?');
  const nWild = wild.filter(Boolean).length;
  if (nWild > 2) return [];
  const out: Solution[] = [];
  const consider = (entries: [number, Option][]): void => {
    const subs = new Map(entries.map(([i, o]) => [key(positions[i]!), o.ch] as const));
    if (!accept(subs)) return;
    const cost = entries.reduce((s, [, o]) => s + o.cost, 0) + shapeCost(w, subs);
    out.push({ subs, cost });
  };
  const n = positions.length;
  for (let i = 0; i < n; i++) {
    if (nWild > 1 || (nWild === 1 && !wild[i])) continue;
    for (const o of opts[i]!) consider([[i, o]]);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const covered = (wild[i] ? 1 : 0) + (wild[j] ? 1 : 0);
      if (covered !== nWild) continue;
      for (const oi of opts[i]!) for (const oj of opts[j]!) consider([[i, oi], [j, oj]]);
    }
  }
  return out.sort((a, b) => a.cost - b.cost).slice(0, limit);
}

function checkPositions(rc: ResolvedCheck): Pos[] {
  const seen = new Map<number, Pos>();
  for (const p of [...rc.variants.flat(), rc.digit]) seen.set(key(p), p);
  return [...seen.values()];
}

function solveCheck(w: Work, rc: ResolvedCheck): Solution[] {
  const positions = checkPositions(rc);
  const dateField = rc.name === 'birthDate' || rc.name === 'expiryDate' ? rc.variants[0]! : null;
  return searchSubs(
    w,
    positions,
    (subs) => {
      if (!passesWith(w, subs, rc)) return false;
      if (dateField && !validDate(dateField.map((p) => charAt(w, subs, p)).join(''))) return false;
      return true;
    },
    SOLUTIONS_PER_CHECK,
  );
}

interface Outcome {
  readonly subs: Subs;
  readonly cost: number;
  readonly failed: number;
}

const merge = (...all: Subs[]): Map<number, string> => {
  const m = new Map<number, string>();
  for (const s of all) for (const [k, v] of s) m.set(k, v);
  return m;
};

/** Weighted sum (mod 10) of the composite's data with `subs` applied; unknown characters count 0. */
function compositeSum(w: Work, subs: Subs, weights: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [k, wt] of weights) sum += Math.max(0, charValue(charAt(w, subs, unkey(k)))) * wt;
  return sum % 10;
}

/** Candidate substitution sets for the failing checks, cheapest first (including none). */
function searchChecks(w: Work): Outcome[] {
  const resolved = resolveChecks(w.spec, linesOf(w));
  const simple = resolved.filter((c) => c.name !== 'composite');
  const composite = resolved.find((c) => c.name === 'composite');
  type Choice = { subs: Subs; cost: number; pass: boolean };
  // A check digit that has to fill in an unknown character verifies nothing: the character is
  // filled (the check fixes it) but the check counts as failed.
  const wildIn = (positions: readonly Pos[]): number => positions.filter((p) => w.chars[p.line]![p.pos] === '?').length;
  const choices: Choice[][] = simple.map((rc) => {
    const nWild = wildIn(checkPositions(rc));
    if (nWild === 0 && passesWith(w, new Map(), rc)) return [{ subs: new Map(), cost: 0, pass: true }];
    const sols = solveCheck(w, rc).map((s) => ({ ...s, cost: s.cost - nWild * COST.wildcard, pass: nWild === 0 }));
    if (nWild > 0 && sols.length > 0) return sols;
    return [...sols, { subs: new Map(), cost: 0, pass: false }];
  });

  const compOnly: Pos[] = [];
  let weights = new Map<number, number>();
  let currentDigit = -1;
  let compSolutions: { subs: Subs; cost: number; delta: number; digit: number | null }[] = [];
  if (composite) {
    const covered = new Set(simple.flatMap((rc) => checkPositions(rc).map(key)));
    for (const p of checkPositions(composite)) if (!covered.has(key(p))) compOnly.push(p);
    weights = new Map(composite.variants[0]!.map((p, i) => [key(p), weightAt(i)] as const));
    const dk = key(composite.digit);
    const dc = w.chars[composite.digit.line]![composite.digit.pos]!;
    currentDigit = isDigit(dc) ? Number(dc) : -1;
    // Every substitution set over the composite-only positions (optional data, the composite
    // digit), known by the change it makes to the weighted sum.
    const compWildCost = wildIn(compOnly) * COST.wildcard;
    compSolutions = searchSubs(w, compOnly, () => true, Infinity).map((sol) => {
      let delta = 0;
      let digit: number | null = null;
      for (const [k, v] of sol.subs) {
        if (k === dk) {
          digit = isDigit(v) ? Number(v) : -1;
          continue;
        }
        const p = unkey(k);
        const old = Math.max(0, charValue(w.chars[p.line]![p.pos]!));
        delta += (charValue(v) - old) * (weights.get(k) ?? 0);
      }
      return { ...sol, cost: sol.cost - compWildCost, delta: ((delta % 10) + 10) % 10, digit };
    });
  }
  const compWild = compOnly.some((p) => w.chars[p.line]![p.pos] === '?');

  const outcomes: Outcome[] = [];
  const visit = (i: number, acc: Choice[]): void => {
    if (i < choices.length) {
      for (const c of choices[i]!) visit(i + 1, [...acc, c]);
      return;
    }
    const base = merge(...acc.map((c) => c.subs));
    const cost = acc.reduce((s, c) => s + c.cost, 0);
    const failed = acc.filter((c) => !c.pass).length;
    if (!composite) {
      outcomes.push({ subs: base, cost, failed });
      return;
    }
    if (!compWild && passesWith(w, base, composite)) {
      outcomes.push({ subs: base, cost, failed });
      return;
    }
    if (!compWild || compSolutions.length === 0) outcomes.push({ subs: base, cost, failed: failed + 1 });
    const sum = compositeSum(w, base, weights);
    let found = 0;
    for (const sol of compSolutions) {
      const digit = sol.digit ?? currentDigit;
      if (digit < 0 || (sum + sol.delta) % 10 !== digit) continue;
      outcomes.push({ subs: merge(base, sol.subs), cost: cost + sol.cost, failed: compWild ? failed + 1 : failed });
      if (++found >= 2) break;
    }
  };
  visit(0, []);
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Driver

interface Hypothesis {
  readonly spec: FormatSpec;
  readonly combo: readonly LineCandidate[];
  readonly work: Work;
  readonly subs: Subs;
  readonly failed: number;
  readonly score: number;
}

function checksReport(spec: FormatSpec, lines: readonly string[], unknown: readonly string[][]): MrzChecks {
  const resolved = resolveChecks(spec, lines);
  const get = (name: CheckName): boolean | undefined => {
    const rc = resolved.find((c) => c.name === name);
    if (!rc) return undefined;
    // A check that had to fill in an unseen character (lost, or impossible in its class) verifies nothing.
    if (checkPositions(rc).some((p) => unknown[p.line]![p.pos] === '?')) return false;
    return passes(lines, rc);
  };
  return checksFrom(get);
}

function hypotheses(spec: FormatSpec, map: readonly FieldSpec[][], combo: readonly LineCandidate[]): Hypothesis[] {
  const w = prepare(
    spec,
    map,
    combo.map((c) => c.cells),
  );
  const base = combo.reduce((s, c) => s + c.alignCost + c.fitCost, 0);
  const docFirst = w.chars[0]![0] ?? '';
  const hasCode = map[0]![0]!.name === 'documentCode';
  const prior = !hasCode || spec.documentCodeFirst.includes(docFirst) ? 0 : COST.formatPrior;
  return searchChecks(w)
    .map((o) => ({ spec, combo, work: w, subs: o.subs, failed: o.failed, score: base + prior + o.cost + COST.checkFail * o.failed }))
    .sort((a, b) => a.score - b.score)
    .slice(0, OUTCOMES_PER_COMBINATION);
}

/** What a hypothesis reads, as a comparable string. */
const signature = (h: Hypothesis): string => `${h.spec.format}:${linesOf(h.work, h.subs).join('|')}`;

function finish(h: Hypothesis, ambiguous: boolean): MrzRepair {
  const w = h.work;
  let subs = h.subs;
  // With a composite check digit, substitutions stand only if every check holds (unknown
  // characters filled in by a check digit are kept: there was nothing else to read there).
  if (h.failed > 0 && h.spec.checks.some((c) => c.name === 'composite')) {
    subs = new Map([...subs].filter(([k]) => {
      const p = unkey(k);
      return w.chars[p.line]![p.pos] === '?';
    }));
  }
  const finalChars = linesOf(w, subs);
  const unknown = finalChars.reduce((n, l) => n + (l.match(/\?/g)?.length ?? 0), 0);
  const lines = finalChars.map((l) => l.replace(/\?/g, '<'));
  const checks = checksReport(h.spec, lines, w.chars);
  let corrections = h.combo.reduce((s, c) => s + c.deleted, 0);
  w.cells.forEach((row, l) =>
    row.forEach((cell, p) => {
      if (cell.orig !== lines[l]![p]) corrections++;
    }),
  );
  const valid = (Object.values(checks) as boolean[]).every(Boolean) && unknown === 0 && !ambiguous;
  return { format: h.spec.format, lines, checks, valid, corrections, cost: h.score };
}

function* product<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  for (const head of lists[0]!) for (const rest of product(lists.slice(1))) yield [head, ...rest];
}

/**
 * The most likely printed MRZ behind raw OCR lines (top to bottom), or null when the lines do not
 * match any MRZ format (line count, lengths within ±4).
 */
export function repairMrz(input: readonly RawMrzLine[]): MrzRepair | null {
  const norm = input.map(normalizeLine).filter((l) => l.cells.length > 0);
  const shaped = ALL_FORMATS.filter(
    (spec) =>
      spec.lineCount === norm.length &&
      norm.every((l) => Math.abs(l.cells.length - spec.lineLength) <= LENGTH_TOLERANCE),
  );
  // The document code decides between formats of the same shape (P: TD3, V: visa, I/A/C: ID card);
  // all shapes compete only when it is unreadable. A lost first character is also considered.
  const firstChars = norm.length > 0 ? norm[0]!.cells.slice(0, 2).map((c) => classFix('alpha', c.ch)?.ch ?? '') : [];
  const byCode = shaped.filter((spec) => firstChars.some((c) => spec.documentCodeFirst.includes(c)));
  const all: Hypothesis[] = [];
  for (const spec of byCode.length > 0 ? byCode : shaped) {
    const map = fieldMap(spec);
    const perLine = norm.map((l, i) => lineCandidates(l.cells, l.spaces, spec, i, map));
    if (perLine.some((c) => c.length === 0)) continue;
    const combos = [...product(perLine)]
      .sort((a, b) => a.reduce((s, c) => s + c.score, 0) - b.reduce((s, c) => s + c.score, 0))
      .slice(0, LINE_COMBINATIONS);
    for (const combo of combos) all.push(...hypotheses(spec, map, combo));
  }
  if (all.length === 0) return null;
  all.sort((a, b) => a.score - b.score);
  const best = all[0]!;
  const sig = signature(best);
  const ambiguous = all.some((h) => h.score < best.score + AMBIGUITY_MARGIN && h.failed === 0 && signature(h) !== sig);
  return finish(best, ambiguous);
}


// ---------------------------------------------------------------------------------------------
// One line on its own

export interface MrzLineRepair {
  readonly format: MrzFormat;
  /** Which line of the format (0-based). */
  readonly line: number;
  readonly text: string;
  /** The check digits that lie wholly on this line hold, and nothing had to be left unknown. */
  readonly valid: boolean;
  readonly corrections: number;
  /** Cost of the reading (lower = fewer and likelier OCR events assumed). */
  readonly cost: number;
}

/** Length repairs tried per (format, line) for a single line: it is matched against up to 7 of them. */
const SINGLE_LINE_CANDIDATES = 4;

/** One line of a format as a format of its own: the fields of that line, the checks wholly on it. */
function lineSpec(spec: FormatSpec, line: number): FormatSpec {
  const onLine = (p: { line: number }): boolean => p.line === line;
  return {
    format: spec.format,
    lineCount: 1,
    lineLength: spec.lineLength,
    documentCodeFirst: spec.documentCodeFirst,
    fields: spec.fields.filter(onLine).map((f) => ({ ...f, line: 0 })),
    checks: spec.checks
      .filter((c) => onLine(c.digit) && c.ranges.every(onLine))
      .map((c) => ({ ...c, digit: { line: 0, pos: c.digit.pos }, ranges: c.ranges.map((r) => ({ ...r, line: 0 })) })),
    ...(spec.documentNumberExtension && spec.fields.some((f) => f.name === spec.documentNumberExtension && f.line === line)
      ? { documentNumberExtension: spec.documentNumberExtension }
      : {}),
  };
}

/**
 * The most likely printed form of a single MRZ line read on its own (a line crop): which line of
 * which format it is comes from its length (±4) and content; the filler runs are re-segmented to
 * the format's line length, characters are forced into their field's class, and the check digits
 * that lie wholly on the line (all of them on TD3/TD2 line 2) choose among substitutions. Null
 * when no format fits.
 */
export function repairMrzLine(raw: RawMrzLine): MrzLineRepair | null {
  const norm = normalizeLine(raw);
  if (norm.cells.length === 0) return null;
  const all: (Hypothesis & { readonly line: number })[] = [];
  for (const full of ALL_FORMATS) {
    if (Math.abs(norm.cells.length - full.lineLength) > LENGTH_TOLERANCE) continue;
    for (let line = 0; line < full.lineCount; line++) {
      const spec = lineSpec(full, line);
      const map = fieldMap(spec);
      const cands = lineCandidates(norm.cells, norm.spaces, spec, 0, map);
      for (const c of cands.slice(0, SINGLE_LINE_CANDIDATES)) all.push(...hypotheses(spec, map, [c]).map((h) => ({ ...h, line })));
    }
  }
  if (all.length === 0) return null;
  all.sort((a, b) => a.score - b.score);
  const best = all[0]!;
  const sig = (h: Hypothesis): string => linesOf(h.work, h.subs)[0]!;
  const ambiguous = all.some((h) => h.score < best.score + AMBIGUITY_MARGIN && h.failed === 0 && sig(h) !== sig(best));
  const r = finish(best, ambiguous);
  const unknown = linesOf(best.work, best.subs)[0]!.includes('?');
  const valid = best.failed === 0 && !unknown && !ambiguous;
  return { format: r.format, line: best.line, text: r.lines[0]!, valid, corrections: r.corrections, cost: best.score };
}

/**
 * Least probability of every character for a line reading to be kept as read when it stands alone.
 * A single line may be no whole ICAO line (cut at the image edge, a national layout, a transcription
 * with other filler counts); forcing a format on it changes what was read right. Tesseract-MRZ crops,
 * OCR-B model, tuning half: lines read at p ≥ 0.9 throughout are exact as read in 96.4% (592 of 614);
 * on those, the repaired combination fixed 4 readings and broke 44. 0.85 / 0.9 / 0.95 → 729 / 729 / 724
 * exact of 844.
 */
export const SURE_LINE_P = 0.9;

/** The lowest probability the recogniser gave a character of a reading (0 without probabilities). */
export function leastCharP(read: OcrLineInput): number {
  return read.chars?.length ? Math.min(...read.chars.map((c) => c.p)) : 0;
}

/** Whether the recogniser was sure of every character of a reading (see SURE_LINE_P). */
export function sureReading(read: OcrLineInput): boolean {
  return leastCharP(read) >= SURE_LINE_P;
}

/**
 * Most digits a sure reading may have in what its repair reads as a name line (letters and fillers only)
 * for the repair to be taken instead. No name holds a digit, but a line that holds a whole numeric field
 * (a French identity card's department code) can be taken for a name line by its length alone.
 */
const MAX_DIGITS_IN_NAME = 2;

/**
 * The text of a single line read on its own: the reading itself when the recogniser was sure of every
 * character (or the caller knows the reading sure otherwise), else the repair when it is valid, else the
 * reading. A sure reading is still taken as its valid repair where that repair only
 * - reads its one or two digits as the letters of a name line (`SEMEN0VA`, `K0WALSKI`, `FRANCESC0`), or
 * - puts back a document-code letter lost at the crop's left edge (`DCZE998…` → `IDCZE998…`), or
 * - changes the one unsure character of a voted reading that fails its check digit (`checkedCharFix`).
 * Tesseract-MRZ crops: 8 made right by the first two, 5 by the third; none made wrong.
 */
export function singleLineText(read: OcrLineInput, repair: MrzLineRepair | null, sure = sureReading(read)): string {
  if (!repair?.valid) return read.text;
  if (!sure) return repair.text;
  return digitsOfName(read.text, repair.text) || lostFirstLetter(read.text, repair.text) || checkedCharFix(read, repair)
    ? repair.text
    : read.text;
}

/**
 * Whether the repair changes one character of a reading kept as sure by a vote (`VOTED_SURE_P`), that character
 * one the recogniser gave p < SURE_LINE_P, and the reading as read fails a check digit that lies wholly on the
 * line (in the repair's format and line): `CPAUS0O00…` → `CPAUS000…`. A character read at p ≥ SURE_LINE_P that
 * fails a check is left as read: specimens print wrong check digits.
 */
function checkedCharFix(read: OcrLineInput, repair: MrzLineRepair): boolean {
  const text = read.text;
  if (text.length !== repair.text.length || read.chars?.length !== text.length) return false;
  const changed = [...text].flatMap((c, i) => (c === repair.text[i] ? [] : [i]));
  if (changed.length !== 1 || read.chars[changed[0]!]!.p >= SURE_LINE_P) return false;
  return resolveChecks(lineSpec(FORMATS[repair.format], repair.line), [text]).some((rc) => !passes([text], rc));
}

/** Whether `repaired` is `read` with one letter put before it. */
function lostFirstLetter(read: string, repaired: string): boolean {
  return repaired.length === read.length + 1 && /^[A-Z]$/.test(repaired[0]!) && repaired.endsWith(read);
}

/** Whether `name` is a line of letters and fillers that `read` matches but for 1–MAX_DIGITS_IN_NAME digits. */
function digitsOfName(read: string, name: string): boolean {
  if (read.length !== name.length || !/^[A-Z<]+$/.test(name)) return false;
  let digits = 0;
  for (let i = 0; i < read.length; i++) {
    if (read[i] === name[i]) continue;
    if (!/[0-9]/.test(read[i]!)) return false;
    digits++;
  }
  return digits > 0 && digits <= MAX_DIGITS_IN_NAME;
}

/**
 * Several reads of one line (other scales, margins, chunked): the repair whose check digits hold
 * at the lowest cost, i.e. the read that needed the fewest and likeliest OCR events to be a valid
 * line. Null when no read repairs to a valid line.
 */
export function bestLineRepair(reads: readonly RawMrzLine[]): MrzLineRepair | null {
  let best: MrzLineRepair | null = null;
  for (const read of reads) {
    const r = repairMrzLine(read);
    if (r?.valid && (!best || r.cost < best.cost)) best = r;
  }
  return best;
}
