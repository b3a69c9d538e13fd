/**
 * npm run bench — MRZ accuracy and DocOcrMax speed, for openidv and for a baseline.
 *
 * Baseline: the same OCR models, detection, crops and MRZ-alphabet decoding, with the raw lines given
 * to the plain `mrz` parser (no OCR repair). Line crops: the baseline decodes without the alphabet.
 *
 *   npm run bench [-- --crops N] [--requests N] [--quality-n N] [--quality-clean-n N] [--per-type N]
 *   npm run bench -- --documents [--per-type N] [--types A,B] [--difficulty clean]   (bench/documents.ts)
 *   npm run bench -- --only mrz,http,quality,documents   (some sections; all by default)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as plainMrzParse } from 'mrz';
import sharp from 'sharp';
import { createPaddleEngine, MRZ_CHARSET } from '../src/engines/paddle.js';
import type { AlphabetLineReader, OcrEngine } from '../src/engines/engine.js';
import { createTesseractReader } from '../src/engines/tesseract.js';
import { bestLineRepair, fusedReading, parseMrz, repairMrzLine, selectMrzLines, singleLineText, withSecondReading, type MrzFields } from '../src/documents/mrz/index.js';
import { createOcrbReader, ocrbFacesModel, type MrzLineRecognizer } from '../src/engines/ocrb.js';
import { arbitrateLineCrop, plausibleLineCrop, readMrzLineCrop } from '../src/pipeline/mrz-line-crop.js';
import { loadImage } from '../src/intake/index.js';
import { FUSED_VOTE_WEIGHT, locateMrz, type MrzReaders } from '../src/pipeline/locate-mrz.js';
import { CROP_MISS_KINDS, PUBLIC_DATA, arg, cropMissKind, decodeRgb, editDistance, type CropMissKind, ms, pct, percentile, printedLine, reachableHonouringClasses, table, transcriptionFixes } from './lib.js';
import { benchServer } from './server-load.js';
import { benchQualitySpoof } from './quality-spoof.js';
import { documentBenchOptions, runDocumentBench } from './documents.js';
import { generateDocument } from '../testkit/docgen/index.js';

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
  /** Engine time per image (detection, recognition), from the pipeline's timings. */
  readonly det: number[];
  readonly rec: number[];
}

