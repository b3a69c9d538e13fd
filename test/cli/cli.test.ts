import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { callError, officialClient } from '../helpers/app.js';

const run = promisify(execFile);
const MAIN = path.resolve('dist/src/cli/main.js');
const TD3 = '../shared/data/public/PassportEye/tests/data/passport-td3.jpg';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

describe('openidv CLI', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-cli-'));
  const env = { ...process.env, OPENIDV_DATA_DIR: dataDir, OPENIDV_LOG_LEVEL: 'silent', OPENIDV_WORKERS: '1' };
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates, lists, disables and deletes keys', async () => {
    const created = JSON.parse((await run('node', [MAIN, 'keys', 'create', '--actions', 'DocOcrMax'], { env })).stdout);
    assert.match(created.AccessKeyId, /^OIDV[A-Z0-9]{16}$/);
    assert.ok(created.AccessKeySecret.length >= 30);
    let list = (await run('node', [MAIN, 'keys', 'list'], { env })).stdout;
    assert.match(list, new RegExp(`${created.AccessKeyId}\\tactive\\t.*actions=DocOcrMax`));
    assert.ok(!list.includes(created.AccessKeySecret), 'list never shows secrets');
    await run('node', [MAIN, 'keys', 'disable', created.AccessKeyId], { env });
    list = (await run('node', [MAIN, 'keys', 'list'], { env })).stdout;
    assert.match(list, new RegExp(`${created.AccessKeyId}\\tdisabled`));
    await run('node', [MAIN, 'keys', 'delete', created.AccessKeyId], { env });
    assert.ok(!(await run('node', [MAIN, 'keys', 'list'], { env })).stdout.includes(created.AccessKeyId));
    await assert.rejects(run('node', [MAIN, 'keys', 'create', '--actions', 'NoSuchAction'], { env }), /unknown action/);
    await assert.rejects(run('node', [MAIN, 'keys', 'delete', 'NOPE'], { env }), /no such key/);
  });

  it('ocr prints the same Result JSON as the API, without a server', async () => {
    // the scan is read with quality inspection off (--threshold 3); the default is the API's (0)
    const { stdout } = await run('node', [MAIN, 'ocr', TD3, '--doc-type', 'GLB03002', '--threshold', '3'], { env });
    const result = JSON.parse(stdout);
    assert.deepEqual(Object.keys(result), ['TransactionId', 'Passed', 'SubCode', 'ExtIdInfo']);
    assert.equal(result.SubCode, '200');
    const ext = JSON.parse(result.ExtIdInfo);
    assert.equal(ext.ocrIdInfo.passportNo, 'L898902C3');
    assert.equal(ext.qualityInfo, undefined, '--threshold 3 turns quality inspection off');
    const byDefault = JSON.parse(JSON.parse((await run('node', [MAIN, 'ocr', TD3], { env })).stdout).ExtIdInfo);
    assert.ok(byDefault.qualityInfo?.scores, 'quality inspection runs by default (IdThreshold 0), as in the API');
    await assert.rejects(run('node', [MAIN, 'ocr', TD3, '--model', '5'], { env }), /--model/);
  });

  it('refuses a bad configuration with a clear message', async () => {
    await assert.rejects(run('node', [MAIN, 'keys', 'list'], { env: { ...env, OPENIDV_PORT: 'eighty' } }), /OPENIDV_PORT/);
  });

  it('serve: the first start prints a generated key once, the key works, a restart prints none', async () => {
    const serveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-serve-'));
    const start = async () => {
      const port = await freePort();
      const child = spawn('node', [MAIN, 'serve'], {
        env: { ...process.env, OPENIDV_DATA_DIR: serveDir, OPENIDV_PORT: String(port), OPENIDV_HOST: '127.0.0.1', OPENIDV_LOG_LEVEL: 'silent', OPENIDV_WORKERS: '1' },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      for (let i = 0; i < 300; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return { child, port, stdout: () => stdout };
    };
    try {
      const first = await start();
      const id = /AccessKeyId:\s+(\S+)/.exec(first.stdout())?.[1];
      const secret = /AccessKeySecret:\s+(\S+)/.exec(first.stdout())?.[1];
      assert.ok(id && secret, first.stdout());
      const e = await callError(officialClient(first.port, { accessKeyId: id, accessKeySecret: secret }).call('DocOcrMax', { ProductCode: 'ID_OCR_MAX' }));
      assert.equal(e.code, 'MissingParameter', 'the printed key authenticates');
      first.child.kill('SIGTERM');
      await new Promise((r) => first.child.once('exit', r));
      const second = await start();
      assert.ok(!second.stdout().includes('AccessKeySecret'), 'no second key printed');
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
      assert.equal(fs.statSync(path.join(serveDir, 'master.key')).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(serveDir, { recursive: true, force: true });
    }
  });
});
