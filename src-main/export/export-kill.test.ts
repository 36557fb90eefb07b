/**
 * Exports stopped at a chosen step, and a few killed with SIGKILL at random moments
 * (test/support/export-kill.ts); the 20-kill run is `export-kill.soak.test.ts`, in
 * `npm run test:soak`.
 *
 * A stop is simulated deterministically: the file system call at that step never returns (the
 * process stops there for good), this process lets go of the export as a dead one would, and
 * the vault is reopened as the next start opens it. What the vault and the disk hold at that
 * moment is exactly what a kill there leaves.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { killExportsAtRandom, seedVault } from '../../test/support/export-kill';
import { openVaultWithSecret, type Vault } from '../vault';
import { PASSPHRASE, useTempRoot } from '../vault/vault-test-fixtures';
import { nodeFileSink, type FileSink } from './export-folder';
import { CLINIC } from './export-test-fixtures';
import { runExport } from './run-export';
import {
  releaseUnfinished,
  removeUnfinishedExports,
  unfinishedExports,
} from './unfinished-exports';

const HIDDEN = /^\.kiosk-export-.+\.partial$/;
const NOW = new Date('2025-03-10T09:30:00.000Z');

type Step = 'sync-hidden-folder' | 'publish-rename' | 'sync-chosen-folder';

function exportOutcomes(vault: Vault): Record<string, unknown>[] {
  return vault
    .auditRows()
    .filter((row) => row.action === 'export')
    .map((row) => JSON.parse(row.details) as Record<string, unknown>);
}

/**
 * A sink that stops for good at `step` of the export writing into `out`: the fsync of its
 * hidden folder (every file written, nothing recorded yet), the rename that moves it (or its
 * archive) into `out`, or the fsync of `out` after that rename.
 */
function stoppingAt(step: Step, out: string): { sink: FileSink; reached: Promise<void> } {
  let reach = (): void => undefined;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  const stop = (): Promise<never> => {
    reach();
    return new Promise<never>(() => undefined);
  };
  let published = false;
  const sink: FileSink = {
    ...nodeFileSink,
    async rename(from, to) {
      if (step === 'publish-rename' && path.dirname(to) === out) {
        return stop();
      }
      await nodeFileSink.rename(from, to);
      published ||= path.dirname(to) === out;
    },
    async syncFolder(dir) {
      if (step === 'sync-hidden-folder' && HIDDEN.test(path.basename(dir))) {
        return stop();
      }
      if (step === 'sync-chosen-folder' && dir === out && published) {
        return stop();
      }
      await nodeFileSink.syncFolder(dir);
    },
  };
  return { sink, reached };
}

/** Every file of a published plain export matches its manifest. */
function expectFolderMatchesManifest(folder: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
    files: { name: string; sha256: string }[];
  };
  expect(manifest.files.length).toBeGreaterThan(0);
  for (const file of manifest.files) {
    const bytes = fs.readFileSync(path.join(folder, file.name));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
  }
}

