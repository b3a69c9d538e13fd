import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';
import { createOcrbReader, ctcLogLikelihood, OCRB_ALPHABET, ocrbFacesModel, preprocess, type MrzLineRecognizer } from '../../src/engines/ocrb.js';
import { mrzLine } from '../../testkit/docgen/svg.js';

/** One MRZ line in OCR-B on the ICAO pitch, on light paper, rasterised and scaled to `height` px. */
async function renderLine(line: string, height: number, blur = 0): Promise<RgbImage> {
  const size = 40;
  const pitch = size * 0.62;
  const width = Math.round(line.length * pitch + 24);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${size * 1.3}"><rect width="100%" height="100%" fill="#efe9dc"/>${mrzLine(12, size * 1.0, line, pitch, size)}</svg>`;
  let img = sharp(Buffer.from(svg)).removeAlpha().resize({ height });
  if (blur > 0) img = img.blur(blur);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('OCR-B MRZ line recogniser', () => {
  it('scales a line to 32 px of height, the width a multiple of the output stride, values in [-1, 1]', () => {
    const white: RgbImage = { data: new Uint8Array(300 * 60 * 3).fill(255), width: 300, height: 60 };
    const { tensor, width } = preprocess(white);
    assert.equal(width % 4, 0);
    assert.equal(width, 160);
    assert.equal(tensor.length, 32 * width);
    assert.ok(tensor.every((v) => Math.abs(v - 1) < 1e-5), 'white stays white through the filter');
    const half: RgbImage = { data: new Uint8Array(100 * 40 * 3).map((_, i) => (Math.floor(i / 3) % 100 < 50 ? 0 : 255)), width: 100, height: 40 };
    const p = preprocess(half);
    assert.equal(p.tensor[0], -1);
    assert.equal(p.tensor[p.width - 1], 1);
  });

  let reader: MrzLineRecognizer;
  before(async () => {
    reader = await createOcrbReader();
  });
  after(async () => {
    await reader.close();
  });

  const LINES = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10', 'I<UTOD231458907<<<<<<<<<<<<<<<'];
  for (const height of [16, 40]) {
    it(`reads OCR-B lines rendered ${height} px high exactly, with alternatives for each character`, async () => {
      for (const line of LINES) {
        const read = await reader.readMrzLine(await renderLine(line, height, height < 20 ? 0.6 : 0));
        assert.equal(read.text, line);
        assert.equal(read.chars.length, line.length);
        assert.ok(read.chars.every((c) => OCRB_ALPHABET.includes(c.char) && c.p > 0 && c.p <= 1 && c.alternatives.length === 3));
        assert.ok(read.confidence > 0.8);
      }
    });
  }

  it('gives the likelihood of a text as the sum over its CTC alignments', async () => {
    // two steps over blank / A / B: "A" aligns as A-, -A or AA; "AA" only as A then A with no blank: impossible in two
    const probs = new Float32Array([0.5, 0.3, 0.2, 0.1, 0.6, 0.3]);
    const A = 0.3 * 0.1 + 0.5 * 0.6 + 0.3 * 0.6;
    assert.ok(Math.abs(ctcLogLikelihood(probs, 2, 3, [1]) - Math.log(A)) < 1e-6);
    assert.ok(Math.abs(ctcLogLikelihood(probs, 2, 3, [1, 2]) - Math.log(0.3 * 0.3)) < 1e-6);
    assert.equal(ctcLogLikelihood(probs, 2, 3, [1, 1]), -Infinity, 'a repeated label needs a blank between: three steps');
    assert.ok(Math.abs(ctcLogLikelihood(probs, 2, 3, []) - Math.log(0.5 * 0.1)) < 1e-6);
    const line = await renderLine(LINES[1]!, 40);
    const [right, changed, outside] = await reader.lineLogLikelihoods(line, [LINES[1]!, LINES[1]!.replace('UTO', 'UT0'), 'l898']);
    assert.ok(right! > Math.log(0.5), 'the printed line is likely');
    assert.ok(changed! < right! - 3, 'one character changed');
    assert.equal(outside, -Infinity, 'outside the alphabet');
  });

  it('ships a second model, trained on other faces too, that reads OCR-B lines', async () => {
    const faces = await createOcrbReader({ modelPath: ocrbFacesModel() });
    try {
      for (const line of LINES) assert.equal((await faces.readMrzLine(await renderLine(line, 40))).text, line);
    } finally {
      await faces.close();
    }
  });

  it('reads nothing from blank paper', async () => {
    const blank: RgbImage = { data: new Uint8Array(400 * 30 * 3).fill(235), width: 400, height: 30 };
    assert.equal((await reader.readMrzLine(blank)).text, '');
  });
});
