/**
 * Quality inspection (IdThreshold) and anti-spoofing (IdSpoof) on generated evaluation variants:
 * detection rate on bad / spoofed photos, false positives on clean photos, latency each check adds.
 *
 *   node dist/bench/quality-spoof.js [--n 30] [--clean-n 100] [--split test|tune] [--scores]
 *
 * --n       cards per bad/spoof variant kind (each kind is generated from the same n cards and seeds)
 * --clean-n cards for the clean negatives (each gives our clean photo and docgen's own photo)
 * --split  `tune` uses the seeds the thresholds were chosen on, `test` (default) held-out seeds
 * --scores also prints the distribution of every score per variant kind (for tuning)
 *
 * The pixel checks are measured on every photo. The clean and tampered photos of cards whose type the
 * service reads are also sent through the whole pipeline (DocOcrMax, OcrModel 0, their DocType,
 * IdSpoof=T, IdThreshold 3), so that the document's own checks count as they do in the service:
 * check digits, numbers against printed dates, a passport's visual zone against its MRZ.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OcrEngine, RgbImage, TextBox } from '../src/engines/engine.js';
import { createPaddleEngine } from '../src/engines/paddle.js';
import { documentType } from '../src/documents/catalogue.js';
import { createLocalRecognizer } from '../src/pipeline/local.js';
import type { Recognizer } from '../src/pipeline/types.js';
import { PAGE_DETECT_SIDE } from '../src/pipeline/page-text.js';
import { documentRegion, judgeQuality, measureQuality, type QualityScores } from '../src/pipeline/quality.js';
import { judgeSpoof, measureSpoof, type SpoofScores } from '../src/pipeline/spoof.js';
import { QUALITY_THRESHOLDS, SPOOF_THRESHOLDS } from '../src/pipeline/thresholds.js';
import sharp from 'sharp';
import { DOCGEN_TYPES, generateDocument } from '../testkit/docgen/index.js';
import { makeVariant, QUALITY_VARIANTS, SPOOF_TYPE, SPOOF_VARIANTS, type SpoofVariant, type TamperEdit, type VariantKind } from '../testkit/variants/index.js';
import { PUBLIC_DATA, arg, decodeRgb, ms, pct, percentile, table } from './lib.js';

const SEED_BASE = { tune: 1000, test: 50000 } as const;
const MODES = ['0', '1', '2'] as const;

/**
 * Public specimen pages used as the flat cards the variants are photographed from: only scans at
 * least 600 px wide, since a smaller source would be upsampled into the photo and look blurred.
 */
const SPECIMENS = [
  'PassportEye/tests/data/passport-td3.jpg',
  'PassportEye/passporteye/mrz/testdata/100_pass-uto.jpg',
  'mrz-detection/src/__tests__/fixtures/id2.jpg',
  'PassportEye/passporteye/mrz/testdata/100_pass-cze.jpg',
];

export async function specimenCards(): Promise<RgbImage[]> {
  const out: RgbImage[] = [];
  for (const f of SPECIMENS) {
    const file = path.join(PUBLIC_DATA, f);
    if (fs.existsSync(file)) out.push(await decodeRgb(file));
  }
  return out;
}

const PAGES = DOCGEN_TYPES.flatMap((t) => t.pages.map((page) => ({ code: t.code, page })));

/** What a card is, as a DocOcrMax caller would name it (null: a type the service has no code for). */
type CardType = { readonly code: string; readonly page: '01' | '02' } | null;

/** The i-th card: generated documents (every type and page in turn) alternating with public specimens (all passports). */
export async function card(i: number, seed: number, specimens: readonly RgbImage[]): Promise<{ card: RgbImage; photo: Buffer | null; type: CardType }> {
  if (i % 2 === 1 && specimens.length > 0) return { card: specimens[Math.floor(i / 2) % specimens.length]!, photo: null, type: { code: 'GLB03002', page: '01' } };
  const t = PAGES[Math.floor(i / 2) % PAGES.length]!;
  const doc = await generateDocument({ code: t.code, page: t.page, seed, difficulty: 'clean' });
  const type = documentType(t.code) ? t : null;
  return { card: await decodeRgb(await sharp(doc.card).flatten({ background: '#ffffff' }).png().toBuffer()), photo: doc.image, type };
}

