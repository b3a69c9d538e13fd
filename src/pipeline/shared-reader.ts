/**
 * One script line reader shared by every recognition worker thread. Each tesseract reader holds its
 * language data and WebAssembly heaps (about 250 MB for eng, chi_tra, kor+eng and kor), so one per
 * worker thread made the service's peak grow with the pool; the shared one lives in the thread that
 * owns the pool, and the workers reach it over a MessagePort handed to each recognition task.
 * Tesseract runs in its own worker threads, so the owning thread only relays and scales crops.
 */
import type { MessagePort } from 'node:worker_threads';
import type { AlphabetLineReader, RgbImage, Script, ScriptLineReader } from '../engines/engine.js';

/** A line of a script (readLine), or a line restricted to an alphabet (readAlphabetLine). */
type LineRequest = { readonly id: number; readonly image: RgbImage } & (
  | { readonly script: Script }
  | { readonly alphabet: string }
);

type LineReply =
  | { readonly id: number; readonly text: string; readonly confidence: number }
  | { readonly id: number; readonly error: string };

/** Answers the line requests that arrive on `port` with `reader` until the port is closed. */
export function serveReader(reader: ScriptLineReader & AlphabetLineReader, port: MessagePort): void {
  port.on('message', (req: LineRequest) => {
    const read = 'script' in req ? reader.readLine(req.image, req.script) : reader.readAlphabetLine(req.image, req.alphabet);
    read.then(
      ({ text, confidence }) => port.postMessage({ id: req.id, text, confidence } satisfies LineReply),
      (err: unknown) => port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies LineReply),
    );
  });
}

/**
 * A reader that sends each line to the reader served on the other end of `port`. `close()` closes
 * the port (not the shared reader); lines still pending are then rejected.
 */
export function portReader(port: MessagePort, scripts: readonly Script[]): ScriptLineReader & AlphabetLineReader {
  const pending = new Map<number, { resolve: (r: { text: string; confidence: number }) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  port.on('message', (reply: LineReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve({ text: reply.text, confidence: reply.confidence });
  });
  port.once('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('script line reader closed'));
    pending.clear();
  });
  const send = (image: RgbImage, what: { script: Script } | { alphabet: string }) => {
    const id = nextId++;
    // a copy of the crop alone (a view would carry its whole buffer), moved rather than cloned
    const data = image.data.slice();
    return new Promise<{ text: string; confidence: number }>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      port.postMessage({ id, image: { width: image.width, height: image.height, data }, ...what } satisfies LineRequest, [data.buffer]);
    });
  };
  return {
    scripts,
    readLine: (image: RgbImage, script: Script) => send(image, { script }),
    readAlphabetLine: (image: RgbImage, alphabet: string) => send(image, { alphabet }),
    async close() {
      port.close();
    },
  };
}
