/**
 * Turning untrusted image bytes into pixels.
 *
 * The API accepts JPEG and PNG up to 10 MB whose sides are each 200–8192 px, honouring the EXIF orientation.
 * Everything here is ordered so that hostile input is refused by the cheapest check that can refuse it:
 *
 *   1. byte count                       (ToolargeImage)
 *   2. magic bytes                      (UnqualifiedPhoto: only JPEG `FF D8 FF` and the PNG signature pass)
 *   3. PNG chunk walk up to the first IDAT: IHDR first, no `acTL` (APNG is refused, see below)
 *   4. header-only metadata via sharp   (no pixel buffer is allocated; a 20000×20000 PNG is refused in ~2 ms)
 *   5. side and pixel-budget limits     (UnqualifiedPhoto, with the reason in the detail)
 *   6. the decode itself: sharp with `failOn: 'warning'`, `limitInputPixels`, a decode timeout,
 *      `autoOrient()` for EXIF, alpha flattened onto white, converted to 8-bit sRGB, 3 channels.
 *
 * `failOn` was measured on libvips 8.18 / sharp 0.35 (see test/intake/decode-image.test.ts):
 *   - 'none' decodes truncated JPEG and PNG without complaint (grey/black fill) — never use it here;
 *   - 'truncated' catches a JPEG cut in half / missing its EOI and a PNG cut in half;
 *   - 'error' additionally catches a PNG whose IDAT CRC is broken;
 *   - 'warning' additionally catches a JPEG whose entropy-coded data is corrupted mid-stream
 *     ("Corrupt JPEG data: premature end of data segment"). This is what we use (it is also sharp's default).
 *   Trailing bytes after the JPEG EOI / PNG IEND, and a PNG missing only its IEND, are accepted at every level.
 *
 * APNG: libvips ignores the animation chunks and would decode the default image (IDAT), which need not be a
 * frame that viewers show. Rather than OCR a picture a human reviewer never saw, an `acTL` chunk before the
 * first IDAT makes the image UnqualifiedPhoto.
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { ApiError } from '../protocol/errors.js';
import type { RgbImage } from '../engines/engine.js';

export interface ImageLimits {
  /** Largest accepted encoded size in bytes (the API documents 10 MB). */
  readonly maxBytes: number;
  /** Smallest accepted width and height in pixels. */
  readonly minSide: number;
  /** Largest accepted width and height in pixels. */
  readonly maxSide: number;
  /**
   * Pixel budget (width × height) for the decode; defaults to maxSide², i.e. everything the documented
   * rules allow (8192² ≈ 67 Mpx, 192 MiB of RGB). Lower it to bound memory per request.
   */
  readonly maxPixels?: number;
}

export const DEFAULT_IMAGE_LIMITS: Readonly<Required<ImageLimits>> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  minSide: 200,
  maxSide: 8192,
  maxPixels: 8192 * 8192,
});

export type ImageFormat = 'jpeg' | 'png';

export interface LoadedImage {
  readonly format: ImageFormat;
  /** Width after the EXIF orientation has been applied. */
  readonly width: number;
  /** Height after the EXIF orientation has been applied. */
  readonly height: number;
  /** 8-bit sRGB, 3 channels, EXIF-rotated, alpha flattened onto white. */
  readonly rgb: RgbImage;
  /** The original encoded bytes, untouched. */
  readonly encoded: Buffer;
}

/** libvips aborts a decode that runs longer than this (whole seconds; sharp's granularity). */
const DECODE_TIMEOUT_SECONDS = 15;

/** The strictest libvips level: see the measurements in the header comment. */
const FAIL_ON = 'warning' as const;

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function resolveLimits(limits: Partial<ImageLimits> | undefined): Required<ImageLimits> {
  const maxBytes = limits?.maxBytes ?? DEFAULT_IMAGE_LIMITS.maxBytes;
  const minSide = limits?.minSide ?? DEFAULT_IMAGE_LIMITS.minSide;
  const maxSide = limits?.maxSide ?? DEFAULT_IMAGE_LIMITS.maxSide;
  const maxPixels = limits?.maxPixels ?? maxSide * maxSide;
  for (const [name, value] of Object.entries({ maxBytes, minSide, maxSide, maxPixels })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`image limit ${name} must be a positive integer`);
  }
  if (minSide > maxSide) throw new RangeError('image limit minSide must not exceed maxSide');
  return { maxBytes, minSide, maxSide, maxPixels };
}

