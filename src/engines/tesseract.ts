/**
 * Line reader for the scripts PaddleOCR's Chinese recogniser reads badly: Hangul (tesseract `kor+eng`),
 * Traditional Chinese (`chi_tra`) and the word spaces of Latin text (`eng`), on tesseract.js with the language data of the installed
 * @tesseract.js-data packages (`4.0.0_best_int`, gzip as shipped; nothing is downloaded or cached
 * on disk). One tesseract worker per script, started on first use and reused (or released after an
 * idle period, see TesseractReaderOptions); each reads one line
 * at a time (page segmentation mode 7) after the crop is scaled to about 48 px of height.
 * Hangul lines: a binarised second reading when the first is unsure, another with `kor` alone
 * when `kor+eng` gave stray symbols, and digits
 * shorter than the line's other digits turned back into the lower-case letters they resemble.
 * Measurements behind these choices: ../shared/spec/ocr-engine-notes.md.
 * Also a reader of lines in a restricted alphabet (MRZ lines), the second opinion on what the
 * PaddleOCR recogniser read (docs/mrz-accuracy.md): `eng` with a character whitelist and no
 * dictionaries, the line scaled to 32 px of height.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { AlphabetLineReader, RgbImage, Script, ScriptLineReader } from './engine.js';

const LANGUAGES: Readonly<Partial<Record<Script, readonly string[]>>> = {
  hangul: ['kor', 'eng'],
  hant: ['chi_tra'],
  // word spaces of Latin text, which the general recogniser often drops
  latin: ['eng'],
};
/**
 * `kor+eng` sometimes turns a Hangul syllable into a symbol (`803호` → `803%`); `kor` alone reads
 * those syllables but garbles Latin, so it is asked only when the first reading has such symbols.
 */
