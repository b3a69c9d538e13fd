/**
 * Document recognition bench on generated phone photos (testkit/docgen) with ground truth:
 * per type and page, field exact-match rate, all-fields-correct rate, OcrModel 1 classification
 * accuracy with a confusion list, latency p50/p95; plus non-document photos that must answer 213,
 * and the public specimens of these types in ../shared/data/public (read in place, never copied).
 *
 *   node dist/bench/documents.js [--per-type 20] [--types CHN01001,MAC01002] [--difficulty clean] [--non-docs 10] [--seed 1] [--no-specimens]
 *   npm run bench -- --documents [same options]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { isSupported } from '../src/documents/registry.js';
import { createPaddleEngine } from '../src/engines/paddle.js';
import { createTesseractReader } from '../src/engines/tesseract.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import type { RecognitionOutcome, RecognitionRequest } from '../src/pipeline/types.js';
import { DOCGEN_TYPES, generateDocument, photographCard, type Difficulty } from '../testkit/docgen/index.js';
import { arg, ms, pct, percentile, PUBLIC_DATA, table } from './lib.js';

export interface DocumentBenchOptions {
  readonly perType: number;
  readonly types: readonly string[] | null;
  readonly difficulty: Difficulty;
  readonly nonDocs: number;
  readonly seed: number;
  readonly verbose: boolean;
  readonly specimens: boolean;
}

const expectedClass = (code: string): string => (code.slice(3, 5) === '03' ? 'GLB03' : code.slice(0, 5));

const request = (image: Buffer, over: Partial<RecognitionRequest>): RecognitionRequest => ({
  image,
  ocrModel: '0',
  docType: null,
  docPage: '01',
  idSpoof: false,
  idThreshold: '3',
  ocrValueStandard: false,
  authorize: false,
  ...over,
});

const fieldsOf = (o: RecognitionOutcome): Readonly<Record<string, string>> =>
  o.kind === 'result' ? ((o.extIdInfo.ocrIdInfo as Record<string, string> | undefined) ?? {}) : {};

/** Pictures that are no identity document: text-bearing cards and papers, and bare surfaces, photographed like the documents. */
async function nonDocument(seed: number): Promise<Buffer> {
  const kind = seed % 3;
  const w = 856;
  const h = 540;
  const text = (x: number, y: number, size: number, t: string): string =>
    `<text x="${x}" y="${y}" font-family="Noto Sans CJK SC" font-size="${size}" fill="#222">${t}</text>`;
  let body: string;
  if (kind === 0) {
    body = [text(60, 120, 44, '星河咖啡 STAR RIVER CAFE'), text(60, 200, 28, '会员卡 MEMBER CARD'), text(60, 300, 26, `卡号 ${String(10000000 + seed * 7919).slice(0, 8)}`), text(60, 380, 24, '上海市静安区南京西路 1266 号'), text(60, 440, 24, 'www.starriver.example')].join('');
  } else if (kind === 1) {
    body = [text(60, 90, 32, '购物小票 RECEIPT'), text(60, 160, 24, `牛奶 2 x 12.50 = 25.00`), text(60, 210, 24, '面包 1 x 8.00 = 8.00'), text(60, 260, 24, '苹果 3 x 4.20 = 12.60'), text(60, 340, 28, '合计 TOTAL 45.60'), text(60, 420, 22, `2025-0${(seed % 9) + 1}-1${seed % 10} 14:3${seed % 10}`)].join('');
  } else {
    body = '';
  }
  const fill = ['#f3efe6', '#e6eef3', '#efe6f3'][seed % 3];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" rx="24" fill="${fill}"/>${body}</svg>`;
  const card = await sharp(Buffer.from(svg)).png().toBuffer();
  return (await photographCard(card, { seed, difficulty: 'clean' })).image;
}

/** A public specimen photo of a document type, with the fields its ground truth states (in fields.md keys). */
interface Specimen {
  readonly file: string;
  readonly code: string;
  readonly truth: Readonly<Record<string, string>>;
}

const dmyToIso = (dmy: string): string => dmy.split('-').reverse().join('-');

