/**
 * Crash durability: a child process opens the vault unattended (as the kiosk does), inserts
 * submissions and prints each id once `insertSubmission` returns; we SIGKILL it at a random
 * moment, many times, and check that every printed id is in the database, opens to its payload
 * with a staff passphrase, and the database is intact.
 *
 * SIGKILL kills the process, not the machine: the OS page cache survives, so this proves the
 * commit protocol (WAL, one transaction per insert, recovery on reopen), not the fsyncs that
 * synchronous=FULL adds for power loss. That part is SQLite's documented guarantee
 * (https://www.sqlite.org/pragma.html#pragma_synchronous), checked in vault-lifecycle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { openVaultWithSecret } from '../../src-main/vault';
import {
  fakeKeychain,
  initTestVault,
  PASSPHRASE,
  useTempRoot,
} from '../../src-main/vault/vault-test-fixtures';
import { runChild } from '../fixtures/run-child';

const ROUNDS = 20;
const MAX_EXTRA_DELAY_MS = 150;
const BACKEND = 'durability-keychain';

/**
 * Runs the submit loop, waits for its first printed id, lets it run a random 0-150 ms more,
 * SIGKILLs it, and resolves with the ids it printed as complete lines.
 */
async function runAndKill(dataDir: string): Promise<string[]> {
  let killScheduled = false;
  const outcome = await runChild(
    'test/fixtures/submit-loop.ts',
    [dataDir, BACKEND],
    (stdout, kill) => {
      if (!killScheduled && stdout.includes('\n')) {
        killScheduled = true;
        setTimeout(kill, Math.random() * MAX_EXTRA_DELAY_MS);
      }
    },
  );
  if (outcome.signal !== 'SIGKILL') {
    throw new Error(
      `submit-loop exited by itself (code ${String(outcome.code)}): ${outcome.stderr}`,
    );
  }
  // Only complete lines: a partial last line was cut by the kill, not a promise.
  const lines = outcome.stdout.split('\n');
  lines.pop();
  return lines;
}

describe('vault durability under SIGKILL', () => {
  const temp = useTempRoot();

  it(`keeps every acknowledged submission across ${String(ROUNDS)} kills`, async () => {
    initTestVault(temp.dataDir, { keychain: fakeKeychain(BACKEND) }).vault.close();
    const acknowledged: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const printed = await runAndKill(temp.dataDir);
      expect(printed.length, `round ${String(round)} printed nothing`).toBeGreaterThan(0);
      acknowledged.push(...printed);

      const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
      try {
        const rows = new Map(vault.listSubmissions().map((row) => [row.id, row]));
        const missing = acknowledged.filter((id) => !rows.has(id));
        expect(missing, `round ${String(round)}: acknowledged but lost`).toEqual([]);
        for (const id of printed) {
          const sealed = rows.get(id)?.sealed ?? new Uint8Array();
          expect((JSON.parse(unlock.openSubmission(sealed)) as { id: string }).id).toBe(id);
        }
        expect(vault.integrityCheck()).toBe('ok');
      } finally {
        unlock.wipe();
        vault.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS);
  });
});
