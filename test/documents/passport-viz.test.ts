/**
 * A passport's visual zone against its MRZ (the TAMPER sign of a field edited in the visual zone):
 * the lines of the ICAO UTO specimen page as the recogniser returns them, clean, with OCR slips,
 * and with one field replaced as a forger would.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readMrz } from '../../src/documents/mrz/index.js';
import { checkVisualZone, containsApprox, vizDates, vizReadingOrder } from '../../src/documents/passport-viz.js';
import type { PageLine } from '../../src/documents/module.js';

const UTO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const mrz = readMrz(UTO, new Date('2010-01-01'))!;

/** The page's text rows top to bottom (one box per entry, label and value boxes side by side where printed so). */
const PAGE: readonly (readonly string[])[] = [
  ['UTOPIA'],
  ['Passport/ Passeport', 'Type/ Type', 'Country code/ Code du pays', 'Passport Number/ N° de passeport'],
  ['P', 'UTO', 'L898902C3'],
  ['Surname/ Nom'],
  ['ERIKSSON'],
  ['Given names/ Prénoms'],
  ['ANNA MARIA'],
  ['Nationality/ Nationalité'],
  ['UTOPIAN'],
  ['Date of Birth/ Date de naissance', 'Personal No./ N° personnel'],
  ['12 AUGUST/AOUT 74', 'Z E 184226 B'],
  ['Sex/ Sexe', 'Place of birth/ Lieu de naissance'],
  ['F', 'ZENITH'],
  ['Date of issue/ Date de délivrance', 'Authority/ Autorité'],
  ['16 APR/AVR 07', 'PASSPORT OFFICE'],
  ['Date of expiry/ Date d’expiration', 'Holder’s signature/ Signature du titulaire'],
  ['15 APR/AVR 12'],
  [UTO[0]!],
  [UTO[1]!],
];

function lines(replace: Record<string, string> = {}): PageLine[] {
  return PAGE.flatMap((row, r) =>
    row.map((text, k) => ({ text: replace[text] ?? text, confidence: 0.95, x: 40 + k * 250, y: 20 + r * 30, w: 200, h: 20 })),
  ).filter((l) => l.text !== '');
}

