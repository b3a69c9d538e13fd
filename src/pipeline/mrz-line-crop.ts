/**
 * One MRZ line on its own (a line crop, as in the tesseractMRZ set): read by the OCR-B model, and when the
 * model is unsure of a character, read again from sixteen reframings of the crop — rows trimmed or added
 * above and below, the line stretched or squeezed — since how much background surrounds the print and how
 * wide the characters run change what a fixed-height recogniser sees. The readings of the length most of
 * them share are then voted per character (`voteReadings`: each character's and its alternatives'
 * probabilities summed).
 *
 * Tesseract-MRZ crops, the 491 the model reads unsure, exact as printed after the bench's line decision:
 * - session 9, the surest of six reframings: 328;
 * - session 11, the vote over sixteen (the ten added were fixed before scoring): 334, and 348 with the voted
 *   reading kept as read where it is sure (VOTED_SURE_P, chosen on the even-indexed half: 157 → 163 there,
 *   177 → 185 on the odd half).
 */
import type { RgbImage, TextLine } from '../engines/engine.js';
import type { MrzLineRecognizer } from '../engines/ocrb.js';
import { padReplicate } from '../engines/paddle/image.js';
import { leastCharP, plausibleLine, sureReading, voteReadings, type LineLikelihood } from '../documents/mrz/index.js';
import { editDistance } from '../documents/fields.js';

type LineReading = Omit<TextLine, 'box'>;

/** A reframing of a line crop: rows added (pad, edge rows repeated) or trimmed above and below, columns added either side, width scaled. */
export interface Reframing {
  readonly padY?: number;
  readonly padX?: number;
  readonly trimY?: number;
  readonly stretchX?: number;
}

/** Fractions of the crop's height (pad, trim) and of its width (stretch). The first six since session 9. */
export const REFRAMINGS: readonly Reframing[] = [
  { padY: 0.1 },
  { padY: 0.25 },
  { trimY: 0.08 },
  { stretchX: 1.1 },
  { stretchX: 0.9 },
  { padY: 0.1, padX: 0.5 },
  { trimY: 0.04 },
  { trimY: 0.12 },
  { stretchX: 1.2 },
  { stretchX: 0.8 },
  { padY: 0.05 },
  { stretchX: 1.05 },
  { stretchX: 0.95 },
  { padY: 0.1, stretchX: 1.1 },
  { trimY: 0.08, stretchX: 1.1 },
  { trimY: 0.08, stretchX: 0.9 },
];

/** Least vote share of every character for a voted reading to be kept as read (see the file comment). */
export const VOTED_SURE_P = 0.6;

/** The crop reframed; edge rows and columns repeated where it grows, nearest columns where it is stretched. */
export function reframe(image: RgbImage, r: Reframing): RgbImage {
  let img = image;
  if (r.trimY) {
    const cut = Math.round(img.height * r.trimY);
    const height = img.height - 2 * cut;
    if (height >= 8) img = { width: img.width, height, data: img.data.slice(cut * img.width * 3, (cut + height) * img.width * 3) };
  }
  if (r.padY || r.padX) img = padReplicate(img, Math.round(img.height * (r.padX ?? 0)), Math.round(img.height * (r.padY ?? 0)));
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

/** A crop's reading, and whether it is sure enough to be kept as read. */
export interface CropReading {
  readonly reading: LineReading;
  readonly sure: boolean;
}

/** The crop's reading; see the file comment. */
export async function readMrzLineCrop(image: RgbImage, ocrb: MrzLineRecognizer): Promise<CropReading> {
  const first = await ocrb.readMrzLine(image);
  if (sureReading(first)) return { reading: first, sure: true };
  const reads = [first];
  for (const r of REFRAMINGS) reads.push(await ocrb.readMrzLine(reframe(image, r)));
  const voted = voteReadings(reads);
  if (voted) return { reading: voted, sure: leastCharP(voted) >= VOTED_SURE_P };
  let surest = first;
  for (const read of reads) if (leastCharP(read) > leastCharP(surest)) surest = read;
  return sureReading(surest) ? { reading: surest, sure: true } : { reading: first, sure: false };
}

/**
 * One crop's line decided by two recognisers (the OCR-B model and the one trained on other faces too, each
 * through the same line decision): where they disagree, the decision closer to the other readers' readings
 * (PaddleOCR's, tesseract's; summed edit distance) is kept, and between equally close ones the likelier under
 * both recognisers together (summed CTC log-likelihood of the crop as read first).
 *
 * Tesseract-MRZ crops, exact as printed: the OCR-B model's decision 1,524, the faces model's 1,522 (each reads
 * 55 the other misses); arbitrated 1,557 — even half 770 → 785 (where the rule was chosen over likelihood
 * alone, 774), odd half 754 → 772.
 */
export async function arbitrateLineCrop(
  image: RgbImage,
  decisions: readonly string[],
  otherReadings: readonly string[],
  recognisers: readonly MrzLineRecognizer[],
): Promise<string> {
  const distinct = [...new Set(decisions)];
  if (distinct.length <= 1) return distinct[0] ?? '';
  const distance = (text: string): number => otherReadings.reduce((sum, r) => sum + editDistance(text, r), 0);
  const nearest = Math.min(...distinct.map(distance));
  const tied = distinct.filter((d) => distance(d) === nearest);
  if (tied.length === 1) return tied[0]!;
  const scores = await summedLikelihood(image, recognisers)(tied);
  return tied[scores.indexOf(Math.max(...scores))]!;
}

/** ln P(crop prints text) for each text, summed over the recognisers. */
function summedLikelihood(image: RgbImage, recognisers: readonly MrzLineRecognizer[]): LineLikelihood {
  return async (texts) => {
    const sums = texts.map(() => 0);
    for (const r of recognisers) (await r.lineLogLikelihoods(image, texts)).forEach((ll, k) => (sums[k] += ll));
    return sums;
  };
}

/**
 * The decided line made plausible (`plausibleLine`: state codes no state uses, name letters the name model
 * finds unlikely), weighed by the recognisers' summed likelihood of the crop printing each candidate.
 */
export async function plausibleLineCrop(image: RgbImage, text: string, recognisers: readonly MrzLineRecognizer[]): Promise<string> {
  return plausibleLine(text, summedLikelihood(image, recognisers));
}
