import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import { assessFrame, type FrameQuality } from '../../src/web/browser/quality.js';

const TD3 = '../shared/data/public/PassportEye/tests/data/passport-td3.jpg';
const W = 320;
const H = Math.round(W / 1.586);

/** The card frame as the page samples it: 320 px wide, RGBA. */
async function frame(image: Sharp): Promise<FrameQuality> {
  const { data, info } = await image.resize(W, H, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return assessFrame(data, info.width, info.height);
}

describe('live capture hints on the card frame', () => {
  let passport: Buffer;
  before(async () => {
    // A camera does not see the scan's pure white: exposure a little under full scale, as phones deliver.
    passport = await sharp(TD3).resize(W * 2, H * 2, { fit: 'fill' }).linear(0.9, 8).png().toBuffer();
  });

  it('a sharp, well-lit document filling the frame is good', async () => {
    const q = await frame(sharp(passport));
    assert.deepEqual([q.good, q.dark, q.glare, q.blurry, q.tooFar], [true, false, false, false, false], JSON.stringify(q.measures));
  });

  it('the scan itself (pure white paper) is not mistaken for glare', async () => {
    const q = await frame(sharp(TD3));
    assert.equal(q.glare, false, JSON.stringify(q.measures));
  });

  it('a blurred frame is blurry', async () => {
    const q = await frame(sharp(passport).blur(4));
    assert.equal(q.blurry, true, JSON.stringify(q.measures));
    assert.equal(q.good, false);
  });

  it('a document far away (a third of the frame) is too far', async () => {
    const small = await sharp(passport).resize(Math.round(W * 0.7), Math.round(H * 0.7)).toBuffer();
    const desk = sharp({ create: { width: W * 2, height: H * 2, channels: 3, background: '#3b3f45' } }).composite([{ input: small, gravity: 'center' }]);
    const q = await frame(sharp(await desk.png().toBuffer()));
    assert.equal(q.tooFar, true, JSON.stringify(q.measures));
  });

  it('an underexposed frame is dark', async () => {
    const q = await frame(sharp(passport).linear(0.12, 0));
    assert.equal(q.dark, true, JSON.stringify(q.measures));
  });

  it('a blown-out highlight on the card is glare', async () => {
    const spot = Buffer.from(`<svg width="${W * 2}" height="${H * 2}"><ellipse cx="${W}" cy="${H * 0.8}" rx="${W * 0.35}" ry="${H * 0.3}" fill="#fff"/></svg>`);
    const dim = await sharp(passport).linear(0.75, 0).png().toBuffer();
    const q = await frame(sharp(await sharp(dim).composite([{ input: spot }]).png().toBuffer()));
    assert.equal(q.glare, true, JSON.stringify(q.measures));
  });
});
