/**
 * Phone-photo simulation: the flat card is placed on a generated surface through a true perspective
 * (homography, inverse-mapped with bilinear sampling on raw pixels), then lit, shadowed, glared,
 * blurred, given sensor noise and JPEG-encoded. Every random choice comes from the seeded Rng.
 */
import sharp from 'sharp';
import { homography, type Quad } from '../../src/pipeline/pixels.js';
import type { Rng } from './rng.js';

export type Difficulty = 'clean' | 'normal' | 'hard';

export interface RawRgba {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export type Corner = [number, number];

interface Params {
  area: [number, number];
  tiltDeg: number;
  rollDeg: number;
  margin: number;
  light: number;
  /** Global exposure; clean stays below clipping on the light card stocks (auto-exposure of a good photo). */
  exposure: [number, number];
  glare: [number, number];
  glareChance: number;
  noise: [number, number];
  blur: [number, number];
  quality: [number, number];
}

const PARAMS: Record<Difficulty, Params> = {
  clean: { area: [0.63, 0.85], tiltDeg: 7, rollDeg: 4, margin: 0.03, light: 0.12, exposure: [0.84, 0.93], glare: [0, 0], glareChance: 0, noise: [1.5, 3], blur: [0, 0.5], quality: [85, 92] },
  normal: { area: [0.45, 0.8], tiltDeg: 15, rollDeg: 10, margin: 0.02, light: 0.22, exposure: [0.84, 0.98], glare: [30, 70], glareChance: 0.35, noise: [3, 5], blur: [0.5, 1], quality: [78, 90] },
  hard: { area: [0.3, 0.7], tiltDeg: 28, rollDeg: 25, margin: 0.01, light: 0.35, exposure: [0.8, 1.1], glare: [80, 170], glareChance: 0.75, noise: [5, 9], blur: [1, 1.8], quality: [70, 82] },
};

/** Photo frame (3:2 landscape, like a phone camera's cropped still). */
export const FRAME = { width: 1440, height: 960 } as const;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
const inside = (c: Corner, W: number, H: number, m: number): boolean => c[0] >= m && c[0] <= W - m && c[1] >= m && c[1] <= H - m;

/** Card corners in the frame: a 3-D tilt seen through a pinhole camera, then roll, scale and shift. */
function placeCard(rng: Rng, cw: number, ch: number, p: Params): Corner[] {
  const { width: W, height: H } = FRAME;
  const margin = p.margin * W;
  for (let attempt = 0; attempt < 40; attempt++) {
    const shrink = Math.pow(0.97, attempt);
    const ax = (rng.range(-1, 1) * p.tiltDeg * Math.PI) / 180;
    const ay = (rng.range(-1, 1) * p.tiltDeg * Math.PI) / 180;
    const roll = (rng.range(-1, 1) * p.rollDeg * Math.PI) / 180;
    const f = 1.3 * W;
    // unit card (width 1) in the z = 0 plane, tilted, projected
    const aspect = ch / cw;
    const proj = ([x, y]: Corner): Corner => {
      const y1 = y * Math.cos(ax);
      const z1 = y * Math.sin(ax);
      const x2 = x * Math.cos(ay) + z1 * Math.sin(ay);
      const z2 = -x * Math.sin(ay) + z1 * Math.cos(ay);
      const k = 1 / (1 + z2 * 0.9 * (W / f));
      const xr = x2 * k;
      const yr = y1 * k;
      return [xr * Math.cos(roll) - yr * Math.sin(roll), xr * Math.sin(roll) + yr * Math.cos(roll)];
    };
    const unit = ([
      [-0.5, -aspect / 2],
      [0.5, -aspect / 2],
      [0.5, aspect / 2],
      [-0.5, aspect / 2],
    ] as Corner[]).map(proj);
    // polygon area of the unit quad → scale for the drawn frame fraction
    let area = 0;
    for (let i = 0; i < 4; i++) {
      const a = unit[i]!;
      const b = unit[(i + 1) % 4]!;
      area += a[0] * b[1] - b[0] * a[1];
    }
    area = Math.abs(area) / 2;
    // retries shrink the card towards the lower bound of the difficulty's range, never below it
    const fraction = Math.max(p.area[0], rng.range(p.area[0], p.area[1]) * shrink);
    const s = Math.sqrt((fraction * W * H) / area);
    const xs = unit.map((c) => c[0] * s);
    const ys = unit.map((c) => c[1] * s);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const freeX = W - 2 * margin - (maxX - minX);
    const freeY = H - 2 * margin - (maxY - minY);
    if (freeX < 0 || freeY < 0) continue;
    const ox = margin - minX + rng.range(0, freeX);
    const oy = margin - minY + rng.range(0, freeY);
    const corners = unit.map((c) => [c[0] * s + ox, c[1] * s + oy] as Corner);
    if (corners.every((c) => inside(c, W, H, margin * 0.99))) return corners;
  }
  throw new Error('docgen: could not place the card in the frame');
}

/** A fast xorshift stream for per-pixel noise, seeded from the Rng. */
function fastNoise(rng: Rng): () => number {
  let s = (Math.floor(rng.next() * 0xffffffff) | 1) >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** 64 Ki approximately-normal samples (sd 1): per-pixel noise is a table lookup at a random index. */
function gaussTable(rng: Rng): Float32Array {
  const n = fastNoise(rng);
  const t = new Float32Array(65536);
  for (let i = 0; i < t.length; i++) t[i] = (n() + n() + n() + n() - 2) * 1.732;
  return t;
}

/** Smooth low-frequency field at a quarter of the frame size (0..255): a small random grid upscaled by libvips. */
async function lowField(rng: Rng, W: number, H: number): Promise<Uint8Array> {
  const gw = 7;
  const gh = 5;
  const grid = Buffer.from(Array.from({ length: gw * gh }, () => Math.round(rng.range(0, 255))));
  const buf = await sharp(grid, { raw: { width: gw, height: gh, channels: 1 } }).resize(W >> 2, H >> 2, { kernel: 'cubic' }).raw().toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

interface Surface {
  readonly kind: 'wood' | 'fabric' | 'desk' | 'paper';
  readonly base: readonly [number, number, number];
  /** Low-frequency shading and wood-grain distortion fields (0..255, quarter resolution). */
  readonly low: Uint8Array;
  readonly grain: Uint8Array;
  readonly period: number;
  readonly slant: number;
  readonly amp: number;
}

/**
 * Desk, wood, fabric or paper surface under the card. Clean photos follow the capture advice of a
 * plain surface that contrasts with the card (no white desk or paper); the others may use any.
 */
async function surface(rng: Rng, W: number, H: number, contrasting: boolean): Promise<Surface> {
  type Rgb = [number, number, number];
  const light = (c: Rgb): boolean => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] > 150;
  const keep = (cs: Rgb[]): Rgb[] => (contrasting ? cs.filter((c) => !light(c)) : cs);
  const kind = rng.pick(contrasting ? (['wood', 'fabric', 'desk', 'desk'] as const) : (['wood', 'fabric', 'desk', 'desk', 'paper'] as const));
  const base: Rgb =
    kind === 'wood'
      ? rng.pick(keep([[150, 105, 70], [120, 80, 50], [185, 145, 100], [95, 65, 45]]))
      : kind === 'fabric'
        ? rng.pick(keep([[60, 70, 95], [120, 40, 40], [70, 90, 70], [90, 90, 95], [170, 160, 140]]))
        : kind === 'paper'
          ? [228, 226, 220]
          : rng.pick(keep([[235, 235, 232], [45, 45, 48], [200, 200, 205], [30, 40, 60], [160, 165, 170], [110, 112, 118]]));
  const low = await lowField(rng, W, H);
  const grain = await lowField(rng, W, H);
  const amp = kind === 'wood' ? 0.02 : kind === 'fabric' ? 0.05 : kind === 'paper' ? 0.025 : 0.012;
  return { kind, base, low, grain, period: rng.range(14, 40), slant: rng.range(-0.08, 0.08), amp };
}

/** Horizontal extent of the quads on row y (convex), padded; null when the row misses them. */
function rowSpan(quads: readonly (readonly Corner[])[], y: number, pad: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of quads) {
    for (let i = 0; i < 4; i++) {
      const a = q[i]!;
      const b = q[(i + 1) % 4]!;
      if (y < Math.min(a[1], b[1]) - pad || y > Math.max(a[1], b[1]) + pad) continue;
      const t = a[1] === b[1] ? 0 : clamp((y - a[1]) / (b[1] - a[1]), 0, 1);
      const x = a[0] + (b[0] - a[0]) * t;
      const x2 = a[1] === b[1] ? b[0] : x;
      lo = Math.min(lo, x, x2);
      hi = Math.max(hi, x, x2);
    }
  }
  return lo <= hi ? [lo - pad, hi + pad] : null;
}

/** Renders the photo of `card` (raw RGBA) and returns the JPEG and the card corners in it. */
export async function photograph(card: RawRgba, rng: Rng, difficulty: Difficulty): Promise<{ jpeg: Buffer; corners: Corner[] }> {
  const p = PARAMS[difficulty];
  const { width: W, height: H } = FRAME;
  const cw = card.width;
  const ch = card.height;
  const corners = placeCard(rng, cw, ch, p);
  const src: Corner[] = [
    [0, 0],
    [cw, 0],
    [cw, ch],
    [0, ch],
  ];
  const inv = homography(corners as unknown as Quad, src as unknown as Quad); // frame → card pixels
  const surf = await surface(rng, W, H, difficulty === 'clean');

  // soft shadow cast by the card on the surface
  const shadowDx = rng.range(-14, 14);
  const shadowDy = rng.range(4, 20);
  const shadowStrength = rng.range(0.2, 0.4);
  const shadowSoft = 22;
  const shadowQuad = corners.map((c) => [c[0] + shadowDx, c[1] + shadowDy] as Corner);

  // pass 1, over the card's and shadow's rows only: premultiplied card colour, coverage, shade
  const layer = new Float32Array(W * H * 3);
  const cover = new Float32Array(W * H);
  const shade = new Float32Array(W * H).fill(1);
  const d = card.data;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = inv as [number, number, number, number, number, number, number, number, number];
  for (let y = 0; y < H; y++) {
    const span = rowSpan([corners, shadowQuad], y, shadowSoft + 2);
    if (!span) continue;
    const x0s = Math.max(0, Math.floor(span[0]));
    const x1s = Math.min(W - 1, Math.ceil(span[1]));
    for (let x = x0s; x <= x1s; x++) {
      const pi = y * W + x;
      const w = h6 * x + h7 * y + h8;
      const u = (h0 * x + h1 * y + h2) / w - 0.5;
      const v = (h3 * x + h4 * y + h5) / w - 0.5;
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      if (u >= -1 && v >= -1 && u <= cw && v <= ch) {
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        const fx = u - x0;
        const fy = v - y0;
        for (let k = 0; k < 4; k++) {
          const px = x0 + (k & 1);
          const py = y0 + (k >> 1);
          if (px < 0 || py < 0 || px >= cw || py >= ch) continue;
          const wgt = (k & 1 ? fx : 1 - fx) * (k >> 1 ? fy : 1 - fy);
          const j = (py * cw + px) * 4;
          const al = (d[j + 3]! / 255) * wgt;
          r += d[j]! * al;
          g += d[j + 1]! * al;
          b += d[j + 2]! * al;
          a += al;
        }
      }
      cover[pi] = a;
      layer[pi * 3] = r;
      layer[pi * 3 + 1] = g;
      layer[pi * 3 + 2] = b;
      if (a > 0.999) continue;
      const sx = x - shadowDx;
      const sy = y - shadowDy;
      const sw = h6 * sx + h7 * sy + h8;
      const su = (h0 * sx + h1 * sy + h2) / sw;
      const sv = (h3 * sx + h4 * sy + h5) / sw;
      const edge = Math.min(su, cw - su, sv, ch - sv);
      if (edge > -shadowSoft) shade[pi] = 1 - shadowStrength * clamp((edge + shadowSoft) / (2 * shadowSoft), 0, 1);
    }
  }

  // pass 2, every pixel: surface where the card does not cover it, lighting, colour cast, glare, noise
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const gAngle = rng.range(0, Math.PI * 2);
  const gx = (Math.cos(gAngle) * p.light) / W;
  const gy = (Math.sin(gAngle) * p.light) / W;
  const exposure = rng.range(p.exposure[0], p.exposure[1]);
  const cast = [rng.range(0.97, 1.03), 1, rng.range(0.96, 1.04)];
  const glare = rng.chance(p.glareChance) ? rng.range(p.glare[0], p.glare[1]) : 0;
  const gc = corners[rng.int(0, 3)]!;
  const ctr: Corner = [(xs[0]! + xs[1]! + xs[2]! + xs[3]!) / 4, (ys[0]! + ys[1]! + ys[2]! + ys[3]!) / 4];
  const gpos = rng.range(0.3, 0.7);
  const glareX = ctr[0] + (gc[0] - ctr[0]) * gpos;
  const glareY = ctr[1] + (gc[1] - ctr[1]) * gpos;
  const glareR2 = (rng.range(0.06, 0.14) * W) ** 2;
  const sigma = rng.range(p.noise[0], p.noise[1]);
  const gt = gaussTable(rng);
  const n = fastNoise(rng);
  const out = Buffer.allocUnsafe(W * H * 3);
  const cx = W / 2;
  const cy = H / 2;
  const glareReach = glareR2 * 9;
  const { base, low, grain, amp, slant } = surf;
  const wood = surf.kind === 'wood';
  const fabric = surf.kind === 'fabric';
  const omega = (2 * Math.PI) / surf.period;
  const pix = new Float32Array(3);
  const qw = W >> 2;
  const vignetteX = Float32Array.from({ length: W }, (_, x) => ((x - W / 2) / W) ** 2);
  for (let y = 0; y < H; y++) {
    const vy = ((y - cy) / H) ** 2;
    for (let x = 0; x < W; x++) {
      const pi = y * W + x;
      const i = pi * 3;
      const a = cover[pi]!;
      if (a > 0.999) {
        pix[0] = layer[i]!;
        pix[1] = layer[i + 1]!;
        pix[2] = layer[i + 2]!;
      } else {
        const q = (y >> 2) * qw + (x >> 2);
        let k = 0.9 + (0.2 / 255) * low[q]!;
        if (wood) k *= 0.88 + 0.12 * Math.sin((y + x * slant + grain[q]! * 0.25) * omega);
        else if (fabric) k *= ((x >> 1) + (y >> 1)) & 1 ? 0.94 : 1.04;
        k *= (1 + amp * gt[(n() * 65536) | 0]!) * shade[pi]! * (1 - a);
        pix[0] = base[0] * k + layer[i]!;
        pix[1] = base[1] * k + layer[i + 1]!;
        pix[2] = base[2] * k + layer[i + 2]!;
      }
      const lum = exposure * (1 + gx * (x - cx) + gy * (y - cy)) * (1 - 0.12 * (vignetteX[x]! + vy));
      let add = 0;
      if (glare > 0) {
        const dd = (x - glareX) ** 2 + (y - glareY) ** 2;
        if (dd < glareReach) add = glare * Math.exp(-dd / glareR2);
      }
      // luminance noise plus a weaker independent part per channel
      const j = (n() * 65536) | 0;
      const noise = sigma * gt[j]! + add;
      out[i] = clamp(pix[0]! * lum * cast[0]! + noise + 0.4 * sigma * gt[(j + 7919) & 65535]!, 0, 255);
      out[i + 1] = clamp(pix[1]! * lum * cast[1]! + noise + 0.4 * sigma * gt[(j + 15101) & 65535]!, 0, 255);
      out[i + 2] = clamp(pix[2]! * lum * cast[2]! + noise + 0.4 * sigma * gt[(j + 30011) & 65535]!, 0, 255);
    }
  }
  let pipeline = sharp(out, { raw: { width: W, height: H, channels: 3 } });
  const blur = rng.range(p.blur[0], p.blur[1]);
  if (blur >= 0.3) pipeline = pipeline.blur(blur);
  const jpeg = await pipeline.jpeg({ quality: rng.int(p.quality[0], p.quality[1]), chromaSubsampling: '4:2:0' }).toBuffer();
  return { jpeg, corners };
}
