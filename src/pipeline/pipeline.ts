import type { OcrEngine, RgbImage, ScriptLineReader, TextBox } from '../engines/engine.js';
import { documentType, type DocPage } from '../documents/catalogue.js';
import type { DocumentModule, Extraction, PageLine, PageText } from '../documents/module.js';
import { isPassportMrz, mrzDocClass, passportFields } from '../documents/passport.js';
import type { MrzReading } from '../documents/mrz/index.js';
import { checkVisualZone, vizReadingOrder } from '../documents/passport-viz.js';
import { moduleFor } from '../documents/registry.js';
import { standardFromLatin } from '../documents/standardize.js';
import { loadImage, DEFAULT_IMAGE_LIMITS } from '../intake/index.js';
import { ApiError } from '../protocol/errors.js';
import { classify } from './classify.js';
import { createInspector, type Inspector } from './inspect.js';
import { locateMrz, MRZ_DETECT_SIDES, readMrzIn, type MrzLocation, type MrzReaders } from './locate-mrz.js';
import { buildPageText, PAGE_DETECT_SIDE, type QuickLineReader } from './page-text.js';
import type { DocumentChecks, SpoofScores } from './spoof.js';
import type { ExtIdInfo, RecognitionOutcome, RecognitionRequest, SpoofInfo, SubCode } from './types.js';

const result = (
  passed: 'Y' | 'N',
  subCode: SubCode,
  extIdInfo: ExtIdInfo,
  timings: Record<string, number>,
): RecognitionOutcome => ({
  kind: 'result',
  passed,
  subCode,
  extIdInfo,
  timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])),
});

/** General fields of OcrModel 2 (the seed's general-recognition table). */
function generalFields(mrz: MrzReading): Record<string, string> {
  const f = mrz.fields;
  return {
    surname_s: f.surname,
    given_name_s: f.givenNames,
    date_of_birth_s: f.birthDate,
    card_number_s: f.documentNumber,
    sex_s: f.sex,
  };
}

/**
 * IdSpoof=T: screen recapture, photocopy and pixel-level tampering (spoof.ts), and a document whose
 * own guarantees (check digits, encoded dates, a passport's visual zone against its MRZ) do not hold
 * after repair, a tampering sign too.
 */
function spoofCheck(
  inspector: Inspector,
  enabled: boolean,
  checks: DocumentChecks,
  boxes: readonly TextBox[],
): { spoofInfo: SpoofInfo; spoofScores?: SpoofScores } {
  const { spoofInfo, spoofScores } = inspector.spoof(enabled, checks, boxes);
  return spoofScores ? { spoofInfo, spoofScores } : { spoofInfo };
}

export interface PipelineOptions {
  /** Per-script line recogniser (Hangul, Traditional Chinese) that document modules may ask for. */
  readonly reader?: ScriptLineReader | null;
  /** Recognisers the lines of an unsure MRZ (small print, or not valid) are read again with. */
  readonly mrzReaders?: MrzReaders;
}

/**
 * decode → locate/rectify → OCR page text → classify → extract → validate → standardize → result.
 * Passports take the MRZ path first: when the MRZ answers, no full-page OCR is run.
 */
