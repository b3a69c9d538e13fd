/**
 * A single MRZ line crop: reframings of the crop (rows trimmed or added, the line stretched) and the
 * choice among their readings (readMrzLineCrop), with a recogniser that answers by image size.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RgbImage } from '../../src/engines/engine.js';
import type { MrzLineRecognizer } from '../../src/engines/ocrb.js';
import { readMrzLineCrop, reframe, REFRAMINGS } from '../../src/pipeline/mrz-line-crop.js';

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
    assert.equal(out.text, 'P<UTOERIKSSON');
    assert.deepEqual(seen, ['100x50']);
  });

  it('reads an unsure crop in every reframing and keeps the surest reading when it is sure', async () => {
    const seen: string[] = [];
    const out = await readMrzLineCrop(crop(100, 50), recogniser({ '100x42': reading('P<UTOERIKSSON<<ANNA', 0.95), '110x50': reading('P<UTOERIKSSON<<ANNE', 0.92) }, seen));
    assert.equal(out.text, 'P<UTOERIKSSON<<ANNA');
    assert.equal(seen.length, 1 + REFRAMINGS.length);
  });

  it('keeps the first reading when no reframing is read with certainty', async () => {
    const out = await readMrzLineCrop(crop(100, 50), recogniser({ '100x50': reading('FIRST', 0.6), '100x42': reading('TRIMMED', 0.8) }, []));
    assert.equal(out.text, 'FIRST');
  });
});
