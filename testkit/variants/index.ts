/**
 * Deterministic evaluation variants of a clean document card (RGB of the flat document):
 *   clean      a good phone photo (the negatives)
 *   quality    blurred, glared, small, cut-off, low-resolution, dark
 *   spoof      screen re-photo, photocopy, tampered field (re-rendered text / pasted patch)
 * Each returns the JPEG as sent to the API plus what it is, so a bench or test knows the truth.
 */
import sharp, { type Sharp } from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';
import { applyHomography, homography, shrinkRgb } from '../../src/pipeline/pixels.js';
import { between, decodeJpeg, encodeJpeg, gauss, photograph, rng, type Scene } from './scene.js';

export const QUALITY_VARIANTS = ['blurred', 'glared', 'small', 'cutoff', 'lowres', 'dark'] as const;
export const SPOOF_VARIANTS = ['screen', 'photocopy', 'tamper'] as const;
export type QualityVariant = (typeof QUALITY_VARIANTS)[number];
export type SpoofVariant = (typeof SPOOF_VARIANTS)[number];
export type VariantKind = 'clean' | QualityVariant | SpoofVariant;

export const SPOOF_TYPE: Record<SpoofVariant, 'SCREEN_REMARK' | 'PHOTO_COPY' | 'TAMPER'> = {
  screen: 'SCREEN_REMARK',
  photocopy: 'PHOTO_COPY',
  tamper: 'TAMPER',
};

export interface Variant {
  readonly kind: VariantKind;
  readonly jpeg: Buffer;
  readonly rgb: RgbImage;
  readonly scene: Scene;
  /** For a tampered photo: how the field was edited. */
  readonly edit?: TamperEdit;
}

const raw = (img: RgbImage) =>
  sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 3 } });

async function toRgb(s: Sharp): Promise<RgbImage> {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** The card as shown on a phone/monitor: RGB subpixel stripes, dark gaps, a bezel, screen gamut and gamma. */
export function onScreen(card: RgbImage, seed: number): RgbImage {
  const r = rng(seed);
  // display pixels across the card: the card fills most of the screen
  const cols = Math.round(between(r, 320, 520));
  const rows = Math.round((cols * card.height) / card.width);
  const shown = shrinkRgb(card, Math.max(1, Math.floor(card.width / cols)));
  const sub = 3; // render px per display px
  const bezel = Math.round(between(r, 0.04, 0.08) * cols * sub);
  const W = cols * sub + 2 * bezel, H = rows * sub + 2 * bezel;
  const out = new Uint8Array(W * H * 3);
  const black = between(r, 18, 30);
  const sat = between(r, 0.75, 0.9);
  const tint = [between(r, 0.9, 0.97), between(r, 0.95, 1), 1];
  const bezelGrey = between(r, 8, 22);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const dx = x - bezel, dy = y - bezel;
      if (dx < 0 || dy < 0 || dx >= cols * sub || dy >= rows * sub) {
        out[o] = out[o + 1] = out[o + 2] = bezelGrey;
        continue;
      }
      const px = Math.min(shown.width - 1, Math.floor((dx / (cols * sub)) * shown.width));
      const py = Math.min(shown.height - 1, Math.floor((dy / (rows * sub)) * shown.height));
      const k = (py * shown.width + px) * 3;
      const rgb = [shown.data[k]!, shown.data[k + 1]!, shown.data[k + 2]!];
      const mean = (rgb[0]! + rgb[1]! + rgb[2]!) / 3;
      const lit = dy % sub === sub - 1 ? 0.55 : 1; // gap between pixel rows
      const c = dx % sub; // which subpixel stripe
      const v = mean + (rgb[c]! - mean) * sat;
      const level = black + (255 - black) * Math.pow(Math.max(0, v) / 255, 1.1) * tint[c]!;
      // each stripe emits its own primary; the other two stay near the black level
      for (let ch = 0; ch < 3; ch++) out[o + ch] = Math.min(255, (ch === c ? Math.min(255, level * 2.2) : black * 0.6 + level * 0.25) * lit);
    }
  }
  return { data: out, width: W, height: H };
}

