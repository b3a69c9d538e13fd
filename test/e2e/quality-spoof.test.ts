/**
 * IdThreshold (SubCode 211) and IdSpoof (SubCode 212) through the API: official client → server →
 * worker pool → models, on generated variants of the ICAO specimen passport page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { officialClient, startServer, type TestServer } from '../helpers/app.js';
import { createWorkerPool } from '../../src/pipeline/pool.js';
import { applyHomography, homography } from '../../src/pipeline/pixels.js';
import { SPOOF_THRESHOLDS } from '../../src/pipeline/thresholds.js';
import { makeVariant, type Variant } from '../../testkit/variants/index.js';

const TD3 = '../shared/data/public/PassportEye/tests/data/passport-td3.jpg';

describe('DocOcrMax quality inspection and anti-spoofing', () => {
  let server: TestServer;
  const photos = new Map<string, string>();

  before(async () => {
    server = await startServer(() => createWorkerPool({ workers: 1, engineThreads: 1 }), { OPENIDV_RATE_LIMITS: '*=1000' });
    const { data, info } = await sharp(TD3).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const card = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
    for (const kind of ['clean', 'blurred', 'photocopy'] as const) photos.set(kind, (await makeVariant(kind, card, 3)).jpeg.toString('base64'));
    photos.set('forged', (await forgeAuthority(await makeVariant('clean', card, 3))).toString('base64'));
    photos.set('redated', (await makeVariant('clean', await redateBirth(), 3)).jpeg.toString('base64'));
  });

  /**
   * A careful forgery made on the page before it is photographed (so it shares the photo's noise, light
   * and roll): the expiry date's row of the scan copied over the birth date's row. Only what the page
   * says can give it away: its printed birth date is no longer the MRZ's.
   */
  async function redateBirth() {
    const expiryRow = await sharp(TD3).extract({ left: 470, top: 596, width: 300, height: 36 }).toBuffer();
    const page = await sharp(TD3).composite([{ input: expiryRow, left: 470, top: 417 }]).png().toBuffer();
    const { data, info } = await sharp(page).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  }

  /**
   * A forged photo: the page's "Authority / PASSPORT OFFICE" field cut from the specimen scan, scaled
   * to the photo, turned 7° and pasted over the date and place of birth, as an editor would without lining it up.
   */
  async function forgeAuthority(photo: Variant): Promise<Buffer> {
    const { width: W, height: H } = await sharp(TD3).metadata();
    const toPhoto = homography([[0, 0], [1, 0], [1, 1], [0, 1]], photo.scene.corners);
    const [x0, y0] = applyHomography(toPhoto, 0.36, 0.47);
    const [x1] = applyHomography(toPhoto, 0.63, 0.47);
    const scale = (x1 - x0) / (0.27 * W!);
    const w = Math.round(0.27 * W! * scale), h = Math.round(0.075 * H! * scale);
    // a generous cut, turned, then its centre kept (no empty corners)
    const cut = await sharp(TD3)
      .extract({ left: Math.round(0.62 * W!), top: Math.round(0.55 * H!), width: Math.round(0.35 * W!), height: Math.round(0.155 * H!) })
      .resize(Math.round(0.35 * W! * scale))
      .rotate(7, { background: '#ffffff' })
      .toBuffer({ resolveWithObject: true });
    const strip = await sharp(cut.data)
      .extract({ left: Math.round((cut.info.width - w) / 2), top: Math.round((cut.info.height - h) / 2), width: w, height: h })
      .toBuffer();
    return sharp(photo.jpeg).composite([{ input: strip, left: Math.round(x0), top: Math.round(y0) }]).jpeg({ quality: 92 }).toBuffer();
  }
  after(async () => server.close());

  const call = async (photo: string, extra: Record<string, string>) => {
    const res = await officialClient(server.port).call('DocOcrMax', {
      ProductCode: 'ID_OCR_MAX',
      MerchantBizId: 'qs1',
      DocType: 'GLB03002',
      IdOcrPictureBase64: photos.get(photo)!,
      ...extra,
    });
    return { result: res.body.Result, ext: JSON.parse(res.body.Result.ExtIdInfo) };
  };

  it('IdThreshold 0 refuses a blurred photo with 211 and says why; IdThreshold 3 does not inspect', async () => {
    const strict = await call('blurred', { IdThreshold: '0' });
    assert.equal(strict.result.Passed, 'N');
    assert.equal(strict.result.SubCode, '211');
    assert.ok(strict.ext.qualityInfo.reasons.includes('blurry'));
    assert.equal(typeof strict.ext.qualityInfo.scores.sharpness, 'number');
    const off = await call('blurred', { IdThreshold: '3' });
    assert.notEqual(off.result.SubCode, '211');
    assert.equal(off.ext.qualityInfo, undefined);
  });

  it('IdThreshold 0 reads a good photo and reports the passing scores', async () => {
    const { result, ext } = await call('clean', { IdThreshold: '0' });
    assert.equal(result.SubCode, '200');
    assert.equal(ext.ocrIdInfo.passportNo, 'L898902C3');
    assert.deepEqual(ext.qualityInfo.reasons, []);
  });

  it('IdSpoof T refuses a photocopy with 212 PHOTO_COPY; IdSpoof F reads it with spoofResult N', async () => {
    const on = await call('photocopy', { IdSpoof: 'T' });
    assert.equal(on.result.Passed, 'N');
    assert.equal(on.result.SubCode, '212');
    assert.deepEqual(on.ext.spoofInfo, { spoofResult: 'Y', spoofType: ['PHOTO_COPY'] });
    assert.ok(on.ext.spoofScores.copy.colourfulness < SPOOF_THRESHOLDS.copyColourfulness);
    const off = await call('photocopy', { IdSpoof: 'F' });
    assert.equal(off.result.SubCode, '200');
    assert.deepEqual(off.ext.spoofInfo, { spoofResult: 'N', spoofType: [] });
    assert.equal(off.ext.spoofScores, undefined);
  });

  it('IdSpoof T passes a clean photo, its text lines measured parallel', async () => {
    const { result, ext } = await call('clean', { IdSpoof: 'T' });
    assert.equal(result.SubCode, '200');
    assert.deepEqual(ext.spoofInfo, { spoofResult: 'N', spoofType: [] });
    assert.ok(ext.spoofScores.tamper.skew.lines >= 5);
    assert.ok(ext.spoofScores.tamper.skew.drift < SPOOF_THRESHOLDS.tamperSkewDrift);
    assert.equal(ext.spoofScores.tamper.consistent, true);
    assert.deepEqual(ext.spoofScores.tamper.problems, []);
  });

  it('IdSpoof T refuses a page whose printed birth date is not the MRZ\'s with 212 TAMPER and says which field', async () => {
    const { result, ext } = await call('redated', { IdSpoof: 'T' });
    assert.equal(result.SubCode, '212');
    assert.ok(ext.spoofInfo.spoofType.includes('TAMPER'));
    assert.equal(ext.spoofScores.tamper.consistent, false);
    assert.deepEqual(ext.spoofScores.tamper.problems, ['birthDate: not printed in the visual zone as in the MRZ']);
    // the MRZ itself is intact: read as printed
    assert.equal(ext.ocrIdInfo.birthDate, '1974-08-12');
    // without IdSpoof the visual zone is not read and the MRZ fields pass
    const off = await call('redated', { IdSpoof: 'F' });
    assert.equal(off.result.SubCode, '200');
  });

  it('IdSpoof T refuses a field pasted off the page direction over the birth date with 212 TAMPER; the MRZ alone is still valid', async () => {
    const { result, ext } = await call('forged', { IdSpoof: 'T' });
    assert.equal(result.SubCode, '212');
    assert.ok(ext.spoofInfo.spoofType.includes('TAMPER'));
    assert.ok(ext.spoofScores.tamper.skew.drift >= SPOOF_THRESHOLDS.tamperSkewDrift, `drift ${ext.spoofScores.tamper.skew.drift}`);
    // it covers the printed birth date with no date of its own: two dated rows are left, and with the number
    // and names all found the visual-zone check judges the page and misses the birth date too
    assert.equal(ext.spoofScores.tamper.consistent, false);
    assert.deepEqual(ext.spoofScores.tamper.problems, ['birthDate: not printed in the visual zone as in the MRZ']);
    assert.equal(ext.ocrIdInfo.passportNo, 'L898902C3');
  });
});
