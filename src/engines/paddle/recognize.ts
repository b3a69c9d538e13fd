/**
 * CRNN/SVTR line recognition: crop → 48-pixel-high tensor, and CTC greedy decoding with
 * an optional charset mask and per-character alternatives.
 */
import type { CharCandidate, RgbImage } from '../engine.js';
import { resizeToPlanar } from './image.js';

export const REC_HEIGHT = 48;

/** Class index → character. Index 0 is the CTC blank (empty string). */
export interface Vocabulary {
  readonly chars: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * PaddleOCR's recogniser classes: blank, one per dictionary line, then a space.
 * `classes` (the model's output width) must match.
 */
export function buildVocabulary(dictText: string, classes?: number): Vocabulary {
  const lines = dictText.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const chars = ['', ...lines, ' '];
  if (classes !== undefined && classes !== chars.length) {
    throw new Error(`recogniser has ${classes} classes but the dictionary gives ${chars.length} (blank + ${lines.length} + space)`);
  }
  const index = new Map<string, number>();
  // First occurrence wins for (rare) duplicate dictionary entries.
  for (let i = 1; i < chars.length; i++) if (!index.has(chars[i])) index.set(chars[i], i);
  return { chars, index };
}

/** Width of the recogniser input for a crop: height 48, aspect kept, times `widen`. */
export function recWidth(cropW: number, cropH: number, widen = 1, maxWidth = 4096): number {
  const w = Math.ceil((REC_HEIGHT * cropW * widen) / Math.max(1, cropH));
  return Math.max(8, Math.min(maxWidth, w));
}

/**
 * Write one crop, resized to `width` x 48 and normalised to [-1, 1] (BGR), into the
 * batch tensor at `slot`; the columns right of it stay as they are (0 = mid-grey pad).
 */
export function recPreprocess(img: RgbImage, width: number, tensor: Float32Array, slot: number, tensorW: number, bgr = true): void {
  const plane = REC_HEIGHT * tensorW;
  resizeToPlanar(img, width, REC_HEIGHT, {
    tensor,
    offset: slot * 3 * plane,
    stride: tensorW,
    plane,
    mul: [2 / 255, 2 / 255, 2 / 255],
    add: [-1, -1, -1],
    order: bgr ? [2, 1, 0] : [0, 1, 2],
  });
}

export interface DecodedLine {
  readonly text: string;
  readonly confidence: number;
  readonly chars: CharCandidate[];
}

/**
 * Unrestricted greedy CTC decode of one sequence: probs[offset + t * C + c] for t < T.
 * Each emitted character reports the probability where it peaked and the top `nAlt`
 * other non-blank classes at that step.
 */
export function ctcDecode(probs: Float32Array, offset: number, T: number, C: number, vocab: Vocabulary, nAlt = 3): DecodedLine {
  const best = new Int32Array(T);
  const bestP = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    const base = offset + t * C;
    let bi = 0;
    let bp = -1;
    for (let c = 0; c < C; c++) {
      const v = probs[base + c];
      if (v > bp) {
        bp = v;
        bi = c;
      }
    }
    best[t] = bi;
    bestP[t] = bp;
  }
  // Collapse repeats, drop blanks, remember the peak step of every emitted character.
  const cls: number[] = [];
  const peak: number[] = [];
  let prev = 0;
  for (let t = 0; t < T; t++) {
    const c = best[t];
    if (c !== 0) {
      if (c !== prev) {
        cls.push(c);
        peak.push(t);
      } else if (bestP[t] > bestP[peak[peak.length - 1]]) {
        peak[peak.length - 1] = t;
      }
    }
    prev = c;
  }
  const chars: CharCandidate[] = [];
  let text = '';
  let psum = 0;
  const altIdx = new Int32Array(nAlt);
  const altP = new Float32Array(nAlt);
  for (let i = 0; i < cls.length; i++) {
    const base = offset + peak[i] * C;
    const me = cls[i];
    altIdx.fill(-1);
    altP.fill(-1);
    for (let c = 1; c < C; c++) {
      if (c === me) continue;
      const v = probs[base + c];
      if (v <= altP[nAlt - 1]) continue;
      let j = nAlt - 1;
      while (j > 0 && altP[j - 1] < v) {
        altP[j] = altP[j - 1];
        altIdx[j] = altIdx[j - 1];
        j--;
      }
      altP[j] = v;
      altIdx[j] = c;
    }
    const alternatives: { char: string; p: number }[] = [];
    for (let j = 0; j < nAlt && altIdx[j] >= 0; j++) alternatives.push({ char: vocab.chars[altIdx[j]], p: altP[j] });
    const ch = vocab.chars[me];
    const p = bestP[peak[i]];
    chars.push({ char: ch, p, alternatives });
    text += ch;
    psum += p;
  }
  return { text, confidence: chars.length > 0 ? psum / chars.length : 0, chars };
}

/** Extra visual look-alikes folded into a charset character (beyond NFKC / case / accents). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '〈': '<',
  '《': '<',
  '‹': '<',
  '«': '<',
  'Ο': 'O',
  'Λ': 'A',
};

export interface FoldOptions {
  /** Fold NFKC variants, case and accents, and look-alikes into charset characters (default true). */
  readonly fold?: boolean;
  /** Treat space classes as blank when the charset has no space (default true). */
  readonly spaceAsBlank?: boolean;
}

