/**
 * The vault's integrity as the health snapshot reports it: `PRAGMA quick_check`, run at most once
 * per interval per open vault, so that a snapshot every minute (or on every change) never scans a
 * big vault each time. `kiosk verify` runs the full integrity_check and the cipher check.
 */
import type { Vault } from '../vault';

export interface IntegrityResult {
  integrity: 'ok' | 'problem';
  /** When the check behind `integrity` ran (ISO). */
  checkedAt: string;
}

/** The last result for this vault, checked again first if it is older than the interval. */
export type IntegrityWatch = (vault: Vault) => IntegrityResult;

export function createIntegrityWatch(intervalMs: number, now: () => Date): IntegrityWatch {
  const last = new WeakMap<Vault, { result: IntegrityResult; atMs: number }>();
  return (vault) => {
    const at = now();
    const held = last.get(vault);
    if (held && at.getTime() - held.atMs < intervalMs) {
      return held.result;
    }
    const report = vault.quickCheck();
    const result: IntegrityResult = {
      integrity: report === 'ok' ? 'ok' : 'problem',
      checkedAt: at.toISOString(),
    };
    if (result.integrity === 'problem') {
      // SQLite's lines name pages and tables, never row content.
      console.error(`vaultIntegrity: quick_check found problems: ${report.split('\n')[0] ?? ''}`);
    }
    last.set(vault, { result, atMs: at.getTime() });
    return result;
  };
}