describe('passport visual zone against the MRZ', () => {
  it('finds every MRZ value on the clean page', () => {
    const check = checkVisualZone(mrz, lines());
    assert.deepEqual(check.problems, []);
    assert.deepEqual([...check.checked].sort(), ['birthDate', 'expiryDate', 'givenname', 'passportNo', 'surname']);
  });

  it('forgives one OCR slip per value', () => {
    const check = checkVisualZone(mrz, lines({ L898902C3: 'L8989O2C3', ERIKSSON: 'ERIKSS0N', '12 AUGUST/AOUT 74': '12 AUGUST/AOUT 14', 'ANNA MARIA': 'ANNA MAR1A' }));
    assert.deepEqual(check.problems, []);
  });

  it('reports a birth date replaced by another date', () => {
    const check = checkVisualZone(mrz, lines({ '12 AUGUST/AOUT 74': '22.05.2007' }));
    assert.deepEqual(check.problems, ['birthDate: not printed in the visual zone as in the MRZ']);
  });

  it('reports given names covered by a strip of another document', () => {
    const check = checkVisualZone(mrz, lines({ 'ANNA MARIA': 'EESTI/EST' }));
    assert.deepEqual(check.problems, ['givenname: not printed in the visual zone as in the MRZ']);
  });

  it('does not take a name from the signature when the page prints the names in fields of their own', () => {
    const signed = { 'Date of expiry/ Date d’expiration': 'Anna Maria Eriksson' };
    assert.deepEqual(checkVisualZone(mrz, lines(signed)).problems, []);
    // the given names' field covered: found only beside the surname, in the signature
    assert.deepEqual(checkVisualZone(mrz, lines({ ...signed, 'ANNA MARIA': 'EESTI/EST' })).problems, [
      'givenname: not printed in the visual zone as in the MRZ',
    ]);
    // a page that prints the whole name in one field: nothing is missing
    const oneField = lines({ ERIKSSON: 'ERIKSSON, ANNA MARIA', 'ANNA MARIA': '' });
    assert.deepEqual(checkVisualZone(mrz, oneField).problems, []);
  });

  it('reports a re-typed passport number and surname', () => {
    const check = checkVisualZone(mrz, lines({ L898902C3: 'K73311094', ERIKSSON: 'JOHANSSON' }));
    assert.deepEqual(check.problems, ['passportNo: not printed in the visual zone as in the MRZ', 'surname: not printed in the visual zone as in the MRZ']);
  });

  it('does not judge a visual zone it could not read (fewer than three dated rows)', () => {
    const check = checkVisualZone(mrz, lines({ '16 APR/AVR 07': '', '15 APR/AVR 12': '', L898902C3: '' }));
    assert.deepEqual(check, { checked: [], problems: [] });
  });

  it('judges a page with two dated rows only when every other value was found there', () => {
    // a strip pasted over the birth date row: two dated rows left, number and names all found
    const pasted = checkVisualZone(mrz, lines({ '12 AUGUST/AOUT 74': '12 AUGUST/A' }));
    assert.deepEqual(pasted.problems, ['birthDate: not printed in the visual zone as in the MRZ']);
    // the same page with the given names unread as well: too poorly read to accuse
    assert.deepEqual(checkVisualZone(mrz, lines({ '12 AUGUST/AOUT 74': '12 AUGUST/A', 'ANNA MARIA': '' })), { checked: [], problems: [] });
    // two dated rows and nothing missing: judged, consistent
    const genuine = checkVisualZone(mrz, lines({ '16 APR/AVR 07': 'PASSPORT' }));
    assert.deepEqual(genuine.problems, []);
    assert.equal(genuine.checked.length, 5);
  });

  it('compares names in their ICAO transliteration', () => {
    const est = readMrz(['P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<', 'KB00000003EST7501229F1205226<<<<<<<<<<<<<<06'], new Date('2010-01-01'))!;
    const page = ['P', 'EST', 'KB0000000', 'MÄNNIK', 'MARI-LIIS', 'EST', '22.01.1975', 'N/F', '22.05.2007', '22.05.2012'];
    const at = page.map((text, i) => ({ text, confidence: 0.9, x: 10, y: i * 30, w: 100, h: 20 }));
    assert.deepEqual(checkVisualZone(est, at).problems, []);
    assert.deepEqual(checkVisualZone(est, at.map((l) => (l.text === 'MÄNNIK' ? { ...l, text: 'MÜLLER' } : l))).problems, [
      'surname: not printed in the visual zone as in the MRZ',
    ]);
  });

  it('reads the date forms passports print', () => {
    assert.deepEqual(vizDates('12 AUGUST/AOUT 74'), ['740812']);
    assert.deepEqual(vizDates('16 APR/AVR 07'), ['070416']);
    assert.deepEqual(vizDates('22.01.1975'), ['750122']);
    assert.deepEqual(vizDates('04 JUL 2002'), ['020704']);
    assert.deepEqual(vizDates('01 DEZ/DEC 1990'), ['901201']);
    assert.deepEqual(vizDates('PASSPORT OFFICE'), []);
  });

  it('reads dates as the OCR-B model reads them (separators lost, O for 0)', () => {
    assert.deepEqual(vizDates('12AUGUSTAOUT74'), ['740812']);
    assert.deepEqual(vizDates('O4072002'), ['020704']);
    assert.deepEqual(vizDates('22.O1.1975'), ['750122']);
    assert.deepEqual(vizDates('12OCT2020'), ['201012'], 'the O of a month stays a letter');
    assert.deepEqual(vizDates('99O03853'), [], 'no day 99');
  });

  it('puts first the rough readings nearest to the values not yet found', () => {
    // the quick reading found everything but the given names; ANNAVARA is how the OCR-B model reads ANNA MARIA
    const order = vizReadingOrder(mrz, lines({ 'ANNA MARIA': 'ANNAVARA' }));
    assert.ok(order('ANNAVARA') < 0.2);
    assert.ok(order('ERIKSSON') >= 0.5, 'the surname is already found');
    assert.ok(order('PASSPORT OFFICE') >= 0.5);
    // an unjudged page (too few dated rows): readings with digits may be the dates it lacks
    const unjudged = vizReadingOrder(mrz, lines({ '16 APR/AVR 07': '16APRAVRO', '15 APR/AVR 12': '' }));
    assert.ok(unjudged('16APRAVRO7') <= 0.25);
    assert.ok(unjudged('Authority/ Autorité') >= 0.5);
  });

  it('matches a substring with at most the given number of edits', () => {
    assert.equal(containsApprox('XXERIKSSONYY', 'ERIKSSON', 0), true);
    assert.equal(containsApprox('XXERIKSONYY', 'ERIKSSON', 1), true);
    assert.equal(containsApprox('XXERIKONYY', 'ERIKSSON', 1), false);
  });
});
