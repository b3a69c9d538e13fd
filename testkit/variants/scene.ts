/**
 * A deterministic "phone photo" of a flat document: the card is warped with perspective onto a
 * textured background, lit unevenly, given sensor noise and JPEG-encoded. Every random choice comes
 * from the seed, so a (card, seed, options) triple always gives the same bytes.
 */
import sharp from 'sharp';
import type { Point, RgbImage } from '../../src/engines/engine.js';
import { applyHomography, homography, shrinkRgb, type Quad } from '../../src/pipeline/pixels.js';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (r: () => number, lo: number, hi: number): number => lo + (hi - lo) * r();

/** Standard normal sample (Box–Muller). */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export interface SceneOptions {
  readonly frameWidth?: number;
  readonly frameHeight?: number;
  /** Card width over frame width (default 0.6–0.8). */
  readonly cardWidthFraction?: number;
  /** Centre of the card in frame fractions (default near the middle). */
  readonly centre?: Point;
  /** In-plane rotation in degrees (default ±6). */
  readonly rotationDeg?: number;
  /** Corner displacement as a fraction of the card width (default 0.025): perspective. */
  readonly perspective?: number;
  /** Area-average the card to about its size in the frame before warping (a camera's optics); false keeps aliasing. */
  readonly antialias?: boolean;
  /** Sensor noise standard deviation (default 2–3.5 grey levels). */
  readonly noise?: number;
  /** Multiplies every pixel (exposure; default 0.8–0.92, white paper below clipping as phone auto-exposure keeps it). */
  readonly exposure?: number;
  /** Specular highlight over the card: strength (≥ 1 saturates) and radius in card widths. */
  readonly glare?: { readonly strength: number; readonly radius: number };
  readonly jpegQuality?: number;
}

export interface Scene {
  readonly rgb: RgbImage;
  readonly jpeg: Buffer;
  /** Card corners in frame pixels, clockwise from the card's top-left (may lie outside the frame). */
  readonly corners: Quad;
}

/** Low-frequency value noise in [0,1) on a grid of the given cell size. */
function valueNoise(r: () => number, w: number, h: number, cell: number): Float32Array {
  const gw = Math.ceil(w / cell) + 2, gh = Math.ceil(h / cell) + 2;
  const grid = Float32Array.from({ length: gw * gh }, () => r());
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const gy = y / cell, y0 = Math.floor(gy), ty = gy - y0;
    for (let x = 0; x < w; x++) {
      const gx = x / cell, x0 = Math.floor(gx), tx = gx - x0;
      const a = grid[y0 * gw + x0]! * (1 - tx) + grid[y0 * gw + x0 + 1]! * tx;
      const b = grid[(y0 + 1) * gw + x0]! * (1 - tx) + grid[(y0 + 1) * gw + x0 + 1]! * tx;
      out[y * w + x] = a * (1 - ty) + b * ty;
    }
  }
  return out;
}

const BACKGROUNDS: ReadonlyArray<readonly [number, number, number]> = [
  [120, 86, 58], // wood
  [58, 62, 70], // dark desk
  [150, 150, 145], // grey table
  [40, 70, 110], // blue cloth
  [95, 110, 75], // green mat
  [200, 190, 175], // beige
];

export async function photograph(card: RgbImage, seed: number, o: SceneOptions = {}): Promise<Scene> {
  const r = rng(seed);
  const W = o.frameWidth ?? 1280;
  const H = o.frameHeight ?? 960;
  const cw = (o.cardWidthFraction ?? between(r, 0.6, 0.8)) * W;
  const ch = (cw * card.height) / card.width;
  const [cxf, cyf] = o.centre ?? [between(r, 0.45, 0.55), between(r, 0.45, 0.55)];
  const angle = ((o.rotationDeg ?? between(r, -6, 6)) * Math.PI) / 180;
  const persp = (o.perspective ?? 0.025) * cw;
  const cos = Math.cos(angle), sin = Math.sin(angle);
  const corners = ([[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]] as const).map(
    ([x, y]): Point => [
      cxf * W + x * cos - y * sin + between(r, -persp, persp),
      cyf * H + x * sin + y * cos + between(r, -persp, persp),
    ],
  ) as unknown as Quad;

  const src = o.antialias === false ? card : shrinkRgb(card, Math.floor(card.width / cw));
  const toCard = homography(corners, [[0, 0], [src.width, 0], [src.width, src.height], [0, src.height]]);

  const bg = BACKGROUNDS[Math.floor(r() * BACKGROUNDS.length)]!;
  const texture = valueNoise(r, W, H, 6 + r() * 10);
  const shade = valueNoise(r, W, H, 400);
  const light = valueNoise(r, W, H, 700);
  const exposure = o.exposure ?? between(r, 0.8, 0.92);
  const noise = o.noise ?? between(r, 2, 3.5);
  const glareAt: Point | null = o.glare
    ? applyHomography(homography([[0, 0], [1, 0], [1, 1], [0, 1]], corners), between(r, 0.25, 0.75), between(r, 0.3, 0.7))
    : null;
  const glareR = o.glare ? o.glare.radius * cw : 1;

  const out = new Uint8Array(W * H * 3);
  const pix = [0, 0, 0];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const [u, v] = applyHomography(toCard, x + 0.5, y + 0.5);
      const inside = u >= 0 && v >= 0 && u < src.width && v < src.height;
      if (inside) {
        const fx = Math.max(0, u - 0.5), fy = Math.max(0, v - 0.5);
        const x0 = Math.min(src.width - 1, Math.floor(fx)), y0 = Math.min(src.height - 1, Math.floor(fy));
        const x1 = Math.min(src.width - 1, x0 + 1), y1 = Math.min(src.height - 1, y0 + 1);
        const ax = fx - x0, ay = fy - y0;
        for (let c = 0; c < 3; c++) {
          const a = src.data[(y0 * src.width + x0) * 3 + c]! * (1 - ax) + src.data[(y0 * src.width + x1) * 3 + c]! * ax;
          const b = src.data[(y1 * src.width + x0) * 3 + c]! * (1 - ax) + src.data[(y1 * src.width + x1) * 3 + c]! * ax;
          pix[c] = a * (1 - ay) + b * ay;
        }
      } else {
        const t = 0.75 + 0.5 * texture[i]! + 0.2 * (shade[i]! - 0.5);
        for (let c = 0; c < 3; c++) pix[c] = bg[c]! * t;
      }
      const lit = exposure * (0.9 + 0.15 * light[i]!);
      let g = 0;
      if (glareAt && inside) g = o.glare!.strength * 255 * Math.exp(-((x - glareAt[0]) ** 2 + (y - glareAt[1]) ** 2) / (2 * glareR * glareR));
      const n = noise * gauss(r);
      for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.max(0, Math.min(255, Math.round(pix[c]! * lit + g + n)));
    }
  }
  const rgb: RgbImage = { data: out, width: W, height: H };
  const jpeg = await encodeJpeg(rgb, o.jpegQuality ?? Math.round(between(r, 86, 94)));
  return { rgb: await decodeJpeg(jpeg), jpeg, corners };
}

export async function encodeJpeg(img: RgbImage, quality: number): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 3 },
  })
    .jpeg({ quality })
    .toBuffer();
}

export async function decodeJpeg(bytes: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}
