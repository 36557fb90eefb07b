import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The pack the kiosk shows unless told otherwise. */
export const DEFAULT_PACK_ID = 'ketamine-education';

/** How far up to look: `src-main/content/` and a bundle's `out/main/` are both two levels down. */
const MAX_LEVELS_UP = 3;

/**
 * `<repo>/resources`. From source this file sits two folders below the repository
 * (`src-main/content/`), but a bundler moves the code (`out/main/`), so this looks up from here
 * for the nearest folder holding `resources/content/`, falling back to the source layout.
 * Packaged apps should pass their resources folder explicitly rather than rely on this.
 */
export function defaultResourcesDir(): string {
  let dir = import.meta.dirname;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'content'))) {
      return candidate;
    }
    dir = dirname(dir);
  }
  return resolve(import.meta.dirname, '..', '..', 'resources');
}
