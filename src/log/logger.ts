import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches them: requests are logged by action and timing only,
 * and these paths are redacted should a caller ever pass them in.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['params', 'body', 'query', 'secret', 'image', '*.secret', '*.IdOcrPictureBase64', 'ocrIdInfo', '*.ocrIdInfo'],
      censor: '[redacted]',
    },
  });
}
