/**
 * What an export of a full kiosk costs: 10,000 realistic sealed submissions (made once by the
 * real consent code, then copied with new ids and times), a staff unlock, then a CSV export of
 * all of them, a PDF and a FHIR export of the first KIOSK_BENCH_PDF_COUNT (500 unless set: at
 * today's PDF rate 10,000 PDFs take minutes, and a rate is what is measured), and the FHIR
 * export's data (its NDJSON, every record opened and mapped) for all of them, with one PDF
 * rendered once and reused so that PDF drawing is left out. For each export: submissions per
 * second, wall time, output size, and peak memory (RSS and V8 heap, sampled every 25 ms; run
 * with `--expose-gc` to start each from a collected heap). Then issue 13's rows as
 * `today | target | ratio`, each with its reference on this machine where one applies.
 *
 * KIOSK_BENCH_EXPORT_COUNT sets a smaller count for a quick run; the figures then say which
 * count they are for. Set KIOSK_BENCH_DIR to measure on a particular disk (default: the OS
 * temp folder). Figures only: nothing here asserts a speed.
 */
// The KDF cost only affects unlocking, not what is measured here: keep setup quick.
import { FAST_KDF, PASSPHRASE } from '../test/support/secrets';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SubmissionPayload } from '../src-main/consent/submission-payload';
import type { ExportFormat } from '../src-main/contract';
import { openSubmissionPayload } from '../src-main/consent/submission-payload';
import { openOutlines } from '../src-main/consent/parallel-open';
import { defaultWorkers } from '../src-main/worker-pool';
import { renderRecordPdf, runExport } from '../src-main/export';
import { ExportFolder, nodeFileSink } from '../src-main/export/export-folder';
import { BulkDataWriter } from '../src-main/export/fhir-bulk';
import { pdfFileName } from '../src-main/export/format-writers';
import { recordReader } from '../src-main/export/sealed-record';
import {
  CLINIC,
  completedPayload,
  PACK,
  saveSnapshot,
  storePayload,
} from '../src-main/export/sample-records';
import { ensureSodium, openVaultWithSecret, type Vault } from '../src-main/vault';
import { initVault } from '../src-main/vault/init-vault';

const DEFAULT_COUNT = 10_000;
const TEMPLATES = 25;
/** Inserts per transaction while seeding: the seed is setup, not what is measured. */
const SEED_BATCH = 500;
const SAMPLE_MS = 25;
const DEFAULT_PDF_COUNT = 500;

