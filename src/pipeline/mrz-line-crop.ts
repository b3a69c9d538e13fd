/**
 * One MRZ line on its own (a line crop, as in the tesseractMRZ set): read by the OCR-B model, and when the
 * model is unsure of a character, read again from a few reframings of the crop — rows trimmed or added above
 * and below, the line stretched or squeezed — since how much background surrounds the print and how wide
 * the characters run change what a fixed-height recogniser sees. The surest reading (highest least
 * character probability) is kept when it is sure of every character (SURE_LINE_P); else the first reading.
 *
 * Tesseract-MRZ crops (all 1,688 read once; the 491 read unsure), the pipeline's line decision after it:
 * tuning (even) half 137 → 142 of the 230 unsure lines exact, odd half 157 → 172 of 261 (the reframings were
 * chosen before either half was scored, and not changed after).
 */
import type { RgbImage, TextLine } from '../engines/engine.js';
import type { MrzLineRecognizer } from '../engines/ocrb.js';
import { leastCharP, sureReading } from '../documents/mrz/index.js';

type LineReading = Omit<TextLine, 'box'>;

/** A reframing of a line crop: rows added (pad, edge rows repeated) or trimmed above and below, columns added either side, width scaled. */
export interface Reframing {
  readonly padY?: number;
  readonly padX?: number;
  readonly trimY?: number;
  readonly stretchX?: number;
}

/** Fractions of the crop's height (pad, trim) and of its width (stretch). */
export const REFRAMINGS: readonly Reframing[] = [
  { padY: 0.1 },
  { padY: 0.25 },
  { trimY: 0.08 },
  { stretchX: 1.1 },
  { stretchX: 0.9 },
  { padY: 0.1, padX: 0.5 },
];

/** The crop reframed; edge rows and columns repeated where it grows, nearest columns where it is stretched. */
export function reframe(image: RgbImage, r: Reframing): RgbImage {
  let img = image;
  if (r.trimY) {
    const cut = Math.round(img.height * r.trimY);
    const height = img.height - 2 * cut;
    if (height >= 8) img = { width: img.width, height, data: img.data.slice(cut * img.width * 3, (cut + height) * img.width * 3) };
  }
  if (r.padY || r.padX) {
    const py = Math.round(img.height * (r.padY ?? 0)), px = Math.round(img.height * (r.padX ?? 0));
    const width = img.width + 2 * px, height = img.height + 2 * py;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      const sy = Math.min(img.height - 1, Math.max(0, y - py));
      for (let x = 0; x < width; x++) {
        const sx = Math.min(img.width - 1, Math.max(0, x - px));
        data.set(img.data.subarray((sy * img.width + sx) * 3, (sy * img.width + sx) * 3 + 3), (y * width + x) * 3);
      }
    }
    img = { width, height, data };
  }
  if (r.stretchX) {
    const f = r.stretchX;
    const width = Math.max(8, Math.round(img.width * f));
    const data = new Uint8Array(width * img.height * 3);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < width; x++) {
        const sx = Math.min(img.width - 1, Math.floor(x / f));
        data.set(img.data.subarray((y * img.width + sx) * 3, (y * img.width + sx) * 3 + 3), (y * width + x) * 3);
      }
    }
    img = { width, height: img.height, data };
  }
  return img;
}

/** The crop's reading; see the file comment. */
export async function readMrzLineCrop(image: RgbImage, ocrb: MrzLineRecognizer): Promise<LineReading> {
  const first = await ocrb.readMrzLine(image);
  if (sureReading(first)) return first;
  let best = first;
  for (const r of REFRAMINGS) {
    const read = await ocrb.readMrzLine(reframe(image, r));
    if (leastCharP(read) > leastCharP(best)) best = read;
  }
  return sureReading(best) ? best : first;
}
