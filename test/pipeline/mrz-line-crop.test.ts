/**
 * A single MRZ line crop: reframings of the crop (rows trimmed or added, the line stretched), the vote
 * among their readings and the choice of reading (readMrzLineCrop), with recognisers that answer by image
 * size or by call; two recognisers' decisions arbitrated (arbitrateLineCrop); the decided line made
 * plausible under both (plausibleLineCrop).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CharCandidate, RgbImage } from '../../src/engines/engine.js';
import type { MrzLineRecognizer } from '../../src/engines/ocrb.js';
import { voteReadings } from '../../src/documents/mrz/index.js';
import { arbitrateLineCrop, plausibleLineCrop, readMrzLineCrop, reframe, REFRAMINGS, VOTED_SURE_P } from '../../src/pipeline/mrz-line-crop.js';

/** A crop whose pixel (x, y) has red x, green y. */
function crop(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x % 256, y % 256, 7], (y * width + x) * 3);
  return { width, height, data };
}
const px = (img: RgbImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];

const reading = (text: string, p: number) => ({ text, confidence: p, chars: [...text].map((char) => ({ char, p, alternatives: [] })) });

/** Reads by size: `answers` maps "w×h" to a reading; any other size reads unsure. */
function recogniser(answers: Record<string, ReturnType<typeof reading>>, seen: string[]): MrzLineRecognizer {
  return {
    async readMrzLine(image) {
      const key = `${image.width}x${image.height}`;
      seen.push(key);
      return answers[key] ?? reading('P<UTOERIKSSON', 0.3);
    },
    lineLogLikelihoods: async (_image, texts) => texts.map(() => 0),
    async close() {},
  };
}

describe('MRZ line crop reframings', () => {
  it('adds edge rows and columns, trims rows, stretches columns', () => {
    const img = crop(100, 50);
    const padded = reframe(img, { padY: 0.1, padX: 0.5 });
    assert.deepEqual([padded.width, padded.height], [150, 60]);
    assert.deepEqual(px(padded, 0, 0), px(img, 0, 0), 'the corner repeated');
    assert.deepEqual(px(padded, 25 + 10, 5 + 7), px(img, 10, 7), 'the crop itself in the middle');
    const trimmed = reframe(img, { trimY: 0.08 });
    assert.deepEqual([trimmed.width, trimmed.height], [100, 42]);
    assert.deepEqual(px(trimmed, 3, 0), px(img, 3, 4));
    const wide = reframe(img, { stretchX: 1.1 });
    assert.deepEqual([wide.width, wide.height], [110, 50]);
    assert.deepEqual(px(wide, 109, 20), px(img, 99, 20));
    assert.equal(reframe(crop(100, 9), { trimY: 0.25 }).height, 9, 'too little left to trim: unchanged');
  });

  it('keeps a sure first reading without reading again', async () => {
    const seen: string[] = [];
    const out = await readMrzLineCrop(crop(100, 50), recogniser({ '100x50': reading('P<UTOERIKSSON', 0.99) }, seen));
    assert.equal(out.reading.text, 'P<UTOERIKSSON');
    assert.equal(out.sure, true);
    assert.deepEqual(seen, ['100x50']);
  });

  it('reads an unsure crop in every reframing and votes per character among readings of one length', async () => {
    const seen: string[] = [];
    // most reframings read `ANNE` unsure of the last letter, with `A` as its runner-up; two read `ANNA` surely
    const chars: CharCandidate[] = [...'ANN'].map((char) => ({ char, p: 0.9, alternatives: [] }));
    const unsure = { text: 'ANNE', confidence: 0.7, chars: [...chars, { char: 'E', p: 0.4, alternatives: [{ char: 'A', p: 0.35 }] }] };
    const answers = { '100x42': reading('ANNA', 0.99), '110x50': reading('ANNA', 0.99), '100x50': reading('ANN', 0.5) };
    const rec: MrzLineRecognizer = {
      async readMrzLine(image) {
        const key = `${image.width}x${image.height}`;
        seen.push(key);
        return (answers as Record<string, ReturnType<typeof reading>>)[key] ?? unsure;
      },
      lineLogLikelihoods: async (_image, texts) => texts.map(() => 0),
      async close() {},
    };
    const out = await readMrzLineCrop(crop(100, 50), rec);
    assert.equal(seen.length, 1 + REFRAMINGS.length);
    // 14 voters say E 0.4 / A 0.35, two say A 0.99: A 6.88 against E 5.6
    assert.equal(out.reading.text, 'ANNA');
    assert.ok(Math.abs(out.reading.chars[3]!.p - 6.88 / 12.48) < 1e-9);
    assert.equal(out.reading.chars[3]!.alternatives[0]!.char, 'E');
    assert.equal(out.sure, false, 'a share under VOTED_SURE_P');
    assert.ok(out.reading.chars[3]!.p < VOTED_SURE_P);
  });

  it('keeps a voted reading as read when every character has at least VOTED_SURE_P of the vote', async () => {
    const out = await readMrzLineCrop(crop(100, 50), recogniser({ '100x50': reading('P<UTOERIKSSON', 0.5) }, []));
    assert.equal(out.reading.text, 'P<UTOERIKSSON');
    assert.equal(out.sure, true);
  });

  it('without three readings of one length, keeps the surest reading when it is sure, else the first', async () => {
    const byCall = (sureAt: number): MrzLineRecognizer => {
      let n = 0;
      return {
        async readMrzLine() {
          n++;
          return reading('A'.repeat(n), n === sureAt ? 0.95 : 0.5);
        },
        lineLogLikelihoods: async (_image, texts) => texts.map(() => 0),
      async close() {},
      };
    };
    const surest = await readMrzLineCrop(crop(100, 50), byCall(4));
    assert.deepEqual([surest.reading.text, surest.sure], ['AAAA', true]);
    const first = await readMrzLineCrop(crop(100, 50), byCall(0));
    assert.deepEqual([first.reading.text, first.sure], ['A', false]);
    assert.equal(voteReadings([reading('AB', 0.5), reading('AB', 0.5), reading('ABC', 0.9)]), null, 'two voters');
  });
});