/**
 * A charset-restricted view of the recogniser output: K = 1 + |charset| reduced classes
 * (0 = blank). Every model class is either mapped onto one reduced class (its probability
 * added there) or dropped; each step is then renormalised over the kept mass.
 */
export interface ReducedClasses {
  readonly chars: readonly string[];
  /** Model class → reduced class, for the mapped classes only. */
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Per reduced class: a prior weight applied before renormalising (absent = all 1). */
  readonly weights?: Float32Array;
}

/** The same reduction with prior weights on some characters (others 1). */
export function withWeights(rc: ReducedClasses, weights: Readonly<Record<string, number>>): ReducedClasses {
  const w = new Float32Array(rc.chars.length).fill(1);
  rc.chars.forEach((ch, k) => {
    if (k > 0 && weights[ch] !== undefined) w[k] = weights[ch]!;
  });
  return { ...rc, weights: w };
}

function foldTarget(ch: string, set: ReadonlySet<string>, opts: FoldOptions): string | null {
  if (set.has(ch)) return ch;
  if (opts.fold === false) return null;
  const n = ch.normalize('NFKC');
  const d = n.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  for (const x of [n, n.toUpperCase(), d, d.toUpperCase(), LOOKALIKES[ch], LOOKALIKES[n]]) {
    if (x !== undefined && x.length === 1 && set.has(x)) return x;
  }
  return null;
}

