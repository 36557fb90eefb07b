/**
 * The renderer bundle as a client gets it, read from vite's build manifest
 * (`build.manifest` in vite.renderer.config.ts): the entry chunk and the chunks it imports
 * statically (what every client screen loads), and the lazy screens' chunks (fetched only when
 * shown). Shared by the structural test (test/unit/client-bundle.test.ts) and `npm run bench`.
 */
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { rendererConfig } from '../../vite.renderer.config';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export const MANIFEST_FILE = '.vite/manifest.json';

/** The sources App.svelte loads with `import()` (manifest keys, relative to src-renderer/). */
export const LAZY_SOURCES = [
  'screens/setup-screen.svelte',
  'screens/unlock-screen.svelte',
  'screens/recovery-key-screen.svelte',
  'screens/staff/staff-area.svelte',
  'lib/staff-area.svelte.ts',
  'lib/staff-strings.ts',
] as const;

/** The client's 60 KB gzipped budget (issue 13). */
export const CLIENT_BUDGET_BYTES = 60 * 1024;

export function entryKey(manifest: Manifest): string {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry === true);
  if (entries.length !== 1) {
    throw new Error(`entryKey: expected one entry in the manifest, found ${entries.join(', ')}`);
  }
  return entries[0] ?? '';
}

/** `key` and every manifest key it reaches by static imports. */
export function staticClosure(manifest: Manifest, key: string): string[] {
  const seen = new Set<string>();
  const visit = (next: string) => {
    if (seen.has(next)) {
      return;
    }
    seen.add(next);
    for (const imported of manifest[next]?.imports ?? []) {
      visit(imported);
    }
  };
  visit(key);
  return [...seen];
}

/** The output files (scripts and styles) that the chunks under `keys` load. */
export function filesOf(manifest: Manifest, keys: readonly string[]): string[] {
  const files = keys.flatMap((key) => {
    const chunk = manifest[key];
    return chunk ? [chunk.file, ...(chunk.css ?? [])] : [];
  });
  return [...new Set(files)];
}

/** What every client screen loads: the entry's scripts and styles. */
export function clientFiles(manifest: Manifest): string[] {
  return filesOf(manifest, staticClosure(manifest, entryKey(manifest)));
}

/** What a lazy source loads beyond what the client already has. */
export function lazyFiles(manifest: Manifest, source: string): string[] {
  const client = new Set(clientFiles(manifest));
  return filesOf(manifest, staticClosure(manifest, source)).filter((file) => !client.has(file));
}

export interface Sizes {
  raw: number;
  gzip: number;
}

export function sizesOf(files: readonly string[], read: (file: string) => Buffer): Sizes {
  return files.reduce(
    (sum, file) => {
      const body = read(file);
      return { raw: sum.raw + body.length, gzip: sum.gzip + gzipSync(body, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
}

export interface BuiltRenderer {
  manifest: Manifest;
  /** Every output file's bytes, by its path in the output folder. */
  files: Map<string, Buffer>;
  /** The chunks, with the modules each holds. */
  chunks: Rollup.OutputChunk[];
}

/** Builds the renderer as `npm run build:renderer` does, in memory: nothing is written. */
export async function buildRendererInMemory(): Promise<BuiltRenderer> {
  // Under vitest NODE_ENV is `test`, which would build Svelte's development runtime.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      ...rendererConfig,
      mode: 'production',
      logLevel: 'silent',
      build: { ...rendererConfig.build, write: false, emptyOutDir: false },
    });
  } finally {
    if (nodeEnv === undefined) {
      delete process.env.NODE_ENV;
    } else {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const items = outputs.flatMap((output) => output.output);
  const files = new Map<string, Buffer>(
    items.map((item) => [
      item.fileName,
      Buffer.from(item.type === 'chunk' ? item.code : item.source),
    ]),
  );
  const manifest = files.get(MANIFEST_FILE);
  if (!manifest) {
    throw new Error(`buildRendererInMemory: the build has no ${MANIFEST_FILE}`);
  }
  return {
    manifest: JSON.parse(manifest.toString('utf8')) as Manifest,
    files,
    chunks: items.filter((item) => item.type === 'chunk'),
  };
}
