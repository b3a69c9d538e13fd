/**
 * KOR01001 resident registration card (주민등록증) and KOR02001 driving licence (자동차운전면허증).
 *
 * The general recogniser reads no Hangul, but it reads the numbers and dates: those anchor the
 * layout. The resident registration number (RRN) row is the centre of both cards: the name is
 * the row above it, the address the rows below it down to the next date, and the issuing office
 * the row under the issue date. Hangul rows are re-read with the Hangul recogniser; a name row
 * printed with Hanja in parentheses is split and each part read in its own script.
 *
 * Repairs: the RRN's check digit (single look-alike digit errors fixed when exactly one fix
 * holds), dates checked against the birth date the RRN encodes.
 */
import { hanOnly, isoDate, rowOverlap, toHalfWidth } from './fields.js';
import type { DocumentModule, Extraction, GeneralFields, Identification, PageLine, PageText, StandardData } from './module.js';
import { romanizeHangul, splitKoreanName } from './standardize.js';
import { toSimplified } from './traditional.js';
import { checkRrn } from './validators/kr-rrn.js';

const ID_FIELDS = ['name', 'hanjaName', 'idNumber', 'address', 'issueDate', 'originOfIssue'] as const;
const DL_FIELDS = ['name', 'idNumber', 'licenseNumber', 'licenseType', 'address', 'issueDate', 'expiryDate', 'originOfIssue'] as const;

type Region = Pick<PageLine, 'x' | 'y' | 'w' | 'h'>;

const DIGIT_FOR: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', Q: '0', I: '1', l: '1', '|': '1', Z: '2', S: '5', B: '8', G: '6' };
const digitLike = (s: string) => [...toHalfWidth(s)].map((c) => DIGIT_FOR[c] ?? c).join('');

/** Digits a recogniser confuses with each other. */
const CONFUSED: Readonly<Record<string, string>> = { '0': '869', '1': '74', '2': '7', '3': '885', '4': '1', '5': '63', '6': '508', '7': '12', '8': '3609', '9': '80' };

/** "######-#######" in a text, repaired to a valid RRN when one confusable digit makes it valid. */
export function readRrn(text: string): { rrn: string; valid: boolean } | null {
  const m = /(?<!\d)(\d{6})\s*[-~—–.]?\s*(\d{7})(?!\d)/.exec(digitLike(text).replace(/(?<=\d)\s+(?=\d)/g, ''));
  if (!m) return null;
  const digits = m[1]! + m[2]!;
  if (checkRrn(digits).valid) return { rrn: `${m[1]}-${m[2]}`, valid: true };
  const fixes = new Set<string>();
  for (let i = 0; i < 13; i++) {
    for (const d of CONFUSED[digits[i]!] ?? '') {
      const fixed = digits.slice(0, i) + d + digits.slice(i + 1);
      if (checkRrn(fixed).valid) fixes.add(fixed);
    }
  }
  const fixed = fixes.size === 1 ? [...fixes][0]! : digits;
  return { rrn: `${fixed.slice(0, 6)}-${fixed.slice(6)}`, valid: fixes.size === 1 };
}

/** Licence classes as printed on the card. */
const LICENCE_TYPES = ['1종대형', '1종보통', '1종소형', '1종특수', '2종보통', '2종소형', '2종원동기'];

/**
 * The licence class in a reading, one misread syllable put right (`2중보통` → `2종보통`). The
 * Hangul reader sometimes takes the class digit for a syllable (`스종보통`); `classDigit`, the
 * digit the general recogniser read in the same box, then stands in for it.
 */
export function licenceType(text: string, classDigit = ''): string {
  const compact = text.replace(/\s+/g, '');
  const words: string[] = [...(compact.match(/[12][\uac00-\ud7a3]{3,4}/g) ?? [])];
  if (/^[12]$/.test(classDigit)) words.push(...(compact.match(/[\uac00-\ud7a3]{4,5}/g) ?? []).map((w) => classDigit + w.slice(1)));
  for (const word of words) {
    for (const length of [4, 5]) {
      const snapped = snapWord(word.slice(0, length), LICENCE_TYPES);
      if (LICENCE_TYPES.includes(snapped)) return snapped;
    }
  }
  return '';
}