// ---------------------------------------------------------------------------------------------------------------
// Base64

/** 'A'-'Z', 'a'-'z', '0'-'9', '+', '/', and the URL-safe '-', '_'. */
function isBase64Char(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2b ||
    c === 0x2f ||
    c === 0x2d ||
    c === 0x5f
  );
}

/** Space, tab, LF, VT, FF, CR. */
function isWhitespace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

const DATA_URL_PREFIX = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9.+-]+=[a-z0-9.+-]*)*;base64,/i;

/**
 * Decode an `IdOcrPictureBase64` value. Accepts plain base64 (standard or URL-safe alphabet, padded or not,
 * with any whitespace/newlines) optionally behind a `data:image/<type>;base64,` prefix.
 * The decoded size is computed from the text before anything is allocated: more than `maxBytes` → ToolargeImage.
 * Anything that is not base64 → InvalidParameter. The format itself is checked later, by loadImage.
 */
export function decodeBase64Image(value: string, limits: Pick<ImageLimits, 'maxBytes'> = DEFAULT_IMAGE_LIMITS): Buffer {
  if (typeof value !== 'string') throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 must be a string.');
  const maxBytes = resolveLimits({ maxBytes: limits.maxBytes }).maxBytes;

  let start = 0;
  while (start < value.length && isWhitespace(value.charCodeAt(start))) start++;
  if (value.startsWith('data:', start) || value.startsWith('DATA:', start)) {
    // The prefix is short; match against a bounded slice so a hostile string cannot make the regex work hard.
    const match = DATA_URL_PREFIX.exec(value.slice(start, start + 256));
    if (!match) throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 data URL must look like data:image/<type>;base64,...');
    start += match[0].length;
  }

  // Cheapest refusal first: a string far longer than any acceptable encoding is refused without being scanned.
  // Up to half of the text may be whitespace (MIME line breaks cost ~3%).
  const maxSignificant = Math.ceil(maxBytes / 3) * 4;
  if (value.length - start > maxSignificant * 2 + 1024) {
    throw new ApiError('ToolargeImage', `The encoded image exceeds ${maxBytes} bytes.`);
  }

  let significant = 0;
  let padding = 0;
  for (let i = start; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isBase64Char(c)) {
      if (padding > 0) throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 has data after the base64 padding.');
      significant++;
    } else if (c === 0x3d /* = */) {
      padding++;
      if (padding > 2) throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 has invalid base64 padding.');
    } else if (!isWhitespace(c)) {
      throw new ApiError('InvalidParameter', `IdOcrPictureBase64 is not base64 (invalid character at offset ${i}).`);
    }
  }
  if (significant === 0) throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 is empty.');
  if (significant % 4 === 1 || (padding > 0 && (significant + padding) % 4 !== 0)) {
    throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 has an invalid base64 length.');
  }
  const decodedLength = Math.floor((significant * 3) / 4);
  if (decodedLength > maxBytes) {
    throw new ApiError('ToolargeImage', `The image is ${decodedLength} bytes; the limit is ${maxBytes}.`);
  }

  // Node's decoder accepts both alphabets and skips whitespace; we validated every character above.
  const bytes = Buffer.from(start === 0 ? value : value.slice(start), 'base64');
  if (bytes.length !== decodedLength) {
    throw new ApiError('InvalidParameter', 'IdOcrPictureBase64 could not be decoded.');
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------------
// Image

function sniffFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= PNG_MAGIC.length && bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return 'png';
  if (bytes.length >= JPEG_MAGIC.length && bytes.subarray(0, JPEG_MAGIC.length).equals(JPEG_MAGIC)) return 'jpeg';
  return undefined;
}

