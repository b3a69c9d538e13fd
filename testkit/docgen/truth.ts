/**
 * Ground truth per document type: a consistent person drawn from the seed (check characters valid,
 * birth date and sex encoded in the numbers, dates in range), plus what the card prints beyond the
 * returned fields (address lines, MRZ lines …). Keys and formats follow ../shared brief fields.md.
 */
import { hkidCheck, macaoCheck, mrzCheck, prcIdCheck, rrnCheck } from './checks.js';
import * as P from './pools.js';
import { createRng, type Rng } from './rng.js';

export type Page = '01' | '02';

/** Everything a card layout needs: `truth` is returned to callers, `view` only drives rendering. */
export interface DocRecord {
  readonly truth: Record<string, string>;
  readonly view: Record<string, string>;
  /** Lines printed as they are (address lines, MRZ lines). */
  readonly lines: Record<string, readonly string[]>;
}

/** Reference "today" of the generator: dates are drawn relative to it, never to the clock. */
export const REFERENCE_DATE = { y: 2026, m: 1, d: 1 } as const;

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const iso = (d: Ymd): string => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
const toDays = (d: Ymd): number => Date.UTC(d.y, d.m - 1, d.d) / 86400000;
const fromDays = (n: number): Ymd => {
  const t = new Date(n * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const refDays = toDays(REFERENCE_DATE);
/** A date between two years before the reference date (inclusive lower bound). */
function dateBetween(rng: Rng, from: Ymd, to: Ymd): Ymd {
  return fromDays(rng.int(toDays(from), toDays(to)));
}
function addYears(d: Ymd, years: number, minusDay = false): Ymd {
  // 29 Feb + n years → 28 Feb
  const base: Ymd = { y: d.y + years, m: d.m, d: d.m === 2 && d.d === 29 ? 28 : d.d };
  return minusDay ? fromDays(toDays(base) - 1) : base;
}
const ageAt = (birth: Ymd, at: Ymd): number => at.y - birth.y - (at.m < birth.m || (at.m === birth.m && at.d < birth.d) ? 1 : 0);
const yyyymmdd = (d: Ymd): string => `${d.y}${pad(d.m)}${pad(d.d)}`;
const yymmdd = (d: Ymd): string => `${pad(d.y % 100)}${pad(d.m)}${pad(d.d)}`;

function birth(rng: Rng, minAge: number, maxAge: number): Ymd {
  return dateBetween(rng, { y: REFERENCE_DATE.y - maxAge, m: 1, d: 1 }, { y: REFERENCE_DATE.y - minAge - 1, m: 12, d: 31 });
}
/** An issue date after the 18th birthday (or `minYear`) and before the reference date, with a validity that has not run out. */
function issued(rng: Rng, born: Ymd, validYears: number, minAge = 16): { issue: Ymd; expiry: Ymd } {
  const earliest = Math.max(toDays(addYears(born, minAge)), refDays - validYears * 365 + 30);
  const issue = fromDays(rng.int(Math.min(earliest, refDays - 30), refDays - 30));
  return { issue, expiry: addYears(issue, validYears, true) };
}

type Sex = 'M' | 'F';

interface ChineseName {
  s: string;
  t: string;
  surnameS: string;
  surnameT: string;
  givenS: string;
  givenT: string;
  py: [string, string];
  hk: [string, string];
  mo: [string, string];
  telecodes: string[];
}
function chineseName(rng: Rng): ChineseName {
  const sur = rng.pick(P.CN_SURNAMES);
  const n = rng.weighted([
    [1, 3],
    [2, 7],
  ] as const);
  const given = Array.from({ length: n }, () => rng.pick(P.CN_GIVEN));
  const cap = (w: string): string => w[0] + w.slice(1).toLowerCase();
  return {
    s: sur.s + given.map((g) => g.s).join(''),
    t: sur.t + given.map((g) => g.t).join(''),
    surnameS: sur.s,
    surnameT: sur.t,
    givenS: given.map((g) => g.s).join(''),
    givenT: given.map((g) => g.t).join(''),
    py: [sur.py, given.map((g) => g.py).join('')],
    hk: [sur.hk, given.map((g) => cap(g.hk)).join(' ')],
    mo: [sur.mo, given.map((g) => g.mo).join(' ')],
    telecodes: [P.CN_SURNAME_TELECODE[sur.t]!, ...given.map((g) => g.tc)],
  };
}

function prcIdNumber(rng: Rng, region: string, born: Ymd, sex: Sex): string {
  // sequence code: two digits, then the sex digit (odd for men, even for women)
  const body = region + yyyymmdd(born) + pad(rng.int(0, 99)) + String(rng.int(0, 4) * 2 + (sex === 'M' ? 1 : 0));
  return body + prcIdCheck(body);
}

function chnAddress(rng: Rng, prefix: string): string {
  const street = rng.pick(P.CN_STREETS);
  return rng.chance(0.5)
    ? `${prefix}${street}${rng.int(1, 300)}号${rng.pick(P.CN_COMPOUNDS)}${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 28)}0${rng.int(1, 4)}室`
    : `${prefix}${street}${rng.int(1, 300)}号院${rng.int(1, 20)}号楼${rng.int(1, 28)}0${rng.int(1, 4)}号`;
}
/** Wraps text into lines of at most `n` characters (the ID card prints 11 per line). */
function wrap(text: string, n: number): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}
const dotted = (d: Ymd): string => `${d.y}.${pad(d.m)}.${pad(d.d)}`;

function chn01001(seed: number): DocRecord {
  const rng = createRng('CHN01001', seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const region = rng.pick(P.PRC_REGIONS);
  const born = birth(rng, 16, 75);
  const idNumber = prcIdNumber(rng, region.code, born, sex);
  const address = chnAddress(rng, region.prefix);
  // validity by age at issue: <26 → 10 years, 26–45 → 20 years, over 45 → long-term
  const issue = dateBetween(rng, fromDays(Math.max(toDays(addYears(born, 16)), refDays - 9 * 365)), fromDays(refDays - 30));
  const age = ageAt(born, issue);
  const expiry = age < 26 ? addYears(issue, 10) : age <= 45 ? addYears(issue, 20) : null;
  const ethnicity = rng.weighted(P.ETHNICITIES);
  return {
    truth: {
      name: name.s,
      sex: sex === 'M' ? '男' : '女',
      ethnicity,
      birthDate: iso(born),
      address,
      idNumber,
      issueAuthority: region.authority,
      validPeriod: `${dotted(issue)}-${expiry ? dotted(expiry) : '长期'}`,
      issueDate: iso(issue),
      expiryDate: expiry ? iso(expiry) : '长期',
    },
    view: { birthY: String(born.y), birthM: String(born.m), birthD: String(born.d) },
    lines: { address: wrap(address, 11) },
  };
}

function chn02001(seed: number): DocRecord {
  const rng = createRng('CHN02001', seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const region = rng.pick(P.PRC_REGIONS);
  const born = birth(rng, 20, 65);
  const idNumber = prcIdNumber(rng, region.code, born, sex);
  const address = chnAddress(rng, region.prefix);
  const first = dateBetween(rng, addYears(born, 18), fromDays(refDays - 400));
  const years = rng.pick([6, 10]);
  // the current period starts on the first issue's anniversary
  let start = first;
  while (toDays(addYears(start, years)) < refDays) start = addYears(start, years);
  const end = addYears(start, years);
  return {
    truth: {
      name: name.s,
      sex: sex === 'M' ? '男' : '女',
      nationality: '中国',
      address,
      birthDate: iso(born),
      firstIssueDate: iso(first),
      vehicleClass: rng.weighted([
        ['C1', 70],
        ['C2', 15],
        ['B2', 6],
        ['A1', 3],
        ['A2', 3],
        ['D', 3],
      ] as const),
      idNumber,
      issueDate: iso(start),
      expiryDate: iso(end),
    },
    view: { authority: `${region.authority.split('公安局')[0]}公安局交通警察支队` },
    lines: { address: wrap(address, 20) },
  };
}

const EXIT_ENTRY_AUTHORITY = '公安部出入境管理局';
const PROVINCES = ['广东', '福建', '北京', '上海', '浙江', '江苏', '湖南', '四川', '湖北', '山东'];

/** CHN05001 (HK/Macao) and CHN05004 (Taiwan) exit-entry permits of mainland residents. */
function exitEntry(code: 'CHN05001' | 'CHN05004', seed: number): DocRecord {
  const rng = createRng(code, seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 18, 70);
  const { issue, expiry } = issued(rng, born, 10);
  const letter = code === 'CHN05001' ? 'C' : 'L';
  return {
    truth: {
      name: name.s,
      englishName: `${name.py[0]} ${name.py[1]}`,
      sex,
      birthDate: iso(born),
      idNumber: letter + pad(rng.int(0, 99999999), 8),
      issueDate: iso(issue),
      expiryDate: iso(expiry),
      placeOfIssue: rng.pick(PROVINCES),
      originOfIssue: EXIT_ENTRY_AUTHORITY,
    },
    view: {},
    lines: {},
  };
}

/** CHN05002: home-return permit of Hong Kong (H) and Macao (M) residents. */
function chn05002(seed: number): DocRecord {
  const rng = createRng('CHN05002', seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 18, 70);
  const { issue, expiry } = issued(rng, born, 10);
  const hk = rng.chance(0.7);
  const roman = hk ? name.hk : name.mo;
  return {
    truth: {
      name: name.s,
      englishName: `${roman[0]} ${roman[1].toUpperCase()}`,
      sex,
      birthDate: iso(born),
      idNumber: (hk ? 'H' : 'M') + pad(rng.int(0, 99999999), 8),
      issueDate: iso(issue),
      expiryDate: iso(expiry),
      originOfIssue: EXIT_ENTRY_AUTHORITY,
    },
    view: { issueCount: pad(rng.int(0, 3)) },
    lines: {},
  };
}

/** CHN05003: mainland travel permit of Taiwan residents (8-digit number). */
function chn05003(seed: number): DocRecord {
  const rng = createRng('CHN05003', seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 18, 70);
  const { issue, expiry } = issued(rng, born, 5);
  return {
    truth: {
      name: name.s,
      englishName: `${name.py[0]} ${name.py[1]}`,
      sex,
      birthDate: iso(born),
      idNumber: pad(rng.int(0, 99999999), 8),
      issueDate: iso(issue),
      expiryDate: iso(expiry),
      originOfIssue: EXIT_ENTRY_AUTHORITY,
      placeOfIssue: rng.pick(['福建', '上海', '北京', '广东', '江苏']),
    },
    view: { issueCount: pad(rng.int(0, 3)), twId: String.fromCharCode(65 + rng.int(0, 25)) + (sex === 'M' ? '1' : '2') + pad(rng.int(0, 99999999), 8) },
    lines: {},
  };
}

const HK_PREFIXES = ['A', 'C', 'D', 'E', 'G', 'H', 'K', 'M', 'P', 'R', 'V', 'Y', 'Z', 'XA'];
function hkid(code: 'HKG01001' | 'HKG01002', seed: number): DocRecord {
  const rng = createRng(code, seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  // the 2003 edition stopped in 2018: its holders were at least 11 by then
  const born = birth(rng, code === 'HKG01001' ? 21 : 18, 75);
  const prefix = rng.pick(HK_PREFIXES);
  const digits = pad(rng.int(0, 999999), 6);
  const permanent = rng.chance(0.85);
  const symbols = permanent
    ? rng.weighted([
        ['***AZ', 50],
        ['***AO', 20],
        ['***AW', 3],
        ['***AZN', 4],
        ['***AZB', 3],
      ] as const)
    : rng.pick(['CO', 'C', 'UO', 'CZ']);
  // current card issued within the edition's years, at 11 or older; first registration between
  const [start, end]: [Ymd, Ymd] =
    code === 'HKG01001'
      ? [{ y: 2003, m: 6, d: 23 }, { y: 2018, m: 11, d: 25 }]
      : [{ y: 2018, m: 11, d: 26 }, { y: 2025, m: 10, d: 31 }];
  const at11 = addYears(born, 11);
  const current = dateBetween(rng, fromDays(Math.max(toDays(start), toDays(at11))), end);
  const firstIssue = dateBetween(rng, at11, fromDays(Math.min(toDays(current), toDays(addYears(born, 45)))));
  const withChinese = rng.chance(0.9);
  return {
    truth: {
      name: withChinese ? name.t : '',
      englishName: `${name.hk[0]}, ${name.hk[1]}`,
      nameCode: withChinese ? name.telecodes.join(' ') : '',
      sex,
      birthDate: iso(born),
      idNumber: `${prefix}${digits}(${hkidCheck(prefix, digits)})`,
      currentIssueDate: iso(current),
      firstIssueDate: `${firstIssue.y}-${pad(firstIssue.m)}`,
      isPermanent: symbols.startsWith('***') ? 'Y' : 'N',
      symbols,
    },
    view: {
      birthPrinted: `${pad(born.d)}-${pad(born.m)}-${born.y}`,
      currentPrinted: `${pad(current.d)}-${pad(current.m)}-${pad(current.y % 100)}`,
      firstPrinted: `(${pad(firstIssue.m)}-${pad(firstIssue.y % 100)})`,
    },
    lines: {},
  };
}

function macao(code: 'MAC01001' | 'MAC01002' | 'MAC01003', seed: number): DocRecord {
  const rng = createRng(code, seed);
  const name = chineseName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 18, 75);
  const first = rng.pick(['1', '5', '7']);
  const digits = first + pad(rng.int(0, 999999), 6);
  const edition = { MAC01001: [2023, 2025], MAC01002: [2013, 2022], MAC01003: [2002, 2012] }[code];
  // cards are issued from the age of 5, within the edition's years
  const issue = dateBetween(rng, fromDays(Math.max(toDays({ y: edition[0]!, m: 1, d: 1 }), toDays(addYears(born, 5)))), { y: edition[1]!, m: 12, d: 31 });
  const expiry = addYears(issue, 10);
  return {
    truth: {
      surnameCN: name.surnameT,
      givennameCN: name.givenT,
      surname: name.mo[0],
      givenname: name.mo[1],
      sex,
      birthDate: iso(born),
      idNumber: `${digits}(${macaoCheck(digits)})`,
      expiryDate: iso(expiry),
      placeOfBirth: rng.weighted([
        ['澳門', 60],
        ['中國', 25],
        ['香港', 10],
        ['菲律賓', 5],
      ] as const),
    },
    view: { issueDate: iso(issue), firstIssue: String(rng.int(Math.min(issue.y, Math.max(1990, born.y + 5)), issue.y)) },
    lines: {},
  };
}

function krName(rng: Rng): { h: string; hanja: string } {
  const sur = rng.pick(P.KR_SURNAMES);
  const g = [rng.pick(P.KR_GIVEN), rng.pick(P.KR_GIVEN)];
  return { h: sur.h + g[0]!.h + g[1]!.h, hanja: sur.hanja + g[0]!.hanja + g[1]!.hanja };
}
function rrn(rng: Rng, born: Ymd, sex: Sex): string {
  const g = born.y >= 2000 ? (sex === 'M' ? 3 : 4) : sex === 'M' ? 1 : 2;
  const body = yymmdd(born) + g + pad(rng.int(0, 99999), 5);
  return `${body.slice(0, 6)}-${body.slice(6)}${rrnCheck(body)}`;
}
function krAddress(rng: Rng, prefix: string): string[] {
  return [`${prefix} ${rng.pick(P.KR_ROADS)} ${rng.int(1, 350)}`, `${rng.int(101, 130)}동 ${rng.int(1, 25)}0${rng.int(1, 4)}호 (${rng.pick(P.KR_APTS)})`];
}

function kor01001(seed: number): DocRecord {
  const rng = createRng('KOR01001', seed);
  const n = krName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 18, 75);
  const region = rng.pick(P.KR_REGIONS);
  const address = krAddress(rng, region.addr);
  const issue = dateBetween(rng, fromDays(Math.max(toDays(addYears(born, 17)), toDays({ y: 2010, m: 1, d: 1 }))), fromDays(refDays - 30));
  const withHanja = rng.chance(0.7);
  return {
    truth: {
      name: n.h,
      hanjaName: withHanja ? `(${n.hanja})` : '',
      idNumber: rrn(rng, born, sex),
      address: address.join(' '),
      issueDate: iso(issue),
      originOfIssue: region.office,
    },
    view: { issuePrinted: `${issue.y}. ${issue.m}. ${issue.d}.` },
    lines: { address },
  };
}

function kor02001(seed: number): DocRecord {
  const rng = createRng('KOR02001', seed);
  const n = krName(rng);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 20, 70);
  const region = rng.pick(P.KR_REGIONS);
  const address = krAddress(rng, region.addr);
  const issue = dateBetween(rng, fromDays(Math.max(refDays - 9 * 365, toDays(addYears(born, 18)))), fromDays(refDays - 30));
  // renewal period ends on 31 December of the 10th year
  const expiry: Ymd = { y: issue.y + 10, m: 12, d: 31 };
  const firstYear = rng.int(born.y + 18, issue.y);
  return {
    truth: {
      name: n.h,
      idNumber: rrn(rng, born, sex),
      licenseNumber: `${region.licRegion}-${pad(firstYear % 100)}-${pad(rng.int(0, 999999), 6)}-${pad(rng.int(0, 99))}`,
      licenseType: rng.weighted([
        ['1종보통', 45],
        ['2종보통', 45],
        ['1종대형', 5],
        ['2종소형', 5],
      ] as const),
      address: address.join(' '),
      issueDate: iso(issue),
      expiryDate: iso(expiry),
      originOfIssue: region.police,
    },
    view: {
      issuePrinted: `${issue.y}.${pad(issue.m)}.${pad(issue.d)}`,
      periodPrinted: `${expiry.y - 1}.01.01~${expiry.y}.12.31`,
      serial: String.fromCharCode(65 + rng.int(0, 25)) + String.fromCharCode(65 + rng.int(0, 25)) + String(rng.int(1000, 9999)),
    },
    lines: { address },
  };
}

function mrzName(surname: string, given: string, width: number): string {
  const clean = (s: string): string => s.toUpperCase().replace(/[^A-Z ]/g, '').trim().replace(/ +/g, '<');
  return (clean(surname) + '<<' + clean(given)).padEnd(width, '<').slice(0, width);
}

interface Passport {
  truth: Record<string, string>;
  view: Record<string, string>;
  mrz: [string, string];
}
function passport(code: string, seed: number): Passport & { korean?: string } {
  const rng = createRng(code, seed);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 1, 80);
  const adult = ageAt(born, REFERENCE_DATE) >= 18;
  const { issue, expiry } = issued(rng, born, adult ? 10 : 5, 0);
  let state: { code: string; name: string; nationality: string; places: readonly string[] };
  let surname: string;
  let given: string;
  let korean: string | undefined;
  let number: string;
  if (code === 'KOR03001') {
    state = { code: 'KOR', name: 'REPUBLIC OF KOREA', nationality: 'REPUBLIC OF KOREA', places: ['SEOUL', 'BUSAN'] };
    const n = krName(rng);
    korean = n.h;
    surname = KR_ROMAN_SURNAME[n.h[0]!] ?? 'KIM';
    given = [...n.h.slice(1)].map((c) => KR_ROMAN_SYLLABLE[c] ?? 'MIN').join('');
    number = rng.pick(['M', 'M', 'S']) + pad(rng.int(0, 99999999), 8);
  } else {
    state = rng.pick(P.PASSPORT_STATES);
    surname = rng.pick(P.LATIN_SURNAMES);
    const pool = sex === 'M' ? P.LATIN_GIVEN_M : P.LATIN_GIVEN_F;
    given = rng.chance(0.35) ? `${rng.pick(pool)} ${rng.pick(pool)}` : rng.pick(pool);
    if (given.split(' ')[0] === given.split(' ')[1]) given = given.split(' ')[0]!;
    const letters = [...'CFGHJKLMNPRTVWXYZ'];
    number =
      rng.pick(letters) +
      rng.pick(letters) +
      Array.from({ length: 7 }, () => (rng.chance(0.8) ? String(rng.int(0, 9)) : rng.pick(letters))).join('');
  }
  const docNum = number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const l1 = `P<${state.code}${mrzName(surname, given, 39)}`;
  const dob = yymmdd(born);
  const exp = yymmdd(expiry);
  const head = `${docNum}${mrzCheck(docNum)}${state.code}${dob}${mrzCheck(dob)}${sex}${exp}${mrzCheck(exp)}${personal}${mrzCheck(personal)}`;
  const composite = mrzCheck(head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43));
  const l2 = head + composite;
  const truth: Record<string, string> = {
    surname,
    givenname: given,
    sex,
    birthDate: iso(born),
    passportNo: number,
    nationality: state.code,
    expiryDate: iso(expiry),
    countryCode: state.code,
  };
  if (korean !== undefined) truth.koreanName = korean;
  const printed = (d: Ymd): string => `${pad(d.d)} ${MONTHS[d.m - 1]} ${d.y}`;
  return {
    truth,
    korean,
    mrz: [l1, l2],
    view: {
      stateName: state.name,
      nationalityPrinted: state.nationality,
      placeOfBirth: rng.pick(state.places),
      birthPrinted: printed(born),
      issuePrinted: printed(issue),
      expiryPrinted: printed(expiry),
      authority: code === 'KOR03001' ? 'MINISTRY OF FOREIGN AFFAIRS' : rng.pick(['PASSPORT OFFICE', 'MINISTRY OF FOREIGN AFFAIRS', 'MINISTRY OF INTERIOR']),
      personalNo: code === 'KOR03001' ? `${dob.slice(0, 6)}-${sex === 'M' ? (born.y >= 2000 ? 3 : 1) : born.y >= 2000 ? 4 : 2}******` : '',
    },
  };
}
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Revised Romanization of the syllables in the Korean name pools (as passports print them). */
const KR_ROMAN_SURNAME: Record<string, string> = {
  김: 'KIM', 이: 'LEE', 박: 'PARK', 최: 'CHOI', 정: 'JUNG', 강: 'KANG', 조: 'CHO', 윤: 'YOON', 장: 'JANG', 임: 'LIM', 한: 'HAN', 오: 'OH', 서: 'SEO', 신: 'SHIN', 권: 'KWON',
};
const KR_ROMAN_SYLLABLE: Record<string, string> = {
  민: 'MIN', 준: 'JUN', 서: 'SEO', 연: 'YEON', 지: 'JI', 현: 'HYEON', 우: 'WOO', 영: 'YOUNG', 수: 'SU', 진: 'JIN', 호: 'HO', 성: 'SEONG', 은: 'EUN', 혜: 'HYE', 동: 'DONG',
  재: 'JAE', 희: 'HEE', 경: 'KYUNG', 하: 'HA', 윤: 'YUN',
};

