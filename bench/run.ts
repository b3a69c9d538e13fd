/**
 * npm run bench — MRZ accuracy and DocOcrMax speed, for openidv and for a baseline.
 *
 * Baseline: the same OCR models, detection, crops and MRZ-alphabet decoding, with the raw lines given
 * to the plain `mrz` parser (no OCR repair). Line crops: the baseline decodes without the alphabet.
 *
 *   npm run bench [-- --crops N] [--requests N]
 *   npm run bench -- --documents [--per-type N] [--types A,B] [--difficulty clean]   (bench/documents.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as plainMrzParse } from 'mrz';
import sharp from 'sharp';
import { createPaddleEngine, MRZ_CHARSET } from '../src/engines/paddle.js';
import type { OcrEngine } from '../src/engines/engine.js';
import { parseMrz, selectMrzLines, type MrzFields } from '../src/documents/mrz/index.js';
import { loadImage } from '../src/intake/index.js';
import { locateMrz } from '../src/pipeline/locate-mrz.js';
import { PUBLIC_DATA, arg, decodeRgb, editDistance, ms, pct, percentile, table } from './lib.js';
import { benchServer } from './server-load.js';
import { documentBenchOptions, runDocumentBench } from './documents.js';

interface MrzCase {
  readonly file: string;
  readonly truth: readonly string[];
}

const KEY_FIELDS = ['surname', 'givenNames', 'documentNumber', 'birthDate', 'expiryDate', 'nationality', 'issuingState', 'sex'] as const;
const PLAIN_FIELDS = ['lastName', 'firstName', 'documentNumber', 'birthDate', 'expirationDate', 'nationality', 'issuingState', 'sex'] as const;

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(PUBLIC_DATA, file), 'utf8')) as T;
}

function realPhotoCases(): MrzCase[] {
  const items = readJson<Array<{ file: string; mrz: string[] | null }>>('PassportEye/mrz_ground_truth.json');
  return items.filter((i) => i.mrz).map((i) => ({ file: i.file, truth: i.mrz! }));
}

function specimenCases(): MrzCase[] {
  const out: MrzCase[] = [];
  for (const [dir, json] of [['PassportEye', 'PassportEye/ground_truth.json'], ['mrz-detection', 'mrz-detection/ground_truth.json']] as const) {
    const g = readJson<{ items: Array<{ file: string; mrz: string[] | null }> }>(json);
    for (const i of g.items) if (i.mrz && /\.(jpe?g|png)$/i.test(i.file)) out.push({ file: `${dir}/${i.file}`, truth: i.mrz });
  }
  return out;
}

const sameFields = (a: MrzFields | null | undefined, b: MrzFields | null | undefined): boolean =>
  !!a && !!b && KEY_FIELDS.every((k) => a[k] === b[k]);

function plainFields(lines: readonly string[]): Record<string, string | null | undefined> | null {
  try {
    return plainMrzParse(lines as string[], { autocorrect: false }).fields;
  } catch {
    return null;
  }
}

interface MrzRow {
  readonly set: string;
  readonly images: number;
  readonly found: number;
  readonly exact: number;
  readonly fields: number;
  readonly baseExact: number;
  readonly baseFields: number;
  readonly times: number[];
}

async function evaluateImages(engine: OcrEngine, set: string, cases: readonly MrzCase[], verbose: boolean): Promise<MrzRow> {
  const row: MrzRow = { set, images: cases.length, found: 0, exact: 0, fields: 0, baseExact: 0, baseFields: 0, times: [] };
  const r = row as { -readonly [K in keyof MrzRow]: MrzRow[K] };
  for (const c of cases) {
    const bytes = fs.readFileSync(path.join(PUBLIC_DATA, c.file));
    const t0 = performance.now();
    const image = await loadImage(bytes, { minSide: 1 });
    const located = await locateMrz(engine, image.rgb, {});
    r.times.push(performance.now() - t0);
    const truthParsed = parseMrz(c.truth, {});
    const ours = located?.mrz ?? null;
    if (ours) r.found++;
    const exact = !!ours && ours.lines.join('\n') === c.truth.join('\n');
    if (exact) r.exact++;
    // when the printed MRZ itself cannot be parsed, fields are right exactly when the lines are
    if (truthParsed ? sameFields(ours?.fields, truthParsed.fields) : exact) r.fields++;

    const raw = located ? selectMrzLines(located.lines)?.map((l) => l.text) ?? null : null;
    if (raw && raw.join('\n') === c.truth.join('\n')) r.baseExact++;
    const truthPlain = plainFields(c.truth);
    const rawPlain = raw ? plainFields(raw) : null;
    if (truthPlain && rawPlain && PLAIN_FIELDS.every((k) => truthPlain[k] === rawPlain[k])) r.baseFields++;
    if (verbose && !exact) {
      console.log(`  miss ${c.file}\n    truth: ${c.truth.join(' / ')}\n    ours : ${ours?.lines.join(' / ') ?? '(none)'}\n    raw  : ${raw?.join(' / ') ?? '(none)'}`);
    }
  }
  return row;
}

async function evaluateCrops(engine: OcrEngine, limit: number) {
  const dir = path.join(PUBLIC_DATA, 'tesseractMRZ/dataset');
  let files = fs.readdirSync(dir).filter((f) => f.endsWith('.tif')).sort();
  if (limit > 0 && limit < files.length) {
    const step = files.length / limit;
    files = Array.from({ length: limit }, (_, i) => files[Math.floor(i * step)]!);
  }
  const stats = { ours: { exact: 0, errs: 0, times: [] as number[] }, base: { exact: 0, errs: 0, times: [] as number[] }, chars: 0 };
  for (const f of files) {
    const truth = fs.readFileSync(path.join(dir, f.replace(/\.tif$/, '.gt.txt')), 'utf8').trim();
    const image = await decodeRgb(path.join(dir, f));
    stats.chars += truth.length;
    for (const [name, options] of [['ours', { charset: MRZ_CHARSET, widen: 1.2 }], ['base', {}]] as const) {
      const t0 = performance.now();
      const read = await engine.recognizeLine(image, options);
      stats[name].times.push(performance.now() - t0);
      const d = editDistance(read.text.replace(/\s+/g, ''), truth);
      if (d === 0) stats[name].exact++;
      stats[name].errs += Math.min(d, truth.length);
    }
  }
  return { crops: files.length, ...stats };
}

async function main(): Promise<void> {
  if (process.argv.includes('--documents')) {
    // document types on generated photos only (see bench/documents.ts for the options)
    await runDocumentBench(documentBenchOptions());
    return;
  }
  const verbose = process.argv.includes('--verbose');
  const cropLimit = Number(arg('crops') ?? 0);
  const requests = Number(arg('requests') ?? 40);
  if (!fs.existsSync(PUBLIC_DATA)) throw new Error(`public data not found at ${PUBLIC_DATA}`);
  console.log(`# openidv bench — ${new Date().toISOString()}, node ${process.version}, ${PUBLIC_DATA}\n`);

  const engine = await createPaddleEngine({ threads: 1 });
  const rows = [
    await evaluateImages(engine, 'real photos (PassportEye testdata)', realPhotoCases(), verbose),
    await evaluateImages(engine, 'ICAO / specimen scans', specimenCases(), verbose),
  ];
  console.log('## MRZ on images (one engine thread)\n');
  console.log(
    table(
      ['set', 'images', 'MRZ found', 'exact MRZ (openidv)', 'all fields (openidv)', 'exact MRZ (baseline)', 'all fields (baseline)', 'p50 ms', 'p95 ms'],
      rows.map((r) => [
        r.set, r.images, r.found, `${r.exact} (${pct(r.exact, r.images)})`, `${r.fields} (${pct(r.fields, r.images)})`,
        `${r.baseExact} (${pct(r.baseExact, r.images)})`, `${r.baseFields} (${pct(r.baseFields, r.images)})`,
        ms(percentile(r.times, 0.5)), ms(percentile(r.times, 0.95)),
      ]),
    ),
  );

  const crops = await evaluateCrops(engine, cropLimit);
  console.log('\n## MRZ line crops (tesseractMRZ)\n');
  console.log(
    table(
      ['decoder', 'crops', 'exact lines', 'char accuracy', 'p50 ms/line', 'p95 ms/line'],
      (['ours', 'base'] as const).map((k) => [
        k === 'ours' ? 'openidv (MRZ alphabet, widened)' : 'baseline (unrestricted)',
        crops.crops,
        `${crops[k].exact} (${pct(crops[k].exact, crops.crops)})`,
        pct(crops.chars - crops[k].errs, crops.chars),
        ms(percentile(crops[k].times, 0.5)),
        ms(percentile(crops[k].times, 0.95)),
      ]),
    ),
  );
  await engine.close?.();

  // A 1000-px passport photo through the real API: official client → server → worker pool.
  const photo = await sharp(path.join(PUBLIC_DATA, 'PassportEye/tests/data/passport-td3.jpg')).resize({ width: 1000 }).jpeg({ quality: 90 }).toBuffer();
  const load = await benchServer(photo, requests);
  console.log('\n## DocOcrMax over HTTP (1000-px passport photo, official client, worker pool)\n');
  console.log(
    table(
      ['workers', 'concurrency', 'requests', 'all 200', 'p50 ms', 'p95 ms', 'throughput /s'],
      load.map((l) => [l.workers, l.concurrency, l.requests, l.ok === l.requests ? 'yes' : `${l.ok}`, ms(l.p50), ms(l.p95), l.throughput.toFixed(2)]),
    ),
  );
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`\npeak RSS of the bench process (server + workers + client): ${rss.toFixed(0)} MB`);
}

await main();
