import { threadId, workerData } from 'node:worker_threads';
import { createPaddleEngine } from '../engines/paddle.js';
import { createTesseractReader } from '../engines/tesseract.js';
import { createPipeline } from './pipeline.js';
import type { RecognitionOutcome, RecognitionRequest } from './types.js';

// Loaded once per worker thread, before the first task is accepted.
const engine = await createPaddleEngine({ threads: (workerData as { engineThreads?: number } | null)?.engineThreads ?? 1 });
// the script reader starts its tesseract workers on first use: passports with a clear MRZ never pay for them
const reader = await createTesseractReader();
const pipeline = createPipeline(engine, { reader, mrzReader: reader });

/** Answers with the worker's thread id once its engine is warm (lets the pool wait for every worker). */
export async function ping(): Promise<number> {
  await new Promise((r) => setTimeout(r, 20));
  return threadId;
}

export function recognize(request: RecognitionRequest): Promise<RecognitionOutcome> {
  return pipeline(request);
}