function td1(seed: number): DocRecord {
  const rng = createRng('TD1', seed);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 18, 75);
  const { expiry } = issued(rng, born, 10);
  const state = rng.pick([
    { code: 'NLD', name: 'KONINKRIJK DER NEDERLANDEN', title: 'IDENTITEITSKAART' },
    { code: 'BEL', name: 'BELGIE BELGIQUE BELGIEN', title: 'IDENTITEITSKAART' },
    { code: 'ESP', name: 'REINO DE ESPANA', title: 'DOCUMENTO NACIONAL DE IDENTIDAD' },
    { code: 'PRT', name: 'REPUBLICA PORTUGUESA', title: 'CARTAO DE CIDADAO' },
    { code: 'SWE', name: 'SVERIGE', title: 'NATIONELLT ID-KORT' },
    { code: 'EST', name: 'EESTI VABARIIK', title: 'ISIKUTUNNISTUS' },
  ]);
  const surname = rng.pick(P.LATIN_SURNAMES);
  const given = rng.pick(sex === 'M' ? P.LATIN_GIVEN_M : P.LATIN_GIVEN_F);
  const letters = [...'CFGHJKLMNPRTVWXYZ'];
  const number = Array.from({ length: 9 }, (_, i) => (i < 2 || rng.chance(0.2) ? rng.pick(letters) : String(rng.int(0, 9)))).join('');
  const docCode = 'ID';
  const optional1 = '<'.repeat(15);
  const l1 = `${docCode}${state.code}${number}${mrzCheck(number)}${optional1}`;
  const dob = yymmdd(born);
  const exp = yymmdd(expiry);
  const optional2 = '<'.repeat(11);
  const l2head = `${dob}${mrzCheck(dob)}${sex}${exp}${mrzCheck(exp)}${state.code}${optional2}`;
  const composite = mrzCheck(l1.slice(5, 30) + l2head.slice(0, 7) + l2head.slice(8, 15) + l2head.slice(18, 29));
  const l2 = l2head + composite;
  const l3 = mrzName(surname, given, 30);
  return {
    truth: {
      documentCode: docCode,
      countryCode: state.code,
      documentNumber: number,
      surname,
      givenname: given,
      sex,
      birthDate: iso(born),
      expiryDate: iso(expiry),
      nationality: state.code,
    },
    view: { stateName: state.name, title: state.title, birthPrinted: `${pad(born.d)}.${pad(born.m)}.${born.y}`, expiryPrinted: `${pad(expiry.d)}.${pad(expiry.m)}.${expiry.y}` },
    lines: { mrz: [l1, l2, l3] },
  };
}