describe('an export stopped at a chosen step', () => {
  const temp = useTempRoot();

  /** Starts an export that stops at `step`, and returns once it has, with the vault reopened. */
  async function stopAt(
    step: Step,
    encrypted: boolean,
  ): Promise<{ vault: Vault; out: string; ids: string[] }> {
    seedVault(temp.dataDir, 3);
    const out = path.join(temp.root, 'usb');
    fs.mkdirSync(out);
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    const ids = vault.submissionIds({});
    const { sink, reached } = stoppingAt(step, out);
    void runExport({
      vault,
      unlock,
      clinic: CLINIC,
      request: { format: 'csv', encrypted },
      folder: out,
      actor: 'cli',
      now: NOW,
      sink,
    });
    await reached;
    // The process is gone: its export is no longer under way, and its connection is closed.
    for (const entry of unfinishedExports(vault)) {
      releaseUnfinished(entry.temporary);
    }
    unlock.wipe();
    vault.close();
    const reopened = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    reopened.unlock.wipe();
    return { vault: reopened.vault, out, ids };
  }

  it.each([false, true])(
    'stopped between its "completed" record and the rename (encrypted: %s), is published at the next start, never removed',
    async (encrypted) => {
      const { vault, out, ids } = await stopAt('publish-rename', encrypted);
      try {
        // What the kill left: recorded completed and marked, only the hidden folder on the disk.
        const completed = exportOutcomes(vault).find((d) => d.outcome === 'completed');
        expect(completed).toMatchObject({ count: 3, submissionIds: ids });
        expect(vault.listSubmissions().every((row) => row.exportedAt === NOW.toISOString())).toBe(
          true,
        );
        const [hidden, ...others] = fs.readdirSync(out);
        expect(hidden).toMatch(HIDDEN);
        expect(others).toEqual([]);
        expect(unfinishedExports(vault)).toMatchObject([{ completed: true }]);

        const result = await removeUnfinishedExports(vault, nodeFileSink, 'kiosk', new Date());

        const name = String(completed?.folder);
        expect(result).toEqual({ removed: [], published: [name], left: [] });
        expect(fs.readdirSync(out)).toEqual([name]);
        if (encrypted) {
          expect(fs.statSync(path.join(out, name)).isFile()).toBe(true);
          const sha256 = createHash('sha256')
            .update(fs.readFileSync(path.join(out, name)))
            .digest('hex');
          expect(sha256).toBe(completed?.archiveSha256);
        } else {
          expectFolderMatchesManifest(path.join(out, name));
        }
        expect(unfinishedExports(vault)).toEqual([]);
        expect(exportOutcomes(vault).at(-1)).toEqual({
          outcome: 'unfinished_published',
          exportIds: [completed?.exportId],
          published: [name],
        });
        // A later start, or export to the same drive, leaves it alone.
        expect(
          await removeUnfinishedExports(vault, nodeFileSink, 'kiosk', new Date(), out),
        ).toEqual({ removed: [], published: [], left: [] });
        expect(fs.readdirSync(out)).toEqual([name]);
      } finally {
        vault.close();
      }
    },
  );

  it.each([false, true])(
    'stopped after the rename, before the chosen folder was synced (encrypted: %s), keeps the export and clears its record',
    async (encrypted) => {
      const { vault, out } = await stopAt('sync-chosen-folder', encrypted);
      try {
        const completed = exportOutcomes(vault).find((d) => d.outcome === 'completed');
        const name = String(completed?.folder);
        expect(fs.readdirSync(out)).toEqual([name]);
        const result = await removeUnfinishedExports(vault, nodeFileSink, 'kiosk', new Date());
        expect(result).toEqual({ removed: [], published: [name], left: [] });
        expect(fs.readdirSync(out)).toEqual([name]);
        if (!encrypted) {
          expectFolderMatchesManifest(path.join(out, name));
        }
        expect(unfinishedExports(vault)).toEqual([]);
      } finally {
        vault.close();
      }
    },
  );

  it('stopped before its "completed" record, is removed at the next start and nothing is marked', async () => {
    const { vault, out } = await stopAt('sync-hidden-folder', false);
    try {
      expect(exportOutcomes(vault).map((d) => d.outcome)).toEqual(['started']);
      const [hidden] = fs.readdirSync(out);
      expect(hidden).toMatch(HIDDEN);
      const result = await removeUnfinishedExports(vault, nodeFileSink, 'kiosk', new Date());
      expect(result).toEqual({ removed: [hidden], published: [], left: [] });
      expect(fs.readdirSync(out)).toEqual([]);
      expect(vault.listSubmissions().every((row) => row.exportedAt === null)).toBe(true);
      expect(exportOutcomes(vault).at(-1)).toMatchObject({ outcome: 'unfinished_removed' });
    } finally {
      vault.close();
    }
  });
});

describe('an export killed part-way', () => {
  const temp = useTempRoot();

  it('never leaves a client file outside its hidden folder, is audited as started, and the next start removes or publishes what it left', async () => {
    seedVault(temp.dataDir, 8);
    const out = path.join(temp.root, 'usb');
    fs.mkdirSync(out);
    const run = await killExportsAtRandom({ dataDir: temp.dataDir, out, attempts: 3 });
    expect(run.problems).toEqual([]);
    expect(run.killed + run.finished).toBe(3);
  }, 180_000);
});
