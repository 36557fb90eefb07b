/**
 * The auditor's test of exports killed part-way, as a real process: the CLI (`npm run kiosk --
 * export`, run as `node --import tsx src-main/cli/main.ts`) exports PDFs of a seeded vault to
 * a folder standing in for a USB stick, and is killed with SIGKILL a random 0–2 s after its
 * folder appears. After each kill: no readable client file is outside the hidden temporary
 * folder (a folder in the open is one the vault recorded as a completed export), the attempt
 * has its "started" audit entry, and what the kiosk does at its next start
 * (`removeUnfinishedExports`) removes the temporary folder, or publishes it if the export was
 * recorded completed, and audits that.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeUnfinishedExports } from '../../src-main/export';
import { nodeFileSink } from '../../src-main/export/export-folder';
import {
  completedPayload,
  openExportVault,
  storePayload,
} from '../../src-main/export/export-test-fixtures';
import { openVaultWithSecret, type Vault } from '../../src-main/vault';
import { PASSPHRASE } from './secrets';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HIDDEN = /^\.kiosk-export-.+\.partial$/;

export interface KillRun {
  /** Attempts killed after their folder appeared (the others finished first). */
  killed: number;
  finished: number;
  /** Problems found, in words: the test expects none. */
  problems: string[];
}

/** Seeds `records` submissions into a new vault in `dataDir`. */
export function seedVault(dataDir: string, records: number): void {
  const { vault, unlock } = openExportVault(dataDir);
  try {
    for (let i = 0; i < records; i++) {
      storePayload(vault, completedPayload({ kioskId: vault.kioskId }));
    }
  } finally {
    unlock.wipe();
    vault.close();
  }
}

export async function killExportsAtRandom(options: {
  dataDir: string;
  out: string;
  attempts: number;
  /** The longest wait after the folder appears, in ms. */
  maxDelayMs?: number;
}): Promise<KillRun> {
  const { dataDir, out, attempts, maxDelayMs = 2000 } = options;
  const run: KillRun = { killed: 0, finished: 0, problems: [] };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await exportKilledAfter(dataDir, out, Math.random() * maxDelayMs);
    run[outcome] += 1;
    const problems = [
      ...checkAfterKill(dataDir, out, attempt),
      ...(await cleanUpAsAtStart(dataDir, out)),
    ];
    run.problems.push(...problems.map((problem) => `attempt ${attempt}: ${problem}`));
  }
  return run;
}

/** Starts the CLI export; once its hidden folder appears, waits `delayMs` and kills it. */
async function exportKilledAfter(
  dataDir: string,
  out: string,
  delayMs: number,
): Promise<'killed' | 'finished'> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'src-main/cli/main.ts'),
      'export',
      '--format',
      'pdf',
      '--out',
      out,
      '--data-dir',
      dataDir,
    ],
    { cwd: ROOT, env: { ...process.env, KIOSK_PASSPHRASE: PASSPHRASE }, stdio: 'ignore' },
  );
  const state = { exited: false };
  const exit = new Promise<void>((resolve) => {
    child.on('exit', () => {
      state.exited = true;
      resolve();
    });
  });
  while (!state.exited && !fs.readdirSync(out).some((name) => HIDDEN.test(name))) {
    await sleep(5);
  }
  if (!state.exited) {
    await Promise.race([sleep(delayMs), exit]);
  }
  const killed = !state.exited && child.kill('SIGKILL');
  await exit;
  return killed ? 'killed' : 'finished';
}

function checkAfterKill(dataDir: string, out: string, attempt: number): string[] {
  const problems: string[] = [];
  const { vault, unlock } = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
  unlock.wipe();
  try {
    const details = exportAudits(vault);
    const started = details.filter((d) => d.outcome === 'started');
    if (started.length !== attempt) {
      problems.push(`${started.length} "started" entries after ${attempt} attempts`);
    }
    const completed = new Set(
      details.filter((d) => d.outcome === 'completed').map((d) => d.folder),
    );
    for (const name of fs.readdirSync(out)) {
      if (!HIDDEN.test(name) && !completed.has(name)) {
        problems.push(`${name} is in the open but was never recorded as a completed export`);
      }
    }
    return problems;
  } finally {
    vault.close();
  }
}

/** What the kiosk does at its next start; then nothing hidden may remain. */
export async function cleanUpAsAtStart(dataDir: string, out: string): Promise<string[]> {
  const { vault, unlock } = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
  unlock.wipe();
  try {
    const hidden = fs.readdirSync(out).filter((name) => HIDDEN.test(name));
    const { removed, published } = await removeUnfinishedExports(
      vault,
      nodeFileSink,
      'kiosk',
      new Date(),
    );
    const left = fs.readdirSync(out).filter((name) => HIDDEN.test(name));
    const audited = exportAudits(vault)
      .slice(-2)
      .map((details) => details.outcome);
    // `.<final>.partial` of an export recorded completed is published as `<final>`.
    const publishedAs = (name: string): boolean => published.includes(name.slice(1, -8));
    return [
      ...left.map((name) => `${name} is still there after the next start`),
      ...hidden
        .filter((name) => !removed.includes(name) && !publishedAs(name))
        .map((name) => `${name} was neither reported removed nor published`),
      ...(hidden.some((name) => removed.includes(name)) && !audited.includes('unfinished_removed')
        ? ['the removal was not audited']
        : []),
      ...(published.length > 0 && !audited.includes('unfinished_published')
        ? ['the publishing was not audited']
        : []),
    ];
  } finally {
    vault.close();
  }
}

export function exportAudits(vault: Vault): Record<string, unknown>[] {
  return vault
    .auditRows()
    .filter((row) => row.action === 'export')
    .map((row) => JSON.parse(row.details) as Record<string, unknown>);
}