async function evaluateImages(engine: OcrEngine, readers: MrzReaders, set: string, cases: readonly MrzCase[], verbose: boolean): Promise<MrzRow> {
  const row: MrzRow = { set, images: cases.length, found: 0, exact: 0, fields: 0, baseExact: 0, baseFields: 0, times: [], det: [], rec: [] };
  const r = row as { -readonly [K in keyof MrzRow]: MrzRow[K] };
  for (const c of cases) {
    const bytes = fs.readFileSync(path.join(PUBLIC_DATA, c.file));
    const t0 = performance.now();
    const image = await loadImage(bytes, { minSide: 1 });
    const timings: Record<string, number> = {};
    // as the pipeline does: unsure MRZs re-read, also by the OCR-B model and the tesseract second reader
    const located = await locateMrz(engine, image.rgb, timings, undefined, readers);
    r.times.push(performance.now() - t0);
    r.det.push(timings.detect ?? 0);
    r.rec.push(timings.recognize ?? 0);
    // The MRZ alphabet has no accents: a transcription with Ñ or Ä is compared as an ICAO reader gives it.
    const truth = c.truth.map((l) => l.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    const truthParsed = parseMrz(truth, {});
    const ours = located?.mrz ?? null;
    if (ours) r.found++;
    const exact = !!ours && ours.lines.join('\n') === truth.join('\n');
    if (exact) r.exact++;
    // when the printed MRZ itself cannot be parsed, fields are right exactly when the lines are
    if (truthParsed ? sameFields(ours?.fields, truthParsed.fields) : exact) r.fields++;

    const raw = located ? selectMrzLines(located.lines)?.map((l) => l.text) ?? null : null;
    if (raw && raw.join('\n') === truth.join('\n')) r.baseExact++;
    const truthPlain = plainFields(truth);
    const rawPlain = raw ? plainFields(raw) : null;
    if (truthPlain && rawPlain && PLAIN_FIELDS.every((k) => truthPlain[k] === rawPlain[k])) r.baseFields++;
    if (verbose && !exact) {
      console.log(`  miss ${c.file}\n    truth: ${truth.join(' / ')}\n    ours : ${ours?.lines.join(' / ') ?? '(none)'}\n    raw  : ${raw?.join(' / ') ?? '(none)'}`);
    }
  }
  return row;
}

async function evaluateCrops(engine: OcrEngine, second: AlphabetLineReader, ocrb: MrzLineRecognizer, faces: MrzLineRecognizer, limit: number, verbose: boolean) {
  const dir = path.join(PUBLIC_DATA, 'tesseractMRZ/dataset');
  const fixes = transcriptionFixes();
  let files = fs.readdirSync(dir).filter((f) => f.endsWith('.tif')).sort();
  if (limit > 0 && limit < files.length) {
    const step = files.length / limit;
    files = Array.from({ length: limit }, (_, i) => files[Math.floor(i * step)]!);
  }
  type Stat = { exact: number; exactFull: number; exactPrinted: number; errs: number; times: number[] };
  const stat = (): Stat => ({ exact: 0, exactFull: 0, exactPrinted: 0, errs: 0, times: [] });
  const stats = { ours: stat(), repaired: stat(), reread: stat(), voted: stat(), ocrb: stat(), faces: stat(), fused: stat(), plausible: stat(), base: stat(), chars: 0, full: 0, fixed: 0 };
  // the final decoder's misses against the published transcriptions, by kind (cropMissKind)
  const missKinds = new Map<CropMissKind, number>();
  let reachable = 0; // crops a reader exact on every print save ICAO-forbidden characters could match (reachableHonouringClasses)
  for (const f of files) {
    const truth = fs.readFileSync(path.join(dir, f.replace(/\.tif$/, '.gt.txt')), 'utf8').trim();
    const printed = printedLine(truth, fixes.get(f));
    if (printed !== truth) stats.fixed++;
    const image = await decodeRgb(path.join(dir, f));
    stats.chars += truth.length;
    // Full-length lines: the transcription is a whole TD1/TD2/TD3 line (the others are cut or odd crops).
    const full = [30, 36, 44].includes(truth.length);
    if (full) stats.full++;
    const score = (s: Stat, text: string, ms: number): void => {
      s.times.push(ms);
      const d = editDistance(text, truth);
      if (d === 0) s.exact++;
      if (d === 0 && full) s.exactFull++;
      if (text === printed) s.exactPrinted++;
      s.errs += Math.min(d, truth.length);
    };
    for (const [name, options] of [['ours', { charset: MRZ_CHARSET, widen: 1.2 }], ['base', {}]] as const) {
      const t0 = performance.now();
      const read = await engine.recognizeLine(image, options);
      score(stats[name], read.text.replace(/\s+/g, ''), performance.now() - t0);
      if (name === 'ours') {
        // The line on its own: kept when the repair is sure (its check digits, if any, hold).
        const repaired = repairMrzLine(read);
        score(stats.repaired, repaired?.valid ? repaired.text : read.text, performance.now() - t0);
        // Two other reads (in chunks; with a margin at widen 1.0): the valid repair of lowest cost.
        const more = [
          await engine.recognizeLine(image, { charset: MRZ_CHARSET, widen: 1.2, chunkWidth: 640 }),
          await engine.recognizeLine(image, { charset: MRZ_CHARSET, widen: 1.0, margin: { x: 0.5, y: 0.2 } }),
        ];
        const chosen = bestLineRepair(more);
        score(stats.reread, chosen?.text ?? more[0]!.text, performance.now() - t0);
        // tesseract's reading voted into both (locate-mrz.ts): the valid voted repair, else as above
        const tesseract = (await second.readAlphabetLine(image, MRZ_CHARSET)).text;
        const voted = bestLineRepair(more.map((m) => withSecondReading(m, tesseract)));
        score(stats.voted, (voted ?? chosen)?.text ?? more[0]!.text, performance.now() - t0);
        // each OCR-B model alone (unsure crops read again reframed; as read when sure of every character,
        // else its valid single-line repair), then combined as locate-mrz.ts combines an MRZ's lines,
        // under the same rule; the two models' combinations arbitrated by the other readers' readings
        const decide = async (reader: MrzLineRecognizer, alone: Stat): Promise<string> => {
          const t1 = performance.now();
          const { reading: o, sure } = await readMrzLineCrop(image, reader);
          score(alone, singleLineText(o, repairMrzLine(o), sure), performance.now() - t1);
          const fused = bestLineRepair([o, ...more.flatMap((m) => [fusedReading(o, m), fusedReading(m, o)])].map((m) => withSecondReading(m, tesseract, FUSED_VOTE_WEIGHT)));
          return singleLineText(o, fused ?? voted ?? chosen, sure);
        };
        const first = await decide(ocrb, stats.ocrb);
        const other = await decide(faces, stats.faces);
        const text = await arbitrateLineCrop(image, [first, other], [...more.map((m) => m.text), tesseract], [ocrb, faces]);
        score(stats.fused, text, performance.now() - t0);
        // then the state codes and the name made plausible, both models weighing the candidates
        const plausible = await plausibleLineCrop(image, text, [ocrb, faces]);
        score(stats.plausible, plausible, performance.now() - t0);
        const kind = plausible === truth ? null : cropMissKind(plausible, printed);
        if (kind) {
          missKinds.set(kind, (missKinds.get(kind) ?? 0) + 1);
          if (verbose) console.log(`  ${f} ${kind}\n    read    ${plausible}\n    printed ${printed}`);
        }
        if (reachableHonouringClasses(truth, printed, kind)) reachable++;
      }
    }
  }
  return { crops: files.length, ...stats, missKinds, reachable };
}

async function main(): Promise<void> {
  if (process.argv.includes('--documents')) {
    // document types on generated photos only (see bench/documents.ts for the options; they apply to the full run too)
    await runDocumentBench(documentBenchOptions());
    return;
  }
  const only = arg('only')?.split(',');
  const run = (section: 'mrz' | 'http' | 'quality' | 'documents') => !only || only.includes(section);
  const verbose = process.argv.includes('--verbose');
  const cropLimit = Number(arg('crops') ?? 0);
  const requests = Number(arg('requests') ?? 40);
  if (!fs.existsSync(PUBLIC_DATA)) throw new Error(`public data not found at ${PUBLIC_DATA}`);
  console.log(`# openidv bench — ${new Date().toISOString()}, node ${process.version}, ${PUBLIC_DATA}\n`);

  if (run('mrz')) await benchMrz(verbose, cropLimit);
  if (run('http')) await benchHttp(requests);
  // quality inspection and anti-spoofing on generated variants (held-out seeds); more: bench/quality-spoof.ts
  if (run('quality')) console.log(`\n${await benchQualitySpoof(Number(arg('quality-n') ?? 10), 'test', false, Number(arg('quality-clean-n') ?? 30))}`);
  if (run('documents')) {
    // every document type on generated clean photos (fields, documents, OcrModel 1, latency)
    console.log('\n## Document types (generated clean photos)\n');
    await runDocumentBench(documentBenchOptions());
  }
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`\npeak RSS of the bench process (its own engines and the client, not the service): ${rss.toFixed(0)} MB`);
}

