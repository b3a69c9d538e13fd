/**
 * Speed of the PaddleOCR engine on one thread (what one worker gets).
 *
 *   npx tsx bench/engine-speed.ts [--runs 10] [--threads 1]
 *
 * Prints p50 times for: detect() at maxSide 960 and 736 (with the pre-processing / model /
 * post-processing split), the recogniser model alone at several widths and batch sizes,
 * recognize() on the two MRZ lines of the ICAO TD3 specimen, with and without the angle
 * classifier, and the effect of the load-time graph rewrite.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { RgbImage } from '../src/engines/engine.js';
import { MRZ_CHARSET, createPaddleEngine } from '../src/engines/paddle.js';
import { dbPostprocess, detInputSize, detPreprocess } from '../src/engines/paddle/detect.js';
import { MODEL_FILES, defaultModelDir, openSession, run1 } from '../src/engines/paddle/models.js';
import { PUBLIC_DATA as ROOT, arg as textArg, decodeRgb } from './lib.js';

const arg = (name: string, d: number): number => Number(textArg(name) ?? d);

async function p50(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

const runs = arg('runs', 10);
const threads = arg('threads', 1);
const fmt = (v: number): string => v.toFixed(1).padStart(7);

const images: [string, RgbImage][] = [
  ['passport-td3.jpg', await decodeRgb(path.join(ROOT, 'PassportEye/tests/data/passport-td3.jpg'))],
  ['100_pass-lux.jpg', await decodeRgb(path.join(ROOT, 'PassportEye/passporteye/mrz/testdata/100_pass-lux.jpg'))],
];
// A phone-camera-sized frame (the TD3 specimen enlarged to 4000 px) to show the resize cost.
{
  const { data, info } = await sharp(path.join(ROOT, 'PassportEye/tests/data/passport-td3.jpg')).resize({ width: 4000 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  images.push(['td3 @4000px', { data: new Uint8Array(data), width: info.width, height: info.height }]);
}

console.log(`threads=${threads}, p50 of ${runs} runs (ms)\n`);
const det = await openSession(path.join(defaultModelDir(), MODEL_FILES.det), { threads });
console.log('detect                       size      total    prep   model    post');
for (const [name, img] of images) {
  for (const maxSide of [960, 736]) {
    const { width, height } = detInputSize(img.width, img.height, maxSide, 736);
    let tensor = detPreprocess(img, width, height);
    let out = await run1(det, tensor, [1, 3, height, width]);
    const prep = await p50(runs, async () => {
      tensor = detPreprocess(img, width, height);
    });
    const model = await p50(runs, async () => {
      out = await run1(det, tensor, [1, 3, height, width]);
    });
    const post = await p50(runs, async () => dbPostprocess(out.data, width, height, img.width, img.height));
    console.log(`${`${name} max ${maxSide}`.padEnd(28)} ${`${width}x${height}`.padEnd(9)} ${fmt(prep + model + post)} ${fmt(prep)} ${fmt(model)} ${fmt(post)}`);
  }
}

console.log('\nrecogniser model alone (batch x width): total, per line');
for (const optimizeGraph of [true, false]) {
  const rec = await openSession(path.join(defaultModelDir(), MODEL_FILES.rec), { threads, optimizeGraph });
  for (const [n, w] of [
    [1, 320],
    [4, 320],
    [1, 640],
    [1, 1000],
    [1, 1500],
  ]) {
    const t = new Float32Array(n * 3 * 48 * w).map(() => Math.random() * 2 - 1);
    const ms = await p50(runs, () => run1(rec, t, [n, 3, 48, w]));
    console.log(`  ${optimizeGraph ? 'rewritten' : 'exported '} ${n} x ${String(w).padEnd(5)} ${fmt(ms)} ${fmt(ms / n)}`);
  }
  await rec.release();
}

const [, td3] = images[0];
for (const useAngleClassifier of [false, true]) {
  const engine = await createPaddleEngine({ threads, useAngleClassifier });
  const boxes = await engine.detect(td3);
  const mrz = boxes.slice(-2);
  const line = await p50(runs, () => engine.recognize(td3, mrz, { charset: MRZ_CHARSET }));
  const all = await p50(Math.max(3, runs / 3), () => engine.recognize(td3, boxes, { charset: MRZ_CHARSET }));
  console.log(
    `\nrecognize(), angle classifier ${useAngleClassifier ? 'on ' : 'off'}: TD3 MRZ line ${fmt(line / 2)} ms/line; all ${boxes.length} boxes ${fmt(all)} ms (${fmt(all / boxes.length)} ms/box)`,
  );
  await engine.close();
}
