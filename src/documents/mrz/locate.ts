/**
 * Picks the MRZ among all the text lines recognised on an image (read with the MRZ charset): 2 or 3
 * lines of similar length (≥ 25 characters) stacked at a regular pitch, with the same left edge,
 * width and direction, containing `<` fillers. Collinear fragments of one line (a detector that cut
 * a long line in two) are joined first.
 */
import type { CharCandidate, Point, TextLine } from '../../engines/engine.js';
import { MRZ_ALPHABET } from './confusions.js';
import { repairMrz, type MrzRepair } from './repair.js';

interface Geo {
  readonly line: TextLine;
  readonly text: string;
  /** Unit vector along the text, and its normal pointing down the page. */
  readonly u: readonly [number, number];
  readonly n: readonly [number, number];
  readonly center: Point;
  readonly width: number;
  readonly height: number;
  readonly left: Point;
  readonly right: Point;
}

const sub = (a: Point, b: Point): [number, number] => [a[0] - b[0], a[1] - b[1]];
const dot = (a: readonly [number, number], b: readonly [number, number]): number => a[0] * b[0] + a[1] * b[1];
const norm = (a: readonly [number, number]): number => Math.hypot(a[0], a[1]);
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

const compact = (text: string): string => text.replace(/\s+/g, '').toUpperCase();

function geometry(line: TextLine): Geo | null {
  const [p0, p1, p2, p3] = line.box.points;
  const top = sub(p1, p0);
  const bottom = sub(p2, p3);
  const dir: [number, number] = [top[0] + bottom[0], top[1] + bottom[1]];
  const len = norm(dir);
  if (len === 0) return null;
  const u: [number, number] = [dir[0] / len, dir[1] / len];
  const width = (norm(top) + norm(bottom)) / 2;
  const height = (norm(sub(p3, p0)) + norm(sub(p2, p1))) / 2;
  if (height <= 0) return null;
  const center: Point = [(p0[0] + p1[0] + p2[0] + p3[0]) / 4, (p0[1] + p1[1] + p2[1] + p3[1]) / 4];
  return { line, text: compact(line.text), u, n: [-u[1], u[0]], center, width, height, left: mid(p0, p3), right: mid(p1, p2) };
}

/** Joins a line cut in two by the detector: same baseline, same height, small gap. */
function joinFragments(geos: Geo[]): Geo[] {
  const out = [...geos];
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = 0; j < out.length; j++) {
        if (i === j) continue;
        const a = out[i]!;
        const b = out[j]!;
        if (dot(a.u, b.u) < Math.cos((6 * Math.PI) / 180)) continue;
        const h = (a.height + b.height) / 2;
        if (Math.abs(a.height - b.height) > 0.35 * h) continue;
        if (Math.abs(dot(sub(b.center, a.center), a.n)) > 0.4 * h) continue;
        const gap = dot(sub(b.left, a.right), a.u);
        if (gap < -0.5 * h || gap > 2 * h) continue;
        if (a.text.length < 3 || b.text.length < 3 || a.text.length + b.text.length > 50) continue;
        const [p0, , , p3] = a.line.box.points;
        const [, p1, p2] = b.line.box.points;
        const chars: CharCandidate[] = [...a.line.chars, ...b.line.chars];
        const n = a.text.length + b.text.length;
        const joined: TextLine = {
          box: { points: [p0, p1, p2, p3], score: Math.min(a.line.box.score, b.line.box.score) },
          text: a.line.text + b.line.text,
          confidence: (a.line.confidence * a.text.length + b.line.confidence * b.text.length) / n,
          chars,
        };
        const g = geometry(joined);
        if (!g) continue;
        out.splice(Math.max(i, j), 1);
        out.splice(Math.min(i, j), 1, g);
        changed = true;
        break outer;
      }
    }
  }
  return out;
}

const looksLikeMrz = (text: string): boolean => {
  if (text.length < 25 || text.length > 50) return false;
  let ok = 0;
  for (const c of text) if (MRZ_ALPHABET.includes(c)) ok++;
  return ok >= 0.9 * text.length;
};