function idn01001(seed: number): DocRecord {
  const rng = createRng('IDN01001', seed);
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birth(rng, 17, 70);
  const region = rng.pick(P.IDN_REGIONS);
  const first = rng.pick(sex === 'M' ? P.IDN_NAMES_M : P.IDN_NAMES_F);
  const name = rng.chance(0.8) ? `${first} ${rng.pick(P.IDN_SURNAMES)}` : first;
  const districtIdx = rng.int(0, region.districts.length - 1);
  const kec = region.code.slice(0, 4) + pad(districtIdx + 1);
  const nik = kec + pad(born.d + (sex === 'F' ? 40 : 0)) + pad(born.m) + pad(born.y % 100) + pad(rng.int(1, 9999), 4);
  const married = ageAt(born, REFERENCE_DATE) > 24 && rng.chance(0.7);
  return {
    truth: {
      province: region.prov,
      city: region.city,
      nik,
      name,
      placeOfBirth: rng.pick(P.IDN_BIRTHPLACES),
      birthDate: iso(born),
      sex: sex === 'M' ? 'LAKI-LAKI' : 'PEREMPUAN',
      bloodType: rng.weighted([
        ['O', 35],
        ['A', 25],
        ['B', 25],
        ['AB', 5],
        ['-', 10],
      ] as const),
      address: `${rng.pick(P.IDN_STREETS)} NO. ${rng.int(1, 150)}`,
      rtRw: `${pad(rng.int(1, 15), 3)}/${pad(rng.int(1, 12), 3)}`,
      village: rng.pick(region.villages),
      district: region.districts[districtIdx]!,
      religion: rng.weighted(P.IDN_RELIGIONS),
      maritalStatus: married ? 'KAWIN' : 'BELUM KAWIN',
      occupation: rng.pick(P.IDN_JOBS),
      nationality: 'WNI',
      expiryDate: 'SEUMUR HIDUP',
    },
    view: {
      birthPrinted: `${pad(born.d)}-${pad(born.m)}-${born.y}`,
      issuePrinted: `${pad(rng.int(1, 28))}-${pad(rng.int(1, 12))}-${rng.int(Math.max(2012, born.y + 17), 2025)}`,
      cityShort: region.city.replace(/^KOTA /, ''),
    },
    lines: {},
  };
}