async function benchMrz(verbose: boolean, cropLimit: number): Promise<void> {
  const engine = await createPaddleEngine({ threads: 1 });
  const second = await createTesseractReader();
  const ocrb = await createOcrbReader();
  const rows = [
    await evaluateImages(engine, { ocrb, second }, 'real photos (PassportEye testdata)', realPhotoCases(), verbose),
    await evaluateImages(engine, { ocrb, second }, 'ICAO / specimen scans', specimenCases(), verbose),
  ];
  console.log('## MRZ on images (one engine thread)\n');
  console.log(
    table(
      ['set', 'images', 'MRZ found', 'exact MRZ (openidv)', 'all fields (openidv)', 'exact MRZ (baseline)', 'all fields (baseline)', 'p50 ms', 'p95 ms', 'p50 detect ms', 'p50 recognise ms'],
      rows.map((r) => [
        r.set, r.images, r.found, `${r.exact} (${pct(r.exact, r.images)})`, `${r.fields} (${pct(r.fields, r.images)})`,
        `${r.baseExact} (${pct(r.baseExact, r.images)})`, `${r.baseFields} (${pct(r.baseFields, r.images)})`,
        ms(percentile(r.times, 0.5)), ms(percentile(r.times, 0.95)), ms(percentile(r.det, 0.5)), ms(percentile(r.rec, 0.5)),
      ]),
    ),
  );

  const faces = await createOcrbReader({ modelPath: ocrbFacesModel() });
  const crops = await evaluateCrops(engine, second, ocrb, faces, cropLimit, verbose);
  await ocrb.close();
  await faces.close();
  await second.close();
  console.log('\n## MRZ line crops (tesseractMRZ)\n');
  console.log(
    table(
      ['decoder', 'crops', 'exact lines', `exact, full-length lines (${crops.full})`, `exact as printed (${crops.fixed} transcriptions fixed)`, 'char accuracy', 'p50 ms/line', 'p95 ms/line'],
      (['ours', 'repaired', 'reread', 'voted', 'ocrb', 'faces', 'fused', 'plausible', 'base'] as const).map((k) => [
        {
          ours: 'openidv (MRZ alphabet, widened)',
          repaired: 'openidv + single-line repair',
          reread: 'openidv, chunked + margin reads, repair (valid, lowest cost)',
          voted: 'openidv, + tesseract vote on both reads (valid voted repair first)',
          ocrb: 'OCR-B model alone (trained on synthetic lines; unsure crops read in 16 reframings and voted); single-line repair unless sure',
          faces: 'second OCR-B model (trained on other faces too, proportional ones among them) alone, as above',
          fused: 'each OCR-B model fused with both reads, + tesseract vote (as the pipeline fuses an MRZ), its reading kept when sure; the two arbitrated by the other readers (arbitrateLineCrop)',
          plausible: 'as fused, then unknown state codes and unlikely name letters replaced where both OCR-B models allow (plausibleLineCrop)',
          base: 'baseline (unrestricted)',
        }[k],
        crops.crops,
        `${crops[k].exact} (${pct(crops[k].exact, crops.crops)})`,
        `${crops[k].exactFull} (${pct(crops[k].exactFull, crops.full)})`,
        `${crops[k].exactPrinted} (${pct(crops[k].exactPrinted, crops.crops)})`,
        pct(crops.chars - crops[k].errs, crops.chars),
        ms(percentile(crops[k].times, 0.5)),
        ms(percentile(crops[k].times, 0.95)),
      ]),
    ),
  );
  const missed = crops.crops - crops.plausible.exact;
  console.log(`\nThe ${missed} misses of the plausibleLineCrop row against the published transcriptions, by kind (cropMissKind, bench/lib.ts):\n`);
  console.log(
    table(
      ['kind', 'crops', 'meaning'],
      (Object.entries(CROP_MISS_KINDS) as [CropMissKind, string][]).map(([kind, meaning]) => [kind, crops.missKinds.get(kind) ?? 0, meaning]),
    ),
  );
  const share = (n: number) => `${n} (${((100 * n) / crops.crops).toFixed(2)}%)`;
  console.log(
    `\nA reader exact on every print except the characters ICAO 9303's classes forbid (read as allowed ones, as openidv's are) ` +
      `would score at most ${share(crops.reachable)} against the published transcriptions, and at most ` +
      `${share(crops.crops - (crops.missKinds.get('class') ?? 0))} as printed; 97% of the crops is ${Math.ceil(0.97 * crops.crops)}.`,
  );
  await engine.close?.();
}

