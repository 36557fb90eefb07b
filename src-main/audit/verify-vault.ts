/**
 * What `npm run kiosk -- verify` checks and prints: the audit chain, its head counter outside the
 * database, every export anchor it is given, SQLite's integrity check and the cipher's page-level
 * check. Each check runs even when another fails or throws, so one report says everything that
 * is wrong.
 */
import type { AuditedVault, AuditRow } from './audit-store';
import {
  verifyAnchor,
  verifyHeadCounter,
  type AnchorReport,
  type AuditAnchor,
} from './chain-anchor';
import { verifyChain, type ChainReport } from './verify-chain';

/** An anchor taken from outside the vault, and where it came from (a manifest's path). */
export interface NamedAnchor {
  source: string;
  anchor: AuditAnchor;
}

export interface VerifyReport {
  chain: ChainReport;
  /** Whether the head counter beside the database matches the log. */
  headCounter: AnchorReport;
  /** One per anchor given, in the order given. */
  anchors: (NamedAnchor & { report: AnchorReport })[];
  /** 'ok', or the problems (or the error) PRAGMA integrity_check gave. */
  integrity: string;
  /** 'ok', or the problems (or the error) the cipher's check gave. */
  cipherIntegrity: string;
  ok: boolean;
}

export function verifyVault(
  vault: AuditedVault,
  anchors: readonly NamedAnchor[] = [],
): VerifyReport {
  const integrity = runCheck(() => vault.integrityCheck());
  const cipherIntegrity = runCheck(() => vault.cipherIntegrityCheck());
  // Reading the rows is not caught: if the table cannot be read there is no chain to report on,
  // and the caller's error handling says why. The integrity checks above have already run, but
  // their result would be lost with the throw, so fold them into the error.
  let rows: AuditRow[];
  try {
    rows = vault.auditRows();
  } catch (error) {
    throw new Error(
      `verifyVault: the audit log cannot be read (database integrity: ${integrity}; cipher integrity: ${cipherIntegrity})`,
      { cause: error },
    );
  }
  const chain = verifyChain(rows);
  const headCounter = verifyHeadCounter(rows, vault.auditHeadCounter());
  const anchored = anchors.map((named) => ({ ...named, report: verifyAnchor(rows, named.anchor) }));
  return {
    chain,
    headCounter,
    anchors: anchored,
    integrity,
    cipherIntegrity,
    ok:
      chain.ok &&
      headCounter.ok &&
      anchored.every(({ report }) => report.ok) &&
      integrity === 'ok' &&
      cipherIntegrity === 'ok',
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
    formatAnchor('audit head counter', report.headCounter),
    ...report.anchors.map(({ source, anchor, report: result }) =>
      formatAnchor(`anchor ${source} (seq ${anchor.seq})`, result),
    ),
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

function formatAnchor(label: string, report: AnchorReport): string {
  return report.ok ? `${label}: ok` : `${label}: FAILED: ${report.message}`;
}

function formatCheck(label: string, result: string): string[] {
  if (result === 'ok') {
    return [`${label}: ok`];
  }
  const problems = result.split('\n').filter((line) => line.trim() !== '');
  return [`${label}: FAILED`, ...problems.map((line) => `  ${line}`)];
}
