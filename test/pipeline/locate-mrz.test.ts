/**
 * MRZ box geometry before recognition: lines the detector cut in two are joined, lines it stopped
 * early are kept as candidates and stretched to the block.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import type { AlphabetLineReader, Point, RgbImage, TextBox, TextLine } from '../../src/engines/engine.js';
import { createOcrbReader } from '../../src/engines/ocrb.js';
import { createPaddleEngine } from '../../src/engines/paddle.js';
import { readMrz, type MrzReading } from '../../src/documents/mrz/index.js';
import { alignToBlock, candidates, joinCollinear, locateMrz, unsureReading } from '../../src/pipeline/locate-mrz.js';

/** A w×h box at (x, y) turned by `deg` about the origin, corners clockwise from the top-left. */
function box(x: number, y: number, w: number, h: number, deg = 0): TextBox {
  const r = (deg * Math.PI) / 180;
  const rot = ([px, py]: Point): Point => [px * Math.cos(r) - py * Math.sin(r), px * Math.sin(r) + py * Math.cos(r)];
  return { points: [rot([x, y]), rot([x + w, y]), rot([x + w, y + h]), rot([x, y + h])], score: 0.9 };
}

const xs = (b: TextBox): number[] => b.points.map((p) => p[0]);
const close = (a: number, b: number, tol = 1.5): boolean => Math.abs(a - b) <= tol;

describe('MRZ box geometry', () => {
  it('joins a line cut in two by the detector, also on a tilted page', () => {
    for (const deg of [0, -18]) {
      const joined = joinCollinear([box(100, 500, 550, 30, deg), box(670, 500, 300, 30, deg), box(100, 545, 870, 30, deg)]);
      assert.equal(joined.length, 2, `${deg}°`);
      const [a] = joined;
      const len = Math.hypot(a!.points[1][0] - a!.points[0][0], a!.points[1][1] - a!.points[0][1]);
      assert.ok(close(len, 870, 2), `${deg}°: joined length ${len}`);
    }
  });

  it('does not join stacked lines, distant words or boxes of another size', () => {
    const apart = [box(100, 500, 550, 30), box(100, 545, 550, 30)];
    assert.equal(joinCollinear(apart).length, 2, 'stacked');
    assert.equal(joinCollinear([box(100, 500, 300, 30), box(600, 500, 300, 30)]).length, 2, 'gap of 200 px');
    assert.equal(joinCollinear([box(100, 500, 300, 30), box(410, 495, 300, 60)]).length, 2, 'twice as tall');
  });

  it('keeps a line stopped early beside a long line and stretches it to the block', () => {
    const long = box(100, 545, 870, 30);
    const stopped = box(100, 500, 160, 30);
    const elsewhere = box(500, 100, 160, 30);
    const picked = candidates([long, stopped, elsewhere, box(100, 200, 900, 30), box(100, 300, 300, 30)]);
    assert.ok(picked.includes(stopped), 'the short first line is a candidate');
    assert.ok(!picked.includes(elsewhere));
    const stretched = alignToBlock([long, stopped]);
    assert.ok(close(Math.max(...xs(stretched[1]!)), 970), `stretched to ${Math.max(...xs(stretched[1]!))}`);
  });
});

describe('MRZ rereads', () => {
  const UTO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
  const line = (text: string, y: number, height: number): TextLine => ({ box: box(100, y, 880, height), text, confidence: 0.98, chars: [] });

  it('re-reads only a reading that is not valid or whose lines are small in pixels', () => {
    const valid = readMrz(UTO) as MrzReading;
    assert.ok(valid.valid);
    const invalid = readMrz([UTO[0]!, UTO[1]!.replace('F1204159', 'F1204158')]) as MrzReading;
    assert.equal(invalid.valid, false);
    const large = [line(UTO[0]!, 500, 20), line(UTO[1]!, 530, 20)];
    const small = [line(UTO[0]!, 500, 8), line(UTO[1]!, 510, 8)];
    assert.equal(unsureReading(valid, large), false);
    assert.equal(unsureReading(invalid, large), true);
    assert.equal(unsureReading(valid, small), true);
  });

  const TD3 = '/work/shared/data/public/PassportEye/tests/data/passport-td3.jpg';
  it('reads the MRZ of a 300-px-wide passport photo exactly, a second recogniser voting on small lines only', { skip: existsSync(TD3) ? false : 'shared data not found' }, async () => {
    const photo = async (width: number) => {
      const { data, info } = await sharp(TD3).removeAlpha().resize({ width }).raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(data), width: info.width, height: info.height };
    };
    // a second recogniser that reads every line as the printed one, fillers as C (as tesseract does)
    const crops: RgbImage[] = [];
    const second: AlphabetLineReader = {
      async readAlphabetLine(image, alphabet) {
        assert.ok(alphabet.includes('<'));
        crops.push(image);
        return { text: UTO[crops.length - 1]!.replace(/</g, 'C'), confidence: 0.9 };
      },
    };
    const engine = await createPaddleEngine();
    try {
      const timings: Record<string, number> = {};
      const located = await locateMrz(engine, await photo(300), timings, undefined, { second });
      assert.deepEqual(located?.mrz.lines, UTO);
      assert.ok(timings.reread !== undefined, 'small lines are re-read');
      assert.equal(crops.length, 2, 'each MRZ line read once by the second recogniser');
      assert.ok(crops.every((c) => c.width > 10 * c.height && c.height >= 8), 'line crops with a margin');
      // large, valid MRZ: one read, the second recogniser never asked
      const large = await locateMrz(engine, await photo(1000), {}, undefined, { second });
      assert.deepEqual(large?.mrz.lines, UTO);
      assert.equal(crops.length, 2);
    } finally {
      await engine.close();
    }
  });

  it('reads an unsure MRZ also with the OCR-B recogniser, fused with the engine\'s readings', { skip: existsSync(TD3) ? false : 'shared data not found' }, async () => {
    const { data, info } = await sharp(TD3).removeAlpha().resize({ width: 280 }).raw().toBuffer({ resolveWithObject: true });
    const engine = await createPaddleEngine();
    const ocrb = await createOcrbReader();
    try {
      const timings: Record<string, number> = {};
      const located = await locateMrz(engine, { data: new Uint8Array(data), width: info.width, height: info.height }, timings, undefined, { ocrb });
      assert.deepEqual(located?.mrz.lines, UTO);
      assert.ok(timings.ocrb !== undefined, 'small lines are read by the OCR-B recogniser too');
    } finally {
      await engine.close();
      await ocrb.close();
    }
  });
});