/** A greyscale photocopy: luma only, contrast pushed (toner blacks, paper whites), toner grain and paper tint. */
export function photocopy(card: RgbImage, seed: number): RgbImage {
  const r = rng(seed);
  const gain = between(r, 1.2, 1.5);
  const offset = between(r, 20, 45);
  const paper = [between(r, 236, 248), between(r, 234, 246), between(r, 226, 240)];
  const out = new Uint8Array(card.data.length);
  for (let i = 0; i < card.width * card.height; i++) {
    const k = i * 3;
    const g = 0.299 * card.data[k]! + 0.587 * card.data[k + 1]! + 0.114 * card.data[k + 2]!;
    let v = Math.max(0, Math.min(1, ((g - offset) * gain) / 255));
    v += 0.03 * gauss(r); // toner grain
    if (r() < 0.002) v *= 0.3; // stray toner specks
    for (let c = 0; c < 3; c++) out[k + c] = Math.max(0, Math.min(255, v * paper[c]!));
  }
  return { data: out, width: card.width, height: card.height };
}

export type TamperEdit = 'rendered' | 'pasted';

/**
 * Edits a field of the photographed card, as a forger with an image editor would: a strip inside the
 * card is covered with a flat background and new text (re-rendered), or with the same-sized cut from a
 * photo of another document (`donor`), which has its own noise and JPEG history (pasted); the edited
 * photo is saved as JPEG again. Returns the photo and which edit was made.
 */
