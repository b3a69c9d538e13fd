/**
 * Line reader for the scripts PaddleOCR's Chinese recogniser reads badly: Hangul (tesseract `kor+eng`),
 * Traditional Chinese (`chi_tra`) and the word spaces of Latin text (`eng`), on tesseract.js with the language data of the installed
 * @tesseract.js-data packages (`4.0.0_best_int`, gzip as shipped; nothing is downloaded or cached
 * on disk). One tesseract worker per script, started on first use and reused; each reads one line
 * at a time (page segmentation mode 7) after the crop is scaled to about 48 px of height.
 * Measurements behind these choices: ../shared/spec/ocr-engine-notes.md.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { RgbImage, Script, ScriptLineReader } from './engine.js';

const LANGUAGES: Readonly<Partial<Record<Script, readonly string[]>>> = {
  hangul: ['kor', 'eng'],
  hant: ['chi_tra'],
  // word spaces of Latin text, which the general recogniser often drops
  latin: ['eng'],
};

/** Height a line is scaled to before reading (tesseract's LSTM models read best near x-height 20-30 px). */
const LINE_HEIGHT = 48;
/**
 * White margin around the line, in pixels at LINE_HEIGHT: tesseract loses edge glyphs without one.
 * White, not the crop's edge repeated: an edge cutting through a neighbouring line would be
 * smeared into strokes.
 */
const MARGIN = 12;

const require = createRequire(import.meta.url);

/** The folder of `<lang>.traineddata.gz` inside the installed data package. */
export function languageDataDir(lang: string): string {
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
}

interface ScriptWorker {
  readonly worker: Worker;
  /** Reads are serialised: one tesseract worker recognises one image at a time. */
  queue: Promise<unknown>;
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/** Tesseract separates CJK characters with spaces that are not printed; Hangul words keep theirs. */
export function cleanLineText(text: string, script: Script): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return script === 'hant' ? line.replace(SPACE_BETWEEN_CJK, '') : line;
}

export async function createTesseractReader(): Promise<ScriptLineReader> {
  const workers = new Map<Script, Promise<ScriptWorker>>();
  let dataDir: Promise<string> | null = null;

  // Languages read together must sit in one folder: a private folder of links to the packaged files.
  const langPath = () =>
    (dataDir ??= (async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'openidv-tessdata-'));
      for (const langs of Object.values(LANGUAGES)) {
        for (const lang of langs) {
          const file = `${lang}.traineddata.gz`;
          await symlink(path.join(languageDataDir(lang), file), path.join(dir, file)).catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'EEXIST') throw err;
          });
        }
      }
      return dir;
    })());

  const start = async (script: Script): Promise<ScriptWorker> => {
    const langs = LANGUAGES[script];
    if (!langs) throw new Error(`no tesseract language for script ${script}`);
    const worker = await createWorker(langs.join('+'), OEM.LSTM_ONLY, {
      langPath: await langPath(),
      gzip: true,
      cacheMethod: 'none',
    });
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE, preserve_interword_spaces: '1', user_defined_dpi: '300' });
    return { worker, queue: Promise.resolve() };
  };

  const workerFor = (script: Script): Promise<ScriptWorker> => {
    let w = workers.get(script);
    if (!w) {
      w = start(script);
      workers.set(script, w);
      w.catch(() => workers.delete(script));
    }
    return w;
  };

  return {
    scripts: Object.keys(LANGUAGES) as Script[],
    async readLine(image: RgbImage, script: Script) {
      if (image.width < 2 || image.height < 2) return { text: '', confidence: 0 };
      const scale = LINE_HEIGHT / image.height;
      const png = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
        raw: { width: image.width, height: image.height, channels: 3 },
      })
        .resize({ width: Math.max(1, Math.round(image.width * scale)), height: LINE_HEIGHT, kernel: 'cubic' })
        .greyscale()
        .extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toBuffer();
      const w = await workerFor(script);
      const run = w.queue.then(() => w.worker.recognize(png));
      w.queue = run.catch(() => undefined);
      const { data } = await run;
      return { text: cleanLineText(data.text, script), confidence: Math.max(0, Math.min(1, data.confidence / 100)) };
    },
    async close() {
      const started = [...workers.values()];
      workers.clear();
      await Promise.all(started.map(async (w) => (await w.catch(() => null))?.worker.terminate()));
      if (dataDir) await rm(await dataDir, { recursive: true, force: true });
      dataDir = null;
    },
  };
}
