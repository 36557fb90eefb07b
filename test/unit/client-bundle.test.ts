/**
 * Every client downloads the entry chunk and what it imports statically; the staff area, set-up,
 * unlock and recovery-key screens and the staff strings must stay out of it, in chunks fetched
 * only when shown. The renderer is built here, in memory (vite, `write: false`), rather than read
 * from out/renderer: `npm test` runs the unit tests before any renderer build, and a test over a
 * stale folder would pass or fail by what was built last. Sizes are figures, not assertions.
 */
import { describe, expect, it } from 'vitest';
import {
  buildRendererInMemory,
  CLIENT_BUDGET_BYTES,
  clientFiles,
  entryKey,
  LAZY_SOURCES,
  lazyFiles,
  sizesOf,
  staticClosure,
} from '../support/client-bundle';
import { reportFigures } from '../support/figures';

const built = await buildRendererInMemory();
const { manifest } = built;
const read = (file: string): Buffer => {
  const body = built.files.get(file);
  if (!body) {
    throw new Error(`read: the build has no ${file}`);
  }
  return body;
};

describe('the client bundle', () => {
  it('loads each staff and set-up screen, and the staff strings, as a chunk of its own', () => {
    const clientKeys = staticClosure(manifest, entryKey(manifest));
    const clientChunks = new Set(clientKeys.map((key) => manifest[key]?.file));
    for (const source of LAZY_SOURCES) {
      expect(manifest[source]?.isDynamicEntry, source).toBe(true);
      expect(clientKeys, source).not.toContain(source);
      expect(clientChunks.has(manifest[source]?.file), source).toBe(false);
      expect(lazyFiles(manifest, source).length, source).toBeGreaterThan(0);
    }
  });

  it('holds no module of the staff area, set-up, unlock or recovery key, nor a staff string', () => {
    const client = new Set(clientFiles(manifest));
    const clientModules = built.chunks
      .filter((chunk) => client.has(chunk.fileName))
      .flatMap((chunk) => Object.keys(chunk.modules))
      .map((id) => id.replaceAll('\\', '/'));
    expect(clientModules.some((id) => id.endsWith('/src-renderer/App.svelte'))).toBe(true);
    const staffOnly = clientModules.filter((id) =>
      /\/src-renderer\/(screens\/staff\/|screens\/(setup|unlock|recovery-key)-screen\.svelte|lib\/staff-(area|strings)|locales\/en-staff\.json)/.test(
        id,
      ),
    );
    expect(staffOnly).toEqual([]);
    const sizes = sizesOf([...client], read);
    reportFigures('client bundle (preview build)', {
      'client JS+CSS raw (KB)': Number((sizes.raw / 1024).toFixed(1)),
      'client JS+CSS gzip (KB)': Number((sizes.gzip / 1024).toFixed(1)),
      'share of the 60 KB budget': Number((sizes.gzip / CLIENT_BUDGET_BYTES).toFixed(2)),
    });
  });
});
