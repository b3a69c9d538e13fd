/**
 * CHN02001 PRC motor-vehicle driving licence (中华人民共和国机动车驾驶证), main page.
 * Bilingual labels (证号, 姓名 Name, 性别 Sex, 国籍 Nationality, 住址 Address, 出生日期 Date of Birth,
 * 初次领证日期 Issue Date, 准驾车型 Class, 有效期限 Valid Period). The licence number is the
 * holder's PRC ID number: its check character, birth date and sex digit are the guarantees.
 */
import type { DocPage } from './catalogue.js';
import { prcIdAuthorizeChecks } from './chn-id.js';
import { cleanCjk, findAnchor, findDates, hanOnly, normalizeDate, rowOverlap, sexCN, sexMF, toHalfWidth, valueNear } from './fields.js';
import type { DocumentModule, Extraction, Identification, PageLine, PageText } from './module.js';
import { splitChineseName, standardFromChinese } from './standardize.js';
import { compactPrcId, repairPrcId, validatePrcId } from './validators/prc-id.js';

const L = {
  title: ['机动车驾驶证', '驾驶证'],
  number: ['证号'],
  name: ['姓名'],
  sex: ['性别'],
  nationality: ['国籍'],
  address: ['住址'],
  birth: ['出生日期'],
  first: ['初次领证日期'],
  vehicleClass: ['准驾车型'],
  period: ['有效期限'],
} as const;
const LABELS = Object.values(L).flat();
/** English halves of the bilingual labels, removed from values. */
const ENGLISH = ['Name', 'Sex', 'Nationality', 'Address', 'Date of Birth', 'Issue Date', 'Class', 'Valid Period', 'No.', 'Date of First Issue'];

const CLASSES = /(A1|A2|A3|B1|B2|C1|C2|C3|C4|C5|C6|D|E|F|M|N|P)+/;
const present = (lines: readonly PageLine[], labels: readonly string[]): boolean => findAnchor(lines, labels) !== null;

function field(lines: readonly PageLine[], own: readonly string[]): string {
  return valueNear(lines, own, LABELS.filter((l) => !own.includes(l)), ENGLISH)?.text ?? '';
}

function readAddress(lines: readonly PageLine[]): string {
  const v = valueNear(lines, L.address, LABELS.filter((l) => l !== '住址'), ENGLISH);
  if (!v) return '';
  const a = v.anchor.line;
  const next = findAnchor(lines, L.birth)?.line;
  const parts = [v.text];
  // continuation lines: below the address row, above the birth-date row, in the value column
  for (const l of lines) {
    if (l === a || rowOverlap(l, a) >= 0.4 || l.y <= a.y) continue;
    if (next && l.y + l.h / 2 >= next.y) continue;
    if (!next && l.y > a.y + a.h * 3) continue;
    if (l.x < v.anchor.labelRight - a.h || LABELS.some((x) => l.text.includes(x))) continue;
    parts.push(l.text);
  }
  return cleanCjk(parts.join('')).replace(/\s+/g, '').replace(/[A-Za-z]+$/, '');
}

function extract(page: PageText): Extraction {
  const lines = page.lines;
  const name = hanOnly(cleanCjk(field(lines, L.name)));
  const printedSex = sexMF(sexCN(field(lines, L.sex)));
  const nationality = hanOnly(field(lines, L.nationality));
  const printedBirth = normalizeDate(field(lines, L.birth));
  const firstIssueDate = normalizeDate(field(lines, L.first));
  const cls = toHalfWidth(field(lines, L.vehicleClass)).toUpperCase().replace(/\s+/g, '').match(CLASSES)?.[0] ?? '';
  const period = findDates(field(lines, L.period));
  let raw = compactPrcId(toHalfWidth(field(lines, L.number)));
  if (raw.length < 15) raw = lines.map((l) => toHalfWidth(l.text).replace(/\s+/g, '').match(/[0-9OIlDZSBQ]{17}[0-9Xx]/)?.[0]).find(Boolean) ?? raw;
  const idNumber = repairPrcId(raw, { birthDate: printedBirth, sex: printedSex });
  const check = validatePrcId(idNumber);
  const problems: string[] = [];
  if (!check.valid) problems.push('idNumber: not a valid PRC ID number');
  if (check.valid && printedBirth && printedBirth !== check.birthDate) problems.push('birthDate: differs from the number');
  if (check.valid && printedSex && printedSex !== check.sex) problems.push('sex: differs from the number');
  const issueDate = period[0]?.date ?? '';
  const expiryDate = period[1]?.date ?? '';
  if (issueDate && expiryDate && expiryDate <= issueDate) problems.push('validPeriod: expiry before issue');
  if (firstIssueDate && issueDate && firstIssueDate > issueDate) problems.push('firstIssueDate: after the period start');
  const birthDate = check.valid ? check.birthDate : printedBirth;
  const sex = check.valid ? check.sex : printedSex;
  return {
    fields: {
      name,
      sex: sex === 'M' ? '男' : sex === 'F' ? '女' : '',
      nationality,
      address: readAddress(lines),
      birthDate,
      firstIssueDate,
      vehicleClass: cls,
      idNumber: compactPrcId(idNumber),
      issueDate,
      expiryDate,
    },
    consistent: problems.length === 0,
    problems,
  };
}

export const chnDrivingLicence: DocumentModule = {
  codes: ['CHN02001'],
  docClass: 'CHN02',
  fields: {
    '01': ['name', 'sex', 'nationality', 'address', 'birthDate', 'firstIssueDate', 'vehicleClass', 'idNumber', 'issueDate', 'expiryDate'],
  },
  identify(page: PageText): Identification | null {
    const weights: Array<[readonly string[], number]> = [
      [L.title, 3], [L.vehicleClass, 3], [L.first, 2], [L.number, 1], [L.nationality, 1], [L.period, 1], [L.name, 0.5], [L.birth, 0.5],
    ];
    const score = weights.reduce((s, [labels, w]) => s + (present(page.lines, labels) ? w : 0), 0) / 10;
    return score > 0 ? { code: 'CHN02001', page: '01', score: Math.min(1, score) } : null;
  },
  async extract(page: PageText, _docPage: DocPage): Promise<Extraction> {
    return extract(page);
  },
  general(fields) {
    const { surname, given } = splitChineseName(fields.name ?? '');
    return { surname_s: surname, given_name_s: given, date_of_birth_s: fields.birthDate ?? '', card_number_s: fields.idNumber ?? '', sex_s: sexMF(fields.sex ?? '') };
  },
  standardize(fields) {
    return standardFromChinese(fields.name ?? '', fields.sex ?? '', fields.birthDate ?? '', fields.expiryDate ?? '');
  },
  authorize(fields) {
    return prcIdAuthorizeChecks(fields.idNumber ?? '', fields.birthDate ?? '', fields.sex ?? '');
  },
};
