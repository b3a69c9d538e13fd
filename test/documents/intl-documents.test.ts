import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatHkid, hkidCheckChar, isValidHkid, parseHkid } from '../../src/documents/validators/hkid.js';
import { checkRrn } from '../../src/documents/validators/kr-rrn.js';
import { checkNik, nikBirthDate } from '../../src/documents/validators/nik.js';

const PUBLIC = '../shared/data/public';
const json = (path: string) => JSON.parse(readFileSync(`${PUBLIC}/${path}`, 'utf8'));

interface Vectors {
  scheme: string;
  source_file: string;
  valid: Array<string | { value: string }>;
  invalid: Array<{ value: string; error: string }>;
  birth_dates?: Array<{ value: string; birth_date?: string; error?: string }>;
}
const value = (v: string | { value: string }) => (typeof v === 'string' ? v : v.value);
const stdnumJs = json('stdnum-js/ground_truth.json').vectors as Vectors[];
const pythonStdnum = json('python-stdnum/ground_truth.json').vectors as Vectors[];
const validatorJs = json('validator.js/ground_truth.json').isIdentityCard as Record<string, { valid: string[]; invalid: string[] }>;
const scheme = (list: Vectors[], name: string) => list.find((v) => v.scheme.includes(name))!;

describe('HKID check character', () => {
  it('accepts every valid number of stdnum-js and validator.js and rejects the invalid ones', () => {
    const hk = scheme(stdnumJs, 'HKID');
    for (const v of hk.valid) assert.ok(isValidHkid(value(v)), value(v));
    for (const v of hk.invalid) assert.ok(!isValidHkid(v.value), v.value);
    for (const v of validatorJs['zh-HK']!.valid) assert.ok(isValidHkid(v), v);
    for (const v of validatorJs['zh-HK']!.invalid) assert.ok(!isValidHkid(v), v);
  });
  it('computes the check character, A for 10, and formats as printed', () => {
    assert.equal(hkidCheckChar('G', '123456'), 'A');
    assert.equal(hkidCheckChar('AB', '987654'), '3');
    assert.equal(formatHkid(parseHkid('ag293013[9]')!), 'AG293013(9)');
    // the public specimen prints an impossible check character
    assert.ok(!isValidHkid('C668668(E)'));
  });
});

describe('Korean resident registration number', () => {
  it('accepts the valid numbers of python-stdnum and stdnum-js, with birth date and sex', () => {
    const vectors = [scheme(pythonStdnum, 'Korean'), scheme(stdnumJs, 'Korean')];
    for (const list of vectors) for (const v of list.valid) assert.ok(checkRrn(value(v)).valid, value(v));
    assert.deepEqual(checkRrn('9710139019902'), { valid: true, birthDate: '1897-10-13', sex: 'M', formatted: '971013-9019902' });
    assert.equal(checkRrn('991231-4019906').birthDate, '2099-12-31');
    assert.equal(checkRrn('880411-2238459').sex, 'F');
  });
  it('rejects the invalid numbers for the asserted reason', () => {
    const reason: Record<string, string> = { InvalidLength: 'format', InvalidFormat: 'format', InvalidChecksum: 'checksum', InvalidComponent: 'date' };
    for (const list of [scheme(pythonStdnum, 'Korean'), scheme(stdnumJs, 'Korean')]) {
      for (const v of list.invalid) assert.equal(checkRrn(v.value).problem, reason[v.error], v.value);
    }
  });
  it('does not demand a check digit from numbers of people born since October 2020', () => {
    assert.ok(checkRrn('210315-3123456').valid);
    assert.equal(checkRrn('200915-3123456').problem, 'checksum');
  });
});

describe('Indonesian NIK', () => {
  const nik = scheme(pythonStdnum, 'NIK');
  it('accepts valid numbers and rejects the invalid ones of python-stdnum', () => {
    for (const v of nik.valid) assert.ok(checkNik(value(v)).valid, value(v));
    assert.equal(checkNik(nik.invalid.find((v) => v.error === 'InvalidLength')!.value).problem, 'format');
    assert.equal(checkNik(nik.invalid.find((v) => v.error === 'InvalidComponent')!.value).problem, 'province');
  });
  it('decodes birth dates (day + 40 for women) as python-stdnum asserts', () => {
    for (const v of nik.birth_dates!) {
      if (v.birth_date) assert.equal(nikBirthDate(v.value, new Date('2026-01-01')), v.birth_date, v.value);
      else assert.equal(checkNik(v.value).problem, 'date', v.value);
    }
    assert.equal(checkNik('3171015708450001').sex, 'F');
    assert.equal(checkNik('3171011708450001').sex, 'M');
  });
});
