/**
 * What `npm run kiosk -- verify` checks and prints: the audit chain, SQLite's integrity check and
 * the cipher's page-level check. Each check runs even when another fails or throws, so one report
 * says everything that is wrong.
 */
import type { AuditedVault } from './audit-store';
import { verifyChain, type ChainReport } from './verify-chain';

export interface VerifyReport {
  chain: ChainReport;
  /** 'ok', or the problems (or the error) PRAGMA integrity_check gave. */
  integrity: string;
  /** 'ok', or the problems (or the error) the cipher's check gave. */
  cipherIntegrity: string;
  ok: boolean;
}

export function verifyVault(vault: AuditedVault): VerifyReport {
  const integrity = runCheck(() => vault.integrityCheck());
  const cipherIntegrity = runCheck(() => vault.cipherIntegrityCheck());
  // Reading the rows is not caught: if the table cannot be read there is no chain to report on,
  // and the caller's error handling says why. The integrity checks above have already run, but
  // their result would be lost with the throw, so fold them into the error.
  let chain: ChainReport;
  try {
    chain = verifyChain(vault.auditRows());
  } catch (error) {
    throw new Error(
      `verifyVault: the audit log cannot be read (database integrity: ${integrity}; cipher integrity: ${cipherIntegrity})`,
      { cause: error },
    );
  }
  return {
    chain,
    integrity,
    cipherIntegrity,
    ok: chain.ok && integrity === 'ok' && cipherIntegrity === 'ok',
  };
}

/** A check that throws (a corrupt page can make SQLite raise SQLITE_CORRUPT) is a failed check. */
function runCheck(check: () => string): string {
  try {
    return check();
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Lines for a person at a terminal, one per check; problems indented below their check. */
export function formatVerifyReport(report: VerifyReport): string {
  return [
    formatChain(report.chain),
    ...formatCheck('database integrity', report.integrity),
    ...formatCheck('cipher integrity', report.cipherIntegrity),
  ].join('\n');
}

function formatChain(chain: ChainReport): string {
  if (chain.ok) {
    const count = chain.entries === 1 ? '1 entry' : `${chain.entries} entries`;
    // The whole head: it is what an anchor in an export manifest is compared against.
    return `audit chain: ok (${count}, head ${chain.head})`;
  }
  return `audit chain: BROKEN at entry ${chain.position} (seq ${chain.seq}) of ${chain.entries}: ${chain.message}`;
}

function formatCheck(label: string, result: string): string[] {
  if (result === 'ok') {
    return [`${label}: ok`];
  }
  const problems = result.split('\n').filter((line) => line.trim() !== '');
  return [`${label}: FAILED`, ...problems.map((line) => `  ${line}`)];
}
