import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';
import { fft } from '../../src/pipeline/fft.js';
import { createInspector } from '../../src/pipeline/inspect.js';
import { locateDocument } from '../../src/pipeline/locate-document.js';
import { dist } from '../../src/pipeline/pixels.js';
import { documentRegion, inspectQuality, type QualityReason } from '../../src/pipeline/quality.js';
import { copyScores } from '../../src/pipeline/spoof-copy.js';
import { judgeSpoof, measureSpoof } from '../../src/pipeline/spoof.js';
import { QUALITY_THRESHOLDS, qualityThresholds, SPOOF_THRESHOLDS } from '../../src/pipeline/thresholds.js';
import { generateDocument } from '../../testkit/docgen/index.js';
import { makeVariant, tamper, type VariantKind } from '../../testkit/variants/index.js';
import { photograph } from '../../testkit/variants/scene.js';

async function rgbOf(bytes: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

const spoofOf = (img: RgbImage) => judgeSpoof(measureSpoof(img, documentRegion(img), SPOOF_THRESHOLDS, null, null), SPOOF_THRESHOLDS);

describe('fft', () => {
  it('puts a pure cosine into its two frequency bins', () => {
    const n = 64;
    const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 5 * i) / n));
    const im = new Float64Array(n);
    fft(re, im);
    const mag = Array.from(re, (r, i) => Math.hypot(r, im[i]!));
    assert.ok(Math.abs(mag[5]! - n / 2) < 1e-9);
    assert.ok(Math.abs(mag[n - 5]! - n / 2) < 1e-9);
    assert.ok(mag.every((m, i) => i === 5 || i === n - 5 || m < 1e-9));
  });
});

describe('photocopy colourfulness', () => {
  /** A 200×120 "document": paper with a dark band of print and, optionally, a band of coloured print, all under one colour cast. */
  function page(cast: readonly [number, number, number], colour: readonly [number, number, number] | null): RgbImage {
    const width = 200, height = 120;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const ink = y >= 40 && y < 60 ? [0.08, 0.08, 0.08] : colour && y >= 70 && y < 85 ? colour : [0.95, 0.95, 0.95];
        for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.round(255 * ink[c]! * cast[c]!);
      }
    }
    return { data, width, height };
  }
  const score = (img: RgbImage) => copyScores({ location: null, corners: [[0, 0], [1, 0], [1, 1], [0, 1]], rectified: img }).colourfulness;

  it('removes a tinted paper or light in proportion to brightness, so black toner on cream paper stays colourless', () => {
    const cream = [1, 0.97, 0.88] as const;
    assert.ok(score(page(cream, null)) < SPOOF_THRESHOLDS.copyColourfulness, `${score(page(cream, null))}`);
    assert.ok(score(page([1, 1, 1], null)) < 1);
  });

  it('finds coloured print under the same cast', () => {
    assert.ok(score(page([1, 0.97, 0.88], [0.2, 0.35, 0.75])) > 3 * SPOOF_THRESHOLDS.copyColourfulness);
  });
});