const SECOND_OPINION: Readonly<Partial<Record<Script, string>>> = { hangul: 'kor' };
const STRAY_SYMBOLS = /[^\p{L}\p{N}\s.,:;()\-~/'"]/gu;
const straySymbols = (text: string): number => text.match(STRAY_SYMBOLS)?.length ?? 0;

/**
 * A Hangul line read with less confidence than this is read again binarised (contrast stretched,
 * then thresholded), and the more confident reading kept: a clean `윤지수` once came back as
 * `E21` (12) in grey and right (94) binarised. Right lines score 0.86-0.90 on average, wrong ones
 * 0.46-0.58 (../shared/spec/ocr-engine-notes.md).
 */
const BINARISE_BELOW = 0.7;
const BINARY_THRESHOLD = 140;

/** Lower-case letters a recogniser takes for digits of the same shape. */
const LOWERCASE_FOR_DIGIT: Readonly<Record<string, string>> = { '6': 'e', '0': 'o', '5': 's', '2': 'z' };

export interface SymbolBox {
  readonly text: string;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Digits are as tall as capitals; a "digit" no taller than the x-height among full-height digits
 * of the same line is a lower-case letter of the same shape (`(e편한세상)` read as `(6편한세상)`).
 * `symbols` are the recognised glyphs in text order (whitespace excluded); when they do not line
 * up with the text, the text is returned unchanged.
 */
export function restoreLowercase(text: string, symbols: readonly SymbolBox[]): string {
  const glyphs = [...text].filter((c) => !/\s/.test(c));
  if (glyphs.length !== symbols.length || glyphs.some((c, i) => c !== symbols[i]!.text)) return text;
  const digitHeights = symbols.filter((s) => /^\d$/.test(s.text)).map((s) => s.bottom - s.top);
  if (digitHeights.length < 3) return text;
  const full = [...digitHeights].sort((a, b) => a - b)[Math.floor(digitHeights.length / 2)]!;
  const lowered = new Set(symbols.flatMap((s, i) => (LOWERCASE_FOR_DIGIT[s.text] && s.bottom - s.top < full * 0.85 ? [i] : [])));
  if (lowered.size === 0) return text;
  let k = 0;
  return [...text].map((c) => (/\s/.test(c) ? c : lowered.has(k++) ? LOWERCASE_FOR_DIGIT[c]! : c)).join('');
}

/** Height a line is scaled to before reading (tesseract's LSTM models read best near x-height 20-30 px). */
const LINE_HEIGHT = 48;
/**
 * White margin around the line, in pixels at LINE_HEIGHT: tesseract loses edge glyphs without one.
 * White, not the crop's edge repeated: an edge cutting through a neighbouring line would be
 * smeared into strokes.
 */
const MARGIN = 12;

/**
 * Alphabet lines (MRZ): crop height after scaling, and the white margin around it. Set on every 8th
 * tesseractMRZ crop of the tuning half (docs/mrz-accuracy.md): 24-32 px read best, 40-48 px worse.
 */
const ALPHABET_LINE_HEIGHT = 32;
const ALPHABET_MARGIN = 8;
/** Restricted lines are codes, not words: tesseract's word lists would pull them towards English. */
const NO_DICTIONARIES = { load_system_dawg: '0', load_freq_dawg: '0' };

const require = createRequire(import.meta.url);

/** The folder of `<lang>.traineddata.gz` inside the installed data package. */
export function languageDataDir(lang: string): string {
  return path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
}

interface ScriptWorker {
  readonly worker: Promise<Worker>;
  /** Reads are serialised: one tesseract worker recognises one image at a time. */
  queue: Promise<unknown>;
  /** Reads queued or running; the worker is released only when none are. */
  busy: number;
  idleTimer?: NodeJS.Timeout;
}

export interface TesseractReaderOptions {
  /**
   * A language worker unused for this long is terminated (its language data and WebAssembly heap
   * freed) and started again on the next read of its script; 0 keeps workers until close().
   */
  readonly idleMs?: number;
}

export interface TesseractReader extends ScriptLineReader, AlphabetLineReader {
  /** Language combinations whose workers are started or starting ('kor+eng', 'chi_tra' …). */
  loadedLanguages(): string[];
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/** Tesseract separates CJK characters with spaces that are not printed; Hangul words keep theirs. */
export function cleanLineText(text: string, script: Script): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return script === 'hant' ? line.replace(SPACE_BETWEEN_CJK, '') : line;
}

export async function createTesseractReader(options: TesseractReaderOptions = {}): Promise<TesseractReader> {
  const idleMs = options.idleMs ?? 0;
  /** Workers by language combination ('kor+eng', 'kor' …), and `eng|ALPHABET` for alphabet lines. */
  const workers = new Map<string, ScriptWorker>();
  let dataDir: Promise<string> | null = null;
  let closed = false;

  // Languages read together must sit in one folder: a private folder of links to the packaged files.
  const langPath = () =>
    (dataDir ??= (async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'openidv-tessdata-'));
      for (const langs of [...Object.values(LANGUAGES), ...Object.values(SECOND_OPINION).map((l) => [l])]) {
        for (const lang of langs) {
          const file = `${lang}.traineddata.gz`;
          await symlink(path.join(languageDataDir(lang), file), path.join(dir, file)).catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'EEXIST') throw err;
          });
        }
      }
      return dir;
    })());

  const start = async (langs: string, alphabet?: string): Promise<Worker> => {
    const worker = await createWorker(
      langs,
      OEM.LSTM_ONLY,
      { langPath: await langPath(), gzip: true, cacheMethod: 'none' },
      alphabet === undefined ? undefined : NO_DICTIONARIES,
    );
    await worker.setParameters({
      tessedit_pageseg_mode: PSM.SINGLE_LINE,
      preserve_interword_spaces: '1',
      user_defined_dpi: '300',
      ...(alphabet === undefined ? {} : { tessedit_char_whitelist: alphabet }),
    });
    return worker;
  };

  const release = (key: string, w: ScriptWorker) => {
    if (workers.get(key) !== w) return;
    workers.delete(key);
    clearTimeout(w.idleTimer);
    void w.worker.then((worker) => worker.terminate(), () => undefined);
  };

  const workerFor = (key: string, langs: string, alphabet?: string): ScriptWorker => {
    if (closed) throw new Error('tesseract reader closed');
    let w = workers.get(key);
    if (!w) {
      const entry: ScriptWorker = { worker: start(langs, alphabet), queue: Promise.resolve(), busy: 0 };
      entry.worker.catch(() => workers.get(key) === entry && workers.delete(key));
      workers.set(key, entry);
      w = entry;
    }
    return w;
  };

  /** Runs one read on the worker of `langs` (restricted to `alphabet`), after the reads queued before it. */
  const onWorker = async <T>(langs: string, read: (worker: Worker) => Promise<T>, alphabet?: string): Promise<T> => {
    const key = alphabet === undefined ? langs : `${langs}|${alphabet}`;
    const w = workerFor(key, langs, alphabet);
    w.busy++;
    clearTimeout(w.idleTimer);
    const run = w.queue.then(async () => read(await w.worker));
    w.queue = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      if (--w.busy === 0 && idleMs > 0) {
        w.idleTimer = setTimeout(() => release(key, w), idleMs);
        // an idle reader must not keep the process alive
        w.idleTimer.unref();
      }
    }
  };

  const recognize = async (langs: string, png: Buffer, script: Script) => {
    // glyph boxes only where they are used (x-height digits on Hangul lines)
    const glyphs = script === 'hangul';
    const { data } = await onWorker(langs, (worker) => worker.recognize(png, {}, { text: true, blocks: glyphs }));
    const symbols: SymbolBox[] = (data.blocks ?? [])
      .flatMap((block) => block.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.flatMap((w) => w.symbols))))
      .map((s) => ({ text: s.text, top: s.bbox.y0, bottom: s.bbox.y1 }));
    const text = cleanLineText(data.text, script);
    // measured on Hangul address lines only (apartment names such as e편한세상)
    return { text: glyphs ? restoreLowercase(text, symbols) : text, confidence: Math.max(0, Math.min(1, data.confidence / 100)) };
  };

  return {
    scripts: Object.keys(LANGUAGES) as Script[],
    async readLine(image: RgbImage, script: Script) {
      if (image.width < 2 || image.height < 2) return { text: '', confidence: 0 };
      const scale = LINE_HEIGHT / image.height;
      const grey = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
        raw: { width: image.width, height: image.height, channels: 3 },
      })
        .resize({ width: Math.max(1, Math.round(image.width * scale)), height: LINE_HEIGHT, kernel: 'cubic' })
        .greyscale();
      const toPng = (img: ReturnType<typeof sharp>) =>
        img.extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: '#ffffff' }).png({ compressionLevel: 1 }).toBuffer();
      const png = await toPng(grey.clone());
      const langs = LANGUAGES[script];
      if (!langs) throw new Error(`no tesseract language for script ${script}`);
      let first = await recognize(langs.join('+'), png, script);
      if (script === 'hangul' && first.confidence < BINARISE_BELOW) {
        const binary = await recognize(langs.join('+'), await toPng(grey.clone().normalise().threshold(BINARY_THRESHOLD)), script);
        if (binary.confidence > first.confidence) first = binary;
      }
      const second = SECOND_OPINION[script];
      if (!second || straySymbols(first.text) === 0) return first;
      const other = await recognize(second, png, script);
      return straySymbols(other.text) < straySymbols(first.text) ? other : first;
    },
    async readAlphabetLine(image: RgbImage, alphabet: string) {
      if (image.width < 2 || image.height < 2) return { text: '', confidence: 0 };
      const scale = ALPHABET_LINE_HEIGHT / image.height;
      const png = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
        raw: { width: image.width, height: image.height, channels: 3 },
      })
        .greyscale()
        .resize({ width: Math.max(1, Math.round(image.width * scale)), height: ALPHABET_LINE_HEIGHT, kernel: 'lanczos3' })
        .extend({ top: ALPHABET_MARGIN, bottom: ALPHABET_MARGIN, left: ALPHABET_MARGIN, right: ALPHABET_MARGIN, background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toBuffer();
      const { data } = await onWorker('eng', (worker) => worker.recognize(png, {}, { text: true }), alphabet);
      return { text: data.text.replace(/\s+/g, ''), confidence: Math.max(0, Math.min(1, data.confidence / 100)) };
    },
    loadedLanguages: () => [...workers.keys()],
    async close() {
      closed = true;
      const started = [...workers.values()];
      workers.clear();
      for (const w of started) clearTimeout(w.idleTimer);
      await Promise.all(started.map(async (w) => (await w.worker.catch(() => null))?.terminate()));
      if (dataDir) await rm(await dataDir, { recursive: true, force: true });
      dataDir = null;
    },
  };
}
