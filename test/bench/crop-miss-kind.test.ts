/** The bench's classification of a line-crop miss (bench/lib.ts, cropMissKind). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropMissKind, reachableHonouringClasses } from '../../bench/lib.js';

// ICAO 9303 Part 4's specimen TD3 lines
const L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const L2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
const at = (s: string, i: number, c: string): string => s.slice(0, i) + c + s.slice(i + 1);

describe('cropMissKind', () => {
  it('a reading equal to the print is a transcription miss', () => {
    assert.equal(cropMissKind(L2, L2), 'transcription');
  });

  it('a reading of another length is a length miss', () => {
    assert.equal(cropMissKind(L1.slice(0, 43), L1), 'length');
  });

  it('a print with a letter in a date or check digit, read as the digit, is a class miss', () => {
    assert.equal(cropMissKind(L2, at(L2, 15, 'O')), 'class'); // birth date 740812 printed 74O812
    assert.equal(cropMissKind(L2, at(L2, 9, 'O')), 'class'); // check digit 6 printed O
    assert.equal(cropMissKind(L2, at(L2, 10, '8')), 'class'); // nationality U → 8 (a digit in a state code)
  });

  it('a letter misread for a letter, or a digit for a digit, is a misread', () => {
    assert.equal(cropMissKind(at(L1, 18, 'N'), L1), 'misread, whole line'); // ANNA read ANNN
    assert.equal(cropMissKind(at(L2, 15, '3'), L2), 'misread, whole line'); // a digit of the birth date
  });

  it('one forbidden character among other differences is a misread', () => {
    assert.equal(cropMissKind(at(L2, 1, '3'), at(at(L2, 1, '5'), 15, 'O')), 'misread, whole line');
  });

  it('a crop of no whole line is told apart', () => {
    assert.equal(cropMissKind('ERIKSSON<<ANNN', 'ERIKSSON<<ANNA'), 'misread, not a whole line');
  });
});

describe('reachableHonouringClasses', () => {
  it('a crop whose transcription is the print is reachable unless the print breaks a class', () => {
    assert.equal(reachableHonouringClasses(L2, L2, null), true);
    assert.equal(reachableHonouringClasses(L2, L2, 'misread, whole line'), true);
    assert.equal(reachableHonouringClasses(at(L2, 15, 'O'), at(L2, 15, 'O'), 'class'), false);
  });

  it('a transcription that differs from the print is reachable only where the print breaks a class', () => {
    assert.equal(reachableHonouringClasses(at(L1, 18, 'N'), L1, null), false); // ANNN transcribed, ANNA printed
    assert.equal(reachableHonouringClasses(L2, at(L2, 15, 'O'), 'class'), true); // 0 transcribed where O is printed
  });
});
