import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RecognitionOutcome, RecognitionRequest, Recognizer } from './types.js';

export interface PoolOptions {
  readonly workers: number;
  readonly engineThreads: number;
}

/**
 * Recognition off the event loop: a pool of worker threads, each with its own ONNX sessions
 * (sessions cannot be shared between threads). Resolves once every worker has its engine warm.
 */
export async function createWorkerPool(options: PoolOptions): Promise<Recognizer> {
  const pool = new Piscina({
    filename: fileURLToPath(new URL('./worker.js', import.meta.url)),
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { engineThreads: options.engineThreads },
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
      const job = pool.run(request, { name: 'recognize' }) as Promise<RecognitionOutcome>;
      const tracked = job.catch(() => undefined).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      return job;
    },
    close: async () => {
      await Promise.all([...inFlight]);
      await pool.destroy();
    },
  };
}