describe('two recognisers\' decisions for one line crop', () => {
  /** Scores texts from a table; records what it was asked. */
  const scorer = (scores: Record<string, number>, asked: string[]): MrzLineRecognizer => ({
    readMrzLine: async () => reading('', 0),
    lineLogLikelihoods: async (_image, texts) => {
      asked.push(...texts);
      return texts.map((text) => scores[text] ?? -Infinity);
    },
    close: async () => {},
  });

  it('keeps the decision closer to the other readers, else the likelier under both recognisers', async () => {
    const asked: string[] = [];
    const a = scorer({ 'P<FRADUBOS': -1, 'P<FRADUBOIS': -9 }, asked);
    const b = scorer({ 'P<FRADUBOS': -8, 'P<FRADUBOIS': -2 }, asked);
    const img = crop(100, 50);
    // PaddleOCR twice and tesseract: 0 + 0 + 1 edits from DUBOIS, 1 + 1 + 2 from DUBOS
    const others = ['P<FRADUBOIS', 'P<FRADUBOIS', 'P<FRAOUBOIS'];
    assert.equal(await arbitrateLineCrop(img, ['P<FRADUBOS', 'P<FRADUBOIS'], others, [a, b]), 'P<FRADUBOIS');
    assert.deepEqual(asked, [], 'no likelihood needed');
    // equally close (one edit from each): the summed log-likelihood decides, DUBOS -9 against DUBOIS -11
    assert.equal(await arbitrateLineCrop(img, ['P<FRADUBOS', 'P<FRADUBOIS'], ['P<FRADUBOXS'], [a, b]), 'P<FRADUBOS');
    assert.equal(asked.length, 4);
    assert.equal(await arbitrateLineCrop(img, ['P<UTO', 'P<UTO'], ['X'], [a, b]), 'P<UTO', 'one decision');
  });
});

describe('a decided line crop made plausible', () => {
  /** Charges `price` per character changed from `shown`. */
  const pricing = (shown: string, price: number): MrzLineRecognizer => ({
    readMrzLine: async () => reading('', 0),
    lineLogLikelihoods: async (_image, texts) => texts.map((t) => -price * [...t].filter((c, i) => c !== shown[i]).length),
    close: async () => {},
  });
  const line = (name: string) => `P<ITA${name}`.padEnd(44, '<');

  it('weighs the name model against both recognisers summed', async () => {
    const img = crop(100, 50);
    const read = line('ROSSI<<HARIA');
    // one recogniser nearly indifferent, the other too: HARIA → MARIA
    assert.equal(await plausibleLineCrop(img, read, [pricing(read, 0.5), pricing(read, 0.5)]), line('ROSSI<<MARIA'));
    // the second recogniser sure of the H: the sum keeps it
    assert.equal(await plausibleLineCrop(img, read, [pricing(read, 0.5), pricing(read, 30)]), read);
  });
});