export function createPipeline(engine: OcrEngine, options: PipelineOptions = {}) {
  const reader = options.reader ?? null;
  const mrzReaders = options.mrzReaders ?? {};
  // The OCR-B model reads a passport's visual zone first (dates, numbers and names in capitals): a
  // tenth of the engine's time per box. It writes `<` for a gap between words; runs of `<` stay, so
  // that MRZ lines are still told apart from the visual zone.
  const ocrb = mrzReaders.ocrb;
  const quickViz: QuickLineReader | undefined = ocrb
    ? {
        async readLine(image) {
          const line = await ocrb.readMrzLine(image);
          return { text: line.text.replace(/(?<!<)<(?!<)/g, ' '), confidence: line.confidence };
        },
      }
    : undefined;

  /** Stage: decode. A rejection outcome for unusable input. */
  async function decode(req: RecognitionRequest, timings: Record<string, number>): Promise<RgbImage | RecognitionOutcome> {
    const t = performance.now();
    try {
      const image = await loadImage(Buffer.from(req.image.buffer, req.image.byteOffset, req.image.byteLength), {
        ...DEFAULT_IMAGE_LIMITS,
        maxBytes: Math.max(DEFAULT_IMAGE_LIMITS.maxBytes, req.image.byteLength),
      });
      timings.decode = performance.now() - t;
      return image.rgb;
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'UnqualifiedPhoto' || err.code === 'ToolargeImage' || err.code === 'InvalidParameter')) {
        return { kind: 'rejected', code: err.code, detail: err.detail, timings: { decode: performance.now() - t } };
      }
      throw err;
    }
  }

  /** Stages: extract → validate → standardize, for a page a module has claimed. */
  async function readDocument(
    req: RecognitionRequest,
    module: DocumentModule,
    page: PageText,
    code: string,
    docPage: DocPage,
    timings: Record<string, number>,
  ): Promise<{ extraction: Extraction; ext: Record<string, unknown> }> {
    const t = performance.now();
    const extraction = await module.extract(page, docPage, code);
    timings.extract = (timings.extract ?? 0) + (performance.now() - t);
    const ext: Record<string, unknown> = {};
    if (req.ocrValueStandard) {
      const std = module.standardize(extraction.fields);
      if (std) ext.ocrStandardData = std;
    }
    return { extraction, ext };
  }

  /** OcrModel 0 for a passport type: the MRZ alone (unchanged fast path). */
  async function passportRequest(req: RecognitionRequest, rgb: RgbImage, timings: Record<string, number>, inspector: Inspector): Promise<RecognitionOutcome> {
    const type = documentType(req.docType ?? '');
    const located = await locateMrz(engine, rgb, timings, MRZ_DETECT_SIDES, mrzReaders);
    const t = performance.now();
    const mrz = located?.mrz ?? null;
    const country = type?.code.slice(0, 3);
    const matches =
      mrz !== null &&
      type?.reader === 'passport-mrz' &&
      isPassportMrz(mrz) &&
      (country === 'GLB' || mrz.fields.issuingState === country) &&
      type.pages.includes(req.docPage);
    if (!matches) {
      // the requested document (or page) is not what the image shows
      return result('N', '213', { docType: req.docType ?? '', ...(mrz ? { ocrDocType: mrzDocClass(mrz) } : {}) }, timings);
    }
    timings.extract = performance.now() - t;
    const module = moduleFor(req.docType ?? '');
    // A passport with its own module (KOR03001) prints fields beyond the MRZ, and with IdSpoof=T the
    // visual zone is checked against the MRZ: the page is read then (the MRZ's boxes are the page's).
    // Without a module only the visual-zone check needs the page: reading stops once it has found every
    // MRZ value (a genuine page, the common case, is not read to the end).
    const allFound = (lines: readonly PageLine[]) => {
      const viz = checkVisualZone(mrz, lines);
      return viz.checked.length > 0 && viz.problems.length === 0;
    };
    const page =
      module || req.idSpoof
        ? await buildPageText(engine, rgb, { reader, timings, mrz, rotation: located!.rotation, boxes: located!.boxes, ...(module ? {} : { until: allFound, quick: quickViz, rank: (lines) => vizReadingOrder(mrz, lines) }) })
        : null;
    const problems = [...(mrz.valid ? [] : ['MRZ check digits do not hold']), ...(req.idSpoof && page ? checkVisualZone(mrz, page.lines).problems : [])];
    const spoof = spoofCheck(inspector, req.idSpoof, { consistent: problems.length === 0, problems }, located!.boxes);
    if (module && page) {
      const { extraction, ext } = await readDocument(req, module, page, req.docType ?? '', req.docPage, timings);
      const out: ExtIdInfo = { docType: req.docType ?? '', ocrIdInfo: extraction.fields, ...spoof, ...ext };
      return spoof.spoofInfo.spoofResult === 'Y' ? result('N', '212', out, timings) : result('Y', '200', out, timings);
    }
    const fields = passportFields(mrz);
    const ext: ExtIdInfo = {
      docType: req.docType ?? '',
      ocrIdInfo: fields,
      ...spoof,
      ...(req.ocrValueStandard ? { ocrStandardData: { ...standardFromLatin(fields.surname!, fields.givenname!, fields.sex!, fields.birthDate!, fields.expiryDate!) } } : {}),
    };
    if (spoof.spoofInfo.spoofResult === 'Y') return result('N', '212', ext, timings);
    return result('Y', '200', ext, timings);
  }

  /** OcrModel 0 for a type read by a document module: page OCR, then the module must claim the page. */
  async function moduleRequest(req: RecognitionRequest, rgb: RgbImage, timings: Record<string, number>, inspector: Inspector): Promise<RecognitionOutcome> {
    const code = req.docType ?? '';
    const module = moduleFor(code);
    let t = performance.now();
    // detected here, not inside buildPageText, because the spoof check measures the same boxes
    const boxes = await engine.detect(rgb, { maxSide: PAGE_DETECT_SIDE });
    timings.detect = performance.now() - t;
    const page = await buildPageText(engine, rgb, { boxes, reader, timings });
    t = performance.now();
    const best = classify(page);
    timings.classify = performance.now() - t;
    if (!module || !best || best.module !== module || best.page !== req.docPage) {
      return result('N', '213', { docType: code, ...(best ? { ocrDocType: best.module.docClass } : {}) }, timings);
    }
    const { extraction, ext } = await readDocument(req, module, page, code, req.docPage, timings);
    if (req.authorize && module.authorize && 'idNumber' in extraction.fields) {
      // offline checks here; the operator's authority (if configured) is asked by the action
      const checks = module.authorize(extraction.fields);
      ext.authorizeInfo = { passed: checks.passed ? 'Y' : 'N', checks: checks.checks };
    }
    const spoof = spoofCheck(inspector, req.idSpoof, extraction, boxes);
    const out: ExtIdInfo = { docType: code, ocrIdInfo: extraction.fields, ...spoof, ...ext };
    if (spoof.spoofInfo.spoofResult === 'Y') return result('N', '212', out, timings);
    return result('Y', '200', out, timings);
  }

  /** OcrModel 1/2: what is this? MRZ at the first scale, then page OCR, then the MRZ at the larger scale. */
  async function classifyRequest(req: RecognitionRequest, rgb: RgbImage, timings: Record<string, number>): Promise<RecognitionOutcome> {
    let t = performance.now();
    const boxes = await engine.detect(rgb, { maxSide: PAGE_DETECT_SIDE });
    timings.detect = performance.now() - t;
    let located: MrzLocation | null = await readMrzIn(engine, rgb, boxes, timings);
    const fromMrz = (mrz: MrzReading): RecognitionOutcome => {
      const ocrDocType = mrzDocClass(mrz);
      return result('Y', '200', req.ocrModel === '2' ? { ocrDocType, ocrIdInfo: generalFields(mrz) } : { ocrDocType }, timings);
    };
    if (located && isPassportMrz(located.mrz)) return fromMrz(located.mrz);

    const page = await buildPageText(engine, rgb, { boxes, rotation: located?.rotation, mrz: located?.mrz ?? null, reader, timings });
    t = performance.now();
    const best = classify(page);
    timings.classify = performance.now() - t;
    if (best) {
      const ocrDocType = best.module.docClass;
      if (req.ocrModel === '1') return result('Y', '200', { ocrDocType }, timings);
      const { extraction } = await readDocument(req, best.module, page, best.code, best.page, timings);
      return result('Y', '200', { ocrDocType, ocrIdInfo: { ...best.module.general(extraction.fields) } }, timings);
    }
    if (!located) located = await locateMrz(engine, rgb, timings, MRZ_DETECT_SIDES.slice(1), mrzReaders);
    if (located) return fromMrz(located.mrz);
    return result('N', '213', {}, timings);
  }

  return async function recognize(req: RecognitionRequest): Promise<RecognitionOutcome> {
    const timings: Record<string, number> = {};
    const rgb = await decode(req, timings);
    if (!('data' in rgb)) return rgb;
    if (req.ocrModel !== '0') return classifyRequest(req, rgb, timings);
    // quality inspection (IdThreshold) first: a photo that fails it is not read (SubCode 211)
    const inspector = createInspector(rgb, timings);
    const qualityInfo = inspector.quality(req.idThreshold);
    if (qualityInfo && qualityInfo.reasons.length > 0) return result('N', '211', { docType: req.docType ?? '', qualityInfo }, timings);
    const outcome =
      documentType(req.docType ?? '')?.reader === 'passport-mrz'
        ? await passportRequest(req, rgb, timings, inspector)
        : await moduleRequest(req, rgb, timings, inspector);
    return qualityInfo && outcome.kind === 'result' ? { ...outcome, extIdInfo: { ...outcome.extIdInfo, qualityInfo } } : outcome;
  };
}
