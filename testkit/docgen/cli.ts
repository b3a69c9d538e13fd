/**
 * node dist/testkit/docgen/cli.js --type CODE|all [--page 01] --n 20 --seed 1 --difficulty clean --out DIR
 * Writes <code>-<page>-<seed>.jpg per document and truth.json (file → {code, page, seed, difficulty, truth, corners}).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOCGEN_TYPES, generateDocument, type Difficulty } from './index.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      type: { type: 'string', default: 'all' },
      page: { type: 'string' },
      n: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      difficulty: { type: 'string', default: 'clean' },
      out: { type: 'string' },
      card: { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const difficulty = values.difficulty as Difficulty;
  if (!['clean', 'normal', 'hard'].includes(difficulty)) throw new Error('--difficulty must be clean, normal or hard');
  const n = Number(values.n);
  const first = Number(values.seed);
  if (!Number.isSafeInteger(n) || n < 1 || !Number.isSafeInteger(first)) throw new Error('--n and --seed must be integers');
  const types = values.type === 'all' ? DOCGEN_TYPES : DOCGEN_TYPES.filter((t) => t.code === values.type);
  if (types.length === 0) throw new Error(`unknown --type ${values.type}; known: ${DOCGEN_TYPES.map((t) => t.code).join(', ')}`);
  await mkdir(values.out, { recursive: true });
  const truth: Record<string, unknown> = {};
  for (const type of types) {
    const pages = values.page ? type.pages.filter((p) => p === values.page) : type.pages;
    for (const page of pages) {
      for (let seed = first; seed < first + n; seed++) {
        const doc = await generateDocument({ code: type.code, page, seed, difficulty });
        const file = `${type.code}-${page}-${seed}.jpg`;
        await writeFile(path.join(values.out, file), doc.image);
        if (values.card) await writeFile(path.join(values.out, `${type.code}-${page}-${seed}.card.png`), doc.card);
        truth[file] = { code: type.code, page, seed, difficulty, truth: doc.truth, corners: doc.corners };
      }
    }
  }
  await writeFile(path.join(values.out, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  process.stdout.write(`wrote ${Object.keys(truth).length} documents to ${values.out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
