/**
 * Renders a plain card layout (text items on a light background) for module tests, with the CJK
 * and Latin fonts of the system: enough to exercise OCR, layout anchors and re-reads end to end
 * without the document generator.
 */
import sharp from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';

export interface CardText {
  readonly text: string;
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly size: number;
  readonly font?: string;
  readonly weight?: 'normal' | 'bold';
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function renderCard(items: readonly CardText[], width = 856, height = 540, background = '#eef0ea'): Promise<RgbImage> {
  const texts = items
    .map(
      (t) =>
        `<text x="${t.x}" y="${t.y}" font-family="${t.font ?? 'Noto Sans CJK KR'}" font-size="${t.size}" font-weight="${t.weight ?? 'normal'}" fill="#1a1a1a">${escape(t.text)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${texts}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