/** Field keys per code and page, in output order (fields.md). */
export const FIELD_KEYS: Readonly<Record<string, readonly string[]>> = {
  'CHN01001-01': ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'],
  'CHN01001-02': ['issueAuthority', 'validPeriod', 'issueDate', 'expiryDate'],
  'CHN02001-01': ['name', 'sex', 'nationality', 'address', 'birthDate', 'firstIssueDate', 'vehicleClass', 'idNumber', 'issueDate', 'expiryDate'],
  'CHN05001-01': ['name', 'englishName', 'sex', 'birthDate', 'idNumber', 'issueDate', 'expiryDate', 'placeOfIssue', 'originOfIssue'],
  'CHN05004-01': ['name', 'englishName', 'sex', 'birthDate', 'idNumber', 'issueDate', 'expiryDate', 'placeOfIssue', 'originOfIssue'],
  'CHN05002-01': ['name', 'englishName', 'sex', 'birthDate', 'idNumber', 'issueDate', 'expiryDate', 'originOfIssue'],
  'CHN05003-01': ['name', 'englishName', 'sex', 'birthDate', 'idNumber', 'issueDate', 'expiryDate', 'originOfIssue', 'placeOfIssue'],
  'HKG01001-01': ['name', 'englishName', 'nameCode', 'sex', 'birthDate', 'idNumber', 'currentIssueDate', 'firstIssueDate', 'isPermanent', 'symbols'],
  'HKG01002-01': ['name', 'englishName', 'nameCode', 'sex', 'birthDate', 'idNumber', 'currentIssueDate', 'firstIssueDate', 'isPermanent', 'symbols'],
  'MAC01001-01': ['surnameCN', 'givennameCN', 'surname', 'givenname', 'sex', 'birthDate', 'idNumber', 'expiryDate', 'placeOfBirth'],
  'MAC01002-01': ['surnameCN', 'givennameCN', 'surname', 'givenname', 'sex', 'birthDate', 'idNumber', 'expiryDate', 'placeOfBirth'],
  'MAC01003-01': ['surnameCN', 'givennameCN', 'surname', 'givenname', 'sex', 'birthDate', 'idNumber', 'expiryDate', 'placeOfBirth'],
  'KOR01001-01': ['name', 'hanjaName', 'idNumber', 'address', 'issueDate', 'originOfIssue'],
  'KOR02001-01': ['name', 'idNumber', 'licenseNumber', 'licenseType', 'address', 'issueDate', 'expiryDate', 'originOfIssue'],
  'KOR03001-01': ['surname', 'givenname', 'sex', 'birthDate', 'passportNo', 'nationality', 'expiryDate', 'countryCode', 'koreanName'],
  'GLB03001-01': ['surname', 'givenname', 'sex', 'birthDate', 'passportNo', 'nationality', 'expiryDate', 'countryCode'],
  'GLB03002-01': ['surname', 'givenname', 'sex', 'birthDate', 'passportNo', 'nationality', 'expiryDate', 'countryCode'],
  'IDN01001-01': [
    'province', 'city', 'nik', 'name', 'placeOfBirth', 'birthDate', 'sex', 'bloodType', 'address', 'rtRw', 'village', 'district',
    'religion', 'maritalStatus', 'occupation', 'nationality', 'expiryDate',
  ],
  'TD1-01': ['documentCode', 'countryCode', 'documentNumber', 'surname', 'givenname', 'sex', 'birthDate', 'expiryDate', 'nationality'],
};

