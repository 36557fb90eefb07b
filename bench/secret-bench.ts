/**
 * What a staff secret costs the kiosk, in three figures:
 * - a 1,024-character passphrase sent to `vault.create` on a kiosk that has a vault: refused
 *   (VAULT_EXISTS) before zxcvbn or scrypt, so it should answer in well under 50 ms;
 * - 30 wrong passphrases in a row (the clock is injected and moved on by each wait, so nothing
 *   sleeps): the total wait the throttle imposed and the audit rows they cost;
 * - `app.status` while an `admin.unlock` runs scrypt at the default cost: how long the cheap call
 *   waited, beside the unlock's own time.
 * Figures only: nothing here asserts a speed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callOrThrow } from '../src-main/api';
import { openKioskApp, type KioskApp, type KioskAppOptions } from '../src-main/kiosk-app';
import { ensureSodium } from '../src-main/vault';
import { FAST_KDF, OTHER_PASSPHRASE, PASSPHRASE } from '../test/support/secrets';

const CREATE_TRIES = 20;
const LONG_PASSPHRASE = 'ab1-'.repeat(256);
const BUDGET_MS = 50;
const WRONG_TRIES = 30;

export async function runSecretBench(): Promise<void> {
  await ensureSodium();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-secret-bench-'));
  try {
    await benchCreateOnExistingVault(path.join(root, 'create'));
    await benchWrongPassphrases(path.join(root, 'wrong'));
    await benchCheapCallDuringUnlock(path.join(root, 'unlock'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function withKiosk(
  options: KioskAppOptions,
  work: (app: KioskApp) => Promise<void>,
): Promise<void> {
  const app = openKioskApp(options);
  try {
    await callOrThrow(app, 'vault.create', {
      name: 'Benchmark',
      passphrase: PASSPHRASE,
      confirm: PASSPHRASE,
    });
    await work(app);
  } finally {
    app.close();
  }
}

async function benchCreateOnExistingVault(dataDir: string): Promise<void> {
  await withKiosk({ dataDir, kdf: FAST_KDF }, async (app) => {
    const times: number[] = [];
    for (let i = 0; i < CREATE_TRIES; i++) {
      const start = performance.now();
      const result = await app.call('vault.create', {
        name: 'Mallory',
        passphrase: LONG_PASSPHRASE,
        confirm: LONG_PASSPHRASE,
      });
      times.push(performance.now() - start);
      if (result.ok || result.error.code !== 'VAULT_EXISTS') {
        throw new Error(
          'benchCreateOnExistingVault: vault.create was not refused with VAULT_EXISTS',
        );
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? NaN;
    const worst = times[times.length - 1] ?? NaN;
    console.log(
      `vault.create, ${String(LONG_PASSPHRASE.length)}-character passphrase, existing vault (${String(CREATE_TRIES)} calls): median ${median.toFixed(2)} ms, worst ${worst.toFixed(2)} ms = ${(worst / BUDGET_MS).toFixed(3)} of ${String(BUDGET_MS)} ms`,
    );
  });
}

async function benchWrongPassphrases(dataDir: string): Promise<void> {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const start = clock;
  await withKiosk({ dataDir, kdf: FAST_KDF, now: () => new Date(clock) }, async (app) => {
    const vault = app.gate.vault();
    const rowsBefore = vault?.auditRows().length ?? 0;
    let waitedMs = 0;
    for (let i = 0; i < WRONG_TRIES; i++) {
      const result = await app.call('admin.unlock', { passphrase: OTHER_PASSPHRASE });
      if (result.ok || result.error.code !== 'WRONG_PASSPHRASE') {
        throw new Error('benchWrongPassphrases: a wrong passphrase was not refused as wrong');
      }
      const wait = result.error.retryAfterMs ?? 0;
      waitedMs += wait;
      clock += wait;
    }
    const failedRows = () =>
      (vault?.auditRows() ?? []).slice(rowsBefore).filter((row) => row.action === 'unlock_failed')
        .length;
    const duringAttack = failedRows();
    await callOrThrow(app, 'admin.unlock', { passphrase: PASSPHRASE });
    console.log(
      `${String(WRONG_TRIES)} wrong passphrases (default delays): total wait ${(waitedMs / 1000).toFixed(0)} s (${((clock - start) / 3_600_000).toFixed(2)} h), audit rows ${String(duringAttack)} during the attack, ${String(failedRows())} after the right passphrase`,
    );
  });
}

async function benchCheapCallDuringUnlock(dataDir: string): Promise<void> {
  // Default scrypt cost (N=2^17): the unlock the kiosk really runs.
  await withKiosk({ dataDir }, async (app) => {
    const start = performance.now();
    let unlockMs = NaN;
    let statusMs = NaN;
    const unlock = callOrThrow(app, 'admin.unlock', { passphrase: PASSPHRASE }).then(() => {
      unlockMs = performance.now() - start;
    });
    const status = callOrThrow(app, 'app.status', {}).then(() => {
      statusMs = performance.now() - start;
    });
    await Promise.all([unlock, status]);
    console.log(
      `app.status during an admin.unlock at the default scrypt cost: answered after ${statusMs.toFixed(1)} ms; the unlock took ${unlockMs.toFixed(0)} ms`,
    );
  });
}