/** Licence number: region (2 digits), year (2), serial (6), check (2). */
const LICENCE = /(?<!\d)(\d{2})\s*-\s*(\d{2})\s*-\s*(\d{6})\s*-\s*(\d{2})(?!\d)/;

const HANGUL_RUN = /[\uac00-\ud7a3]+/g;
const hangulOnly = (s: string) => (s.match(HANGUL_RUN) ?? []).join('');
/** Hangul words, digits and the punctuation of addresses; labels removed by the caller. */
const cleanHangulLine = (s: string) =>
  toHalfWidth(s)
    .replace(/[^\uac00-\ud7a30-9A-Za-z\s,.()\-]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .trim();

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Address numbers checked against the general recogniser, which reads digits well and skips
 * Hangul. When the Hangul reader took a syllable for a digit (`1302호` → `13023`) and dropping
 * exactly one digit at the end of a number makes both readings' digits equal, that digit was a
 * syllable: the one the address grammar puts there, 호 after a building number (동), 동 before
 * another number. A unit number after a building number with no syllable at all gets its 호.
 * Only the part before the parenthesis counts: the building name there is Hangul.
 */
export function reconcileAddressDigits(hangulText: string, generalText: string): string {
  const cut = hangulText.indexOf('(');
  let head = cut >= 0 ? hangulText.slice(0, cut) : hangulText;
  const tail = cut >= 0 ? hangulText.slice(cut) : '';
  const general = digitsOf(toHalfWidth(generalText).split(/[(（]/)[0]!);
  if (general && digitsOf(head).length === general.length + 1) {
    const runEnds = [...head.matchAll(/\d+/g)].map((m) => m.index! + m[0].length - 1);
    // a number that already ends in its syllable (603호) is complete: the general reading lost a digit
    const fits = runEnds.filter((i) => !/[\uac00-\ud7a3]/.test(head[i + 1] ?? '') && digitsOf(head.slice(0, i) + head.slice(i + 1)) === general);
    if (fits.length === 1) {
      const i = fits[0]!;
      const syllable = /\d+동\s+\d*$/.test(head.slice(0, i)) ? '호' : /^\s+\d/.test(head.slice(i + 1)) ? '동' : '';
      if (syllable) head = head.slice(0, i) + syllable + head.slice(i + 1);
    }
  }
  head = head.replace(/(\d+동\s+\d+)(?=\s*$)/, '$1호');
  return (head.trimEnd() + (tail ? ` ${tail}` : '')).trim();
}

/** First-level divisions, which begin every address and every issuing office's name. */
const PROVINCES = [
  '서울특별시', '부산광역시', '대구광역시', '인천광역시', '광주광역시', '대전광역시', '울산광역시', '세종특별자치시', '경기도', '강원도',
  '강원특별자치도', '충청북도', '충청남도', '전라북도', '전북특별자치도', '전라남도', '경상북도', '경상남도', '제주특별자치도',
];
/** Provincial police agencies that issue driving licences (their heads sign as 지방경찰청장). */
const POLICE_REGIONS = [
  '서울', '부산', '대구', '인천', '광주', '대전', '울산', '세종', '경기남부', '경기북부', '강원', '충북', '충남', '전북', '전남', '경북', '경남', '제주',
];

/** A word put right when it is one misread character away from exactly one word of a closed list. */
function snapWord(word: string, vocabulary: readonly string[]): string {
  if (vocabulary.includes(word)) return word;
  const near = vocabulary.filter((v) => v.length === word.length && [...v].filter((c, i) => c !== word[i]).length === 1);
  return near.length === 1 ? near[0]! : word;
}

/** An address or office name with its province put right. */
function snapProvince(text: string): string {
  const [first = '', ...rest] = text.split(' ');
  return [snapWord(first, PROVINCES), ...rest].join(' ');
}

/** "서울지방경찰청장" and the like, with the region put right. */
function snapPoliceOffice(text: string): string {
  const m = /^(.+?)(지방경찰청장|시도경찰청장|경찰청장)$/.exec(text.replace(/\s+/g, ''));
  return m ? snapWord(m[1]!, POLICE_REGIONS) + m[2] : text;
}

/** The boxes on one row with `line`, left to right, as one region. */
function rowOf(lines: readonly PageLine[], line: PageLine): { boxes: PageLine[]; region: Region } {
  const boxes = [line, ...lines.filter((l) => l !== line && rowOverlap(l, line) >= 0.5)].sort((a, b) => a.x - b.x);
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const r = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { boxes, region: { x, y, w: r - x, h: bottom - y } };
}

/** Rows of boxes (each left to right, rows top to bottom) whose centres lie between two y positions. */
function rowsBetween(lines: readonly PageLine[], top: number, bottom: number): PageLine[][] {
  const inside = lines.filter((l) => l.y + l.h / 2 > top && l.y + l.h / 2 < bottom);
  const rows: PageLine[][] = [];
  for (const l of inside) {
    const row = rows.find((r) => rowOverlap(r[0]!, l) >= 0.5);
    if (row) row.push(l);
    else rows.push([l]);
  }
  return rows.map((r) => r.sort((a, b) => a.x - b.x)).sort((a, b) => a[0]!.y - b[0]!.y);
}

/** Read and unread boxes together: Hangul rows are the unread ones. */
const allLines = (page: PageText): PageLine[] => [...page.lines, ...(page.unread ?? [])].sort((a, b) => a.y - b.y || a.x - b.x);

/**
 * Re-reads a row, left to right. With `valueColumn`, boxes left of it are the label column
 * (성명, 주소 … on the licence) and are left out; `finish` post-processes each box's reading.
 */
async function rereadRow(
  page: PageText,
  row: readonly PageLine[],
  valueColumn = -Infinity,
  finish: (text: string, box: PageLine) => string = (text) => text,
): Promise<string> {
  const parts: string[] = [];
  for (const box of row.filter((b) => b.x >= valueColumn)) parts.push(finish(cleanHangulLine((await page.reread(box, 'hangul')).text), box));
  return parts.filter(Boolean).join(' ');
}

/** An address box: its numbers checked against the box's general reading. */
const addressPart = (text: string, box: PageLine): string => reconcileAddressDigits(text.replace(LABELS, ''), box.text);

/** Values are printed in the column of the RRN: anything starting clearly left of it is a label. */
const valueColumn = (rrnLine: PageLine): number => rrnLine.x - rrnLine.h * 0.6;

/** The nearest row above `anchor` (by the bottom of its boxes). */
function rowAbove(lines: readonly PageLine[], anchor: PageLine, notAbove = -Infinity): PageLine | undefined {
  return lines
    .filter((l) => l.y + l.h <= anchor.y + anchor.h * 0.3 && l.y > notAbove && rowOverlap(l, anchor) < 0.3)
    .sort((a, b) => b.y + b.h - (a.y + a.h))[0];
}

const LABELS = /^(성\s*명|이\s*름|주민등록번호|주\s*소|한글성명)\s*[:.]?\s*/;

const hanjaCollator = new Intl.Collator('ko', { sensitivity: 'base' });
const HANGUL_BASE = 0xac00;
const INITIALS = 588; // syllables per initial consonant
const [NIEUN, RIEUL, IEUNG] = [2, 5, 11];

/**
 * Whether a Hanja is read as this syllable of a name. Korean collation (CLDR, via ICU) sorts each
 * Hanja as a variant of its Hangul reading, so the two compare equal at base strength. Names
 * follow the initial-sound rule: 李 (리) is written 이, 盧 (로) 노, 女 (녀) 여.
 */
export function readsAs(hanja: string, syllable: string): boolean {
  const code = syllable.codePointAt(0)! - HANGUL_BASE;
  if (code < 0 || code >= 19 * INITIALS) return false;
  const initial = Math.floor(code / INITIALS);
  const alternatives = initial === IEUNG ? [RIEUL, NIEUN] : initial === NIEUN ? [RIEUL] : [];
  return [initial, ...alternatives].some((i) => hanjaCollator.compare(hanja, String.fromCodePoint(HANGUL_BASE + i * INITIALS + (code % INITIALS))) === 0);
}

let ksHanja: readonly string[] | null = null;

/** The Hanja of KS X 1001, the Korean national character set (rows 0xCA-0xFD of EUC-KR; duplicates folded by NFC). */
function koreanStandardHanja(): readonly string[] {
  if (ksHanja) return ksHanja;
  const decoder = new TextDecoder('euc-kr');
  const found = new Set<string>();
  for (let lead = 0xca; lead <= 0xfd; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const c = decoder.decode(new Uint8Array([lead, trail])).normalize('NFC');
      if ([...c].length === 1 && c !== '\ufffd') found.add(c);
    }
  }
  return (ksHanja = [...found]);
}

/**
 * The Korean form of a Hanja read in another form: the one KS X 1001 Hanja that reads as the
 * syllable and has the same Simplified form (opencc-js), e.g. 真 → 眞 for 진; '' when none or
 * several. Korean cards print KS X 1001 forms; `chi_tra` knows only some of them.
 */
export function koreanVariant(read: string, syllable: string): string {
  const simplified = toSimplified(read);
  const fits = koreanStandardHanja().filter((h) => h !== read && readsAs(h, syllable) && toSimplified(h) === simplified);
  return fits.length === 1 ? fits[0]! : '';
}

/**
 * The Hanja name voted from several readings: in each, the run of as many Hanja as the name has
 * syllables that reads most like the name; per syllable, the Hanja read as that syllable most
 * often. A syllable no reading fits takes the Korean form of the first reading's character
 * (`koreanVariant`), or keeps that character (and `fits` is false): `chi_tra` lacks some name
 * Hanja altogether, and for 姸 (read as 妍) no variant data links the two.
 */
export function voteHanja(name: string, readings: readonly string[]): { hanja: string; fits: boolean } {
  const syllables = [...name];
  const n = syllables.length;
  const votes = syllables.map(() => new Map<string, number>());
  let fallback: string[] | null = null;
  for (const reading of readings) {
    const chars = [...reading];
    let best: string[] | null = null;
    let bestScore = -1;
    for (let start = 0; start + n <= chars.length; start++) {
      const run = chars.slice(start, start + n);
      const score = run.filter((c, i) => readsAs(c, syllables[i]!)).length;
      if (score > bestScore) [best, bestScore] = [run, score];
    }
    if (!best) continue;
    fallback ??= best;
    best.forEach((c, i) => {
      if (readsAs(c, syllables[i]!)) votes[i]!.set(c, (votes[i]!.get(c) ?? 0) + 1);
    });
  }
  if (!fallback) return { hanja: '', fits: false };
  const chosen = votes.map((v, i) => [...v].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (koreanVariant(fallback![i]!, syllables[i]!) || null));
  return { hanja: chosen.map((c, i) => c ?? fallback![i]!).join(''), fits: chosen.every((c) => c !== null) };
}

/** The Hangul reading of a Hanja (Korean collation, see `readsAs`), '' when it has none. */
function hanjaReading(hanja: string): string {
  for (let code = 0; code < 19 * 21 * 28; code += 28) {
    const open = String.fromCodePoint(HANGUL_BASE + code);
    if (hanjaCollator.compare(hanja, open) < 0) return '';
    for (let final = 0; final < 28; final++) {
      const syllable = String.fromCodePoint(HANGUL_BASE + code + final);
      if (hanjaCollator.compare(hanja, syllable) === 0) return syllable;
    }
  }
  return '';
}

/**
 * The Hangul name put right where both Hanja readers (tesseract `chi_tra` and the general
 * recogniser) read the same Hanja and the Hangul syllable differs from that Hanja's reading only
 * in its first consonant (조 read as 소 under 趙). Initial-sound rule forms (李 리 → 이) fit already.
 */
export function nameFromAgreedHanja(name: string, hanjaRead: string, generalRead: string): string {
  const syllables = [...name];
  const a = [...hanjaRead];
  const b = [...generalRead];
  if (a.length !== syllables.length || b.length !== syllables.length) return name;
  return syllables
    .map((syllable, i) => {
      if (a[i] !== b[i] || readsAs(a[i]!, syllable)) return syllable;
      const reading = hanjaReading(a[i]!);
      if (!reading) return syllable;
      const rest = (s: string) => (s.codePointAt(0)! - HANGUL_BASE) % INITIALS;
      return rest(reading) === rest(syllable) ? reading : syllable;
    })
    .join('');
}

/** Crops of the Hanja part, from about where the parenthesis starts: each crop reads a little differently. */
function hanjaCrops(region: Region, syllables: number): Region[] {
  // printed: n syllables, "(", n Hanja, ")"; a parenthesis is about 0.4 of a full-width glyph
  const unit = region.w / (2 * syllables + 0.8);
  const open = region.x + unit * syllables;
  const crops: Region[] = [];
  // the line is scaled to a fixed height before reading: margins change the glyphs' size too
  for (const shift of [0.05, 0.3]) {
    for (const pad of [-0.08, 0, 0.15, 0.3]) {
      const x = open + shift * unit;
      crops.push({ x, y: region.y - region.h * pad, w: region.x + region.w - x, h: region.h * (1 + 2 * pad) });
    }
  }
  return crops;
}

/**
 * Name row: Hangul name, optionally "(Hanja)". The Traditional Chinese reading finds the
 * parenthesis and the Hanja; the Hangul part left of it is read by the Hangul recogniser.
 * Hanja names have one character per syllable, and each Hanja must read as its syllable: when
 * the first reading does not, the Hanja part is re-read in several crops and voted on.
 */
async function readNameRow(page: PageText, lines: readonly PageLine[], nameLine: PageLine): Promise<{ name: string; hanja: string }> {
  const { region, boxes } = rowOf(lines, nameLine);
  const hant = toHalfWidth((await page.reread(region, 'hant')).text).replace(/\s+/g, '');
  const open = hant.search(/[(（]/);
  const hanjaRead = open >= 0 ? hanOnly(hant.slice(open)) : '';
  // full-width glyphs take one unit, each parenthesis about 0.4; the first crop keeps the opening
  // parenthesis so that the Hangul recogniser sees where the name ends, narrower ones follow
  // when that reading is not a name of as many syllables as there are Hanja
  const before = open > 0 && hanjaRead.length > 0 ? [...hant.slice(0, open)].length : 0;
  const units = before + hanjaRead.length + 0.8;
  const widths = before > 0 ? [before + 0.5, before + 0.1, before + 0.3].map((u) => Math.max(region.h, (region.w * u) / units)) : [region.w];
  let name = '';
  for (const w of widths) {
    const hangulRead = (await page.reread({ ...region, w }, 'hangul')).text.replace(LABELS, '');
    const candidate = hangulOnly(hangulRead.split(/[(（]/)[0]!);
    if (!name) name = candidate;
    if (candidate.length >= 2 && (!hanjaRead || candidate.length === hanjaRead.length)) {
      name = candidate;
      break;
    }
  }
  if (!hanjaRead || !name) return { name, hanja: '' };
  // the general recogniser reads many Hanja too (鄭 where chi_tra said 笨)
  const generalRead = hanOnly(toHalfWidth(boxes.map((b) => b.text).join('')));
  name = nameFromAgreedHanja(name, hanjaRead, generalRead);
  const syllables = [...name];
  const first = voteHanja(name, [hanjaRead]);
  if (first.fits && [...hanjaRead].length === syllables.length) return { name, hanja: `(${first.hanja})` };
  const readings = [hanjaRead, generalRead];
  for (const crop of hanjaCrops(region, syllables.length)) readings.push(hanOnly(toHalfWidth((await page.reread(crop, 'hant')).text)));
  const voted = voteHanja(name, readings);
  return { name, hanja: voted.hanja ? `(${voted.hanja})` : '' };
}

interface Anchors {
  readonly rrnLine: PageLine;
  readonly rrn: { rrn: string; valid: boolean };
}

function findRrn(lines: readonly PageLine[]): Anchors | null {
  for (const l of lines) {
    const r = readRrn(rowOf(lines, l).boxes.map((b) => b.text).join(''));
    if (r && readRrn(l.text)) return { rrnLine: l, rrn: r };
  }
  return null;
}

/**
 * Dates as Korean cards print them ("2015. 3. 5.", "2029.01.01~2030.12.31"), also when a label's
 * misread last character runs into the year.
 */
export function koreanDates(text: string): string[] {
  const out: string[] = [];
  // a renewal period read without its "~" runs the first day into the second year
  for (const m of digitLike(text).matchAll(/((?:19|20)\d{2})\s*[.]\s*(\d{1,2})\s*[.]\s*(\d{1,2})(?:(?!\d)|(?=(?:19|20)\d{2}\s*\.))/g)) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) out.push(date);
  }
  return out;
}

const dateLines = (lines: readonly PageLine[]) =>
  lines.map((l) => ({ line: l, dates: koreanDates(l.text) })).filter((d) => d.dates.length > 0);

async function officeBelow(page: PageText, lines: readonly PageLine[], dateLine: PageLine, suffix: RegExp): Promise<string> {
  const rows = rowsBetween(lines, dateLine.y + dateLine.h * 0.8, Infinity);
  for (const row of rows.slice(0, 2)) {
    const text = (await rereadRow(page, row)).replace(/[^\uac00-\ud7a3\s]/g, '').replace(/\s+/g, ' ').trim();
    const m = suffix.exec(text);
    if (m) return text.slice(0, m.index + m[0].length).trim();
  }
  return '';
}

function rrnProblems(rrn: { rrn: string; valid: boolean } | undefined): string[] {
  if (!rrn) return ['resident registration number not read'];
  return rrn.valid ? [] : [`resident registration number ${checkRrn(rrn.rrn).problem ?? 'invalid'}`];
}

async function extractIdCard(page: PageText): Promise<{ fields: Record<string, string>; problems: string[] }> {
  const lines = allLines(page);
  const f: Record<string, string> = Object.fromEntries(ID_FIELDS.map((k) => [k, '']));
  const anchors = findRrn(lines);
  const problems = rrnProblems(anchors?.rrn);
  if (!anchors) return { fields: f, problems };
  f.idNumber = anchors.rrn.rrn;
  const { rrnLine } = anchors;

  const nameLine = rowAbove(lines, rrnLine);
  if (nameLine) {
    // a Hanja that does not fit its syllable is not reported as a problem: the reader lacks some
    // name Hanja, and `consistent` false would mark a genuine card as tampered
    const { name, hanja } = await readNameRow(page, lines, nameLine);
    f.name = name;
    f.hanjaName = hanja;
  }

  const issue = dateLines(lines).find((d) => d.line.y > rrnLine.y + rrnLine.h);
  if (issue) {
    f.issueDate = issue.dates[0]!;
    const address = [];
    for (const row of rowsBetween(lines, rrnLine.y + rrnLine.h, issue.line.y)) address.push(await rereadRow(page, row, valueColumn(rrnLine), addressPart));
    f.address = snapProvince(address.filter(Boolean).join(' '));
    f.originOfIssue = snapProvince(await officeBelow(page, lines, issue.line, /(청장|시장|군수|구청장|읍장|면장|동장)/));
    const born = checkRrn(f.idNumber).birthDate;
    if (born && f.issueDate < born) problems.push('issue date before birth');
  } else problems.push('issue date not read');
  return { fields: f, problems };
}

async function extractLicence(page: PageText): Promise<{ fields: Record<string, string>; problems: string[] }> {
  const lines = allLines(page);
  const f: Record<string, string> = Object.fromEntries(DL_FIELDS.map((k) => [k, '']));
  const licenceLine = lines.find((l) => LICENCE.test(digitLike(l.text)));
  if (licenceLine) {
    const m = LICENCE.exec(digitLike(licenceLine.text))!;
    f.licenseNumber = `${m[1]}-${m[2]}-${m[3]}-${m[4]}`;
  }
  const anchors = findRrn(lines.filter((l) => l !== licenceLine));
  const problems = rrnProblems(anchors?.rrn);
  if (!licenceLine) problems.push('licence number not read');
  if (!anchors) return { fields: f, problems };
  f.idNumber = anchors.rrn.rrn;
  const { rrnLine } = anchors;

  const nameLine = rowAbove(lines, rrnLine, licenceLine ? licenceLine.y : -Infinity);
  if (nameLine) f.name = hangulOnly((await rereadRow(page, rowOf(lines, nameLine).boxes, valueColumn(rrnLine))).replace(LABELS, ''));

  // licence type: "1종보통" and the like, printed above the number
  const typeTop = licenceLine ? licenceLine.y - licenceLine.h * 4 : 0;
  for (const row of rowsBetween(lines, typeTop, (nameLine ?? rrnLine).y)) {
    for (const box of row) {
      if (box === licenceLine || (box.text && !/[12]/.test(box.text))) continue;
      const hangul = (await page.reread(box, 'hangul')).text;
      // the class digit from a reader that knows no Hangul: the general recogniser when it read
      // the box, else tesseract `eng`
      const type = licenceType(hangul) || licenceType(hangul, /[12]/.exec(box.text || (await page.reread(box, 'latin')).text)?.[0]);
      if (type) {
        f.licenseType = type;
        break;
      }
    }
    if (f.licenseType) break;
  }

  const dated = dateLines(lines).filter((d) => d.line.y > rrnLine.y + rrnLine.h);
  const period = dated.find((d) => d.dates.length >= 2);
  const issue = dated.find((d) => d.dates.length === 1 && d !== period && (!period || d.line.y > period.line.y));
  if (period) f.expiryDate = period.dates[1]!;
  else problems.push('renewal period not read');
  const addressEnd = period?.line.y ?? issue?.line.y ?? Infinity;
  const address = [];
  for (const row of rowsBetween(lines, rrnLine.y + rrnLine.h, addressEnd)) {
    address.push(await rereadRow(page, row, valueColumn(rrnLine), addressPart));
  }
  f.address = snapProvince(address.filter(Boolean).join(' '));
  if (issue) {
    f.issueDate = issue.dates[0]!;
    f.originOfIssue = snapPoliceOffice(await officeBelow(page, lines, issue.line, /(경찰청장|경찰서장|청장)/));
  } else problems.push('issue date not read');
  if (f.issueDate && f.expiryDate && f.expiryDate <= f.issueDate) problems.push('renewal period ends before issue');
  return { fields: f, problems };
}

/** What both cards show to the general recogniser: a valid RRN. */
function rrnScore(page: PageText): number {
  const anchors = findRrn(page.lines);
  return anchors ? (anchors.rrn.valid ? 0.55 : 0.35) : 0;
}

function standardFromRrn(f: Readonly<Record<string, string>>, expiry: string): StandardData {
  const [surname, given] = splitKoreanName(f.name ?? '');
  const rrn = checkRrn(f.idNumber ?? '');
  return {
    surname_s: romanizeHangul(surname),
    given_name_s: romanizeHangul(given),
    sex_s: rrn.sex,
    date_of_birth_s: rrn.birthDate,
    date_of_expiry_s: expiry,
  };
}

function generalFromRrn(f: Readonly<Record<string, string>>): GeneralFields {
  const s = standardFromRrn(f, '');
  return { surname_s: s.surname_s, given_name_s: s.given_name_s, date_of_birth_s: s.date_of_birth_s, card_number_s: f.idNumber ?? '', sex_s: s.sex_s };
}

export const korIdCard: DocumentModule = {
  codes: ['KOR01001'],
  docClass: 'KOR01',
  fields: { '01': ID_FIELDS },

  identify(page: PageText): Identification | null {
    const rrn = rrnScore(page);
    if (rrn === 0) return null;
    // the licence prints a licence number and a renewal period; the card neither
    const text = page.lines.map((l) => digitLike(l.text));
    if (text.some((t) => LICENCE.test(t))) return { code: 'KOR01001', page: '01', score: 0.2 };
    const dotted = text.some((t) => /(19|20)\d{2}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\./.test(t));
    return { code: 'KOR01001', page: '01', score: Math.min(1, rrn + (dotted ? 0.3 : 0.15)) };
  },

  async extract(page: PageText): Promise<Extraction> {
    const { fields, problems } = await extractIdCard(page);
    return { fields, consistent: problems.length === 0, problems };
  },

  general: generalFromRrn,
  standardize: (f) => standardFromRrn(f, ''),
};

export const korDrivingLicence: DocumentModule = {
  codes: ['KOR02001'],
  docClass: 'KOR02',
  fields: { '01': DL_FIELDS },

  identify(page: PageText): Identification | null {
    const text = page.lines.map((l) => digitLike(l.text));
    const licence = text.some((t) => LICENCE.test(t));
    if (!licence) return null;
    const period = text.some((t) => koreanDates(t).length >= 2);
    return { code: 'KOR02001', page: '01', score: Math.min(1, 0.35 + rrnScore(page) * 0.8 + (period ? 0.15 : 0) + (/DRIVER/i.test(text.join(' ')) ? 0.1 : 0)) };
  },

  async extract(page: PageText): Promise<Extraction> {
    const { fields, problems } = await extractLicence(page);
    return { fields, consistent: problems.length === 0, problems };
  },

  general: generalFromRrn,
  standardize: (f) => standardFromRrn(f, f.expiryDate ?? ''),
};
