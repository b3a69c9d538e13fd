import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('OPENIDV_READER_IDLE_S', () => {
  it('releases idle tesseract workers after 300 s by default, never with 0, and refuses nonsense', () => {
    assert.equal(loadConfig({}).readerIdleSeconds, 300);
    assert.equal(loadConfig({ OPENIDV_READER_IDLE_S: '0' }).readerIdleSeconds, 0);
    assert.equal(loadConfig({ OPENIDV_READER_IDLE_S: '60' }).readerIdleSeconds, 60);
    assert.throws(() => loadConfig({ OPENIDV_READER_IDLE_S: '-1' }), (err: unknown) => err instanceof ConfigError && /OPENIDV_READER_IDLE_S/.test(err.message));
  });
});
