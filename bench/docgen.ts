/**
 * Document generator figures: time to render one photo per type, and (with --mrz) how often the
 * pipeline reads the generated MRZ documents exactly, per difficulty.
 *
 *   node dist/bench/docgen.js [--n 5] [--mrz]
 */
import { performance } from 'node:perf_hooks';
import { createPaddleEngine } from '../src/engines/paddle.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import { DOCGEN_TYPES, generateDocument, type Difficulty } from '../testkit/docgen/index.js';
import { arg, ms, pct, percentile, table } from './lib.js';

async function speed(n: number): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const t of DOCGEN_TYPES) {
    for (const page of t.pages) {
      const wall: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let seed = 1; seed <= n; seed++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const doc = await generateDocument({ code: t.code, page, seed, difficulty: 'normal' });
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        bytes += doc.image.length;
      }
      rows.push([`${t.code}-${page}`, n, ms(percentile(wall, 0.5)), ms(percentile(wall, 0.95)), ms(percentile(cpu, 0.5)), (bytes / n / 1024).toFixed(0)]);
    }
  }
  process.stdout.write(`\nRender time per photo (difficulty normal; CPU = main-thread JS + libvips time charged to the process)\n`);
  process.stdout.write(table(['type', 'photos', 'wall p50 ms', 'wall p95 ms', 'CPU p50 ms', 'JPEG KiB'], rows) + '\n');
}

async function mrz(n: number): Promise<void> {
  const engine = await createPaddleEngine();
  const recognize = createPipeline(engine);
  const rows: (string | number)[][] = [];
  for (const code of ['GLB03001', 'GLB03002', 'KOR03001', 'TD1']) {
    for (const difficulty of ['clean', 'normal', 'hard'] as Difficulty[]) {
      let exact = 0;
      for (let seed = 1; seed <= n; seed++) {
        const doc = await generateDocument({ code, seed, difficulty });
        const out = await recognize({
          image: doc.image,
          ocrModel: '2',
          docType: null,
          docPage: '01',
          idSpoof: false,
          idThreshold: '0',
          ocrValueStandard: false,
          authorize: false,
        });
        const info = out.kind === 'result' ? out.extIdInfo.ocrIdInfo : undefined;
        const t = doc.truth;
        if (
          info &&
          info.surname_s === t.surname &&
          info.given_name_s === t.givenname &&
          info.date_of_birth_s === t.birthDate &&
          info.card_number_s === (t.passportNo ?? t.documentNumber) &&
          info.sex_s === t.sex
        )
          exact++;
      }
      rows.push([code, difficulty, n, pct(exact, n)]);
    }
  }
  await engine.close();
  process.stdout.write(`\nGenerated MRZ documents read exactly by the pipeline (OcrModel 2 general fields)\n`);
  process.stdout.write(table(['type', 'difficulty', 'photos', 'all fields exact'], rows) + '\n');
}

const n = Number(arg('n') ?? 5);
await speed(n);
if (process.argv.includes('--mrz')) await mrz(n);