/**
 * The specimens of the bench's types in ../shared/data/public (see its PROVENANCE.md). The HKID
 * group (2003 smart card) states the fields of its README's example output; the fields the helper
 * only noted in prose (number, issue date, symbols) are not scored. The folder's other images are
 * passports (the MRZ benches) and, for Macao, only the back of a card (its MRZ), which no module reads.
 */
function publicSpecimens(): Specimen[] {
  const groundTruth = path.join(PUBLIC_DATA, 'OCR-for-HKID', 'ground_truth.json');
  if (!existsSync(groundTruth)) return [];
  const items = (JSON.parse(readFileSync(groundTruth, 'utf8')) as { items: { file: string; fields: Record<string, string> }[] }).items;
  return items.map(({ file, fields: f }) => ({
    file: path.join('OCR-for-HKID', file),
    code: 'HKG01001',
    truth: {
      name: f.name_zh ?? '',
      englishName: f.name_en ?? '',
      nameCode: f.chinese_commercial_code ?? '',
      // printed "女F": the seed's sex is the Latin letter
      sex: (f.sex ?? '').replace(/[^MF]/g, ''),
      birthDate: dmyToIso(f.date_of_birth ?? ''),
      // "(mm-yy)", a 20th-century registration on this card
      firstIssueDate: (f.date_of_first_registration ?? '').replace(/^\((\d{2})-(\d{2})\)$/, '19$2-$1'),
    },
  }));
}

interface Row {
  code: string;
  page: '01' | '02';
  images: number;
  fields: number;
  fieldsOk: number;
  docsOk: number;
  classified: number;
  times: number[];
  confusions: Map<string, number>;
  misses: Map<string, number>;
}

