/**
 * Exports that did not finish. Before an export writes its first byte it is recorded in the
 * vault (the settings row `export.unfinished`, with the audit entry "started", in one
 * transaction). When every file is written and synced, the export is marked and audited
 * "completed" and its record flagged `completed`, in one transaction, before its hidden folder
 * is renamed into place; the record goes once the rename is durable or, after a failure, once
 * its files are removed. A record that outlives its process (the kiosk killed or the power cut
 * mid-export) is dealt with here at the next start and by the next export, and audited: an
 * export never recorded completed has its hidden folder removed (it was never published, since
 * publishing comes after the record); one recorded completed is rolled forward, its hidden
 * folder published under its final name (publish-leftover.ts), so no recorded export is ever
 * lost. Any other `.kiosk-export-….partial` folder in a place an export writes to (another
 * kiosk's, or one whose record is lost) is removed by that export too. Paths are kept unsealed:
 * they name a folder, never a client.
 */
import path from 'node:path';
import { appendAudit } from '../audit';
import type { Vault } from '../vault';
import { errnoOf, type FileSink } from './export-folder';
import { publishLeftover } from './publish-leftover';

const SETTING = 'export.unfinished';
const TEMPORARY_FOLDER = /^\.kiosk-export-.+\.partial$/;

export interface UnfinishedExport {
  exportId: string;
  /** The hidden folder being written: `<chosen folder>/.kiosk-export-….partial`. */
  temporary: string;
  /** The name it is renamed to when complete (a folder, or an encrypted archive). */
  final: string;
  /** The process writing it: a record whose process is alive is an export under way. */
  pid: number;
  /** Marked and audited "completed": its folder is to be published, never removed. */
  completed?: true;
}

/** Exports under way in this process: never someone else's leftovers. */
const active = new Set<string>();

export function unfinishedExports(vault: Pick<Vault, 'getSetting'>): UnfinishedExport[] {
  const stored = vault.getSetting(SETTING);
  if (stored === undefined) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter(isUnfinishedExport) : [];
  } catch {
    console.error(`unfinishedExports: the ${SETTING} setting is not JSON; it is ignored`);
    return [];
  }
}

/** Records an export about to write; call inside the transaction that audits "started". */
export function recordUnfinished(vault: Vault, entry: Omit<UnfinishedExport, 'pid'>): void {
  active.add(entry.temporary);
  save(vault, [...unfinishedExports(vault), { ...entry, pid: process.pid }]);
}

/** The export is completed, or its files are gone: call inside the transaction that says so. */
export function clearUnfinished(vault: Vault, exportId: string): void {
  save(
    vault,
    unfinishedExports(vault).filter((entry) => entry.exportId !== exportId),
  );
}

/**
 * The export is marked and audited "completed", its hidden folder not yet in place: call inside
 * the transaction that audits it. From here on the export is only ever rolled forward.
 */
export function recordCompleted(vault: Vault, exportId: string): void {
  save(
    vault,
    unfinishedExports(vault).map((entry) =>
      entry.exportId === exportId ? { ...entry, completed: true } : entry,
    ),
  );
}

/** This process has stopped writing the export (whatever became of it). */
export function releaseUnfinished(temporary: string): void {
  active.delete(temporary);
}

export interface RemovedExports {
  /** The folders and archives removed, by name. */
  removed: string[];
  /** Completed exports moved into place, by their final name. */
  published: string[];
  /** Those that could not be removed or published (by path, for the log), to try again next time. */
  left: string[];
}

/**
 * Removes what unfinished exports left: those the vault records (when their drive is there),
 * and every other hidden export folder in `alsoIn` (the folder an export is about to write to);
 * publishes those recorded completed. Audited as `export` with outcome `unfinished_removed` when
 * anything was found to remove, and `unfinished_published` when an export was moved into place.
 */