const FORMAT_LENGTHS: Readonly<Record<number, readonly number[]>> = { 2: [36, 44], 3: [30] };

/** Geometric and textual plausibility of a group of lines (top to bottom) as one MRZ; null = not one. */
function groupScore(group: readonly Geo[]): number | null {
  const k = group.length;
  const lengths = group.map((g) => g.text.length);
  const minLen = Math.min(...lengths);
  const maxLen = Math.max(...lengths);
  if (maxLen - minLen > 4) return null;
  const mean = lengths.reduce((s, x) => s + x, 0) / k;
  const fit = Math.min(...FORMAT_LENGTHS[k]!.map((L) => Math.abs(mean - L)));
  if (fit > 3) return null;
  const h = group.reduce((s, g) => s + g.height, 0) / k;
  if (group.some((g) => g.height > 1.6 * h || g.height < h / 1.6)) return null;
  const u = group[0]!.u;
  const nrm = group[0]!.n;
  if (group.some((g) => dot(g.u, u) < Math.cos((6 * Math.PI) / 180))) return null;
  const pitches: number[] = [];
  for (let i = 1; i < k; i++) {
    const d = dot(sub(group[i]!.center, group[i - 1]!.center), nrm);
    if (d < 0.7 * h || d > 2.8 * h) return null;
    pitches.push(d);
  }
  if (k === 3 && Math.max(...pitches) > 1.5 * Math.min(...pitches)) return null;
  const widths = group.map((g) => g.width);
  const maxW = Math.max(...widths);
  if (Math.min(...widths) < 0.8 * maxW) return null;
  const lefts = group.map((g) => dot(g.left, u));
  if (Math.max(...lefts) - Math.min(...lefts) > Math.max(2 * h, 0.1 * maxW)) return null;
  const fillers = group.reduce((s, g) => s + (g.text.match(/</g)?.length ?? 0), 0);
  if (fillers < 2) return null;
  const conf = group.reduce((s, g) => s + g.line.confidence, 0) / k;
  return 10 - fit - (maxLen - minLen) * 0.5 + conf + Math.min(fillers, 10) * 0.1 + (k === 3 ? 0.5 : 0);
}

/**
 * The MRZ block among recognised lines, with its repair: the best-scoring group of 2 or 3 lines;
 * a group whose MRZ repairs to valid check digits beats any other.
 */
export function findMrzBlock(lines: readonly TextLine[]): { readonly lines: TextLine[]; readonly repair: MrzRepair } | null {
  const geos = joinFragments(lines.map(geometry).filter((g): g is Geo => g !== null));
  const cands = geos.filter((g) => looksLikeMrz(g.text));
  if (cands.length < 2) return null;
  // Reading direction: the median direction of the candidates; order them down the page.
  const angles = cands.map((g) => Math.atan2(g.u[1], g.u[0])).sort((a, b) => a - b);
  const a = angles[Math.floor(angles.length / 2)]!;
  const n: [number, number] = [-Math.sin(a), Math.cos(a)];
  const sorted = [...cands].sort((x, y) => dot(x.center, n) - dot(y.center, n));
  let best: { group: Geo[]; repair: MrzRepair; score: number } | null = null;
  for (const k of [3, 2]) {
    for (let i = 0; i + k <= sorted.length; i++) {
      const group = sorted.slice(i, i + k);
      const geo = groupScore(group);
      if (geo === null) continue;
      const repair = repairMrz(group.map((g) => ({ text: g.line.text, chars: g.line.chars })));
      if (!repair) continue;
      const passed = (Object.values(repair.checks) as boolean[]).filter(Boolean).length;
      const score = geo + (repair.valid ? 20 : 0) + 2 * passed - 0.05 * repair.corrections;
      if (!best || score > best.score) best = { group, repair, score };
    }
  }
  return best ? { lines: best.group.map((g) => g.line), repair: best.repair } : null;
}

/** The 2 or 3 lines forming the MRZ, top to bottom, or null. Other text on the image is ignored. */
export function selectMrzLines(lines: readonly TextLine[]): TextLine[] | null {
  return findMrzBlock(lines)?.lines ?? null;
}
