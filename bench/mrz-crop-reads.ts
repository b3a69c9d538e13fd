/**
 * Several reads of each tesseractMRZ line crop (preprocessing variants), dumped as JSON for offline
 * combination studies (docs/mrz-accuracy.md). Every `every`-th crop from `offset`; a variant is a
 * margin (fractions of the crop height), a widening and engine options:
 *
 *   node dist/bench/mrz-crop-reads.js --every 6 --offset 0 --out /tmp/reads.json \
 *     [--variants '{"c640":{"pad":[0,0],"widen":1.2,"engine":{"recChunkWidth":640,"recMerge":"minblank"}}}']
 */
import fs from 'node:fs';
import path from 'node:path';
import { MRZ_CHARSET, createPaddleEngine, type PaddleEngine, type PaddleEngineOptions } from '../src/engines/paddle.js';
import { padBackground } from '../src/engines/paddle/image.js';
import { PUBLIC_DATA, arg, decodeRgb } from './lib.js';

const dir = path.join(PUBLIC_DATA, 'tesseractMRZ/dataset');
const every = Number(arg('every') ?? 6);
const offset = Number(arg('offset') ?? 0);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tif')).sort().filter((_, i) => i % every === offset);
const variants: Record<string, { pad: [number, number]; widen: number; engine?: PaddleEngineOptions }> = JSON.parse(
  arg('variants') ??
    '{"w12":{"pad":[0,0],"widen":1.2},"w12m":{"pad":[0.5,0.2],"widen":1.2},"w10m":{"pad":[0.5,0.2],"widen":1.0},"w15m":{"pad":[0.5,0.2],"widen":1.5}}',
);
const engines = new Map<string, PaddleEngine>();
for (const [k, v] of Object.entries(variants)) engines.set(k, await createPaddleEngine({ threads: 1, ...v.engine }));
const out: unknown[] = [];
const cpu0 = process.cpuUsage();
for (const f of files) {
  const gt = fs.readFileSync(path.join(dir, f.replace(/\.tif$/, '.gt.txt')), 'utf8').trim();
  const img = await decodeRgb(path.join(dir, f));
  const reads: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(variants)) {
    const src = v.pad[0] || v.pad[1] ? padBackground(img, Math.round(v.pad[0] * img.height), Math.round(v.pad[1] * img.height)) : img;
    const r = await engines.get(k)!.recognizeLine(src, { charset: MRZ_CHARSET, widen: v.widen });
    reads[k] = { text: r.text, confidence: r.confidence, chars: r.chars };
  }
  out.push({ file: f, gt, reads });
}
const cpu = process.cpuUsage(cpu0);
console.log(`${files.length} crops, ${(((cpu.user + cpu.system) / 1000 / files.length)).toFixed(0)} ms CPU per crop (all variants)`);
fs.writeFileSync(arg('out') ?? '/tmp/reads.json', JSON.stringify(out));
for (const e of engines.values()) await e.close();
