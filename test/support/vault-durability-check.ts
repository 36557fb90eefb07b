/**
 * Crash durability, shared by `npm test` (test/unit/vault-durability.test.ts, 20 rounds) and the
 * soak tier (vault-durability.soak.test.ts, 100): a child process opens the kiosk unattended and
 * submits one fake client's visit after another through the API (test/fixtures/submit-loop.ts),
 * printing each submission id once `session.submit` has answered ok; we SIGKILL it at a random
 * moment, round after round, and check that every acknowledged id is in the database and opens,
 * with a staff passphrase, to a record of that id, and that the database, its cipher pages and
 * the audit chain are intact.
 *
 * SIGKILL kills the process, not the machine: the OS page cache survives, so this proves the
 * commit protocol (WAL, one transaction per submit, recovery on reopen), not the fsyncs that
 * synchronous=FULL adds for power loss. That part is SQLite's documented guarantee
 * (https://www.sqlite.org/pragma.html#pragma_synchronous), checked in vault-lifecycle.test.ts.
 *
 * The audit head counter beside the database is not checked: a kill between a commit and its
 * counting leaves it behind the log by design, and `verify` says so (audit/chain-anchor.ts).
 */
import { expect } from 'vitest';
import { verifyChain } from '../../src-main/audit';
import { openSubmissionPayload } from '../../src-main/consent';
import { openVaultWithSecret } from '../../src-main/vault';
import { fakeKeychain, initTestVault, PASSPHRASE } from '../../src-main/vault/vault-test-fixtures';
import { runChild } from '../fixtures/run-child';
import { reportFigures } from './figures';

/** Rounds of submit-and-kill: `npm test`, and the soak tier. */
export const DURABILITY_ROUNDS = { test: 20, soak: 100 } as const;

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

interface RoundCheck {
  missing: string[];
  /** Acknowledged this round, stored, but not opening to a record of that id. */
  unreadable: string[];
  /** Integrity, cipher integrity and the audit chain, or what was wrong. */
  problems: string[];
}

function checkVault(
  dataDir: string,
  acknowledged: readonly string[],
  printed: readonly string[],
): RoundCheck {
  const { vault, unlock } = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
  try {
    const rows = new Map(vault.listSubmissions().map((row) => [row.id, row]));
    const unreadable = printed.filter((id) => {
      const row = rows.get(id);
      try {
        return row === undefined ? false : openSubmissionPayload(row, unlock).submissionId !== id;
      } catch {
        return true;
      }
    });
    const chain = verifyChain(vault.auditRows());
    const problems = [
      vault.integrityCheck() === 'ok' ? '' : `integrity: ${vault.integrityCheck()}`,
      vault.cipherIntegrityCheck() === 'ok' ? '' : `cipher: ${vault.cipherIntegrityCheck()}`,
      chain.ok ? '' : `audit chain: ${chain.message}`,
    ].filter((problem) => problem !== '');
    return { missing: acknowledged.filter((id) => !rows.has(id)), unreadable, problems };
  } finally {
    unlock.wipe();
    vault.close();
  }
}

/** Runs `rounds` rounds in `dataDir` (which must not exist yet), prints the figures, asserts. */
export async function checkDurability(dataDir: string, rounds: number): Promise<void> {
  initTestVault(dataDir, { keychain: fakeKeychain(BACKEND) }).vault.close();
  const acknowledged: string[] = [];
  const lost = new Set<string>();
  const unreadable = new Set<string>();
  const problems: string[] = [];
  let intact = 0;
  let silentRounds = 0;
  for (let round = 1; round <= rounds; round++) {
    const printed = await runAndKill(dataDir);
    if (printed.length === 0) {
      silentRounds += 1;
    }
    acknowledged.push(...printed);
    const check = checkVault(dataDir, acknowledged, printed);
    check.missing.forEach((id) => lost.add(id));
    check.unreadable.forEach((id) => unreadable.add(id));
    problems.push(...check.problems.map((problem) => `round ${String(round)}: ${problem}`));
    intact += check.problems.length === 0 ? 1 : 0;
  }
  reportFigures(`SIGKILL durability (${String(rounds)} rounds)`, {
    rounds,
    'records acknowledged': acknowledged.length,
    'records lost': lost.size,
    'records not opening': unreadable.size,
    integrity: `${String(intact)} of ${String(rounds)} rounds ok`,
  });
  expect([...lost], 'acknowledged but lost').toEqual([]);
  expect([...unreadable], 'acknowledged but not opening to its record').toEqual([]);
  expect(problems).toEqual([]);
  expect(silentRounds, 'rounds in which the child acknowledged nothing').toBe(0);
  expect(acknowledged.length).toBeGreaterThanOrEqual(rounds);
}
