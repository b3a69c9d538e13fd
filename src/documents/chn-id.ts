/**
 * CHN01001 PRC second-generation resident identity card.
 * Page 01 (portrait side): 姓名 / 性别 民族 / 出生 / 住址 (several lines) / 公民身份号码.
 * Page 02 (emblem side): 中华人民共和国 居民身份证 / 签发机关 / 有效期限.
 * The number's check character, encoded birth date and sex digit are the card's guarantees.
 */
import type { DocPage } from './catalogue.js';
import {
  cleanCjk,
  findAnchor,
  findDates,
  hanOnly,
  normalizeDate,
  rowOverlap,
  sexCN,
  sexMF,
  snapToList,
  toHalfWidth,
  valueAfter,
} from './fields.js';
import type { AuthorizeChecks, DocumentModule, Extraction, GeneralFields, Identification, PageLine, PageText } from './module.js';
import { splitChineseName, standardFromChinese } from './standardize.js';
import { compactPrcId, prcIdBirthDate, prcIdSex, repairPrcId, validatePrcId } from './validators/prc-id.js';

export const ETHNICITIES = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣',
  '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗',
  '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固',
  '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '穿青人', '其他',
];

const L = {
  name: ['姓名'],
  sex: ['性别'],
  ethnicity: ['民族'],
  birth: ['出生'],
  address: ['住址'],
  idNumber: ['公民身份号码', '公民身份证号码'],
  authority: ['签发机关'],
  period: ['有效期限'],
  country: ['中华人民共和国'],
  title: ['居民身份证'],
} as const;

const FRONT_LABELS = [...L.name, ...L.sex, ...L.ethnicity, ...L.birth, ...L.address, ...L.idNumber];

/** 17 digits + check character, allowing the look-alikes the repair maps back. */
const ID_RUN = /[0-9OIlDZSBQ|]{17}[0-9Xx×OIlDZSBQ|]/;

const present = (lines: readonly PageLine[], labels: readonly string[]): boolean => findAnchor(lines, labels) !== null;

function scoreFront(lines: readonly PageLine[]): number {
  const weights: Array<[readonly string[], number]> = [
    [L.name, 1], [L.sex, 1], [L.ethnicity, 2], [L.birth, 1], [L.address, 1], [L.idNumber, 3],
  ];
  let score = weights.reduce((s, [labels, w]) => s + (present(lines, labels) ? w : 0), 0);
  // labels shared with licences and permits are not enough: one of the card's own must be there
  const own = present(lines, L.ethnicity) || present(lines, L.idNumber);
  if (!own) return Math.min(0.4, score / 9);
  const id = findIdNumber(lines);
  if (id && validatePrcId(id).valid) score += 2;
  return Math.min(1, score / 9);
}

function scoreBack(lines: readonly PageLine[]): number {
  const weights: Array<[readonly string[], number]> = [[L.country, 1], [L.title, 3], [L.authority, 2], [L.period, 1]];
  const score = weights.reduce((s, [labels, w]) => s + (present(lines, labels) ? w : 0), 0);
  return Math.min(1, score / 6);
}

/** The raw ID number run: after its label, else anywhere on the page. */
function findIdNumber(lines: readonly PageLine[]): string {
  const labelled = valueAfter(lines, L.idNumber, []);
  const candidates = [labelled?.text ?? '', ...lines.map((l) => l.text)];
  for (const c of candidates) {
    const m = toHalfWidth(c).replace(/\s+/g, '').match(ID_RUN);
    if (m) return m[0];
  }
  return '';
}

/** Address: the value after 住址 plus the lines below it in the value column, down to the number row. */
function readAddress(lines: readonly PageLine[]): string {
  const v = valueAfter(lines, L.address, FRONT_LABELS.filter((l) => l !== '住址'));
  if (!v) return '';
  const a = v.anchor.line;
  const stop = findAnchor(lines, L.idNumber)?.line;
  const valueLeft = v.anchor.labelRight - (v.anchor.labelRight - a.x) * 0.5;
  const parts = [v.text];
  const below = lines
    .filter((l) => l !== a && rowOverlap(l, a) < 0.4 && l.y > a.y)
    .filter((l) => !stop || l.y + l.h / 2 < stop.y)
    .filter((l) => l.x >= valueLeft && l.x <= a.x + a.w + a.h * 2)
    .filter((l) => !FRONT_LABELS.some((lab) => l.text.includes(lab)))
    .filter((l) => !ID_RUN.test(l.text.replace(/\s+/g, '')))
    .sort((p, q) => p.y - q.y);
  // continuation lines follow each other closely; a big gap ends the address
  let lastBottom = a.y + a.h;
  for (const l of below) {
    if (l.y - lastBottom > a.h * 1.5) break;
    parts.push(l.text);
    lastBottom = l.y + l.h;
  }
  return cleanCjk(parts.join('')).replace(/\s+/g, '');
}

