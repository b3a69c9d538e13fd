import type { OcrEngine } from '../engines/engine.js';
import { documentType } from '../documents/catalogue.js';
import { isPassportMrz, mrzDocClass, passportFields } from '../documents/passport.js';
import type { MrzReading } from '../documents/mrz/index.js';
import { loadImage, DEFAULT_IMAGE_LIMITS } from '../intake/index.js';
import { ApiError } from '../protocol/errors.js';
import { locateMrz } from './locate-mrz.js';
import { createInspector } from './inspect.js';
import type { ExtIdInfo, RecognitionOutcome, RecognitionRequest, SubCode } from './types.js';

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

/** decode → locate/rectify → OCR → classify → extract → validate → result. */
export function createPipeline(engine: OcrEngine) {
  return async function recognize(req: RecognitionRequest): Promise<RecognitionOutcome> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    let image;
    try {
      image = await loadImage(Buffer.from(req.image.buffer, req.image.byteOffset, req.image.byteLength), {
        ...DEFAULT_IMAGE_LIMITS,
        maxBytes: Math.max(DEFAULT_IMAGE_LIMITS.maxBytes, req.image.byteLength),
      });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'UnqualifiedPhoto' || err.code === 'ToolargeImage' || err.code === 'InvalidParameter')) {
        return { kind: 'rejected', code: err.code, detail: err.detail, timings: { decode: performance.now() - t } };
      }
      throw err;
    }
    timings.decode = performance.now() - t;

    // quality inspection first: a photo that fails it is not read (SubCode 211)
    const inspector = createInspector(image.rgb, timings);
    const qualityInfo = req.ocrModel === '0' ? inspector.quality(req.idThreshold) : null;
    if (qualityInfo && qualityInfo.reasons.length > 0) {
      return result('N', '211', { docType: req.docType ?? '', qualityInfo }, timings);
    }

    const located = await locateMrz(engine, image.rgb, timings);
    t = performance.now();
    const mrz = located?.mrz ?? null;

    if (req.ocrModel !== '0') {
      if (!mrz) return result('N', '213', {}, timings);
      const ocrDocType = mrzDocClass(mrz);
      const ext: ExtIdInfo = req.ocrModel === '2' ? { ocrDocType, ocrIdInfo: generalFields(mrz) } : { ocrDocType };
      return result('Y', '200', ext, timings);
    }

    const type = documentType(req.docType ?? '');
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
    // IdSpoof=T: screen, photocopy and pixel-level tampering, and an MRZ whose check digits fail after repair
    const { spoofInfo, spoofScores } = inspector.spoof(req.idSpoof, mrz.valid);
    const ext: ExtIdInfo = {
      docType: req.docType ?? '',
      ocrIdInfo: passportFields(mrz),
      spoofInfo,
      ...(spoofScores ? { spoofScores } : {}),
      ...(qualityInfo ? { qualityInfo } : {}),
    };
    timings.extract = performance.now() - t;
    if (spoofInfo.spoofResult === 'Y') return result('N', '212', ext, timings);
    return result('Y', '200', ext, timings);
  };
}
