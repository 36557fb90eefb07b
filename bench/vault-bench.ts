/**
 * What the vault costs a submission, in three figures:
 * - inserts: insertSubmission on the SQLCipher vault against the same schema and pragmas without
 *   the database cipher (openPlainDatabaseForBench). Both seal the payload, so the difference is
 *   the cipher. Every insert is its own transaction with synchronous=FULL, so each one includes
 *   an fsync of the WAL: these are durable-write figures, and they depend on the disk more than
 *   on the CPU;
 * - sealing: one libsodium sealed box of a realistic (~24 KB) payload, on its own;
 * - reading back: after a staff unlock, opening (unseal + JSON.parse) 10,000 sealed submissions,
 *   what a staff list or an export of a full kiosk costs.
 *
 * Set KIOSK_BENCH_DIR to measure on a particular disk (default: the OS temp folder).
 */
// The KDF cost only affects unlocking, not what is measured here: keep setup quick.
import { tableRow } from './bench-table';
import { FAST_KDF, PASSPHRASE } from '../test/support/secrets';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit } from '../src-main/audit';
import { generateSealKeyPair, sealTo } from '../src-main/seal';
import { ensureSodium, openVaultWithSecret, type NewSubmission } from '../src-main/vault';
import { openPlainDatabaseForBench } from '../src-main/vault/db/plain-database';
import { initVault } from '../src-main/vault/init-vault';

const INSERTS = 2000;
const BLOCK = 250;
const WARMUP_INSERTS = 50;
const SEALS = 5000;
const WARMUP_SEALS = 200;
const RECORDS_TO_OPEN = 10_000;
const AUDITS = 500;
const WARMUP_AUDITS = 20;

type Insert = (s: NewSubmission) => void;
/** tmpfs makes fsync free, which would flatter both figures (statfs(2) f_type). */
const TMPFS_MAGIC = 0x01021994;