export async function runDocumentBench(opts: DocumentBenchOptions): Promise<void> {
  const engine = await createPaddleEngine({ threads: 1 });
  // Hangul and Traditional Chinese lines are re-read by tesseract, as in the recognition workers
  const reader = await createTesseractReader();
  const recognize = createPipeline(engine, { reader });
  const types = DOCGEN_TYPES.filter((t) => isSupported(t.code) && (!opts.types || opts.types.includes(t.code)));
  const rows: Row[] = [];
  for (const t of types) {
    for (const page of t.pages) {
      const row: Row = { code: t.code, page, images: 0, fields: 0, fieldsOk: 0, docsOk: 0, classified: 0, times: [], confusions: new Map(), misses: new Map() };
      for (let i = 0; i < opts.perType; i++) {
        const seed = opts.seed + i;
        const doc = await generateDocument({ code: t.code, page, seed, difficulty: opts.difficulty });
        const started = performance.now();
        const out = await recognize(request(doc.image, { docType: t.code, docPage: page }));
        row.times.push(performance.now() - started);
        const got = fieldsOf(out);
        const wrong = Object.keys(doc.truth).filter((k) => got[k] !== doc.truth[k]);
        row.images++;
        row.fields += Object.keys(doc.truth).length;
        row.fieldsOk += Object.keys(doc.truth).length - wrong.length;
        if (wrong.length === 0) row.docsOk++;
        for (const k of wrong) row.misses.set(k, (row.misses.get(k) ?? 0) + 1);
        if (opts.verbose && wrong.length > 0) {
          console.error(`${t.code}/${page} seed ${seed}: ${wrong.map((k) => `${k}=${JSON.stringify(got[k] ?? null)} (want ${JSON.stringify(doc.truth[k])})`).join(', ')}`);
        }
        const cls = await recognize(request(doc.image, { ocrModel: '1' }));
        const answered = cls.kind === 'result' && cls.subCode === '200' ? String(cls.extIdInfo.ocrDocType) : '213';
        if (answered === expectedClass(t.code)) row.classified++;
        else row.confusions.set(answered, (row.confusions.get(answered) ?? 0) + 1);
      }
      rows.push(row);
      // progress, so that a long run that is stopped still says what it measured
      console.error(
        `row ${t.code}/${page}: images ${row.images}, fields ${pct(row.fieldsOk, row.fields)}, all ${pct(row.docsOk, row.images)}, ` +
          `classified ${pct(row.classified, row.images)}, p50 ${ms(percentile(row.times, 0.5))} ms, p95 ${ms(percentile(row.times, 0.95))} ms`,
      );
    }
  }

  let nonDocOk = 0;
  const nonDocTimes: number[] = [];
  const nonDocAnswers = new Map<string, number>();
  for (let i = 0; i < opts.nonDocs; i++) {
    const image = await nonDocument(opts.seed + i);
    const started = performance.now();
    const out = await recognize(request(image, { ocrModel: '1' }));
    nonDocTimes.push(performance.now() - started);
    const answered = out.kind === 'result' && out.subCode === '200' ? String(out.extIdInfo.ocrDocType) : '213';
    if (answered === '213') nonDocOk++;
    else nonDocAnswers.set(answered, (nonDocAnswers.get(answered) ?? 0) + 1);
  }
  const specimens = opts.specimens ? publicSpecimens().filter((s) => !opts.types || opts.types.includes(s.code)) : [];
  const specimenRows: (string | number)[][] = [];
  for (const s of specimens) {
    const image = readFileSync(path.join(PUBLIC_DATA, s.file));
    const got = fieldsOf(await recognize(request(image, { docType: s.code })));
    const keys = Object.keys(s.truth);
    const wrong = keys.filter((k) => got[k] !== s.truth[k]);
    const cls = await recognize(request(image, { ocrModel: '1' }));
    const answered = cls.kind === 'result' && cls.subCode === '200' ? String(cls.extIdInfo.ocrDocType) : '213';
    specimenRows.push([s.file, s.code, `${keys.length - wrong.length}/${keys.length}`, answered === expectedClass(s.code) ? answered : `${answered} (want ${expectedClass(s.code)})`, wrong.map((k) => `${k}=${JSON.stringify(got[k] ?? null)}`).join(', ') || '—']);
  }
  await reader.close();
  await engine.close();

  console.log(`## Documents on generated photos (${opts.difficulty}, ${opts.perType} per type and page, one engine thread)\n`);
  console.log(
    table(
      ['type', 'page', 'images', 'field exact', 'all fields correct', 'classification (OcrModel 1)', 'p50 ms', 'p95 ms', 'fields missed'],
      rows.map((r) => [
        r.code,
        r.page,
        r.images,
        pct(r.fieldsOk, r.fields),
        pct(r.docsOk, r.images),
        pct(r.classified, r.images),
        ms(percentile(r.times, 0.5)),
        ms(percentile(r.times, 0.95)),
        [...r.misses].map(([k, n]) => `${k}×${n}`).join(', ') || '—',
      ]),
    ),
  );
  const confused = rows.filter((r) => r.confusions.size > 0);
  console.log('\nClassification confusions (expected → answered × count): ' +
    (confused.length === 0 ? 'none' : confused.map((r) => `${expectedClass(r.code)} (${r.code}/${r.page}) → ${[...r.confusions].map(([k, n]) => `${k}×${n}`).join(', ')}`).join('; ')));
  console.log(`\nNon-documents (member cards, receipts, blank cards): ${nonDocOk}/${opts.nonDocs} answered 213 (${pct(nonDocOk, opts.nonDocs)})` +
    (nonDocAnswers.size ? `; misclassified as ${[...nonDocAnswers].map(([k, n]) => `${k}×${n}`).join(', ')}` : '') +
    `; p50 ${ms(percentile(nonDocTimes, 0.5))} ms, p95 ${ms(percentile(nonDocTimes, 0.95))} ms`);
  if (specimenRows.length > 0) {
    console.log(`\n## Public specimens (${PUBLIC_DATA}; fields stated by their ground_truth.json)\n`);
    console.log(table(['image', 'type', 'fields exact', 'classification (OcrModel 1)', 'fields missed'], specimenRows));
  }
}

export function documentBenchOptions(): DocumentBenchOptions {
  const types = arg('types');
  return {
    perType: Number(arg('per-type') ?? 20),
    types: types ? types.split(',').map((s) => s.trim()).filter(Boolean) : null,
    difficulty: (arg('difficulty') ?? 'clean') as Difficulty,
    nonDocs: Number(arg('non-docs') ?? 10),
    seed: Number(arg('seed') ?? 1),
    verbose: process.argv.includes('--verbose'),
    specimens: !process.argv.includes('--no-specimens'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runDocumentBench(documentBenchOptions());
