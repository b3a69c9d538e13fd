/**
 * MRZ-in-photo benchmark for the PaddleOCR engine: detect every text box in the
 * PassportEye photos (+ the ICAO TD3/TD2 specimens), recognise them with the MRZ charset
 * and check that each ground-truth MRZ line is found as a box and read exactly.
 *
 *   npx tsx bench/engine-mrz-photos.ts [--maxSide 960] [--widen 1] [--crop source|detection] [--opts JSON] [--verbose]
 *
 * Data is read from the shared folder, never copied into the repo.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MRZ_CHARSET, createPaddleEngine } from '../src/engines/paddle.js';
import { PUBLIC_DATA as ROOT, arg, decodeRgb, editDistance } from './lib.js';

interface Item {
  readonly file: string;
  readonly mrz: readonly string[];
}

async function main(): Promise<void> {
  const maxSide = Number(arg('maxSide') ?? 960);
  const widen = Number(arg('widen') ?? 1);
  const cropFrom = (arg('crop') ?? 'source') as 'source' | 'detection';
  const verbose = process.argv.includes('--verbose');
  const gt = JSON.parse(await readFile(path.join(ROOT, 'PassportEye/mrz_ground_truth.json'), 'utf8')) as { file: string; mrz: string[] | null }[];
  const spec = JSON.parse(await readFile(path.join(ROOT, 'PassportEye/ground_truth.json'), 'utf8')) as { items: { file: string; mrz: string[] | null }[] };
  const items: Item[] = [
    ...spec.items.filter((i) => i.mrz && /passport-td[23]\.jpg$/.test(i.file)).map((i) => ({ file: path.join('PassportEye', i.file), mrz: i.mrz! })),
    ...gt.filter((g) => g.mrz).map((g) => ({ file: g.file, mrz: g.mrz! })),
  ];
  const engine = await createPaddleEngine({ cropFrom, ...JSON.parse(arg('opts') ?? '{}') });
  let lines = 0;
  let exact = 0;
  let found = 0;
  let detMs = 0;
  let recMs = 0;
  let boxesTotal = 0;
  for (const it of items) {
    const img = await decodeRgb(path.join(ROOT, it.file));
    const t0 = performance.now();
    const boxes = await engine.detect(img, { maxSide });
    const t1 = performance.now();
    const res = await engine.recognize(img, boxes, { charset: MRZ_CHARSET, widen });
    const t2 = performance.now();
    detMs += t1 - t0;
    recMs += t2 - t1;
    boxesTotal += boxes.length;
    const report: string[] = [];
    for (const want of it.mrz) {
      // ICAO readers transliterate: compare against the MRZ-alphabet form of the line.
      const target = want.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      let best = { d: Infinity, text: '' };
      for (const r of res) {
        const d = editDistance(r.text, target);
        if (d < best.d) best = { d, text: r.text };
      }
      lines++;
      if (best.d === 0) exact++;
      if (best.d <= Math.ceil(target.length * 0.25)) found++;
      report.push(`${best.d === 0 ? 'OK ' : `d=${best.d}`} ${target}${best.d === 0 ? '' : `\n      got ${best.text}`}`);
    }
    const ok = report.every((r) => r.startsWith('OK'));
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${it.file} ${img.width}x${img.height} boxes=${boxes.length} det=${(t1 - t0).toFixed(0)}ms rec=${(t2 - t1).toFixed(0)}ms`);
    if (!ok || verbose) for (const r of report) console.log(`    ${r}`);
  }
  console.log(
    `\n${items.length} images, ${lines} MRZ lines: found ${found} (${((100 * found) / lines).toFixed(1)}%), exact ${exact} (${((100 * exact) / lines).toFixed(1)}%); ` +
      `det ${(detMs / items.length).toFixed(0)} ms/image, rec ${(recMs / boxesTotal).toFixed(1)} ms/box (maxSide ${maxSide}, widen ${widen}, crop ${cropFrom}, opts ${arg('opts') ?? '{}'})`,
  );
  await engine.close();
}

await main();
