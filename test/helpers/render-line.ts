import sharp from 'sharp';
import type { RgbImage } from '../../src/engines/engine.js';

/** One printed line rendered with a font of the system (fonts-noto-cjk for CJK), on a card-like background. */
export async function renderLine(text: string, font: string, size: number): Promise<RgbImage> {
  const width = Math.round(text.length * size * 1.1) + 24;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.round(size * 1.5)}">` +
    `<rect width="100%" height="100%" fill="#efeadf"/>` +
    `<text x="12" y="${Math.round(size * 1.15)}" font-family="${font}" font-size="${size}" fill="#1d1d1d">${text}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
