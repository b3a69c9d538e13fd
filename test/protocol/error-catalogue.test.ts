import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/protocol/errors.js';

const SEEDS = path.resolve(process.cwd(), '../shared/seeds');

/**
 * Reads the "HTTP status → Code" tables of a seed document. They come in two layouts: one cell per
 * line (DocOcrMax) and pipe-separated rows where a row without a status inherits the previous one.
 */
function documentedCodes(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const start = text.search(/^(Return codes|Response codes|HTTP status code \| Code)/m);
  assert.ok(start >= 0, 'no error table in the seed');
  const tokens = text
    .slice(start)
    .split(/\n|\|/)
    .map((t) => t.trim())
    .filter(Boolean);
  let status = 0;
  for (const token of tokens) {
    if (/^ResultObject|^SubCode|^OCR result fields/.test(token)) break;
    if (/^\d{3}$/.test(token)) status = Number(token);
    else if (status && /^(Success|[A-Z][A-Za-z]+(\.[A-Za-z]+)?)$/.test(token) && /[a-z]/.test(token)) {
      if (!out.has(token) && /^(Success|Missing|Invalid|Unqualified|Data|Toolarge|Download|Forbidden|Throttling|Internal|Service|Process|Transaction)/.test(token)) {
        out.set(token, status);
      }
    }
  }
  return out;
}

describe('error catalogue against the seed documents', () => {
  const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

  it('finds the three seed documents', () => {
    assert.equal(seeds.length, 3);
  });

  for (const file of seeds) {
    it(`every code documented in ${file} is in the catalogue with its HTTP status`, () => {
      const documented = documentedCodes(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
      documented.delete('Success');
      assert.ok(documented.size >= 6, `parsed only ${[...documented.keys()].join(', ')}`);
      for (const [code, status] of documented) {
        const entry = ERROR_CATALOGUE[code as ErrorCode];
        assert.ok(entry, `${code} is documented but missing from the catalogue`);
        assert.equal(entry.status, status, `${code}: documented ${status}, catalogue ${entry.status}`);
      }
    });
  }

  it('uses the gateway statuses of the captures for signature errors', () => {
    assert.equal(ERROR_CATALOGUE.SignatureDoesNotMatch.status, 400);
    assert.equal(ERROR_CATALOGUE['InvalidAccessKeyId.NotFound'].status, 404);
    assert.equal(ERROR_CATALOGUE.InternalError.status, 500);
  });
});
