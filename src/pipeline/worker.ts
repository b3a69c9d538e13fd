import { threadId, workerData, type MessagePort } from 'node:worker_threads';
import type { Script } from '../engines/engine.js';
import { createOcrbReader } from '../engines/ocrb.js';
import { createPaddleEngine } from '../engines/paddle.js';
import { createPipeline } from './pipeline.js';
import { portReader } from './shared-reader.js';
import type { RecognitionOutcome, RecognitionRequest } from './types.js';

interface WorkerSettings {
  readonly engineThreads?: number;
  /** Scripts of the pool's shared line reader. */
  readonly readerScripts?: readonly Script[];
}

export interface RecognitionTask {
  readonly request: RecognitionRequest;
  /** Reaches the pool's shared script line reader for this task. */
  readonly readerPort: MessagePort;
}

const settings = (workerData ?? {}) as WorkerSettings;
// Loaded once per worker thread, before the first task is accepted.
const engine = await createPaddleEngine({ threads: settings.engineThreads ?? 1 });
const ocrb = await createOcrbReader({ threads: settings.engineThreads ?? 1 });

/** Answers with the worker's thread id once its engine is warm (lets the pool wait for every worker). */
export async function ping(): Promise<number> {
  await new Promise((r) => setTimeout(r, 20));
  return threadId;
}

export async function recognize({ request, readerPort }: RecognitionTask): Promise<RecognitionOutcome> {
  const reader = portReader(readerPort, settings.readerScripts ?? []);
  try {
    return await createPipeline(engine, { reader, mrzReaders: { ocrb, second: reader } })(request);
  } finally {
    await reader.close();
  }
}
