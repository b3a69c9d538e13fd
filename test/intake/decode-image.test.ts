import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { DEFAULT_IMAGE_LIMITS, decodeBase64Image, loadImage } from '../../src/intake/index.js';
import {
  apng,
  assertColour,
  ihdr,
  listPngChunks,
  markedJpeg,
  markedPixels,
  markedPng,
  noisyJpeg,
  noisyPng,
  patchJpegSize,
  pixelAt,
  PNG_SIGNATURE,
  pngBomb,
  pngChunk,
  pseudoRandomBytes,
  rawInput,
  rejectsWith,
  rgbScanlines,
} from './helpers.js';

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];
const GREEN: [number, number, number] = [0, 255, 0];

describe('loadImage: accepted images', () => {
  it('decodes a JPEG to 3-channel RGB with the original bytes kept', async () => {
    const jpeg = await markedJpeg(640, 480);
    const image = await loadImage(jpeg, DEFAULT_IMAGE_LIMITS);
    assert.equal(image.format, 'jpeg');
    assert.equal(image.width, 640);
    assert.equal(image.height, 480);
    assert.equal(image.rgb.width, 640);
    assert.equal(image.rgb.height, 480);
    assert.equal(image.rgb.data.length, 640 * 480 * 3);
    assert.equal(image.encoded, jpeg);
    assertColour(pixelAt(image.rgb.data, 640, 5, 5), GREEN);
    assertColour(pixelAt(image.rgb.data, 640, 100, 300), RED);
    assertColour(pixelAt(image.rgb.data, 640, 600, 300), BLUE);
  });

  it('decodes a PNG losslessly', async () => {
    const width = 320;
    const height = 240;
    const png = await markedPng(width, height);
    const image = await loadImage(png);
    assert.equal(image.format, 'png');
    assert.deepEqual([image.width, image.height], [width, height]);
    assert.deepEqual(Buffer.from(image.rgb.data), markedPixels(width, height));
  });

  it('applies EXIF orientation 6: sides swapped and pixels rotated 90° clockwise', async () => {
    const jpeg = await sharp(markedPixels(300, 200), rawInput(300, 200))
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    assert.equal((await sharp(jpeg).metadata()).orientation, 6, 'fixture carries orientation 6');
    const image = await loadImage(jpeg);
    assert.deepEqual([image.width, image.height], [200, 300]);
    assert.deepEqual([image.rgb.width, image.rgb.height], [200, 300]);
    // The green marker was top-left in the stored pixels; rotating 90° clockwise puts it top-right.
    assertColour(pixelAt(image.rgb.data, 200, 200 - 6, 5), GREEN);
    assert.notDeepEqual(pixelAt(image.rgb.data, 200, 5, 5).map((v) => v > 128), [false, true, false]);
    // The red (left) half becomes the top half, the blue (right) half the bottom half.
    assertColour(pixelAt(image.rgb.data, 200, 100, 60), RED);
    assertColour(pixelAt(image.rgb.data, 200, 100, 250), BLUE);
  });

  it('applies an EXIF orientation carried by a PNG eXIf chunk', async () => {
    const png = await sharp(markedPixels(300, 200), rawInput(300, 200)).png().withMetadata({ orientation: 6 }).toBuffer();
    const image = await loadImage(png);
    assert.deepEqual([image.width, image.height], [200, 300]);
    assertColour(pixelAt(image.rgb.data, 200, 194, 5), GREEN, 0);
  });

  it('accepts the exact side limits (200 px and 8192 px)', async () => {
    const png = await sharp({ create: { width: 8192, height: 200, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const image = await loadImage(png);
    assert.deepEqual([image.width, image.height], [8192, 200]);
  });

  it('flattens alpha onto white and converts grey 16-bit and CMYK to 8-bit sRGB', async () => {
    const transparent = await sharp(Buffer.alloc(300 * 300 * 4, 0), rawInput(300, 300, 4)).png().toBuffer();
    const flat = await loadImage(transparent);
    assert.deepEqual(pixelAt(flat.rgb.data, 300, 150, 150), [255, 255, 255]);

    const grey16 = await sharp(Buffer.alloc(300 * 300, 90), rawInput(300, 300, 1)).toColourspace('grey16').png().toBuffer();
    assert.equal((await sharp(grey16).metadata()).depth, 'ushort', 'fixture is 16-bit');
    const grey = await loadImage(grey16);
    assert.equal(grey.rgb.data.length, 300 * 300 * 3);
    assertColour(pixelAt(grey.rgb.data, 300, 10, 10), [90, 90, 90], 2);

    const cmyk = await sharp(markedPixels(300, 300), rawInput(300, 300)).toColourspace('cmyk').jpeg().toBuffer();
    assert.equal((await sharp(cmyk).metadata()).space, 'cmyk', 'fixture is CMYK');
    const converted = await loadImage(cmyk);
    assert.equal(converted.rgb.data.length, 300 * 300 * 3);
  });

  it('accepts a Uint8Array view', async () => {
    const png = await markedPng(256, 256);
    const view = new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
    const image = await loadImage(view);
    assert.equal(image.width, 256);
  });
});

describe('loadImage: refused images', () => {
  it('refuses a 1×1 PNG and a 199-px-wide image, saying why', async () => {
    const tiny = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    await rejectsWith(loadImage(tiny), 'UnqualifiedPhoto', /width is 1 px; the minimum is 200 px/);
    const narrow = await markedJpeg(199, 400);
    await rejectsWith(loadImage(narrow), 'UnqualifiedPhoto', /width is 199 px; the minimum is 200 px/);
    const short = await markedPng(400, 199);
    await rejectsWith(loadImage(short), 'UnqualifiedPhoto', /height is 199 px/);
  });

  it('refuses a side over 8192 px', async () => {
    const wide = await sharp({ create: { width: 8193, height: 200, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    await rejectsWith(loadImage(wide), 'UnqualifiedPhoto', /width is 8193 px; the maximum is 8192 px/);
  });

  it('refuses a PNG whose header claims 20000×20000 without allocating the pixels', async () => {
    const bomb = pngBomb(20000, 20000);
    assert.ok(bomb.length < 1000, 'the bomb itself is tiny');
    const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
    assert.deepEqual([meta.width, meta.height], [20000, 20000], 'fixture header is well formed');

    const rssBefore = process.memoryUsage().rss;
    await rejectsWith(loadImage(bomb), 'UnqualifiedPhoto', /width is 20000 px; the maximum is 8192 px/);
    const grown = process.memoryUsage().rss - rssBefore;
    // 20000² RGB would be 1.2 GB.
    assert.ok(grown < 256 * 1024 * 1024, `RSS grew by ${(grown / 1e6).toFixed(0)} MB`);
  });

  it('refuses within-limits sides that exceed the pixel budget, before decoding', async () => {
    const bomb = pngBomb(8000, 8000);
    await rejectsWith(loadImage(bomb, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 40_000_000 }), 'UnqualifiedPhoto', /pixels/);
    const png = await markedPng(400, 400);
    await rejectsWith(loadImage(png, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 300 * 300 }), 'UnqualifiedPhoto', /160000 pixels/);
  });

  it('refuses a JPEG whose SOF claims 65000×65000 from its header', async () => {
    const bomb = patchJpegSize(await markedJpeg(300, 300), 65000, 65000);
    await rejectsWith(loadImage(bomb), 'UnqualifiedPhoto', /maximum is 8192/);
  });

  it('refuses a within-limits PNG header whose IDAT holds far too little data', async () => {
    // 4000×4000 claimed, 4 KiB of zeros supplied: the decoder runs out of data.
    await rejectsWith(loadImage(pngBomb(4000, 4000)), 'UnqualifiedPhoto', /corrupt or truncated/);
  });

  it('refuses truncated JPEG and PNG (which the lenient failOn "none" would accept)', async () => {
    const jpeg = await noisyJpeg();
    const png = await noisyPng();
    const halfJpeg = jpeg.subarray(0, jpeg.length >> 1);
    const halfPng = png.subarray(0, png.length >> 1);
    // The fixtures are damaged but parseable: a lenient decoder returns pixels for them.
    await sharp(halfJpeg, { failOn: 'none' }).raw().toBuffer();
    await sharp(halfPng, { failOn: 'none' }).raw().toBuffer();

    await rejectsWith(loadImage(halfJpeg), 'UnqualifiedPhoto', /corrupt or truncated/);
    await rejectsWith(loadImage(jpeg.subarray(0, jpeg.length - 2)), 'UnqualifiedPhoto', /corrupt or truncated/);
    await rejectsWith(loadImage(halfPng), 'UnqualifiedPhoto', /corrupt or truncated/);
    await rejectsWith(loadImage(jpeg.subarray(0, 100)), 'UnqualifiedPhoto');
    await rejectsWith(loadImage(png.subarray(0, 20)), 'UnqualifiedPhoto');
  });

  it('refuses a PNG with a broken IDAT CRC', async () => {
    const png = Buffer.from(await noisyPng());
    const idat = listPngChunks(png).find((c) => c.type === 'IDAT');
    assert.ok(idat);
    png[idat.offset + 8 + idat.length] ^= 0xff; // first byte of the CRC
    await sharp(png, { failOn: 'truncated' }).raw().toBuffer(); // 'truncated' would let it through
    await rejectsWith(loadImage(png), 'UnqualifiedPhoto', /corrupt or truncated/);
  });

  it('refuses a JPEG with corrupted entropy-coded data', async () => {
    const jpeg = Buffer.from(await noisyJpeg());
    const middle = jpeg.length >> 1;
    for (let i = middle; i < middle + 200; i++) jpeg[i] = (i * 31) & 0xff;
    await sharp(jpeg, { failOn: 'error' }).raw().toBuffer(); // only 'warning' catches this one
    await rejectsWith(loadImage(jpeg), 'UnqualifiedPhoto', /corrupt or truncated/);
  });

  it('refuses other formats, random bytes, text and empty input by their magic bytes', async () => {
    const base = sharp(markedPixels(300, 300), rawInput(300, 300));
    const others: Record<string, Buffer> = {
      gif: await base.clone().gif().toBuffer(),
      webp: await base.clone().webp().toBuffer(),
      tiff: await base.clone().tiff().toBuffer(),
      avif: await base.clone().avif().toBuffer(),
      bmp: Buffer.concat([Buffer.from('BM'), pseudoRandomBytes(2000)]),
      pdf: Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'),
      text: Buffer.from('hello, this is not an image'),
      random: pseudoRandomBytes(50_000, 42),
      jpegMagicThenJunk: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), pseudoRandomBytes(5000, 7)]),
      pngMagicThenJunk: Buffer.concat([PNG_SIGNATURE, pseudoRandomBytes(5000, 9)]),
    };
    for (const [name, bytes] of Object.entries(others)) {
      await rejectsWith(loadImage(bytes), 'UnqualifiedPhoto').catch((err: Error) => {
        throw new Error(`${name}: ${err.message}`);
      });
    }
    await rejectsWith(loadImage(others.gif!), 'UnqualifiedPhoto', /Only JPEG and PNG.*GIF/);
    await rejectsWith(loadImage(others.webp!), 'UnqualifiedPhoto', /WebP/);
    await rejectsWith(loadImage(others.tiff!), 'UnqualifiedPhoto', /TIFF/);
    await rejectsWith(loadImage(Buffer.alloc(0)), 'UnqualifiedPhoto', /empty/);
  });

  it('refuses an animated PNG (APNG)', async () => {
    const animation = apng(300, 300);
    // libvips would silently decode the default image:
    assert.equal((await sharp(animation).raw().toBuffer({ resolveWithObject: true })).info.width, 300);
    await rejectsWith(loadImage(animation), 'UnqualifiedPhoto', /APNG/);
  });

  it('refuses a PNG whose first chunk is not IHDR', async () => {
    const png = Buffer.concat([
      PNG_SIGNATURE,
      pngChunk('tEXt', Buffer.from('a\0b')),
      ihdr(300, 300),
      pngChunk('IDAT', rgbScanlines(300, 300, 1)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    await rejectsWith(loadImage(png), 'UnqualifiedPhoto', /IHDR/);
  });

  it('refuses more bytes than maxBytes with ToolargeImage before looking at them', async () => {
    const jpeg = await markedJpeg(400, 400);
    await rejectsWith(loadImage(jpeg, { ...DEFAULT_IMAGE_LIMITS, maxBytes: jpeg.length - 1 }), 'ToolargeImage');
    await loadImage(jpeg, { ...DEFAULT_IMAGE_LIMITS, maxBytes: jpeg.length });
    await rejectsWith(loadImage(Buffer.alloc(DEFAULT_IMAGE_LIMITS.maxBytes + 1)), 'ToolargeImage');
  });
});

describe('decodeBase64Image', () => {
  const payload = pseudoRandomBytes(3000, 5);
  const b64 = payload.toString('base64');

  it('decodes plain base64, a data URL, MIME line breaks, URL-safe alphabet and missing padding', () => {
    assert.deepEqual(decodeBase64Image(b64, DEFAULT_IMAGE_LIMITS), payload);
    assert.deepEqual(decodeBase64Image(`data:image/jpeg;base64,${b64}`), payload);
    assert.deepEqual(decodeBase64Image(`DATA:image/png;base64,${b64}`), payload);
    const mime = b64.replace(/.{76}/g, '$&\r\n');
    assert.deepEqual(decodeBase64Image(`  ${mime}\n `), payload);
    assert.deepEqual(decodeBase64Image(b64.replace(/\+/g, '-').replace(/\//g, '_')), payload);
    const odd = pseudoRandomBytes(3001, 6);
    assert.deepEqual(decodeBase64Image(odd.toString('base64').replace(/=+$/, '')), odd);
    assert.deepEqual(decodeBase64Image(odd.toString('base64url')), odd);
  });

  it('round-trips into loadImage', async () => {
    const png = await markedPng(300, 300);
    const image = await loadImage(decodeBase64Image(`data:image/png;base64,${png.toString('base64')}`));
    assert.equal(image.format, 'png');
  });

  it('refuses anything that is not base64 with InvalidParameter', () => {
    for (const bad of [
      '',
      '   \n',
      `${b64.slice(0, 100)}!${b64.slice(100)}`,
      `${b64.slice(0, 100)}*${b64.slice(100)}`,
      `${b64.slice(0, 100)}é${b64.slice(100)}`,
      `${b64.slice(0, 100)}\0${b64.slice(100)}`,
      'QQ==QQ==', // data after padding
      'QQ===', // too much padding
      'QUJD=', // padding that does not complete a quantum
      'QUJDR', // length ≡ 1 (mod 4)
      'data:text/plain;base64,QUJD',
      'data:image/png,QUJD', // not base64-encoded
      'data:image/png;base64', // no comma
      'https://example.com/image.jpg',
    ]) {
      assert.throws(
        () => decodeBase64Image(bad),
        (err: unknown) => err instanceof Error && 'code' in err && err.code === 'InvalidParameter',
        JSON.stringify(bad.slice(0, 40)),
      );
    }
    assert.throws(() => decodeBase64Image(42 as unknown as string), { code: 'InvalidParameter' });
  });

  it('refuses an oversized payload with ToolargeImage without decoding it', (t) => {
    const maxBytes = 3000;
    assert.deepEqual(decodeBase64Image(b64, { maxBytes }), payload); // exactly at the limit
    const from = t.mock.method(Buffer, 'from');
    const over = pseudoRandomBytes(3001, 8).toString('base64');
    const overDataUrl = `data:image/jpeg;base64,${over}`;
    from.mock.resetCalls();
    assert.throws(() => decodeBase64Image(over, { maxBytes }), { code: 'ToolargeImage' });
    assert.throws(() => decodeBase64Image(overDataUrl, { maxBytes }), { code: 'ToolargeImage' });
    assert.equal(from.mock.callCount(), 0, 'Buffer.from was not called');
  });

  it('refuses a huge string by its length', () => {
    const huge = 'A'.repeat(64 * 1024 * 1024);
    assert.throws(() => decodeBase64Image(huge), { code: 'ToolargeImage' });
    // Just over the 10 MiB limit, with normal line breaks: counted exactly, then refused.
    const justOver = 'A'.repeat(Math.ceil((DEFAULT_IMAGE_LIMITS.maxBytes + 3) / 3) * 4);
    assert.throws(() => decodeBase64Image(justOver), { code: 'ToolargeImage' });
  });
});