export function reduceClasses(vocab: Vocabulary, charset: string, opts: FoldOptions = {}): ReducedClasses {
  const chars = [''];
  const pos = new Map<string, number>();
  for (const ch of Array.from(charset)) {
    if (!pos.has(ch) && vocab.index.has(ch)) {
      pos.set(ch, chars.length);
      chars.push(ch);
    }
  }
  const set = new Set(pos.keys());
  const spaceAsBlank = opts.spaceAsBlank !== false && !set.has(' ');
  const src: number[] = [0];
  const dst: number[] = [0];
  for (let i = 1; i < vocab.chars.length; i++) {
    const ch = vocab.chars[i];
    const target = foldTarget(ch, set, opts);
    if (target !== null) {
      src.push(i);
      dst.push(pos.get(target)!);
    } else if (spaceAsBlank && ch.normalize('NFKC').trim() === '') {
      src.push(i);
      dst.push(0);
    }
  }
  return { chars, src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

/**
 * Reduce one sequence of model probabilities to T x K, renormalised per step. The blank
 * is weighted by `blankScale` first (< 1 favours emitting characters).
 */
export function reduceProbs(probs: Float32Array, offset: number, T: number, C: number, rc: ReducedClasses, blankScale = 1): Float32Array {
  const K = rc.chars.length;
  const q = new Float32Array(T * K);
  const { src, dst } = rc;
  for (let t = 0; t < T; t++) {
    const base = offset + t * C;
    const o = t * K;
    let sum = 0;
    for (let j = 0; j < src.length; j++) {
      const v = dst[j] === 0 ? probs[base + src[j]] * blankScale : probs[base + src[j]];
      q[o + dst[j]] += v;
      sum += v;
    }
    if (rc.weights) {
      sum = 0;
      for (let k = 0; k < K; k++) sum += q[o + k] *= rc.weights[k];
    }
    if (sum > 0) {
      const inv = 1 / sum;
      for (let k = 0; k < K; k++) q[o + k] *= inv;
    } else q[o] = 1;
  }
  return q;
}

/** Greedy CTC path over a T x K matrix: collapsed labels (1..K-1). */
export function ctcGreedy(q: Float32Array, T: number, K: number): number[] {
  const out: number[] = [];
  let prev = 0;
  for (let t = 0; t < T; t++) {
    const o = t * K;
    let bi = 0;
    let bp = q[o];
    for (let k = 1; k < K; k++) {
      if (q[o + k] > bp) {
        bp = q[o + k];
        bi = k;
      }
    }
    if (bi !== 0 && bi !== prev) out.push(bi);
    prev = bi;
  }
  return out;
}

interface Beam {
  labels: number[];
  last: number;
  pb: number;
  pnb: number;
}

/**
 * CTC prefix beam search over a T x K matrix (small K). Sums the probability of all
 * alignments of each prefix, so a character whose mass is spread over a few steps (each
 * below the blank) is still emitted. Returns the best label sequence (1..K-1).
 */
export function ctcBeamSearch(q: Float32Array, T: number, K: number, beamWidth = 8, minProb = 1e-3): number[] {
  let beams = new Map<string, Beam>([['', { labels: [], last: 0, pb: 1, pnb: 0 }]]);
  const cand: number[] = [];
  for (let t = 0; t < T; t++) {
    const o = t * K;
    cand.length = 0;
    for (let k = 1; k < K; k++) if (q[o + k] >= minProb) cand.push(k);
    const next = new Map<string, Beam>();
    const get = (key: string, labels: number[], last: number): Beam => {
      let b = next.get(key);
      if (!b) {
        b = { labels, last, pb: 0, pnb: 0 };
        next.set(key, b);
      }
      return b;
    };
    const pBlank = q[o];
    for (const [key, b] of beams) {
      const total = b.pb + b.pnb;
      const same = get(key, b.labels, b.last);
      same.pb += total * pBlank;
      if (b.last !== 0) same.pnb += b.pnb * q[o + b.last];
      for (const k of cand) {
        const p = q[o + k];
        const nkey = key + String.fromCharCode(48 + k);
        const nb = get(nkey, b.labels, k);
        if (nb.labels === b.labels) nb.labels = [...b.labels, k];
        nb.pnb += (k === b.last ? b.pb : total) * p;
      }
    }
    // Keep the best `beamWidth` prefixes, rescaled to avoid underflow.
    const list = [...next.entries()].sort((a, b) => b[1].pb + b[1].pnb - (a[1].pb + a[1].pnb)).slice(0, beamWidth);
    const top = list.length > 0 ? list[0][1].pb + list[0][1].pnb : 1;
    const inv = top > 0 ? 1 / top : 1;
    beams = new Map();
    for (const [key, b] of list) {
      b.pb *= inv;
      b.pnb *= inv;
      beams.set(key, b);
    }
  }
  let best: Beam | null = null;
  for (const b of beams.values()) if (!best || b.pb + b.pnb > best.pb + best.pnb) best = b;
  return best ? best.labels : [];
}

/**
 * Viterbi CTC alignment of `labels` to the T x K matrix; returns, for each label, the
 * step where it has the highest probability among the steps aligned to it.
 */
export function ctcAlignPeaks(q: Float32Array, T: number, K: number, labels: readonly number[]): Int32Array {
  const L = labels.length;
  const peaks = new Int32Array(L);
  if (L === 0) return peaks;
  const S = 2 * L + 1;
  const lab = (s: number): number => (s & 1 ? labels[s >> 1] : 0);
  const NEG = -Infinity;
  let prev = new Float64Array(S).fill(NEG);
  let cur = new Float64Array(S);
  const back = new Uint8Array(T * S); // 0: stay, 1: from s-1, 2: from s-2
  const lg = (v: number): number => Math.log(v > 1e-30 ? v : 1e-30);
  prev[0] = lg(q[0]);
  prev[1] = lg(q[lab(1)]);
  for (let t = 1; t < T; t++) {
    const o = t * K;
    for (let s = 0; s < S; s++) {
      let best = prev[s];
      let from = 0;
      if (s >= 1 && prev[s - 1] > best) {
        best = prev[s - 1];
        from = 1;
      }
      if (s >= 2 && s & 1 && lab(s) !== lab(s - 2) && prev[s - 2] > best) {
        best = prev[s - 2];
        from = 2;
      }
      cur[s] = best === NEG ? NEG : best + lg(q[o + lab(s)]);
      back[t * S + s] = from;
    }
    [prev, cur] = [cur, prev];
  }
  let s = S > 1 && prev[S - 2] > prev[S - 1] ? S - 2 : S - 1;
  const bestP = new Float32Array(L).fill(-1);
  for (let t = T - 1; t >= 0; t--) {
    if (s & 1) {
      const i = s >> 1;
      const v = q[t * K + labels[i]];
      if (v > bestP[i]) {
        bestP[i] = v;
        peaks[i] = t;
      }
    }
    if (t > 0) s -= back[t * S + s];
  }
  return peaks;
}

/** Restricted decode: beam search (or greedy when beamWidth <= 1) + alternatives per char. */
export function decodeRestricted(
  probs: Float32Array,
  offset: number,
  T: number,
  C: number,
  rc: ReducedClasses,
  beamWidth: number,
  blankScale = 1,
  nAlt = 3,
): DecodedLine {
  const K = rc.chars.length;
  const q = reduceProbs(probs, offset, T, C, rc, blankScale);
  const labels = beamWidth > 1 ? ctcBeamSearch(q, T, K, beamWidth) : ctcGreedy(q, T, K);
  const peaks = ctcAlignPeaks(q, T, K, labels);
  const chars: CharCandidate[] = [];
  let text = '';
  let psum = 0;
  for (let i = 0; i < labels.length; i++) {
    const o = peaks[i] * K;
    const me = labels[i];
    const alts: { char: string; p: number }[] = [];
    for (let k = 1; k < K; k++) if (k !== me) alts.push({ char: rc.chars[k], p: q[o + k] });
    alts.sort((a, b) => b.p - a.p);
    const p = q[o + me];
    const ch = rc.chars[me];
    chars.push({ char: ch, p, alternatives: alts.slice(0, nAlt) });
    text += ch;
    psum += p;
  }
  return { text, confidence: chars.length > 0 ? psum / chars.length : 0, chars };
}
