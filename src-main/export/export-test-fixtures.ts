/**
 * Shared by the export tests: everything in sample-records.ts, and a vault with its pack
 * snapshot saved and a staff unlock. Not imported by app code (it imports vitest through the
 * vault's fixtures).
 */
import { openRecordKeys, type RecordKeys, type Vault } from '../vault';
import { initTestVault, PASSPHRASE } from '../vault/vault-test-fixtures';
import { saveSnapshot } from './sample-records';

export * from './sample-records';

/** A new vault in `dataDir` with its pack snapshot saved, and a staff unlock that opens it. */
export function openExportVault(dataDir: string): { vault: Vault; unlock: RecordKeys } {
  const { vault } = initTestVault(dataDir);
  saveSnapshot(vault);
  return { vault, unlock: openRecordKeys(dataDir, { passphrase: PASSPHRASE }) };
}
