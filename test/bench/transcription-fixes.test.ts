/**
 * The bench's corrections of tesseractMRZ transcriptions (bench/tesseractmrz-transcription-fixes.json): each
 * must match the published transcription it corrects and change it, so that no crop is ever scored against
 * text that is not the published transcription plus a recorded fix. Skipped when the shared evaluation data
 * is not beside the repository.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PUBLIC_DATA, printedLine, transcriptionFixes } from '../../bench/lib.js';

const dataset = path.join(PUBLIC_DATA, 'tesseractMRZ/dataset');

describe('tesseractMRZ transcription fixes', () => {
  it("each fix matches its crop's transcription and changes it", { skip: !existsSync(dataset) && 'shared data not found' }, () => {
    const fixes = transcriptionFixes();
    assert.ok(fixes.size > 0);
    for (const [file, fix] of fixes) {
      assert.equal(fix.file, file);
      assert.notEqual(fix.transcribed, fix.printed, file);
      const transcription = readFileSync(path.join(dataset, file.replace(/\.tif$/, '.gt.txt')), 'utf8').trim();
      const printed = printedLine(transcription, fix);
      assert.notEqual(printed, transcription, file);
      assert.match(printed, /^[A-Z0-9<]+$/, file);
    }
  });

  it('refuses a fix that does not match the transcription', () => {
    const fix = { file: 'x.tif', at: 2, transcribed: 'Q', printed: 'O' };
    assert.throws(() => printedLine('P<UTO', fix), /does not match/);
    assert.equal(printedLine('P<QTO', fix), 'P<OTO');
    assert.equal(printedLine('P<UTO', undefined), 'P<UTO');
  });
});