interface Sample {
  readonly kind: VariantKind | 'docgen-clean';
  /** For a tampered photo: re-typed (rendered) or pasted field. */
  readonly edit?: TamperEdit;
  readonly quality: QualityScores;
  readonly spoof: SpoofScores;
  /** Wall-clock ms of each check. */
  readonly ms: { readonly locate: number; readonly quality: number; readonly spoof: number };
  /** CPU ms of each check (what it costs without other processes competing for the cores). */
  readonly cpu: { readonly locate: number; readonly quality: number; readonly spoof: number };
  /** Passports sent through the pipeline: ms spent reading the visual zone (only IdSpoof=T reads it). */
  readonly vizMs?: number;
  /** Clean photos: whole-request ms with IdSpoof=T minus with IdSpoof=F, at the default IdThreshold 0. */
  readonly spoofAdded?: { readonly ms: number; readonly passport: boolean };
}

function timed<T>(f: () => T): { value: T; ms: number; cpu: number } {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = f();
  const d = process.cpuUsage(c);
  return { value, ms: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}

/**
 * `boxes`: the text boxes the OCR detector finds on the photo, which the pipeline has anyway when it
 * reads the document (so detecting them is not counted as time the checks add); null for the
 * quality variants, which are not judged for spoofing.
 */
function measure(kind: Sample['kind'], rgb: RgbImage, boxes: readonly TextBox[] | null, edit?: TamperEdit): Sample {
  const region = timed(() => documentRegion(rgb));
  const quality = timed(() => measureQuality(rgb, region.value));
  const spoof = timed(() => measureSpoof(rgb, region.value, SPOOF_THRESHOLDS, null, boxes));
  return {
    kind,
    ...(edit ? { edit } : {}),
    quality: quality.value,
    spoof: spoof.value,
    ms: { locate: region.ms, quality: quality.ms, spoof: spoof.ms },
    cpu: { locate: region.cpu, quality: quality.cpu, spoof: spoof.cpu },
  };
}

/**
 * n cards give every bad/spoof variant; the first `cleanN` cards (cleanN may exceed n) give the clean
 * photos and docgen's own clean photos, so the false-positive rates rest on more negatives.
 */
export async function evaluate(
  n: number,
  split: 'tune' | 'test',
  specimens: readonly RgbImage[],
  cleanN = n,
  engine: OcrEngine,
  recognizer: Recognizer | null = null,
): Promise<Sample[]> {
  const kinds: VariantKind[] = [...QUALITY_VARIANTS, ...SPOOF_VARIANTS];
  const samples: Sample[] = [];
  const boxes = (rgb: RgbImage) => engine.detect(rgb, { maxSide: PAGE_DETECT_SIDE });
  const judged = (kind: VariantKind) => (SPOOF_VARIANTS as readonly string[]).includes(kind);
  for (let i = 0; i < Math.max(n, cleanN); i++) {
    const seed = SEED_BASE[split] + i;
    const { card: c, photo, type } = await card(i, seed, specimens);
    const read = (s: Sample, jpeg: Buffer) => (recognizer && type ? withDocumentChecks(s, jpeg, type, recognizer) : s);
    if (i < cleanN) {
      const clean = await makeVariant('clean', c, seed);
      const sample = await read(measure('clean', clean.rgb, await boxes(clean.rgb)), clean.jpeg);
      samples.push(recognizer && type ? await withSpoofAdded(sample, clean.jpeg, type, recognizer, i % 2 === 0) : sample);
      // docgen's own clean phone photo: a second, independent simulation of a good capture
      if (photo) {
        const own = await decodeRgb(photo);
        samples.push(await read(measure('docgen-clean', own, await boxes(own)), photo));
      }
    }
    if (i >= n) continue;
    // the field pasted in a tampered photo comes from a photo of another document
    const donor = specimens[(i + 1) % Math.max(1, specimens.length)] ?? c;
    for (const kind of kinds) {
      const v = await makeVariant(kind, c, seed, donor);
      const sample = measure(kind, v.rgb, judged(kind) ? await boxes(v.rgb) : null, v.edit);
      samples.push(kind === 'tamper' ? await read(sample, v.jpeg) : sample);
    }
  }
  return samples;
}

/**
 * The photo through the whole pipeline with IdSpoof=T: the document's own checks as the service
 * judges them (not judged, null, when the type's reader does not recognise the photo: SubCode 213).
 */
async function withDocumentChecks(s: Sample, jpeg: Buffer, type: NonNullable<CardType>, recognizer: Recognizer): Promise<Sample> {
  const out = await recognizer.recognize({
    image: jpeg,
    ocrModel: '0',
    docType: type.code,
    docPage: type.page,
    idSpoof: true,
    idThreshold: '3',
    ocrValueStandard: false,
    authorize: false,
  });
  const scores = out.kind === 'result' ? (out.extIdInfo.spoofScores as SpoofScores | undefined) : undefined;
  const tamper = { ...s.spoof.tamper, consistent: scores?.tamper.consistent ?? null, problems: scores?.tamper.problems ?? [] };
  const passport = type.code.startsWith('GLB03') && out.kind === 'result';
  const vizMs = passport ? (out.timings.pageOcr ?? 0) + (out.timings.orient ?? 0) : undefined;
  return { ...s, spoof: { ...s.spoof, tamper }, ...(vizMs !== undefined ? { vizMs } : {}) };
}

/**
 * What IdSpoof=T adds to a whole DocOcrMax request as a caller sees it: the same clean photo at the
 * default IdThreshold 0 (whose document location the spoof checks share) with IdSpoof=F and =T, back to
 * back, the order alternating so that neither request always runs on a warmer cache.
 */
async function withSpoofAdded(s: Sample, jpeg: Buffer, type: NonNullable<CardType>, recognizer: Recognizer, tFirst: boolean): Promise<Sample> {
  const request = { image: jpeg, ocrModel: '0', docType: type.code, docPage: type.page, idThreshold: '0', ocrValueStandard: false, authorize: false } as const;
  const wall = async (idSpoof: boolean) => {
    const t = performance.now();
    await recognizer.recognize({ ...request, idSpoof });
    return performance.now() - t;
  };
  const [first, second] = [await wall(tFirst), await wall(!tFirst)];
  const ms = tFirst ? first - second : second - first;
  return { ...s, spoofAdded: { ms, passport: type.code.startsWith('GLB03') } };
}

const label = (k: Sample['kind']) =>
  k === 'clean' ? 'clean photos (false positives)' : k === 'docgen-clean' ? 'docgen clean photos (false positives)' : k;

function qualityTable(samples: readonly Sample[]): string {
  const kinds: Sample['kind'][] = ['clean', 'docgen-clean', ...QUALITY_VARIANTS];
  const flagged = (s: Sample, mode: (typeof MODES)[number]) => judgeQuality(s.quality, QUALITY_THRESHOLDS[mode]).length > 0;
  const rows = kinds.map((k) => {
    const of = samples.filter((s) => s.kind === k);
    return [label(k), of.length, ...MODES.map((m) => pct(of.filter((s) => flagged(s, m)).length, of.length))];
  });
  const bad = samples.filter((s) => (QUALITY_VARIANTS as readonly string[]).includes(s.kind));
  rows.push(['all bad-quality variants', bad.length, ...MODES.map((m) => pct(bad.filter((s) => flagged(s, m)).length, bad.length))]);
  return table(['variant', 'images', 'flagged, IdThreshold 0 (default)', '1 (strict)', '2 (loose)'], rows);
}

function reasonTable(samples: readonly Sample[]): string {
  const kinds: Sample['kind'][] = ['clean', 'docgen-clean', ...QUALITY_VARIANTS];
  return table(
    ['variant', 'reasons given with IdThreshold 0 (count)'],
    kinds.map((k) => {
      const counts = new Map<string, number>();
      for (const s of samples.filter((x) => x.kind === k)) {
        for (const r of judgeQuality(s.quality, QUALITY_THRESHOLDS['0'])) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
      return [k, [...counts].map(([r, c]) => `${r} ${c}`).join(', ') || '—'];
    }),
  );
}

function spoofTable(samples: readonly Sample[]): string {
  const t = SPOOF_THRESHOLDS;
  const checks: Array<[string, (s: SpoofScores) => boolean]> = [
    ['screen: spectral peak', (s) => s.screen.peak >= t.screenPeak],
    ['screen: bezel', (s) => s.screen.bezel >= t.screenBezel],
    ['copy: colourfulness', (s) => s.copy.colourfulness < t.copyColourfulness],
    ['tamper: noise-free region', (s) => s.tamper.region >= t.tamperMinBlocks],
    ['tamper: text skew', (s) => (s.tamper.skew?.drift ?? 0) >= t.tamperSkewDrift],
    ['tamper: straight seam', (s) => (s.tamper.seam ?? 0) >= t.tamperSeamRows],
    ["tamper: document's own checks", (s) => s.tamper.consistent === false],
  ];
  const groups: Array<[string, Sample['kind'], (s: Sample) => boolean]> = [
    ...(['clean', 'docgen-clean', ...SPOOF_VARIANTS] as const).map((k): [string, Sample['kind'], (s: Sample) => boolean] => [label(k), k, (s) => s.kind === k]),
    ['tamper: re-typed field', 'tamper', (s) => s.kind === 'tamper' && s.edit === 'rendered'],
    ['tamper: field pasted from another photo', 'tamper', (s) => s.kind === 'tamper' && s.edit === 'pasted'],
  ];
  return table(
    ['variant', 'images', 'spoofResult Y', 'right spoofType', ...checks.map((c) => c[0])],
    groups.map(([name, k, member]) => {
      const of = samples.filter(member);
      const infos = of.map((s) => judgeSpoof(s.spoof, t));
      const type = (SPOOF_VARIANTS as readonly string[]).includes(k) ? SPOOF_TYPE[k as SpoofVariant] : null;
      const right = type ? pct(infos.filter((i) => i.spoofType.includes(type)).length, of.length) : '—';
      return [
        name,
        of.length,
        pct(infos.filter((i) => i.spoofResult === 'Y').length, of.length),
        right,
        ...checks.map(([, f]) => pct(of.filter((s) => f(s.spoof)).length, of.length)),
      ];
    }),
  );
}

function latencyTable(samples: readonly Sample[]): string {
  const names = { locate: 'document location + rectification (shared)', quality: 'quality scores', spoof: 'spoof scores' } as const;
  const cells = (pick: (s: Sample) => number, cpu: (s: Sample) => number) => {
    const w = samples.map(pick), c = samples.map(cpu);
    return [ms(percentile(w, 0.5)), ms(percentile(w, 0.95)), ms(percentile(c, 0.5)), ms(percentile(c, 0.95))];
  };
  const rows = (['locate', 'quality', 'spoof'] as const).map((k) => [names[k], ...cells((s) => s.ms[k], (s) => s.cpu[k])]);
  rows.push([
    'all (IdThreshold 0–2 and IdSpoof=T)',
    ...cells((s) => s.ms.locate + s.ms.quality + s.ms.spoof, (s) => s.cpu.locate + s.cpu.quality + s.cpu.spoof),
  ]);
  const viz = samples.flatMap((s) => (s.vizMs !== undefined ? [s.vizMs] : []));
  if (viz.length) rows.push([`passport visual zone read for its check against the MRZ (${viz.length} passport photos)`, ms(percentile(viz, 0.5)), ms(percentile(viz, 0.95)), '—', '—']);
  for (const passport of [true, false]) {
    const added = samples.flatMap((s) => (s.spoofAdded && s.spoofAdded.passport === passport ? [s.spoofAdded.ms] : []));
    const what = passport ? 'passport photos' : 'photos of other types';
    if (added.length) rows.push([`whole request, IdSpoof=T minus IdSpoof=F, IdThreshold 0 (${added.length} clean ${what})`, ms(percentile(added, 0.5)), ms(percentile(added, 0.95)), '—', '—']);
  }
  const [load] = os.loadavg();
  return (
    table(['check (1280×960 and 1440×960 photos, one thread)', 'wall p50 ms', 'wall p95 ms', 'CPU p50 ms', 'CPU p95 ms'], rows) +
    `\n\n${os.cpus().length} cores, load average ${load!.toFixed(1)} while measuring (wall time includes waiting for a core).`
  );
}

function scoreTable(samples: readonly Sample[]): string {
  const kinds: Sample['kind'][] = ['clean', 'docgen-clean', ...QUALITY_VARIANTS, ...SPOOF_VARIANTS];
  const numeric: Array<[string, (s: Sample) => number]> = [
    ['resolution', (s) => s.quality.resolution],
    ['sharpness', (s) => s.quality.sharpness],
    ['brightness', (s) => s.quality.brightness],
    ['glare', (s) => s.quality.glare],
    ['areaFraction', (s) => s.quality.areaFraction],
    ['occlusion', (s) => s.quality.occlusion],
    ['perspective', (s) => s.quality.perspective],
    ['cornersInside', (s) => (s.quality.cornersInside ? 1 : 0)],
    ['screen.peak', (s) => s.spoof.screen.peak],
    ['screen.bezel', (s) => s.spoof.screen.bezel],
    ['copy.colourfulness', (s) => s.spoof.copy.colourfulness],
    ['tamper.noiseFree', (s) => s.spoof.tamper.noiseFree],
    ['tamper.region', (s) => s.spoof.tamper.region],
    ['tamper.skew.drift', (s) => s.spoof.tamper.skew?.drift ?? NaN],
    ['tamper.seam', (s) => s.spoof.tamper.seam ?? NaN],
  ];
  const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(3));
  const rows: string[][] = [];
  for (const [name, f] of numeric) {
    for (const k of kinds) {
      const v = samples.filter((s) => s.kind === k).map(f).filter((x) => !Number.isNaN(x));
      if (v.length === 0) continue;
      rows.push([name, k, fmt(Math.min(...v)), fmt(percentile(v, 0.05)), fmt(percentile(v, 0.5)), fmt(percentile(v, 0.95)), fmt(Math.max(...v))]);
    }
  }
  return table(['score', 'variant', 'min', 'p5', 'p50', 'p95', 'max'], rows);
}

export async function benchQualitySpoof(n: number, split: 'tune' | 'test', showScores = false, cleanN = n): Promise<string> {
  const specimens = await specimenCards();
  const started = performance.now();
  const engine = await createPaddleEngine({ threads: 1 });
  const recognizer = await createLocalRecognizer({ engineThreads: 1 });
  const samples = await evaluate(n, split, specimens, cleanN, engine, recognizer).finally(() => Promise.all([engine.close(), recognizer.close()]));
  const seconds = (performance.now() - started) / 1000;
  const parts = [
    `## Quality inspection (IdThreshold) — ${split === 'test' ? 'held-out' : 'tuning'} seeds, ${n} cards per variant, ${cleanN} clean cards (docgen types alternating with ${specimens.length} public specimens; seeds ${SEED_BASE[split]}+)\n`,
    qualityTable(samples),
    '\n### Reasons (IdThreshold 0)\n',
    reasonTable(samples),
    "\n## Anti-spoofing (IdSpoof=T): pixel checks, the text-direction check on the OCR detector's boxes, and the document's own checks (clean and tampered photos of the types the service reads, through the whole pipeline)\n",
    spoofTable(samples),
    '\n## Added latency\n',
    latencyTable(samples),
    `\n${samples.length} photos generated and measured in ${seconds.toFixed(0)} s.`,
  ];
  if (showScores) parts.push('\n## Score distributions\n', scoreTable(samples));
  return parts.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(arg('n') ?? 30);
  const split = arg('split') === 'tune' ? 'tune' : 'test';
  console.log(await benchQualitySpoof(n, split, process.argv.includes('--scores'), Number(arg('clean-n') ?? 100)));
}