interface InsertFigures {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runVaultBench(): Promise<void> {
  await ensureSodium();
  const parent = process.env.KIOSK_BENCH_DIR ?? os.tmpdir();
  const root = fs.mkdtempSync(path.join(parent, 'kiosk-vault-bench-'));
  try {
    describeDisk(root);
    const { payload, signatureChars } = realisticPayload();
    console.log(
      `vault bench: payload ${formatKb(payload.length)} (record ${formatKb(payload.length - signatureChars)} + signature ${formatKb(signatureChars)})`,
    );
    benchInserts(root, payload);
    benchSealing(payload);
    benchAuditAppends(root);
    benchOpening(root, payload);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function benchInserts(root: string, payload: string): void {
  console.log(
    `inserts: ${String(INSERTS)} into each database (after ${String(WARMUP_INSERTS)} warm-up), sealed, one durable transaction per insert`,
  );
  const { vault } = initVault(path.join(root, 'encrypted'), {
    adminName: 'Benchmark',
    passphrase: PASSPHRASE,
    kdf: FAST_KDF,
  });
  let plain: ReturnType<typeof openPlainDatabaseForBench> | undefined;
  try {
    const plainDatabase = openPlainDatabaseForBench(path.join(root, 'plain.db'));
    plain = plainDatabase;
    const [encrypted, unencrypted] = measureAlternating(
      [
        (s) => {
          vault.insertSubmission(s);
        },
        (s) => {
          plainDatabase.insertSubmission(s);
        },
      ],
      payload,
    );
    if (!encrypted || !unencrypted) {
      throw new Error('benchInserts: missing figures');
    }
    printFigures('encrypted (SQLCipher v4), sealed', encrypted);
    printFigures('plain (no cipher), sealed       ', unencrypted);
    console.log(
      `  encrypted / plain: throughput ${ratio(encrypted.perSecond, unencrypted.perSecond)}, p50 latency ${ratio(encrypted.p50Ms, unencrypted.p50Ms)}, p99 latency ${ratio(encrypted.p99Ms, unencrypted.p99Ms)}`,
    );
    tableRow({
      what: 'durable submit, encrypted and sealed / plain database',
      today: encrypted.perSecond / unencrypted.perSecond,
      target: 0.9,
      unit: '×',
      better: 'higher',
      reference: `${encrypted.perSecond.toFixed(0)} vs ${unencrypted.perSecond.toFixed(0)} commits/s, both synchronous=FULL`,
    });
    tableRow({
      what: 'durable submit p99',
      today: encrypted.p99Ms,
      target: 10,
      unit: 'ms',
      better: 'lower',
      reference: `plain database p99 ${unencrypted.p99Ms.toFixed(2)} ms`,
    });
  } finally {
    vault.close();
    plain?.close();
  }
}

/**
 * Audit entries appended one by one, each its own durable transaction followed by the head
 * counter's atomic rewrite (audit-head.json: temporary file, fsync, rename, fsync of the folder).
 * What one audited action (a record view, a submission) adds to its own cost.
 */
function benchAuditAppends(root: string): void {
  const { vault } = initVault(path.join(root, 'audited'), {
    adminName: 'Benchmark',
    passphrase: PASSPHRASE,
    kdf: FAST_KDF,
  });
  try {
    const append = (index: number): void => {
      appendAudit(vault, { actor: 'kiosk', action: 'record_viewed', details: { index } });
    };
    for (let i = 0; i < WARMUP_AUDITS; i++) {
      append(i);
    }
    const latencies: number[] = [];
    const start = process.hrtime.bigint();
    for (let i = 0; i < AUDITS; i++) {
      const before = process.hrtime.bigint();
      append(i);
      latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    latencies.sort((a, b) => a - b);
    printFigures(`audit appends (${String(AUDITS)}, chain + head counter)`, {
      perSecond: AUDITS / seconds,
      p50Ms: latencies[Math.floor(AUDITS * 0.5)] ?? 0,
      p99Ms: latencies[Math.floor(AUDITS * 0.99)] ?? 0,
    });
  } finally {
    vault.close();
  }
}

/** libsodium's crypto_box_seal of the payload's UTF-8 bytes, alone: no JSON check, no SQLite. */
function benchSealing(payload: string): void {
  const { publicKey } = generateSealKeyPair();
  const bytes = Buffer.from(payload, 'utf8');
  for (let i = 0; i < WARMUP_SEALS; i++) {
    sealTo(publicKey, bytes);
  }
  const start = process.hrtime.bigint();
  for (let i = 0; i < SEALS; i++) {
    sealTo(publicKey, bytes);
  }
  const perSealUs = Number(process.hrtime.bigint() - start) / 1e3 / SEALS;
  console.log(
    `sealing: ${perSealUs.toFixed(1)} µs per seal of ${formatKb(bytes.length)} (${String(SEALS)} seals after ${String(WARMUP_SEALS)} warm-up; ${(1e6 / perSealUs).toFixed(0)} seals/s)`,
  );
}

/**
 * Fills a vault with RECORDS_TO_OPEN submissions, then, after a staff unlock, lists them and
 * opens every one (unseal + JSON.parse), as a staff list or an export would.
 */
function benchOpening(root: string, payload: string): void {
  const dataDir = path.join(root, 'to-open');
  const { vault } = initVault(dataDir, {
    adminName: 'Benchmark',
    passphrase: PASSPHRASE,
    kdf: FAST_KDF,
  });
  const fillStart = process.hrtime.bigint();
  try {
    for (let i = 0; i < RECORDS_TO_OPEN; i++) {
      vault.insertSubmission(submission(payload));
    }
  } finally {
    vault.close();
  }
  const fillSeconds = Number(process.hrtime.bigint() - fillStart) / 1e9;
  console.log(
    `opening: inserted ${String(RECORDS_TO_OPEN)} submissions in ${fillSeconds.toFixed(1)} s (durable, one by one)`,
  );

  const unlockStart = process.hrtime.bigint();
  const opened = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
  const unlockMs = Number(process.hrtime.bigint() - unlockStart) / 1e6;
  try {
    const listStart = process.hrtime.bigint();
    const rows = opened.vault.listSubmissions();
    const listSeconds = Number(process.hrtime.bigint() - listStart) / 1e9;
    const openStart = process.hrtime.bigint();
    let parsed = 0;
    for (const row of rows) {
      const record = JSON.parse(opened.unlock.openSubmission(row.sealed)) as { identity?: unknown };
      parsed += record.identity ? 1 : 0;
    }
    const openSeconds = Number(process.hrtime.bigint() - openStart) / 1e9;
    if (parsed !== RECORDS_TO_OPEN) {
      throw new Error(`benchOpening: opened ${String(parsed)} of ${String(RECORDS_TO_OPEN)}`);
    }
    console.log(
      `  unlock (scrypt N=2^14 for the bench, open, migrate check): ${unlockMs.toFixed(0)} ms`,
    );
    console.log(
      `  list ${String(rows.length)} rows (sealed blobs read from SQLCipher): ${listSeconds.toFixed(2)} s`,
    );
    console.log(
      `  open ${String(rows.length)} submissions (unseal + JSON.parse): ${openSeconds.toFixed(2)} s, ${((openSeconds * 1e6) / rows.length).toFixed(0)} µs per record`,
    );
  } finally {
    opened.unlock.wipe();
    opened.vault.close();
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
export function percentile(sorted: number[], fraction: number): number {
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

function printFigures(label: string, figures: InsertFigures, unit = 'durable submissions/s'): void {
  console.log(
    `  ${label}: ${figures.perSecond.toFixed(0)} ${unit}, p50 ${figures.p50Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms`,
  );
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}

function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
