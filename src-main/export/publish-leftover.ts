/**
 * Rolling forward an export that was recorded completed but not yet moved into place
 * (unfinished-exports.ts calls it at the next start or export to the same folder).
 */
import path from 'node:path';
import type { FileSink } from './export-folder';

/**
 * Finishes publishing an export that was recorded completed but whose process stopped before
 * (or while) it moved its hidden folder into place: a folder is renamed to `final`; an archive
 * (the one file in the hidden folder, named as `final`) is moved out and the hidden folder
 * removed; then the chosen folder is synced. Whatever step the process reached, the rest is
 * done; a `final` that exists beside a hidden folder still holding files is someone else's and
 * fails (EEXIST), replacing nothing.
 */
export async function publishLeftover(
  sink: FileSink,
  temporary: string,
  final: string,
): Promise<void> {
  const parent = path.dirname(temporary);
  const names = await sink.listFolder(parent);
  if (names.includes(path.basename(temporary))) {
    const inside = await sink.listFolder(temporary);
    if (inside.includes(path.basename(final))) {
      await sink.rename(path.join(temporary, path.basename(final)), final);
      await sink.removeFolder(temporary);
    } else if (inside.length === 0 && names.includes(path.basename(final))) {
      // An archive already moved out; only its empty hidden folder was left.
      await sink.removeFolder(temporary);
    } else {
      await sink.rename(temporary, final);
    }
  }
  await sink.syncFolder(parent);
}