export async function removeUnfinishedExports(
  vault: Vault,
  sink: FileSink,
  actor: string,
  now: Date,
  alsoIn?: string,
): Promise<RemovedExports> {
  const result: RemovedExports = { removed: [], published: [], left: [] };
  const done: string[] = [];
  const published: string[] = [];
  for (const entry of unfinishedExports(vault)) {
    if (isUnderWay(entry)) {
      continue;
    }
    if (entry.completed === true) {
      if (await publishOne(sink, entry, result)) {
        published.push(entry.exportId);
      }
      continue;
    }
    const names = await namesIn(sink, path.dirname(entry.temporary));
    if (names === undefined) {
      // The drive is not there (a USB stick taken out): try again when it is.
      continue;
    }
    let removedAll = true;
    for (const leftover of [entry.temporary, entry.final]) {
      if (names.includes(path.basename(leftover))) {
        removedAll = (await removeOne(sink, leftover, result)) && removedAll;
      }
    }
    if (removedAll) {
      done.push(entry.exportId);
    }
  }
  if (alsoIn !== undefined) {
    const recorded = new Set(unfinishedExports(vault).map((entry) => entry.temporary));
    for (const name of (await namesIn(sink, alsoIn)) ?? []) {
      const leftover = path.join(path.resolve(alsoIn), name);
      if (TEMPORARY_FOLDER.test(name) && !active.has(leftover) && !recorded.has(leftover)) {
        await removeOne(sink, leftover, result);
      }
    }
  }
  const removedAny = done.length > 0 || result.removed.length > 0 || result.left.length > 0;
  if (removedAny || published.length > 0) {
    vault.atomically(() => {
      for (const exportId of [...done, ...published]) {
        clearUnfinished(vault, exportId);
      }
      if (published.length > 0) {
        appendAudit(
          vault,
          {
            actor,
            action: 'export',
            details: {
              outcome: 'unfinished_published',
              exportIds: published,
              published: result.published,
            },
          },
          now,
        );
      }
      if (!removedAny) {
        return;
      }
      appendAudit(
        vault,
        {
          actor,
          action: 'export',
          details: {
            outcome: 'unfinished_removed',
            exportIds: done,
            removed: result.removed,
            left: result.left.map((leftover) => path.basename(leftover)),
          },
        },
        now,
      );
    });
  }
  return result;
}

function isUnderWay(entry: UnfinishedExport): boolean {
  if (entry.pid === process.pid) {
    return active.has(entry.temporary);
  }
  try {
    process.kill(entry.pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, under another user. ESRCH: gone, so its export is over.
    return errnoOf(error) === 'EPERM';
  }
}

/** Rolls a completed export forward; false (and logged) when its drive or name is not free yet. */
async function publishOne(
  sink: FileSink,
  entry: UnfinishedExport,
  result: RemovedExports,
): Promise<boolean> {
  if ((await namesIn(sink, path.dirname(entry.temporary))) === undefined) {
    // The drive is not there: try again when it is.
    return false;
  }
  try {
    await publishLeftover(sink, entry.temporary, entry.final);
    result.published.push(path.basename(entry.final));
    return true;
  } catch (error) {
    console.error(`removeUnfinishedExports: could not publish ${entry.final}`, error);
    result.left.push(entry.temporary);
    return false;
  }
}

async function namesIn(sink: FileSink, dir: string): Promise<string[] | undefined> {
  try {
    return await sink.listFolder(dir);
  } catch {
    return undefined;
  }
}

async function removeOne(
  sink: FileSink,
  leftover: string,
  result: RemovedExports,
): Promise<boolean> {
  try {
    await sink.removeTree(leftover);
    result.removed.push(path.basename(leftover));
    return true;
  } catch (error) {
    console.error(`removeUnfinishedExports: could not remove ${leftover}`, error);
    result.left.push(leftover);
    return false;
  }
}

function save(
  vault: Pick<Vault, 'setSetting' | 'deleteSetting'>,
  entries: UnfinishedExport[],
): void {
  if (entries.length === 0) {
    vault.deleteSetting(SETTING);
  } else {
    vault.setSetting(SETTING, JSON.stringify(entries));
  }
}

function isUnfinishedExport(value: unknown): value is UnfinishedExport {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.exportId === 'string' &&
    typeof entry.temporary === 'string' &&
    typeof entry.final === 'string' &&
    typeof entry.pid === 'number' &&
    (entry.completed === undefined || entry.completed === true)
  );
}
