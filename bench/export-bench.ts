/**
 * What an export of a full kiosk costs: 10,000 realistic sealed submissions (made once by the
 * real consent code, then copied with new ids and times), a staff unlock, then a CSV, a PDF and
 * a FHIR export of all of them. For each: submissions per second, wall time, output size, and
 * peak memory (RSS and V8 heap, sampled every 25 ms while it runs; run with `--expose-gc` to
 * start each format from a collected heap).
 *
 * The PDF and FHIR exports draw one PDF per submission (the FHIR export writes it beside its NDJSON), which
 * takes minutes for 10,000. KIOSK_BENCH_EXPORT_COUNT sets a smaller count for a quick run; the
 * figures then say which count they are for.
 *
 * Set KIOSK_BENCH_DIR to measure on a particular disk (default: the OS temp folder).
 */
// The KDF cost only affects unlocking, not what is measured here: keep setup quick.
import { FAST_KDF, PASSPHRASE } from '../test/support/secrets';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SubmissionPayload } from '../src-main/consent/submission-payload';
import type { ExportFormat } from '../src-main/contract';
import { runExport } from '../src-main/export';
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

export async function runExportBench(): Promise<void> {
  await ensureSodium();
  const count = benchCount();
  const parent = process.env.KIOSK_BENCH_DIR ?? os.tmpdir();
  const root = fs.mkdtempSync(path.join(parent, 'kiosk-export-bench-'));
  try {
    const dataDir = path.join(root, 'data');
    seed(dataDir, count);
    const opened = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
    try {
      for (const format of ['csv', 'pdf', 'fhir'] as const) {
        await benchFormat(opened, format, root, count);
      }
    } finally {
      opened.unlock.wipe();
      opened.vault.close();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function benchCount(): number {
  const raw = process.env.KIOSK_BENCH_EXPORT_COUNT;
  const count = raw === undefined ? DEFAULT_COUNT : Number(raw);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`benchCount: KIOSK_BENCH_EXPORT_COUNT must be a positive integer (got ${raw})`);
  }
  if (count !== DEFAULT_COUNT) {
    console.log(
      `export bench: ${count} submissions (KIOSK_BENCH_EXPORT_COUNT), NOT the full ${DEFAULT_COUNT}`,
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

async function benchFormat(
  opened: { vault: Vault; unlock: Parameters<typeof runExport>[0]['unlock'] },
  format: ExportFormat,
  root: string,
  count: number,
): Promise<void> {
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
      request: { format },
      folder: out,
      actor: 'cli',
      now: new Date(),
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const after = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, after.rss);
    peaks.heap = Math.max(peaks.heap, after.heapUsed);
    const size = folderBytes(path.join(out, result.folderName));
    console.log(
      `  ${format.padEnd(4)} ${String(result.count).padStart(6)} submissions in ${seconds.toFixed(1)} s: ${(result.count / seconds).toFixed(0)} submissions/s; ${result.files.length} files, ${formatMb(size)}; peak RSS ${formatMb(peaks.rss)} (${formatMb(before.rss)} before), peak heap ${formatMb(peaks.heap)} (${formatMb(before.heapUsed)} before)`,
    );
    if (result.count !== count) {
      throw new Error(`benchFormat: exported ${result.count} of ${count}`);
    }
  } finally {
    clearInterval(sampler);
    fs.rmSync(out, { recursive: true, force: true });
  }
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
