/**
 * Shared by the export tests: everything in sample-records.ts, and a vault with its pack
 * snapshot saved and a staff unlock. Not imported by app code (it imports vitest through the
 * vault's fixtures).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult } from '../contract';
import { openRecordKeys, type RecordKeys, type Vault } from '../vault';
import { initTestVault, PASSPHRASE } from '../vault/vault-test-fixtures';
import { runExport, type ExportRequest } from './run-export';
import { CLINIC, saveSnapshot } from './sample-records';

export * from './sample-records';

/** A new vault in `dataDir` with its pack snapshot saved, and a staff unlock that opens it. */
export function openExportVault(dataDir: string): { vault: Vault; unlock: RecordKeys } {
  const { vault } = initTestVault(dataDir);
  saveSnapshot(vault);
  return { vault, unlock: openRecordKeys(dataDir, { passphrase: PASSPHRASE }) };
}

/** `request` exported by the CLI at `now` into the folder `out` under `root` (made if new); its result, and where. */
export async function exportInto(
  { vault, unlock }: { vault: Vault; unlock: RecordKeys },
  root: string,
  request: ExportRequest,
  now: Date,
): Promise<{ result: ExportResult; out: string }> {
  const out = path.join(root, 'out');
  fs.mkdirSync(out, { recursive: true });
  const result = await runExport({
    vault,
    unlock,
    clinic: CLINIC,
    request,
    folder: out,
    actor: 'cli',
    now,
  });
  return { result, out };
}
