import type { Rng } from '../rng.js';
import type { DocRecord, Page } from '../truth.js';

/** A flat card: SVG source at print resolution (300 dpi). */
export interface CardArt {
  readonly width: number;
  readonly height: number;
  readonly svg: string;
}

export type CardRenderer = (record: DocRecord, page: Page, rng: Rng) => CardArt;

/** ID-1 (85.6 × 54 mm) and ID-3 (125 × 88 mm) at 300 dpi. */
export const ID1 = { width: 1012, height: 638, radius: 38 } as const;
export const ID3 = { width: 1476, height: 1039, radius: 24 } as const;
