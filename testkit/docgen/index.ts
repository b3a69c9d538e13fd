/**
 * Deterministic generator of identity-document photos with ground truth, for tests and benches.
 *
 *   const doc = await generateDocument({ code: 'CHN01001', page: '01', seed: 7, difficulty: 'clean' });
 *   doc.image   // JPEG phone photo;  doc.card  // flat PNG;  doc.truth  // fields.md keys
 *
 * The same (code, page, seed, difficulty) always gives byte-identical output: every random choice
 * comes from a seeded PRNG and no clock is read. See docs/docgen.md.
 */
import sharp from 'sharp';
import { chn01001 } from './cards/chn01001.js';
import { chn02001 } from './cards/chn02001.js';
import { hkRenderer } from './cards/hk.js';
import { idn01001 } from './cards/idn.js';
import { kor01001, kor02001 } from './cards/korea.js';
import { macaoRenderer } from './cards/macao.js';
import { passportRenderer } from './cards/passport.js';
import { permitRenderer } from './cards/permits.js';
import { td1 } from './cards/td1.js';
import type { CardRenderer } from './cards/types.js';
import { photograph, type Difficulty } from './photo.js';
import { createRng } from './rng.js';
import { makeRecord, pageTruth, type Page } from './truth.js';

export type { Difficulty } from './photo.js';
export { FRAME } from './photo.js';
export { FIELD_KEYS, REFERENCE_DATE } from './truth.js';

const RENDERERS: Readonly<Record<string, CardRenderer>> = {
  CHN01001: chn01001,
  GLB03002: passportRenderer('GLB03002'),
  GLB03001: passportRenderer('GLB03001'),
  KOR03001: passportRenderer('KOR03001'),
  HKG01001: hkRenderer('HKG01001'),
  HKG01002: hkRenderer('HKG01002'),
  CHN05001: permitRenderer('CHN05001'),
  CHN05002: permitRenderer('CHN05002'),
  CHN05003: permitRenderer('CHN05003'),
  CHN05004: permitRenderer('CHN05004'),
  KOR01001: kor01001,
  KOR02001: kor02001,
  CHN02001: chn02001,
  MAC01001: macaoRenderer('MAC01001'),
  MAC01002: macaoRenderer('MAC01002'),
  MAC01003: macaoRenderer('MAC01003'),
  IDN01001: idn01001,
  TD1: td1,
};

const PAGES: Readonly<Record<string, readonly Page[]>> = { CHN01001: ['01', '02'] };

export const DOCGEN_TYPES: readonly { code: string; pages: readonly ('01' | '02')[] }[] = Object.keys(RENDERERS).map((code) => ({
  code,
  pages: PAGES[code] ?? ['01'],
}));

export interface GeneratedDocument {
  code: string;
  page: '01' | '02';
  seed: number;
  truth: Record<string, string>;
  /** The phone photo (JPEG). */
  image: Buffer;
  /** Flat PNG of the card alone, no photo effects. */
  card: Buffer;
  /** Card corners in the photo, clockwise from the card's top-left. */
  corners: [number, number][];
}

function checkType(code: string, page: Page): void {
  const type = DOCGEN_TYPES.find((t) => t.code === code);
  if (!type) throw new Error(`docgen: unknown document type ${code} (known: ${DOCGEN_TYPES.map((t) => t.code).join(', ')})`);
  if (!type.pages.includes(page)) throw new Error(`docgen: ${code} has no page ${page}`);
}

/** The ground truth alone (cheap: no rendering). */
export function generateTruth(code: string, page: '01' | '02', seed: number): Record<string, string> {
  checkType(code, page);
  return pageTruth(code, page, makeRecord(code, seed));
}

export async function generateDocument(opts: { code: string; page?: '01' | '02'; seed: number; difficulty?: Difficulty }): Promise<GeneratedDocument> {
  const page = opts.page ?? '01';
  const difficulty = opts.difficulty ?? 'clean';
  checkType(opts.code, page);
  if (!Number.isSafeInteger(opts.seed)) throw new Error('docgen: seed must be an integer');
  if (!['clean', 'normal', 'hard'].includes(difficulty)) throw new Error(`docgen: unknown difficulty ${difficulty}`);
  const record = makeRecord(opts.code, opts.seed);
  const art = RENDERERS[opts.code]!(record, page, createRng(opts.code, page, opts.seed, 'card'));
  const { data, info } = await sharp(Buffer.from(art.svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const raw = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  const [card, photo] = await Promise.all([
    sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer(),
    photograph(raw, createRng(opts.code, page, opts.seed, difficulty, 'photo'), difficulty),
  ]);
  return {
    code: opts.code,
    page,
    seed: opts.seed,
    truth: pageTruth(opts.code, page, record),
    image: photo.jpeg,
    card,
    corners: photo.corners.map((c) => [Math.round(c[0] * 10) / 10, Math.round(c[1] * 10) / 10] as [number, number]),
  };
}

/**
 * Photographs any flat card image (e.g. a `card` PNG edited by an evaluation-set builder) with the
 * same effects as generateDocument; deterministic from `seed` and `difficulty`.
 */
export async function photographCard(card: Buffer, opts: { seed: number; difficulty?: Difficulty }): Promise<{ image: Buffer; corners: [number, number][] }> {
  const difficulty = opts.difficulty ?? 'clean';
  if (!['clean', 'normal', 'hard'].includes(difficulty)) throw new Error(`docgen: unknown difficulty ${difficulty}`);
  const { data, info } = await sharp(card).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const raw = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  const photo = await photograph(raw, createRng('photographCard', opts.seed, difficulty), difficulty);
  return { image: photo.jpeg, corners: photo.corners.map((c) => [Math.round(c[0] * 10) / 10, Math.round(c[1] * 10) / 10] as [number, number]) };
}
