/**
 * A whole MRZ line read on its own, made plausible where its check digits cannot help: the state codes and
 * the name carry none. Candidates that change letters are weighed by the caller's recognisers (how likely
 * the image is to print each candidate) against what the field knows:
 * - a state code the read line has and no state uses is replaced by the known code the recognisers find
 *   nearly as likely (`CZL` → `CZE`, `HEX` → `MEX`);
 * - letters of the name are changed for lookalikes (`M`/`H`/`N`, `E`/`F`/`L`, …) where the recognisers'
 *   loss is outweighed by how much more name-like the name reads under the name model (`HARIA` → `MARIA`).
 *   Each changed letter may gain at most NAME_GAIN_CAP from the model, so a rare name printed as it is
 *   (`VZOR`, a Czech specimen's) is not rewritten into a common one when the image disagrees.
 *
 * Tesseract-MRZ crops, both OCR-B models' likelihoods summed, weights chosen on the even-indexed half
 * (docs/mrz-accuracy.md, session 13).
 */
import { KNOWN_STATE_FIELDS, isKnownState, isLetter, lookalikeLetters } from './confusions.js';
import { FORMATS, type FieldSpec } from './formats.js';
import { personNameModel, type NameModel } from './names.js';
import { repairMrzLine } from './repair.js';

/** ln P(image prints text) for each text, by whatever recognisers the caller has. */
export type LineLikelihood = (texts: readonly string[]) => Promise<number[]>;

/** How much less likely (nats, summed over the recognisers) a known state code may be than the unknown one read. */
export const STATE_CODE_MARGIN = 5;
/** Weight of the name model against the recognisers' likelihood. */
const NAME_WEIGHT = 1;
/** Most a changed letter may gain from the name model (nats). */
export const NAME_GAIN_CAP = 8;
/** How much better (nats) a changed name must score than the name as read. */
const NAME_MARGIN = 1;
/** Single-letter changes combined in pairs: the best this many. */
const PAIRED_SINGLES = 8;

/** The fields of the format line that `text` is, when it is one in full (its length exactly the format's). */
export function wholeLineFields(text: string): readonly FieldSpec[] | null {
  const repair = repairMrzLine(text);
  if (!repair) return null;
  const spec = FORMATS[repair.format];
  if (text.length !== spec.lineLength) return null;
  return spec.fields.filter((f) => f.line === repair.line);
}

const replaced = (text: string, start: number, piece: string): string => text.slice(0, start) + piece + text.slice(start + piece.length);
/** Positions where two texts of one length differ. */
const differing = (a: string, b: string): number[] => [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));

async function knownStateCode(text: string, field: FieldSpec, likelihood: LineLikelihood): Promise<string> {
  const code = text.slice(field.start, field.start + field.length);
  if (field.length !== 3 || isKnownState(code)) return text;
  const near = KNOWN_STATE_FIELDS.filter((k) => differing(k, code).length <= 2).map((k) => replaced(text, field.start, k));
  if (near.length === 0) return text;
  const [read, ...scores] = await likelihood([text, ...near]);
  const best = scores.indexOf(Math.max(...scores));
  return scores[best]! >= read! - STATE_CODE_MARGIN ? near[best]! : text;
}

async function plausibleName(text: string, field: FieldSpec, likelihood: LineLikelihood, names: NameModel): Promise<string> {
  const end = field.start + field.length;
  const asRead = names.fieldLogP(text.slice(field.start, end));
  /** A candidate's value: the recognisers' likelihood plus the name model's gain, capped per changed letter. */
  const scored = (t: string, ll: number) => {
    const gain = names.fieldLogP(t.slice(field.start, end)) - asRead;
    return { t, gain, v: ll + NAME_WEIGHT * Math.min(gain, NAME_GAIN_CAP * differing(t, text).length) };
  };
  const singles: { t: string; at: number }[] = [];
  for (let i = field.start; i < end; i++) if (isLetter(text[i]!)) for (const c of lookalikeLetters(text[i]!)) singles.push({ t: replaced(text, i, c), at: i });
  if (singles.length === 0) return text;
  const [readLl, ...singleLl] = await likelihood([text, ...singles.map((s) => s.t)]);
  const ranked = singles.map((s, k) => ({ ...s, ...scored(s.t, singleLl[k]!) })).sort((a, b) => b.v - a.v);
  // pairs of the best single changes at different letters
  const top = ranked.slice(0, PAIRED_SINGLES);
  const pairs = new Set<string>();
  for (let a = 0; a < top.length; a++) {
    for (let b = a + 1; b < top.length; b++) if (top[a]!.at !== top[b]!.at) pairs.add(replaced(top[b]!.t, top[a]!.at, top[a]!.t[top[a]!.at]!));
  }
  const pairList = [...pairs];
  const pairLl = pairList.length ? await likelihood(pairList) : [];
  const base = scored(text, readLl!).v;
  let best = { t: text, v: base };
  // only a change the name model prefers: the recognisers alone already chose the letters as read
  for (const s of [...ranked, ...pairList.map((t, k) => scored(t, pairLl[k]!))]) if (s.gain > 0 && s.v > best.v) best = s;
  return best.v > base + NAME_MARGIN ? best.t : text;
}

/** The line with implausible state codes and name letters replaced where the recognisers allow (see the file comment). */
export async function plausibleLine(text: string, likelihood: LineLikelihood, names: NameModel = personNameModel()): Promise<string> {
  const fields = wholeLineFields(text);
  if (!fields) return text;
  let out = text;
  for (const f of fields) {
    if (f.name === 'issuingState' || f.name === 'nationality') out = await knownStateCode(out, f, likelihood);
  }
  const name = fields.find((f) => f.name === 'name');
  return name ? plausibleName(out, name, likelihood, names) : out;
}
