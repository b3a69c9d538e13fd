/**
 * The real-photo MRZ set alone: which photos are read exactly, CPU time of each locateMrz call
 * (the tesseract second reader runs in this process: its time is counted).
 *
 *   node dist/bench/mrz-photo-misses.js [--match SUBSTRING] [--no-second-reader] [--no-ocrb] [--ocrb-model FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createOcrbReader } from '../src/engines/ocrb.js';
import { createPaddleEngine } from '../src/engines/paddle.js';
import { createTesseractReader } from '../src/engines/tesseract.js';
import { loadImage } from '../src/intake/index.js';
import { locateMrz } from '../src/pipeline/locate-mrz.js';
import { PUBLIC_DATA, arg, percentile } from './lib.js';

const items = (JSON.parse(fs.readFileSync(path.join(PUBLIC_DATA, 'PassportEye/mrz_ground_truth.json'), 'utf8')) as Array<{ file: string; mrz: string[] | null }>)
  .filter((i) => i.mrz && i.file.includes(arg('match') ?? ''));
const engine = await createPaddleEngine({ threads: 1 });
const second = process.argv.includes('--no-second-reader') ? null : await createTesseractReader();
const ocrbModel = arg('ocrb-model');
const ocrb = process.argv.includes('--no-ocrb') ? null : await createOcrbReader(ocrbModel ? { modelPath: ocrbModel } : {});
let exact = 0;
let secondReads = 0;
const cpus: number[] = [];
for (const it of items) {
  const image = await loadImage(fs.readFileSync(path.join(PUBLIC_DATA, it.file)), { minSide: 1 });
  const c0 = process.cpuUsage();
  const timings: Record<string, number> = {};
  const located = await locateMrz(engine, image.rgb, timings, undefined, { second, ocrb });
  if (timings.secondRead !== undefined) secondReads++;
  const c = process.cpuUsage(c0);
  cpus.push((c.user + c.system) / 1000);
  const truth = it.mrz!.map((l) => l.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  const ok = located?.mrz.lines.join('\n') === truth.join('\n');
  if (ok) exact++;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${it.file} ${image.rgb.width}x${image.rgb.height} cpu ${cpus.at(-1)!.toFixed(0)} ms${timings.secondRead !== undefined ? ' (second reader)' : ''}`);
  if (!ok) console.log(`    truth: ${truth.join(' / ')}\n    ours : ${located?.mrz.lines.join(' / ') ?? '(none)'}\n    raw  : ${located?.lines.map((l) => l.text).join(' / ')}`);
}
console.log(`exact ${exact}/${items.length}; second reader on ${secondReads}; CPU per photo p50 ${percentile(cpus, 0.5).toFixed(0)} ms, p95 ${percentile(cpus, 0.95).toFixed(0)} ms`);
await engine.close();
await second?.close();
await ocrb?.close();