async function benchHttp(requests: number): Promise<void> {
  // A 1000-px passport photo through the real API: official client → server → worker pool.
  const photo = await sharp(path.join(PUBLIC_DATA, 'PassportEye/tests/data/passport-td3.jpg')).resize({ width: 1000 }).jpeg({ quality: 90 }).toBuffer();
  // after the timed load, one photo of each type that needs another reader (Hangul, Traditional Chinese),
  // and a small passport photo whose MRZ is re-read with the second recogniser
  const small = await sharp(path.join(PUBLIC_DATA, 'PassportEye/tests/data/passport-td3.jpg')).resize({ width: 310 }).jpeg({ quality: 90 }).toBuffer();
  const warm = [
    ...(await Promise.all(
      (['CHN01001', 'KOR01001', 'HKG01002'] as const).map(async (code) => ({ docType: code, docPage: '01' as const, image: (await generateDocument({ code, seed: 1 })).image })),
    )),
    { docType: 'GLB03002', docPage: '01' as const, image: small },
  ];
  const { rows: load, passportRssMb, serviceRssMb, warmWallMs, warmCpuMs } = await benchServer(photo, requests, warm);
  console.log('\n## DocOcrMax over HTTP (1000-px passport photo, official client, `openidv serve` in its own process)\n');
  console.log(
    table(
      ['workers', 'concurrency', 'requests', 'all 200', 'p50 ms', 'p95 ms', 'throughput /s', 'service CPU ms/request'],
      load.map((l) => [l.workers, l.concurrency, l.requests, l.ok === l.requests ? 'yes' : `${l.ok}`, ms(l.p50), ms(l.p95), l.throughput.toFixed(2), ms(l.cpuMsPerRequest)]),
    ),
  );
  console.log(`\npeak RSS of the service process (all workers): ${passportRssMb.toFixed(0)} MB after the passport load, ${serviceRssMb.toFixed(0)} MB after one ${warm.map((w) => w.docType).join('/')} photo per worker too (every reader loaded; those ${warm.length * load[0]!.workers} requests took ${(warmWallMs / 1000).toFixed(1)} s wall, ${(warmCpuMs / 1000).toFixed(1)} s service CPU)`);
}

await main();
