/**
 * What encryption costs a durable submission: insertSubmission on the SQLCipher vault against
 * the same schema and pragmas without encryption (openPlainDatabaseForBench). Every insert is its
 * own transaction with synchronous=FULL, so each one includes an fsync of the WAL: these are
 * durable-write figures, and they depend on the disk more than on the CPU.
 *
 * Set KIOSK_BENCH_DIR to measure on a particular disk (default: the OS temp folder).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initVault, openPlainDatabaseForBench, type NewSubmission } from '../src-main/vault';

const INSERTS = 2000;
const BLOCK = 250;
const WARMUP_INSERTS = 50;

type Insert = (s: NewSubmission) => void;
/** tmpfs makes fsync free, which would flatter both figures (statfs(2) f_type). */
const TMPFS_MAGIC = 0x01021994;

interface InsertFigures {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export function runVaultBench(): void {
  const parent = process.env.KIOSK_BENCH_DIR ?? os.tmpdir();
  const root = fs.mkdtempSync(path.join(parent, 'kiosk-vault-bench-'));
  try {
    describeDisk(root);
    const { payload, signatureChars } = realisticPayload();
    console.log(
      `vault bench: ${String(INSERTS)} inserts into each database (after ${String(WARMUP_INSERTS)} warm-up), payload ${formatKb(payload.length)} (record ${formatKb(payload.length - signatureChars)} + signature ${formatKb(signatureChars)}), one durable transaction per insert`,
    );

    // The KDF cost only affects opening, not inserts; keep setup quick.
    const vault = initVault(path.join(root, 'encrypted'), {
      passphrase: 'benchmark passphrase, not a secret',
      kdf: { N: 2 ** 14, r: 8, p: 1 },
    });
    const plain = openPlainDatabaseForBench(path.join(root, 'plain.db'));
    try {
      const [encrypted, unencrypted] = measureAlternating(
        [
          (s) => {
            vault.insertSubmission(s);
          },
          (s) => {
            plain.insertSubmission(s);
          },
        ],
        payload,
      );
      if (!encrypted || !unencrypted) {
        throw new Error('runVaultBench: missing figures');
      }
      printFigures('encrypted (SQLCipher v4)', encrypted);
      printFigures('plain (no encryption)   ', unencrypted);
      console.log(
        `  encrypted / plain: throughput ${ratio(encrypted.perSecond, unencrypted.perSecond)}, p50 latency ${ratio(encrypted.p50Ms, unencrypted.p50Ms)}, p99 latency ${ratio(encrypted.p99Ms, unencrypted.p99Ms)}`,
      );
    } finally {
      vault.close();
      plain.close();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Inserts into each target in alternating blocks, so that drift during the run (page cache,
 * disk write-back, CPU frequency) falls on both sides instead of on whichever ran second.
 */
function measureAlternating(targets: readonly Insert[], payload: string): InsertFigures[] {
  const runs = targets.map((insert) => ({ insert, latenciesMs: [] as number[], busyNs: 0n }));
  for (const { insert } of runs) {
    for (let i = 0; i < WARMUP_INSERTS; i++) {
      insert(submission(payload));
    }
  }
  for (let done = 0; done < INSERTS; done += BLOCK) {
    for (const run of runs) {
      const blockStart = process.hrtime.bigint();
      for (let i = 0; i < BLOCK; i++) {
        const s = submission(payload);
        const before = process.hrtime.bigint();
        run.insert(s);
        run.latenciesMs.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
      run.busyNs += process.hrtime.bigint() - blockStart;
    }
  }
  return runs.map(({ latenciesMs, busyNs }) => {
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    return {
      perSecond: sorted.length / (Number(busyNs) / 1e9),
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
    };
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function submission(payload: string): NewSubmission {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    packId: 'general-consent',
    packVersion: '1.0.0',
    packHash: 'f'.repeat(64),
    locale: 'en',
    startedAt: now,
    submittedAt: now,
    payload,
  };
}

/**
 * About 4 KB of record (identity, answers, per-page reading times, acknowledged statements) plus
 * a signature image as a ~20 KB base64 data URL, like the client's real record.
 */
function realisticPayload(): { payload: string; signatureChars: number } {
  const pages = Array.from({ length: 12 }, (_, i) => ({
    stepId: `page-${String(i + 1)}`,
    enteredAt: new Date(Date.UTC(2025, 0, 2, 3, i)).toISOString(),
    readingMs: 12_000 + i * 731,
  }));
  const statements = Array.from({ length: 16 }, (_, i) => ({
    id: `statement-${String(i + 1)}`,
    text: `I understand point ${String(i + 1)} of the information I was given about this procedure, including its risks, alternatives and what happens if I change my mind later.`,
  }));
  const imageDataUrl = `data:image/png;base64,${randomBytes(15_000).toString('base64')}`;
  const record = {
    identity: { fullName: 'Benchmark Client', dateOfBirth: '1980-01-01' },
    pages,
    checks: [{ stepId: 'check-1', attempts: [{ optionId: 'b', correct: true }] }],
    acknowledged: statements,
    signature: {
      imageDataUrl,
      inkLength: 812.5,
      typedName: 'Benchmark Client',
    },
  };
  return { payload: JSON.stringify(record), signatureChars: imageDataUrl.length };
}

function describeDisk(dir: string): void {
  const isTmpfs = fs.statfsSync(dir).type === TMPFS_MAGIC;
  console.log(
    `vault bench: writing in ${dir}${isTmpfs ? ' (tmpfs: fsync is free, figures flatter a real disk; set KIOSK_BENCH_DIR)' : ''}`,
  );
}

function printFigures(label: string, figures: InsertFigures): void {
  console.log(
    `  ${label}: ${figures.perSecond.toFixed(0)} durable submissions/s, p50 ${figures.p50Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms`,
  );
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
