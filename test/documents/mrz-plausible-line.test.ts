/**
 * Making a whole MRZ line read on its own plausible where no check digit helps: the person-name model,
 * the lookalike letters, unknown state codes and name letters replaced only where the recognisers allow.
 * The recognisers are stood in for by a likelihood that charges each changed character a set price.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildNameModel, personNameModel, plausibleLine, type LineLikelihood } from '../../src/documents/mrz/index.js';
import { lookalikeLetters } from '../../src/documents/mrz/confusions.js';
import { NAME_GAIN_CAP, STATE_CODE_MARGIN } from '../../src/documents/mrz/plausible-line.js';

/** ln P(image prints t): minus the price of each character of t that differs from what the image shows. */
function pricedLikelihood(shown: string, price: (shown: string, candidate: string) => number, asked: string[][] = []): LineLikelihood {
  return async (texts) => {
    asked.push([...texts]);
    return texts.map((t) => -[...t].reduce((sum, c, i) => sum + (c === shown[i] ? 0 : price(shown[i]!, c)), 0));
  };
}

const TD3_NAME_LINE = (name: string, state = 'UTO'): string => `P<${state}${name}`.padEnd(44, '<');

describe('person-name model', () => {
  const model = personNameModel();

  it('finds common names far likelier than their lookalike misreadings', () => {
    assert.ok(model.wordLogP('MARIA') > model.wordLogP('HARIA') + 1);
    assert.ok(model.wordLogP('SPECIMEN') > model.wordLogP('SPECIHEN') + 5);
    assert.ok(model.wordLogP('MAGALHAES') > model.wordLogP('HAGALHAES'));
  });

  it('scores a name it never saw by its letter sequences, finite and below a seen one', () => {
    const unseen = model.wordLogP('QXZVW');
    assert.ok(Number.isFinite(unseen));
    assert.ok(unseen < model.wordLogP('ERIKSSON'));
  });

  it('sums a field over its components, fillers ignored', () => {
    const field = 'ERIKSSON<<ANNA<MARIA<<<<<';
    const sum = model.wordLogP('ERIKSSON') + model.wordLogP('ANNA') + model.wordLogP('MARIA');
    assert.ok(Math.abs(model.fieldLogP(field) - sum) < 1e-9);
    assert.equal(model.fieldLogP('<<<<'), 0);
  });

  it('learns from the list it is given: a name in it outscores one that is not', () => {
    const small = buildNameModel(['ANNA', 'ANNE', 'HANNA', 'JOHAN']);
    assert.ok(small.wordLogP('ANNA') > small.wordLogP('ANXA'));
    assert.ok(small.wordLogP('ANNA') > buildNameModel(['PETER']).wordLogP('ANNA'));
  });

  it('holds names of many scripts as an MRZ prints them', () => {
    const list = new Set(readFileSync(fileURLToPath(new URL('../../../models/person-names.txt', import.meta.url)), 'utf8').split('\n'));
    // Latin diacritics (ü → UE), Cyrillic, Greek, pinyin, Wade–Giles, Hangul, Japanese from its reading
    for (const name of ['MUELLER', 'IVANOV', 'GEORGIOU', 'ZHANG', 'HSIAO', 'SEOYEON', 'KUMIKO', 'SATO']) assert.ok(list.has(name), name);
    // 佐藤 read as pinyin, as a Chinese name would be
    assert.ok(!list.has('ZUOTENG'));
    assert.ok([...list].every((n) => n === '' || /^[A-Z]{2,}$/.test(n)));
  });

  it('is built from the committed list, which the build script reproduces', () => {
    const script = fileURLToPath(new URL('../../../scripts/build-person-names.mjs', import.meta.url));
    // exits 1 when models/person-names.txt differs from what the script would write
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date/);
  });
});

describe('lookalike letters', () => {
  it('gives the letters printed alike, never the letter itself', () => {
    assert.deepEqual(new Set(lookalikeLetters('M')), new Set(['H', 'N', 'W']));
    assert.ok(lookalikeLetters('H').includes('M') && lookalikeLetters('H').includes('K'));
    assert.ok(!lookalikeLetters('E').includes('E'));
    assert.deepEqual(lookalikeLetters('<'), []);
  });
});

describe('plausible MRZ line', () => {
  it('replaces a name letter the name model finds unlikely when the image nearly allows it', async () => {
    const read = TD3_NAME_LINE('ERIKSSON<<ANNA<HARIA');
    const out = await plausibleLine(read, pricedLikelihood(read, () => 1));
    assert.equal(out, TD3_NAME_LINE('ERIKSSON<<ANNA<MARIA'));
  });

  it('keeps a rare name as read when the image disagrees more than the name model can outweigh', async () => {
    const read = TD3_NAME_LINE('VZOR<<SPECIMEN');
    const out = await plausibleLine(read, pricedLikelihood(read, () => NAME_GAIN_CAP + 4));
    assert.equal(out, read);
  });

  it('keeps a name the name model already prefers to every lookalike', async () => {
    const read = TD3_NAME_LINE('ERIKSSON<<ANNA<MARIA');
    assert.equal(await plausibleLine(read, pricedLikelihood(read, () => 0.5)), read);
  });

  it('replaces an unknown state code by a known one the image finds nearly as likely', async () => {
    const read = TD3_NAME_LINE('NOVAK<<JAN', 'CZL');
    // L read where E is printed: cheap; any other change dear
    const price = (shown: string, c: string) => (shown === 'L' && c === 'E' ? STATE_CODE_MARGIN - 1 : 50);
    assert.equal(await plausibleLine(read, pricedLikelihood(read, price)), TD3_NAME_LINE('NOVAK<<JAN', 'CZE'));
  });

  it('keeps an unknown state code when every known one is beyond the margin', async () => {
    const read = TD3_NAME_LINE('NOVAK<<JAN', 'CZL');
    assert.equal(await plausibleLine(read, pricedLikelihood(read, () => STATE_CODE_MARGIN + 1)), read);
  });

  it('leaves a known state code alone, asking nothing of the recognisers about it', async () => {
    const read = TD3_NAME_LINE('ERIKSSON<<ANNA<MARIA');
    const asked: string[][] = [];
    await plausibleLine(read, pricedLikelihood(read, () => 5, asked));
    assert.ok(asked.flat().every((t) => t.slice(2, 5) === 'UTO'));
  });

  it('changes nothing on a line that is not a whole format line', async () => {
    const cut = TD3_NAME_LINE('ERIKSSON<<ANNA<HARIA').slice(0, 40);
    const asked: string[][] = [];
    assert.equal(await plausibleLine(cut, pricedLikelihood(cut, () => 0, asked)), cut);
    assert.equal(asked.length, 0);
  });

  it('touches neither numbers nor check digits of a second line', async () => {
    const line2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
    const asked: string[][] = [];
    const out = await plausibleLine(line2, pricedLikelihood(line2, () => 0, asked));
    assert.equal(out, line2);
    assert.ok(asked.flat().every((t) => t.slice(0, 10) === line2.slice(0, 10) && t.slice(13) === line2.slice(13)));
  });
});