export async function tamper(scene: Scene, donor: RgbImage, seed: number, how?: TamperEdit): Promise<{ rgb: RgbImage; edit: TamperEdit }> {
  const r = rng(seed);
  const img = scene.rgb;
  const toFrame = homography([[0, 0], [1, 0], [1, 1], [0, 1]], scene.corners);
  const u0 = between(r, 0.35, 0.55), v0 = between(r, 0.25, 0.6);
  const [x0, y0] = applyHomography(toFrame, u0, v0);
  const [x1] = applyHomography(toFrame, u0 + between(r, 0.25, 0.35), v0);
  const [, y1] = applyHomography(toFrame, u0, v0 + between(r, 0.06, 0.09));
  const left = Math.max(0, Math.round(x0)), top = Math.max(0, Math.round(y0));
  const width = Math.max(16, Math.min(img.width - left, Math.round(x1 - x0)));
  const height = Math.max(10, Math.min(img.height - top, Math.round(y1 - y0)));
  let patch: Buffer;
  const edit: TamperEdit = how ?? (r() < 0.5 ? 'rendered' : 'pasted');
  if (edit === 'rendered') {
    // re-rendered: flat colour of the strip's background with crisp new text
    const bgc = [0, 1, 2].map((c) => img.data[((top + 1) * img.width + left + 1) * 3 + c]!);
    const digits = Array.from({ length: 9 }, () => Math.floor(r() * 10)).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="rgb(${bgc.join(',')})"/>
      <text x="2" y="${Math.round(height * 0.8)}" font-family="DejaVu Sans, sans-serif" font-size="${Math.round(height * 0.8)}" fill="rgb(30,30,36)">${digits}</text></svg>`;
    patch = await sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
  } else {
    // pasted: the field cut from another phone photo of a document (its own noise, light and JPEG
    // history — a picture sent through a chat app or saved from the web), its levels matched per
    // channel to the paper it covers, as a forger would to hide the seam
    const history = Math.round(between(r, 40, 75));
    const shot = await photograph(donor, seed ^ 0x5bd1e995, { jpegQuality: history });
    const fromDonor = homography([[0, 0], [1, 0], [1, 1], [0, 1]], shot.corners);
    const [cx, cy] = applyHomography(fromDonor, between(r, 0.3, 0.6), between(r, 0.3, 0.7));
    const sx = Math.round(Math.max(0, Math.min(shot.rgb.width - width, cx - width / 2)));
    const sy = Math.round(Math.max(0, Math.min(shot.rgb.height - height, cy - height / 2)));
    const cut = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) cut.set(shot.rgb.data.subarray(((sy + y) * shot.rgb.width + sx) * 3, ((sy + y) * shot.rgb.width + sx + width) * 3), y * width * 3);
    const paper = (d: Uint8Array, w: number, x0: number, y0: number, c: number) => {
      const v: number[] = [];
      for (let y = 0; y < height; y += 2) for (let x = 0; x < width; x += 2) v.push(d[((y0 + y) * w + x0 + x) * 3 + c]!);
      return v.sort((a, b) => a - b)[Math.floor(v.length * 0.8)]!;
    };
    for (let c = 0; c < 3; c++) {
      const gain = paper(img.data, img.width, left, top, c) / Math.max(1, paper(cut, width, 0, 0, c));
      for (let i = c; i < cut.length; i += 3) cut[i] = Math.min(255, Math.round(cut[i]! * gain));
    }
    patch = await raw({ data: cut, width, height }).png().toBuffer();
  }
  const edited = await raw(img).composite([{ input: patch, left, top }]).jpeg({ quality: Math.round(between(r, 88, 95)) }).toBuffer();
  return { rgb: await decodeJpeg(edited), edit };
}

/** Builds one variant of `card` (seeded). `donor` is another picture for pasted tampering. */
export async function makeVariant(kind: VariantKind, card: RgbImage, seed: number, donor?: RgbImage): Promise<Variant> {
  const r = rng(seed ^ 0x9e3779b9);
  const done = async (scene: Scene, rgb?: RgbImage): Promise<Variant> => {
    if (!rgb) return { kind, jpeg: scene.jpeg, rgb: scene.rgb, scene };
    const jpeg = await encodeJpeg(rgb, 92);
    return { kind, jpeg, rgb: await decodeJpeg(jpeg), scene };
  };
  switch (kind) {
    case 'clean':
      return done(await photograph(card, seed));
    case 'blurred': {
      const s = await photograph(card, seed);
      return done(s, await toRgb(raw(s.rgb).blur(between(r, 2.2, 4))));
    }
    case 'glared':
      return done(await photograph(card, seed, { glare: { strength: between(r, 0.9, 1.6), radius: between(r, 0.06, 0.12) } }));
    case 'small':
      return done(await photograph(card, seed, { cardWidthFraction: between(r, 0.14, 0.24) }));
    case 'cutoff': {
      const dx = between(r, 0.12, 0.2) * (r() < 0.5 ? -1 : 1), dy = between(r, 0.1, 0.18) * (r() < 0.5 ? -1 : 1);
      return done(await photograph(card, seed, { centre: [0.5 + dx + Math.sign(dx) * 0.08, 0.5 + dy + Math.sign(dy) * 0.08] }));
    }
    case 'lowres': {
      const s = await photograph(card, seed);
      const f = between(r, 0.22, 0.3);
      return done(s, await toRgb(raw(s.rgb).resize(Math.round(s.rgb.width * f))));
    }
    case 'dark':
      return done(await photograph(card, seed, { exposure: between(r, 0.15, 0.28), noise: between(r, 3, 5) }));
    case 'screen':
      return done(await photograph(onScreen(card, seed), seed, { antialias: false, cardWidthFraction: between(r, 0.7, 0.85) }));
    case 'photocopy':
      return done(await photograph(photocopy(card, seed), seed));
    case 'tamper': {
      const s = await photograph(card, seed);
      const { rgb, edit } = await tamper(s, donor ?? card, seed);
      return { ...(await done(s, rgb)), edit };
    }
  }
}