describe('quality inspection and anti-spoofing on generated photos', () => {
  const fixtures = new Map<string, RgbImage>();
  let card: RgbImage;
  let docgenPhoto: { rgb: RgbImage; corners: [number, number][] };

  before(async () => {
    const doc = await generateDocument({ code: 'GLB03002', seed: 21, difficulty: 'clean' });
    card = await rgbOf(doc.card);
    docgenPhoto = { rgb: await rgbOf(doc.image), corners: doc.corners };
    const kinds: VariantKind[] = ['clean', 'blurred', 'glared', 'small', 'cutoff', 'lowres', 'dark', 'screen', 'photocopy', 'tamper'];
    for (const kind of kinds) fixtures.set(kind, (await makeVariant(kind, card, 4)).rgb);
  });

  it('locates the card of a docgen photo within 3% of the frame diagonal', () => {
    const found = locateDocument(docgenPhoto.rgb);
    assert.ok(found);
    const diagonal = Math.hypot(docgenPhoto.rgb.width, docgenPhoto.rgb.height);
    found.corners.forEach((c, i) => assert.ok(dist(c, docgenPhoto.corners[i]!) < 0.03 * diagonal, `corner ${i}: ${c} vs ${docgenPhoto.corners[i]}`));
    assert.equal(found.fillsFrame, false);
    assert.deepEqual(found.touches, { top: false, right: false, bottom: false, left: false });
  });

  it('passes clean photos under the default and the loose mode', () => {
    for (const img of [fixtures.get('clean')!, docgenPhoto.rgb]) {
      for (const mode of ['0', '2'] as const) assert.deepEqual(inspectQuality(img, QUALITY_THRESHOLDS[mode]).reasons, [], `mode ${mode}`);
    }
  });

  const expected: Array<[VariantKind, QualityReason]> = [
    ['blurred', 'blurry'],
    ['glared', 'glare'],
    ['small', 'small_in_frame'],
    ['cutoff', 'cut_off'],
    ['lowres', 'low_resolution'],
    ['dark', 'too_dark'],
  ];
  for (const [kind, reason] of expected) {
    it(`flags the ${kind} photo as ${reason} under IdThreshold 0 and 1`, () => {
      for (const mode of ['0', '1'] as const) {
        const info = inspectQuality(fixtures.get(kind)!, QUALITY_THRESHOLDS[mode]);
        assert.ok(info.reasons.includes(reason), `mode ${mode}: ${JSON.stringify(info)}`);
      }
    });
  }

  it('the loose mode tolerates a cut-off corner that the default refuses; mode 3 inspects nothing', () => {
    const img = fixtures.get('cutoff')!;
    assert.ok(inspectQuality(img, QUALITY_THRESHOLDS['0']).reasons.includes('cut_off'));
    assert.ok(!inspectQuality(img, QUALITY_THRESHOLDS['2']).reasons.includes('cut_off'));
    assert.equal(qualityThresholds('3'), null);
    assert.equal(createInspector(img, {}).quality('3'), null);
  });

  it('finds no spoofing on clean photos', () => {
    assert.deepEqual(spoofOf(fixtures.get('clean')!), { spoofResult: 'N', spoofType: [] });
    assert.deepEqual(spoofOf(docgenPhoto.rgb), { spoofResult: 'N', spoofType: [] });
  });

  it('detects the screen re-photo, the photocopy and the tampered field by type', () => {
    assert.ok(spoofOf(fixtures.get('screen')!).spoofType.includes('SCREEN_REMARK'));
    const copy = spoofOf(fixtures.get('photocopy')!);
    assert.deepEqual(copy, { spoofResult: 'Y', spoofType: ['PHOTO_COPY'] });
    const tampered = spoofOf(fixtures.get('tamper')!);
    assert.deepEqual(tampered, { spoofResult: 'Y', spoofType: ['TAMPER'] });
  });

  it('reports TAMPER when the document contradicts its own check digits, and nothing when IdSpoof is off', () => {
    const img = fixtures.get('clean')!;
    const inspector = createInspector(img, {});
    assert.deepEqual(inspector.spoof(true, { consistent: false, problems: ['MRZ check digits do not hold'] }, null).spoofInfo, { spoofResult: 'Y', spoofType: ['TAMPER'] });
    assert.deepEqual(inspector.spoof(false, { consistent: false, problems: [] }, null), { spoofInfo: { spoofResult: 'N', spoofType: [] } });
  });

  it('tampers realistically: a pasted field is another photo with its levels matched, re-typed text lacks the noise', async () => {
    const scene = await photograph(card, 4);
    const donor = (await rgbOf((await generateDocument({ code: 'CHN01001', seed: 5, difficulty: 'clean' })).card));
    const pasted = await tamper(scene, donor, 4, 'pasted');
    assert.equal(pasted.edit, 'pasted');
    // the edit stays inside one field-sized box of the card
    let x0 = Infinity, y0 = Infinity, x1 = 0, y1 = 0;
    const { width, data } = pasted.rgb;
    for (let i = 0; i < data.length; i += 3) {
      if (Math.abs(data[i]! - scene.rgb.data[i]!) <= 30) continue;
      const x = (i / 3) % width, y = Math.floor(i / 3 / width);
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
    assert.ok(x1 - x0 > 100 && x1 - x0 < 450 && y1 - y0 > 15 && y1 - y0 < 80, `${x0},${y0} – ${x1},${y1}`);
    // levels matched: the patch's paper is as bright as the card's around it (not a white scan)
    const paper = (img: RgbImage, ys: number, ye: number) => {
      const v: number[] = [];
      for (let y = ys; y < ye; y++) for (let x = x0; x < x1; x++) v.push(img.data[(y * width + x) * 3 + 1]!);
      return v.sort((a, b) => a - b)[Math.floor(v.length * 0.8)]!;
    };
    assert.ok(Math.abs(paper(pasted.rgb, y0, y1) - paper(scene.rgb, y0, y1)) < 12);
    const retyped = await tamper(scene, donor, 4, 'rendered');
    assert.ok(spoofOf(retyped.rgb).spoofType.includes('TAMPER'));
  });
});