/** Best-effort name of a refused format, for the error detail only. */
function describeUnsupported(bytes: Buffer): string {
  const ascii = bytes.toString('latin1', 0, Math.min(bytes.length, 16));
  if (ascii.startsWith('GIF8')) return 'GIF';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'WebP';
  if (ascii.startsWith('BM')) return 'BMP';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'TIFF';
  if (ascii.slice(4, 8) === 'ftyp') return 'HEIF/AVIF';
  if (ascii.startsWith('%PDF')) return 'PDF';
  return 'unrecognised data';
}

function unqualified(detail: string): ApiError {
  return new ApiError('UnqualifiedPhoto', detail);
}

/**
 * Walk the PNG chunks up to the first IDAT (header bytes only): IHDR must come first, and an `acTL`
 * (APNG animation control) chunk refuses the image. Anything structurally odd past this point is left to libpng.
 */
function inspectPngHeader(bytes: Buffer): void {
  let offset = PNG_MAGIC.length;
  let first = true;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw unqualified('The PNG does not start with a valid IHDR chunk.');
      first = false;
    }
    if (type === 'acTL') throw unqualified('Animated PNG (APNG) images are not accepted.');
    if (type === 'IDAT') return;
    offset += 12 + length;
  }
  if (first) throw unqualified('The PNG is truncated before its header.');
}

/**
 * Check and decode an image: see the module comment for the order of checks.
 * Throws ToolargeImage (too many bytes) or UnqualifiedPhoto (anything else wrong with the image).
 */
export async function loadImage(
  bytes: Buffer | Uint8Array,
  limits: Partial<ImageLimits> = DEFAULT_IMAGE_LIMITS,
): Promise<LoadedImage> {
  const { maxBytes, minSide, maxSide, maxPixels } = resolveLimits(limits);
  const encoded = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  if (encoded.length === 0) throw unqualified('The image is empty.');
  if (encoded.length > maxBytes) {
    throw new ApiError('ToolargeImage', `The image is ${encoded.length} bytes; the limit is ${maxBytes}.`);
  }

  const format = sniffFormat(encoded);
  if (!format) throw unqualified(`Only JPEG and PNG images are accepted (got ${describeUnsupported(encoded)}).`);
  if (format === 'png') inspectPngHeader(encoded);

  // Header only: libvips parses the header, no pixel buffer is allocated, so no pixel limit is needed here and
  // an oversized image gets a precise reason below instead of a generic decoder error.
  let metadata: Metadata;
  try {
    metadata = await sharp(encoded, { failOn: FAIL_ON, limitInputPixels: false }).metadata();
  } catch {
    throw unqualified('The image header could not be read.');
  }
  if (metadata.format !== format) throw unqualified('The image content does not match its signature.');
  if ((metadata.pages ?? 1) > 1) throw unqualified('Multi-page images are not accepted.');

  const width = metadata.autoOrient?.width ?? metadata.width;
  const height = metadata.autoOrient?.height ?? metadata.height;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw unqualified('The image dimensions could not be read.');
  }
  for (const [side, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (value < minSide) throw unqualified(`The image ${side} is ${value} px; the minimum is ${minSide} px.`);
    if (value > maxSide) throw unqualified(`The image ${side} is ${value} px; the maximum is ${maxSide} px.`);
  }
  if (width * height > maxPixels) {
    throw unqualified(`The image has ${width * height} pixels; the limit is ${maxPixels}.`);
  }

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(encoded, { failOn: FAIL_ON, limitInputPixels: maxPixels, animated: false })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw unqualified('The image data is corrupt or truncated.');
  }
  const { data, info } = decoded;
  if (info.channels !== 3 || info.width !== width || info.height !== height || data.length !== width * height * 3) {
    throw unqualified('The image could not be converted to RGB.');
  }
  return { format, width, height, rgb: { data, width, height }, encoded };
}
