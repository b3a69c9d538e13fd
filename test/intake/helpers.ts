/** Fixture builders and test plumbing for the intake tests. Every fixture is generated here; no files are committed. */
import assert from 'node:assert/strict';
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { ApiError, type ErrorCode } from '../../src/protocol/errors.js';

// ------------------------------------------------------------------------------------------------ assertions

/** Assert that `promiseOrFn` fails with an ApiError of `code` (and a detail matching `detail`, when given). */
export async function rejectsWith(
  promiseOrFn: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  detail?: RegExp,
): Promise<ApiError> {
  let caught: unknown;
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected ${code}, but nothing was thrown`);
  assert.ok(caught instanceof ApiError, `expected ApiError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`);
  if (detail) assert.match(caught.detail ?? '', detail);
  return caught;
}

// ------------------------------------------------------------------------------------------------ images

/** Deterministic pseudo-random bytes (xorshift32), so fixtures are reproducible. */
export function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * A width×height RGB image: left half red, right half blue, with a 20×20 green marker in the top-left corner.
 * Simple shapes survive JPEG well enough to check orientation and colour.
 */
export function markedPixels(width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (x < 20 && y < 20) px[i + 1] = 255;
      else if (x < width / 2) px[i] = 255;
      else px[i + 2] = 255;
    }
  }
  return px;
}

export function rawInput(width: number, height: number, channels: 1 | 2 | 3 | 4 = 3) {
  return { raw: { width, height, channels } } as const;
}

export async function markedJpeg(width: number, height: number): Promise<Buffer> {
  return sharp(markedPixels(width, height), rawInput(width, height)).jpeg({ quality: 92 }).toBuffer();
}

export async function markedPng(width: number, height: number): Promise<Buffer> {
  return sharp(markedPixels(width, height), rawInput(width, height)).png().toBuffer();
}

/** Noise compresses badly, so the JPEG has plenty of entropy-coded data to corrupt. */
export async function noisyJpeg(width = 640, height = 480): Promise<Buffer> {
  return sharp(pseudoRandomBytes(width * height * 3), rawInput(width, height)).jpeg({ quality: 90 }).toBuffer();
}

export async function noisyPng(width = 400, height = 300): Promise<Buffer> {
  return sharp(pseudoRandomBytes(width * height * 3), rawInput(width, height)).png().toBuffer();
}

/** RGB triple at (x, y) of a 3-channel raw buffer. */
export function pixelAt(data: Uint8Array, width: number, x: number, y: number): [number, number, number] {
  const i = (y * width + x) * 3;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** Close enough for JPEG: every channel within `tolerance`. */
export function assertColour(actual: [number, number, number], expected: [number, number, number], tolerance = 40): void {
  for (let c = 0; c < 3; c++) {
    assert.ok(
      Math.abs(actual[c]! - expected[c]!) <= tolerance,
      `colour ${actual.join(',')} is not close to ${expected.join(',')}`,
    );
  }
}

// ------------------------------------------------------------------------------------------------ PNG by hand

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function ihdr(width: number, height: number, bitDepth = 8, colourType = 2): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colourType;
  return pngChunk('IHDR', data);
}

/** Filter-0 scanlines of one grey-ish value, deflated: a valid IDAT payload for an 8-bit RGB image. */
export function rgbScanlines(width: number, height: number, value: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height, value);
  for (let y = 0; y < height; y++) raw[y * stride] = 0;
  return zlib.deflateSync(raw);
}

/** A PNG whose header claims width×height but whose IDAT is a few hundred bytes (a decompression bomb shape). */
export function pngBomb(width: number, height: number): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A two-frame APNG (acTL + fcTL/IDAT + fcTL/fdAT), valid per the APNG spec. */
export function apng(width: number, height: number): Buffer {
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(2, 0); // frames
  const fctl = (sequence: number): Buffer => {
    const b = Buffer.alloc(26);
    b.writeUInt32BE(sequence, 0);
    b.writeUInt32BE(width, 4);
    b.writeUInt32BE(height, 8);
    b.writeUInt16BE(1, 20); // delay numerator
    b.writeUInt16BE(10, 22); // delay denominator
    return pngChunk('fcTL', b);
  };
  const sequence2 = Buffer.alloc(4);
  sequence2.writeUInt32BE(2);
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height),
    pngChunk('acTL', actl),
    fctl(0),
    pngChunk('IDAT', rgbScanlines(width, height, 60)),
    fctl(1),
    pngChunk('fdAT', Buffer.concat([sequence2, rgbScanlines(width, height, 200)])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface PngChunkInfo {
  readonly type: string;
  readonly offset: number;
  readonly length: number;
}

export function listPngChunks(png: Buffer): PngChunkInfo[] {
  const chunks: PngChunkInfo[] = [];
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    chunks.push({ type: png.toString('latin1', offset + 4, offset + 8), offset, length });
    offset += 12 + length;
  }
  return chunks;
}

/** Patch the SOF0/SOF2 dimensions of a JPEG (header only; the scan data stays as it was). */
export function patchJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let offset = 2;
  while (offset + 4 <= out.length) {
    const marker = out[offset + 1]!;
    const length = out.readUInt16BE(offset + 2);
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, offset + 5);
      out.writeUInt16BE(width, offset + 7);
      return out;
    }
    offset += 2 + length;
  }
  throw new Error('no SOF marker');
}

// ------------------------------------------------------------------------------------------------ network jail

export interface NetworkJail {
  /** Every outgoing connection attempt, as the address actually dialled (after virtual-host mapping). */
  readonly attempts: string[];
  /** Connection attempts to anything other than loopback (should stay empty). */
  readonly violations: string[];
  /** Make a public-looking address reach 127.0.0.1 instead, so public-address code paths can be tested locally. */
  readonly virtualHosts: Map<string, string>;
  restore(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

type ConnectOptions = { host?: string; port?: number; lookup?: net.LookupFunction; path?: string | null };

/**
 * Patch net.Socket#connect so that no test can reach anything but loopback: connections to a non-loopback
 * address are refused (and recorded as violations) before any packet is sent. Public addresses listed in
 * `virtualHosts` are rewritten to loopback below the code under test, which still sees the public address.
 */
export function installNetworkJail(): NetworkJail {
  const attempts: string[] = [];
  const violations: string[] = [];
  const virtualHosts = new Map<string, string>();
  const original = net.Socket.prototype.connect;

  const dial = (address: string): string | undefined => {
    const mapped = virtualHosts.get(address) ?? address;
    attempts.push(mapped);
    if (!LOOPBACK.has(mapped)) {
      violations.push(address);
      return undefined;
    }
    return mapped;
  };

  function jailedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : first) as ConnectOptions | undefined;
    if (options && typeof options === 'object' && (options.path === undefined || options.path === null)) {
      const host = options.host ?? 'localhost';
      if (net.isIP(host) !== 0) {
        const mapped = dial(host);
        if (mapped === undefined) throw new Error(`network jail: refused connection to ${host}`);
        options.host = mapped;
      } else {
        const inner: net.LookupFunction = options.lookup ?? (dns.lookup as unknown as net.LookupFunction);
        options.lookup = (hostname, lookupOptions, callback) => {
          inner(hostname, lookupOptions, (err, address, family) => {
            if (err) return callback(err, address, family);
            if (Array.isArray(address)) {
              const mapped = address.map((a) => ({ address: dial(a.address), family: a.family }));
              if (mapped.some((a) => a.address === undefined)) {
                return callback(new Error('network jail: refused non-loopback address'), '', 0);
              }
              return callback(null, mapped as { address: string; family: number }[]);
            }
            const mapped = dial(address);
            if (mapped === undefined) return callback(new Error('network jail: refused non-loopback address'), '', 0);
            return callback(null, mapped, family);
          });
        };
      }
    } else if (typeof first === 'number') {
      const host = typeof args[1] === 'string' ? args[1] : 'localhost';
      if (net.isIP(host) !== 0 && dial(host) === undefined) throw new Error(`network jail: refused ${host}`);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  }

  net.Socket.prototype.connect = jailedConnect as typeof net.Socket.prototype.connect;
  return {
    attempts,
    violations,
    virtualHosts,
    restore() {
      net.Socket.prototype.connect = original;
    },
  };
}