export async function runExportBench(): Promise<void> {
  await ensureSodium();
  const count = benchCount();
  const pdfCount = Math.min(count, positiveEnv('KIOSK_BENCH_PDF_COUNT', DEFAULT_PDF_COUNT));
  const parent = process.env.KIOSK_BENCH_DIR ?? os.tmpdir();
  const root = fs.mkdtempSync(path.join(parent, 'kiosk-export-bench-'));
  const rows: Row[] = [];
  try {
    const dataDir = path.join(root, 'data');
    seed(dataDir, count);
    const opened = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
    try {
      const ids = opened.vault.submissionIds();
      const openSeconds = openAll(opened, count);
      const listSeconds = await openAsTheListDoes(opened, count);
      rows.push({
        what: `open (unseal + parse + check) ${String(count)} after an unlock, as the staff list does (outlines, ${String(defaultWorkers())} worker threads)`,
        today: listSeconds,
        target: 0.5,
        unit: 's',
        reference: `on this thread alone ${openSeconds.toFixed(2)} s`,
      });
      const csv = await benchFormat(opened, 'csv', root, ids);
      rows.push({
        what: `CSV export of ${String(count)}`,
        today: csv.seconds,
        target: 1,
        unit: 's',
        reference: `opening them alone ${openSeconds.toFixed(2)} s`,
      });
      const fsyncs = fsyncRate(root);
      const pdf = await benchFormat(opened, 'pdf', root, ids.slice(0, pdfCount));
      rows.push({
        what: `PDF export (${String(pdfCount)})`,
        today: pdf.rate,
        target: 300,
        unit: 'records/s',
        reference: `fsync of a 55 KB file ${fsyncs.toFixed(0)}/s`,
      });
      const data = await fhirDataRate(opened, root, ids);
      rows.push({
        what: `FHIR export data, NDJSON without PDF drawing (${String(count)})`,
        today: data.rate,
        target: 1000,
        unit: 'records/s',
        reference: `CSV ${(count / csv.seconds).toFixed(0)}/s; largest file ${formatMb(data.largest)} (limit 100 MB)`,
      });
      const fhir = await benchFormat(opened, 'fhir', root, ids.slice(0, pdfCount));
      rows.push({
        what: `FHIR export with its PDFs (${String(pdfCount)})`,
        today: fhir.rate,
        target: 300,
        unit: 'records/s',
        reference: `the PDF export ${pdf.rate.toFixed(0)}/s; largest file ${formatMb(fhir.largest)} (limit 100 MB)`,
      });
    } finally {
      opened.unlock.wipe();
      opened.vault.close();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  printRows(rows);
}

interface Row {
  what: string;
  today: number;
  target: number;
  unit: 's' | 'records/s';
  reference?: string;
}

/** `today | target | ratio`: the ratio is how far today is from the target, ≥ 1 when met. */
function printRows(rows: readonly Row[]): void {
  console.log('\nissue 13, export rows: what | today | target | ratio (≥ 1 met) | reference');
  for (const row of rows) {
    const seconds = row.unit === 's';
    const ratio = seconds ? row.target / row.today : row.today / row.target;
    const today = seconds ? `${row.today.toFixed(2)} s` : `${row.today.toFixed(0)}/s`;
    const target = seconds ? `≤ ${row.target.toFixed(1)} s` : `≥ ${row.target.toFixed(0)}/s`;
    console.log(
      `  ${row.what} | ${today} | ${target} | ${ratio.toFixed(2)}${row.reference === undefined ? '' : ` | ${row.reference}`}`,
    );
  }
}

/** Every record opened as an export opens it (unseal, parse, payload check), streamed: seconds. */
function openAll({ vault, unlock }: Opened, count: number): number {
  const start = process.hrtime.bigint();
  let opened = 0;
  for (const row of vault.iterateSubmissions()) {
    opened += openSubmissionPayload(row, unlock).submissionId === row.id ? 1 : 0;
  }
  if (opened !== count) {
    throw new Error(`openAll: opened ${String(opened)} of ${String(count)}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The same rows opened as the staff list opens them: outlines, in order, on worker threads. */
async function openAsTheListDoes({ vault, unlock }: Opened, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  let opened = 0;
  for await (const { row, outline } of openOutlines(vault.iterateSubmissions(), unlock, {
    count,
  })) {
    opened += outline.fullName === '' || row.id === '' ? 0 : 1;
  }
  if (opened !== count) {
    throw new Error(`openAsTheListDoes: opened ${String(opened)} of ${String(count)}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** fsyncs per second of a PDF-sized file on the bench's disk: what syncing each PDF costs. */
function fsyncRate(root: string): number {
  const file = path.join(root, 'fsync-probe');
  const bytes = Buffer.alloc(55 * 1024, 7);
  const rounds = 100;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) {
    const fd = fs.openSync(`${file}-${String(i)}`, 'w');
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (let i = 0; i < rounds; i++) {
    fs.rmSync(`${file}-${String(i)}`);
  }
  return rounds / seconds;
}

/**
 * The FHIR export's data path for every record (open, record document, FHIR mapping, NDJSON
 * writes, each file synced), with one PDF drawn once and reused: the rate without PDF drawing.
 */
async function fhirDataRate(
  { vault, unlock }: Opened,
  root: string,
  ids: string[],
): Promise<{ rate: number; largest: number }> {
  const out = path.join(root, 'out-fhir-data');
  fs.mkdirSync(out);
  try {
    const read = recordReader(vault, unlock, CLINIC);
    const [first] = vault.iterateSubmissions({ ids: ids.slice(0, 1) });
    if (!first) {
      throw new Error('fhirDataRate: no submission');
    }
    const pdf = await renderRecordPdf(read(first));
    const start = process.hrtime.bigint();
    const folder = await ExportFolder.create(nodeFileSink, out, 'fhir-data');
    const bulk = await BulkDataWriter.start(folder, {
      bundleId: randomUUID(),
      timestamp: new Date().toISOString(),
      clinic: CLINIC,
    });
    for (const row of vault.iterateSubmissions({ ids })) {
      const record = read(row);
      await bulk.add(record, pdf, pdfFileName(record));
    }
    await bulk.finish();
    await folder.sync();
    await folder.publish();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { rate: ids.length / seconds, largest: largestFile(folder.finalPath) };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`positiveEnv: ${name} must be a positive integer (got ${String(raw)})`);
  }
  return value;
}

function benchCount(): number {
  const count = positiveEnv('KIOSK_BENCH_EXPORT_COUNT', DEFAULT_COUNT);
  if (count !== DEFAULT_COUNT) {
    console.log(
      `export bench: ${String(count)} submissions (KIOSK_BENCH_EXPORT_COUNT), NOT the full ${String(DEFAULT_COUNT)}`,
    );
  }
  return count;
}

/** `count` sealed submissions, copies of a few real ones with their own ids and times (also the soak tests' seed). */
export function seed(dataDir: string, count: number): void {
  const start = process.hrtime.bigint();
  const { vault } = initVault(dataDir, {
    adminName: 'Benchmark',
    passphrase: PASSPHRASE,
    kdf: FAST_KDF,
  });
  try {
    saveSnapshot(vault);
    const templates = Array.from({ length: TEMPLATES }, (_, index) =>
      completedPayload({
        kioskId: vault.kioskId,
        fullName: `Benchmark Client ${String.fromCharCode(65 + (index % 26))}ölçü-Łódź`,
        wrongFirst: index % 3 === 0,
      }),
    );
    let bytes = 0;
    for (let done = 0; done < count; done += SEED_BATCH) {
      vault.atomically(() => {
        for (let index = done; index < Math.min(count, done + SEED_BATCH); index++) {
          const payload = copyOf(templates[index % TEMPLATES], index);
          bytes += JSON.stringify(payload).length;
          storePayload(vault, payload);
        }
      });
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(
      `export bench: seeded ${count} sealed submissions (${PACK.id} ${PACK.version}, ~${(bytes / count / 1024).toFixed(1)} KB each with signature) in ${seconds.toFixed(1)} s`,
    );
  } finally {
    vault.close();
  }
}

/** The template with a new id, moved `index` minutes later (times keep their spacing). */
function copyOf(template: SubmissionPayload | undefined, index: number): SubmissionPayload {
  if (!template) {
    throw new Error('copyOf: no template');
  }
  const shift = index * 60_000;
  const later = (iso: string): string =>
    iso === '' ? iso : new Date(Date.parse(iso) + shift).toISOString();
  return {
    ...template,
    submissionId: randomUUID(),
    startedAt: later(template.startedAt),
    submittedAt: later(template.submittedAt),
    checks: template.checks.map((check) => ({
      ...check,
      attempts: check.attempts.map((attempt) => ({ ...attempt, at: later(attempt.at) })),
    })),
    acknowledgements: template.acknowledgements.map((statement) => ({
      ...statement,
      confirmedAt: later(statement.confirmedAt),
    })),
    signature: template.signature && {
      ...template.signature,
      signedAt: later(template.signature.signedAt),
    },
  };
}

interface Peaks {
  rss: number;
  heap: number;
}

type Opened = { vault: Vault; unlock: Parameters<typeof runExport>[0]['unlock'] };

async function benchFormat(
  opened: Opened,
  format: ExportFormat,
  root: string,
  ids: string[],
): Promise<{ seconds: number; rate: number; largest: number }> {
  const out = path.join(root, `out-${format}`);
  fs.mkdirSync(out);
  collectGarbage();
  const before = process.memoryUsage();
  const peaks: Peaks = { rss: before.rss, heap: before.heapUsed };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, now.rss);
    peaks.heap = Math.max(peaks.heap, now.heapUsed);
  }, SAMPLE_MS);
  const start = process.hrtime.bigint();
  try {
    const result = await runExport({
      vault: opened.vault,
      unlock: opened.unlock,
      clinic: CLINIC,
      request: { format, submissionIds: ids },
      folder: out,
      actor: 'cli',
      now: new Date(),
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const after = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, after.rss);
    peaks.heap = Math.max(peaks.heap, after.heapUsed);
    const folder = path.join(out, result.folderName);
    const size = folderBytes(folder);
    console.log(
      `  ${format.padEnd(4)} ${String(result.count).padStart(6)} submissions in ${seconds.toFixed(1)} s: ${(result.count / seconds).toFixed(0)} submissions/s; ${String(result.files.length)} files, ${formatMb(size)}; peak RSS ${formatMb(peaks.rss)} (${formatMb(before.rss)} before), peak heap ${formatMb(peaks.heap)} (${formatMb(before.heapUsed)} before)`,
    );
    if (result.count !== ids.length) {
      throw new Error(`benchFormat: exported ${String(result.count)} of ${String(ids.length)}`);
    }
    return { seconds, rate: result.count / seconds, largest: largestFile(folder) };
  } finally {
    clearInterval(sampler);
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function largestFile(dir: string): number {
  return fs
    .readdirSync(dir)
    .reduce((most, name) => Math.max(most, fs.statSync(path.join(dir, name)).size), 0);
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

function folderBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
