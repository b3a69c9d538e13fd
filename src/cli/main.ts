import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ACTIONS, createApp, openKeys } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { createLogger } from '../log/logger.js';
import { createLocalRecognizer } from '../pipeline/local.js';
import { createWorkerPool } from '../pipeline/pool.js';
import { transactionId } from '../actions/doc-ocr-max.js';
import { isSupported } from '../documents/registry.js';
import { ApiError } from '../protocol/errors.js';
import type { IdThreshold, OcrModel } from '../pipeline/types.js';

const USAGE = `openidv — self-hosted ID-document verification (Alibaba Cloud ID Verification API)

Usage:
  openidv serve                                   serve the API (OPENIDV_* environment variables)
  openidv keys create [--id ID] [--secret S] [--actions A,B] [--account NAME]
  openidv keys list
  openidv keys disable ID | keys enable ID | keys delete ID
  openidv ocr IMAGE [--doc-type CODE] [--page 01|02] [--model 0|1|2] [--spoof] [--threshold 0|1|2|3]
                                                  recognise one image, print the Result JSON`;

async function serve(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log, () =>
    createWorkerPool({ workers: config.workers, engineThreads: config.engineThreads, readerIdleSeconds: config.readerIdleSeconds }),
  );
  if (app.generatedKey) {
    // printed once, to the console only; the store keeps the secret sealed
    process.stdout.write(
      `\nNo access key was configured, so one was created (shown only this once):\n` +
        `  AccessKeyId:     ${app.generatedKey.id}\n  AccessKeySecret: ${app.generatedKey.secret}\n\n`,
    );
  }
  await app.server.listen({ port: config.port, host: config.host });
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function keys(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { id: { type: 'string' }, secret: { type: 'string' }, actions: { type: 'string' }, account: { type: 'string' } },
  });
  const [command, id] = positionals;
  const { store, keys: service } = await openKeys(config);
  try {
    switch (command) {
      case 'create': {
        const permissions = values.actions ? values.actions.split(',').map((a) => a.trim()) : ['*'];
        const unknown = permissions.filter((p) => p !== '*' && !ACTIONS.some((a) => a.name === p));
        if (unknown.length) throw new Error(`unknown action(s): ${unknown.join(', ')}`);
        const key = await service.put({ id: values.id, secret: values.secret, accountId: values.account, permissions });
        console.log(JSON.stringify({ AccessKeyId: key.id, AccessKeySecret: key.secret, permissions }, null, 2));
        return;
      }
      case 'list':
        for (const k of await store.listAccessKeys()) {
          const used = k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : 'never';
          console.log(`${k.id}\t${k.status}\taccount=${k.accountId}\tactions=${k.permissions.join(',')}\tlast used ${used}`);
        }
        return;
      case 'disable':
      case 'enable':
      case 'delete': {
        if (!id) throw new Error(`keys ${command} needs a key id`);
        const done =
          command === 'delete'
            ? await store.deleteAccessKey(id)
            : await store.setAccessKeyStatus(id, command === 'disable' ? 'disabled' : 'active');
        if (!done) throw new Error(`no such key: ${id}`);
        console.log(`${command}d ${id}`);
        return;
      }
      default:
        throw new Error(`unknown keys command: ${command ?? '(none)'}\n\n${USAGE}`);
    }
  } finally {
    await store.close();
  }
}

async function ocr(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'doc-type': { type: 'string' },
      page: { type: 'string', default: '01' },
      model: { type: 'string', default: '0' },
      spoof: { type: 'boolean', default: false },
      // the API's default, so the CLI prints what DocOcrMax would answer
      threshold: { type: 'string', default: '0' },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error(`ocr needs an image file\n\n${USAGE}`);
  const model = values.model as OcrModel;
  if (!['0', '1', '2'].includes(model)) throw new Error('--model must be 0, 1 or 2');
  if (values.page !== '01' && values.page !== '02') throw new Error('--page must be 01 or 02');
  if (!['0', '1', '2', '3'].includes(values.threshold)) throw new Error('--threshold must be 0, 1, 2 or 3');
  const docType = values['doc-type'] ?? (model === '0' ? 'GLB03002' : null);
  if (model !== '0' && values['doc-type']) throw new Error('--doc-type is only for --model 0');
  if (docType && !isSupported(docType)) throw new Error(`document type ${docType} is not supported`);
  const recognizer = await createLocalRecognizer({ engineThreads: config.engineThreads });
  try {
    const outcome = await recognizer.recognize({
      image: fs.readFileSync(file),
      ocrModel: model,
      docType,
      docPage: values.page,
      idSpoof: values.spoof,
      idThreshold: values.threshold as IdThreshold,
      ocrValueStandard: false,
      authorize: false,
    });
    if (outcome.kind === 'rejected') throw new ApiError(outcome.code, outcome.detail);
    const result = {
      TransactionId: transactionId(),
      Passed: outcome.passed,
      SubCode: outcome.subCode,
      ExtIdInfo: JSON.stringify(outcome.extIdInfo),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await recognizer.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  if (command === 'serve') return serve(config);
  if (command === 'keys') return keys(config, rest);
  if (command === 'ocr') return ocr(config, rest);
  throw new Error(`unknown command: ${command}\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ApiError) console.error(`${err.code}: ${err.message}`);
  else if (err instanceof ConfigError || err instanceof Error) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
