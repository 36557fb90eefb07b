/**
 * The clinic's programmes: the content packs this kiosk offers on its attract screen ("First
 * visit", "Treatment day check-in"), in the clinic's order (`programmes` in kiosk.json). Every
 * pack is loaded and validated at start, so a broken one stops the kiosk before a client sees it.
 */
import { join } from 'node:path';
import { loadPack, type LoadPackOptions } from './load-pack';
import { PackError } from './pack-error';
import type { Pack } from './pack-model';

export interface Programmes {
  /** In the clinic's order; never empty. */
  readonly packs: readonly Pack[];
  /** The pack a session starts in when none is named: the first. */
  readonly first: Pack;
  /** Every locale any programme offers, the first programme's first. */
  readonly locales: readonly string[];
  find(packId: string): Pack | undefined;
}

export function programmesOf(packs: readonly Pack[]): Programmes {
  const [first] = packs;
  if (!first) {
    throw new Error('programmesOf: a kiosk needs at least one programme');
  }
  const byId = new Map(packs.map((pack) => [pack.id, pack]));
  if (byId.size !== packs.length) {
    throw new Error('programmesOf: a pack is listed twice');
  }
  return Object.freeze({
    packs: Object.freeze([...packs]),
    first,
    locales: Object.freeze([...new Set(packs.flatMap((pack) => pack.locales))]),
    find: (packId: string) => byId.get(packId),
  });
}

/** Loads `resources/content/<id>/` for each id, in order. */
export function loadProgrammes(
  contentDir: string,
  packIds: readonly string[],
  options: LoadPackOptions = {},
): Programmes {
  return programmesOf(
    packIds.map((packId) => {
      try {
        return loadPack(join(contentDir, packId), options);
      } catch (error) {
        // With more than one pack, "manifest.json: …" alone would not say which.
        throw error instanceof PackError ? error.within(packId) : error;
      }
    }),
  );
}
