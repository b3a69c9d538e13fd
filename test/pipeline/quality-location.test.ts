/**
 * Clean photos that quality inspection used to refuse because the document was located wrongly, pinned
 * with the deterministic seeds they came from (bench/quality-spoof.ts): a card whose white MRZ band
 * alone stood out from a table of the card's own colour, a card whose photo alone stood out (the card
 * runs into the frame border, so its colour counted as background), and an outline that strayed into a
 * speckled table. Beside them, bad photos whose outline is partial must still be refused.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';
import { locateDocument } from '../../src/pipeline/locate-document.js';
import { inspectQuality } from '../../src/pipeline/quality.js';
import { QUALITY_THRESHOLDS } from '../../src/pipeline/thresholds.js';
import { generateDocument } from '../../testkit/docgen/index.js';
import { makeVariant, type VariantKind } from '../../testkit/variants/index.js';
import { skipUnless } from '../helpers/optional.js';

async function rgbOf(bytes: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

async function docgenVariant(code: string, seed: number, kind: VariantKind): Promise<RgbImage> {
  const doc = await generateDocument({ code, page: '01', seed, difficulty: 'clean' });
  return (await makeVariant(kind, await rgbOf(doc.card), seed)).rgb;
}

const reasons = (img: RgbImage, mode: '0' | '1' | '2' = '0') => inspectQuality(img, QUALITY_THRESHOLDS[mode]).reasons;

describe('document location on photos it used to get wrong', () => {
  const photos = new Map<string, RgbImage>();
  before(async () => {
    photos.set('mrz band', await docgenVariant('GLB03001', 50006, 'clean'));
    photos.set('photo only', await docgenVariant('CHN05002', 1016, 'clean'));
    photos.set('cut off, partial', await docgenVariant('HKG01002', 1012, 'cutoff'));
    photos.set('cut off, paper at the border', await docgenVariant('KOR02001', 1024, 'cutoff'));
    photos.set('cut off, paper at the border 2', await docgenVariant('MAC01003', 1032, 'cutoff'));
  });

  it('a card whose MRZ band alone stands out from a same-coloured table is taken as the hull of its print, and passes', () => {
    const img = photos.get('mrz band')!;
    const found = locateDocument(img);
    assert.ok(found);
    assert.equal(found.partial, true);
    assert.equal(found.confident, false);
    // the band was 124 px high; the card's print spans far more
    const info = inspectQuality(img, QUALITY_THRESHOLDS['0']);
    assert.ok(info.scores.resolution >= 400, JSON.stringify(info.scores));
    assert.deepEqual(info.reasons, []);
    assert.deepEqual(reasons(img, '2'), []);
  });

  it('a card whose photo alone stands out is not judged small or tilted by that photo, and passes', () => {
    const img = photos.get('photo only')!;
    const found = locateDocument(img);
    assert.ok(found);
    assert.ok(found.areaFraction > 0.2, `area ${found.areaFraction}`);
    assert.equal(found.confident, false);
    assert.deepEqual(reasons(img), []);
  });

  it('a cut-off card located only in part is still refused as cut off (its print runs into the frame border)', () => {
    const img = photos.get('cut off, partial')!;
    const found = locateDocument(img);
    assert.ok(found);
    assert.equal(found.partial, true);
    assert.ok(reasons(img).includes('cut_off'), JSON.stringify(reasons(img)));
  });

  it('a cut-off card located only in part is refused when its paper, not its print, runs into the border', () => {
    for (const name of ['cut off, paper at the border', 'cut off, paper at the border 2']) {
      const img = photos.get(name)!;
      const found = locateDocument(img);
      assert.ok(found);
      assert.equal(found.partial, true, name);
      assert.ok(Object.values(found.touches).some(Boolean), `${name}: ${JSON.stringify(found.touches)}`);
      assert.ok(reasons(img).includes('cut_off'), `${name}: ${JSON.stringify(reasons(img))}`);
    }
  });
});

// a public specimen scan photographed on a speckled table: the outline leaked into the table
const SPECIMEN = path.resolve('../shared/data/public/mrz-detection/src/__tests__/fixtures/id2.jpg');
const skip = skipUnless(fs.existsSync(SPECIMEN), 'public specimen data (../shared/data/public)');

// a scan of a passport page that fills the frame: only part of it stands out, and that part meets the border
const SCAN = path.resolve('../shared/data/public/PassportEye/passporteye/mrz/testdata/100_pass-fin.png');

describe('a scan or tight crop of a page', { skip: skipUnless(fs.existsSync(SCAN), 'public specimen data (../shared/data/public)') }, () => {
  it('is not cut off where the part that stood out meets the frame border', async () => {
    const img = await rgbOf(fs.readFileSync(SCAN));
    const found = locateDocument(img);
    assert.ok(found);
    assert.equal(found.partial, true);
    assert.ok(found.areaFraction > 0.75, `area ${found.areaFraction}`);
    assert.ok(!reasons(img).includes('cut_off'), JSON.stringify(reasons(img)));
  });
});

describe('an outline that strays into the background', { skip }, () => {
  it('is not trusted for geometry: no cut_off, occluded or tilted from it', async () => {
    const card = await rgbOf(fs.readFileSync(SPECIMEN));
    const img = (await makeVariant('clean', card, 1005)).rgb;
    const found = locateDocument(img);
    assert.ok(found);
    assert.equal(found.confident, false);
    assert.ok(found.edgeSupport < 0.5, `edge support ${found.edgeSupport}`);
    assert.deepEqual(reasons(img), []);
  });
});
