import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { createTesseractReader } from '../engines/tesseract.js';
import { serveReader } from './shared-reader.js';
import type { RecognitionOutcome, RecognitionRequest, Recognizer } from './types.js';
import type { RecognitionTask } from './worker.js';

export interface PoolOptions {
  readonly workers: number;
  readonly engineThreads: number;
  /** Seconds before an unused tesseract language worker is released (0 or absent: kept). */
  readonly readerIdleSeconds?: number;
}

/**
 * Recognition off the event loop: a pool of worker threads, each with its own ONNX sessions
 * (sessions cannot be shared between threads), and one script line reader in this thread that all
 * of them share (shared-reader.ts; its tesseract workers start on first use). Resolves once every
 * worker has its engine warm.
 */
export async function createWorkerPool(options: PoolOptions): Promise<Recognizer> {
  const reader = await createTesseractReader({ idleMs: (options.readerIdleSeconds ?? 0) * 1000 });
  const pool = new Piscina({
    filename: fileURLToPath(new URL('./worker.js', import.meta.url)),
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { engineThreads: options.engineThreads, readerScripts: reader.scripts },
  });
  const ready = new Set<number>();
  for (let attempt = 0; ready.size < options.workers && attempt < 50 * options.workers; attempt++) {
    const ids = await Promise.all(
      Array.from({ length: options.workers }, () => pool.run(null, { name: 'ping' }) as Promise<number>),
    );
    for (const id of ids) ready.add(id);
  }
  // Terminating a worker while ONNX Runtime is inside a native call aborts the whole process, so
  // close() lets the recognitions already started finish first.
  const inFlight = new Set<Promise<unknown>>();
  return {
    recognize: (request: RecognitionRequest) => {
      const { port1, port2 } = new MessageChannel();
      serveReader(reader, port1);
      const job = pool.run({ request, readerPort: port2 } satisfies RecognitionTask, { name: 'recognize', transferList: [port2] }) as Promise<RecognitionOutcome>;
      const tracked = job.catch(() => undefined).finally(() => {
        port1.close();
        inFlight.delete(tracked);
      });
      inFlight.add(tracked);
      return job;
    },
    close: async () => {
      await Promise.all([...inFlight]);
      await pool.destroy();
      await reader.close();
    },
  };
}