/** The full record of a document (both pages' data for two-page types). */
export function makeRecord(code: string, seed: number): DocRecord {
  switch (code) {
    case 'CHN01001':
      return chn01001(seed);
    case 'CHN02001':
      return chn02001(seed);
    case 'CHN05001':
    case 'CHN05004':
      return exitEntry(code, seed);
    case 'CHN05002':
      return chn05002(seed);
    case 'CHN05003':
      return chn05003(seed);
    case 'HKG01001':
    case 'HKG01002':
      return hkid(code, seed);
    case 'MAC01001':
    case 'MAC01002':
    case 'MAC01003':
      return macao(code, seed);
    case 'KOR01001':
      return kor01001(seed);
    case 'KOR02001':
      return kor02001(seed);
    case 'IDN01001':
      return idn01001(seed);
    case 'TD1':
      return td1(seed);
    case 'GLB03001':
    case 'GLB03002':
    case 'KOR03001': {
      const p = passport(code, seed);
      return { truth: p.truth, view: p.view, lines: { mrz: p.mrz } };
    }
    default:
      throw new Error(`docgen: unknown document type ${code}`);
  }
}

/** The returned truth of one page: exactly the keys of fields.md, in order. */
export function pageTruth(code: string, page: Page, record: DocRecord): Record<string, string> {
  const keys = FIELD_KEYS[`${code}-${page}`];
  if (!keys) throw new Error(`docgen: ${code} has no page ${page}`);
  return Object.fromEntries(keys.map((k) => [k, record.truth[k] ?? '']));
}
