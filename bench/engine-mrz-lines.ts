/**
 * MRZ line-crop benchmark for the PaddleOCR engine.
 *
 *   node dist/bench/engine-mrz-lines.js [--limit N] [--widen 1,1.2,1.5] [--pad 0,0.1] [--fill 1,2] [--threads 1]
 *                                     [--opts '{"recMerge":"minblank","recChunkWidth":480}'] [--data DIR] [--errors]
 *
 * Reads the tesseractMRZ line crops (*.tif + *.gt.txt) from the shared data folder (never
 * copied into the repo), recognises each with `recognizeLine` and the MRZ charset, and
 * prints one row per configuration: crops, exact-line %, character accuracy %, p50/p95 ms.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RgbImage } from '../src/engines/engine.js';
import { MRZ_CHARSET, createPaddleEngine, type PaddleEngineOptions } from '../src/engines/paddle.js';
import { repairMrzLine } from '../src/documents/mrz/index.js';
import { PUBLIC_DATA, arg, decodeRgb, editDistance, percentile } from './lib.js';

const nums = (s: string | undefined, d: number[]): number[] => (s ? s.split(',').map(Number) : d);

async function main(): Promise<void> {
  const dir = arg('data') ?? path.join(PUBLIC_DATA, 'tesseractMRZ/dataset');
  const limit = Number(arg('limit') ?? 0);
  const widens = nums(arg('widen'), [1, 1.2]);
  const pads = nums(arg('pad'), [0]);
  const fills = nums(arg('fill'), [1]);
  const threads = Number(arg('threads') ?? 1);
  const showErrors = process.argv.includes('--errors');
  const repair = process.argv.includes('--repair');
  const engineOpts: PaddleEngineOptions = { threads, ...(JSON.parse(arg('opts') ?? '{}') as PaddleEngineOptions) };

  let files = (await readdir(dir)).filter((f) => f.endsWith('.tif')).sort();
  if (limit > 0 && limit < files.length) {
    // Evenly spaced sample, deterministic.
    const step = files.length / limit;
    files = Array.from({ length: limit }, (_, i) => files[Math.floor(i * step)]);
  }
  const items: { name: string; img: RgbImage; gt: string }[] = [];
  for (const f of files) {
    const gt = (await readFile(path.join(dir, f.replace(/\.tif$/, '.gt.txt')), 'utf8')).trim();
    items.push({ name: f, img: await decodeRgb(path.join(dir, f)), gt });
  }

  console.log(`${items.length} crops from ${dir}, engine options ${JSON.stringify(engineOpts)}`);
  console.log('| widen | pad | filler weight | crops | exact % | char acc % | p50 ms | p95 ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const pad of pads) {
    const engine = await createPaddleEngine({ ...engineOpts, linePad: pad });
    for (const widen of widens) for (const fill of fills) {
      let exact = 0;
      let chars = 0;
      let errs = 0;
      const times: number[] = [];
      const errors: string[] = [];
      for (const it of items) {
        const t0 = performance.now();
        const r = await engine.recognizeLine(it.img, { charset: MRZ_CHARSET, widen, charWeights: fill === 1 ? undefined : { '<': fill } });
        const text = repair ? (repairMrzLine(r)?.text ?? r.text) : r.text;
        times.push(performance.now() - t0);
        const ed = editDistance(text, it.gt);
        chars += it.gt.length;
        errs += Math.min(ed, it.gt.length);
        if (ed === 0) exact++;
        else errors.push(`${it.name}\n  gt : ${it.gt}\n  got: ${text}${text === r.text ? '' : `\n  raw: ${r.text}`}`);
      }
      console.log(
        `| ${widen} | ${pad} | ${fill} | ${items.length} | ${((100 * exact) / items.length).toFixed(2)} | ${((100 * (chars - errs)) / chars).toFixed(2)} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} |`,
      );
      if (showErrors) console.log(errors.join('\n'));
    }
    await engine.close();
  }
}

await main();
