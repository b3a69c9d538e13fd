import type { RecognitionOutcome, RecognitionRequest, Recognizer } from '../../src/pipeline/types.js';

/**
 * A recogniser double for protocol tests: answers a fixed outcome and records what it was asked,
 * so the tests can check what reached the pipeline without running the models.
 */
export function recordingRecognizer(outcome: RecognitionOutcome) {
  const requests: RecognitionRequest[] = [];
  const recognizer: Recognizer = {
    async recognize(request) {
      requests.push(request);
      return outcome;
    },
    close: async () => undefined,
  };
  return { recognizer, requests };
}

export const PASSPORT_OUTCOME: RecognitionOutcome = {
  kind: 'result',
  passed: 'Y',
  subCode: '200',
  extIdInfo: {
    docType: 'GLB03002',
    ocrIdInfo: { surname: 'ERIKSSON', givenname: 'ANNA MARIA', passportNo: 'L898902C3' },
    spoofInfo: { spoofResult: 'N', spoofType: [] },
  },
  timings: { decode: 1 },
};
