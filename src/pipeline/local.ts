import { createOcrbReader } from '../engines/ocrb.js';
import { createPaddleEngine } from '../engines/paddle.js';
import { createTesseractReader } from '../engines/tesseract.js';
import { createPipeline } from './pipeline.js';
import type { Recognizer } from './types.js';

/** Recognition on the calling thread: for the CLI and benchmarks, where no server needs the event loop. */
export async function createLocalRecognizer(options: { engineThreads: number }): Promise<Recognizer> {
  const reader = await createTesseractReader();
  const ocrb = await createOcrbReader({ threads: options.engineThreads });
  const engine = await createPaddleEngine({ threads: options.engineThreads });
  const pipeline = createPipeline(engine, { reader, mrzReaders: { ocrb, second: reader } });
  return {
    recognize: pipeline,
    close: async () => {
      await reader.close();
      await ocrb.close();
    },
  };
}
