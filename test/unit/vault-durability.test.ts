/**
 * Crash durability: a child process inserts submissions and prints each id once
 * `insertSubmission` returns; we SIGKILL it at a random moment, many times, and check that every
 * printed id is in the database and the database is intact.
 *
 * SIGKILL kills the process, not the machine: the OS page cache survives, so this proves the
 * commit protocol (WAL, one transaction per insert, recovery on reopen), not the fsyncs that
 * synchronous=FULL adds for power loss. That part is SQLite's documented guarantee
 * (https://www.sqlite.org/pragma.html#pragma_synchronous), checked in vault-lifecycle.test.ts.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initVault, openVaultWithPassphrase } from '../../src-main/vault';
import { createTempRoot, FAST_KDF, PASSPHRASE } from '../../src-main/vault/vault-test-fixtures';

const ROUNDS = 20;
const MAX_EXTRA_DELAY_MS = 150;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const submitLoop = path.join(repoRoot, 'test/fixtures/submit-loop.ts');

/**
 * Runs the submit loop, waits for its first printed id, lets it run a random 0-150 ms more,
 * SIGKILLs it, and resolves with the ids it printed as complete lines.
 */
function runAndKill(dataDir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', submitLoop, dataDir], {
      cwd: repoRoot,
      env: { ...process.env, KIOSK_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killScheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killScheduled && stdout.includes('\n')) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * MAX_EXTRA_DELAY_MS);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`submit-loop exited by itself (code ${String(code)}): ${stderr}`));
        return;
      }
      // Only complete lines: a partial last line was cut by the kill, not a promise.
      const lines = stdout.split('\n');
      lines.pop();
      resolve(lines);
    });
  });
}

describe('vault durability under SIGKILL', () => {
  let temp: ReturnType<typeof createTempRoot>;
  beforeAll(() => {
    temp = createTempRoot();
    initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
  });
  afterAll(() => {
    temp.remove();
  });

  it(`keeps every acknowledged submission across ${String(ROUNDS)} kills`, async () => {
    const acknowledged: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const printed = await runAndKill(temp.dataDir);
      expect(printed.length, `round ${String(round)} printed nothing`).toBeGreaterThan(0);
      acknowledged.push(...printed);

      const vault = openVaultWithPassphrase(temp.dataDir, PASSPHRASE);
      try {
        const stored = new Set(vault.listSubmissions().map((row) => row.id));
        const missing = acknowledged.filter((id) => !stored.has(id));
        expect(missing, `round ${String(round)}: acknowledged but lost`).toEqual([]);
        expect(vault.integrityCheck()).toBe('ok');
      } finally {
        vault.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS);
  });
});