function extractFront(page: PageText): Extraction {
  const lines = page.lines;
  const others = (own: readonly string[]) => FRONT_LABELS.filter((l) => !own.includes(l));
  const nameRaw = valueAfter(lines, L.name, others(L.name))?.text ?? '';
  const name = cleanCjk(nameRaw).replace(/[^\u3400-\u9fff·]/g, '');
  const sexRaw = valueAfter(lines, L.sex, others(L.sex))?.text ?? '';
  const ethRaw = hanOnly(valueAfter(lines, L.ethnicity, others(L.ethnicity))?.text ?? '');
  const birthRaw = valueAfter(lines, L.birth, others(L.birth))?.text ?? '';
  const printedBirth = normalizeDate(birthRaw);
  const printedSex = sexMF(sexCN(sexRaw));

  const idNumber = repairPrcId(findIdNumber(lines), { birthDate: printedBirth, sex: printedSex });
  const check = validatePrcId(idNumber);
  const problems: string[] = [];
  if (!check.checks.format) problems.push('idNumber: not 18 characters');
  else if (!check.checks.checksum) problems.push('idNumber: check character');
  else if (!check.checks.region) problems.push('idNumber: region code');
  if (check.valid && printedBirth && printedBirth !== check.birthDate) problems.push('birthDate: differs from the number');
  if (check.valid && printedSex && printedSex !== check.sex) problems.push('sex: differs from the number');

  // a valid number is the card's own guarantee: it settles an unreadable printed birth date or sex
  const birthDate = check.valid && (!printedBirth || printedBirth !== check.birthDate) ? check.birthDate : printedBirth;
  const sexMf = check.valid && (!printedSex || printedSex !== check.sex) ? check.sex : printedSex;
  const fields = {
    name,
    sex: sexMf === 'M' ? '男' : sexMf === 'F' ? '女' : '',
    ethnicity: snapToList(ethRaw, ETHNICITIES),
    birthDate,
    address: readAddress(lines),
    idNumber: compactPrcId(idNumber),
  };
  return { fields, consistent: problems.length === 0 && check.valid, problems };
}

function extractBack(page: PageText): Extraction {
  const lines = page.lines;
  const authority = cleanCjk(valueAfter(lines, L.authority, [...L.period])?.text ?? '').replace(/[^\u3400-\u9fff]/g, '');
  const periodRaw = toHalfWidth(valueAfter(lines, L.period, [...L.authority])?.text ?? '');
  const dates = findDates(periodRaw);
  const issueDate = dates[0]?.date ?? '';
  const longTerm = dates.length < 2 && /长|期/.test(periodRaw);
  const expiryDate = longTerm ? '长期' : (dates[1]?.date ?? '');
  const dotted = (iso: string): string => iso.replace(/-/g, '.');
  const validPeriod = issueDate && expiryDate ? `${dotted(issueDate)}-${longTerm ? '长期' : dotted(expiryDate)}` : '';
  const problems: string[] = [];
  if (!issueDate) problems.push('validPeriod: no issue date');
  if (!expiryDate) problems.push('validPeriod: no expiry date');
  if (issueDate && !longTerm && expiryDate && expiryDate <= issueDate) problems.push('validPeriod: expiry before issue');
  return { fields: { issueAuthority: authority, validPeriod, issueDate, expiryDate }, consistent: problems.length === 0, problems };
}

export const chnResidentId: DocumentModule = {
  codes: ['CHN01001'],
  docClass: 'CHN01',
  fields: {
    '01': ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber'],
    '02': ['issueAuthority', 'validPeriod', 'issueDate', 'expiryDate'],
  },
  identify(page: PageText): Identification | null {
    const front = scoreFront(page.lines);
    const back = scoreBack(page.lines);
    const score = Math.max(front, back);
    if (score === 0) return null;
    return { code: 'CHN01001', page: front >= back ? '01' : '02', score };
  },
  async extract(page: PageText, docPage: DocPage): Promise<Extraction> {
    return docPage === '02' ? extractBack(page) : extractFront(page);
  },
  general(fields): GeneralFields {
    const { surname, given } = splitChineseName(fields.name ?? '');
    return {
      surname_s: surname,
      given_name_s: given,
      date_of_birth_s: fields.birthDate ?? '',
      card_number_s: fields.idNumber ?? '',
      sex_s: sexMF(fields.sex ?? ''),
    };
  },
  standardize(fields) {
    if (fields.name === undefined) {
      // the emblem side has no name: only the expiry date is standardised
      const expiry = fields.expiryDate && /^\d{4}-/.test(fields.expiryDate) ? fields.expiryDate : '';
      return { surname_s: '', given_name_s: '', sex_s: '', date_of_birth_s: '', date_of_expiry_s: expiry };
    }
    return standardFromChinese(fields.name, fields.sex ?? '', fields.birthDate ?? '', '');
  },
  authorize(fields): AuthorizeChecks {
    return prcIdAuthorizeChecks(fields.idNumber ?? '', fields.birthDate ?? '', fields.sex ?? '');
  },
};

/** Offline checks of Authorize=T for documents carrying a PRC ID number. */
export function prcIdAuthorizeChecks(idNumber: string, birthDate: string, sex: string): AuthorizeChecks {
  const v = validatePrcId(idNumber);
  const checks = {
    format: v.checks.format,
    checksum: v.checks.checksum,
    regionCode: v.checks.region,
    birthDate: v.checks.birthDate && (!birthDate || birthDate === prcIdBirthDate(idNumber)),
    sex: !sex || sexMF(sex) === prcIdSex(idNumber),
  };
  return { passed: Object.values(checks).every(Boolean), checks };
}
