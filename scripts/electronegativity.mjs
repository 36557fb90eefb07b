#!/usr/bin/env node
/**
 * `npm run security`: Electronegativity, Doyensec's Electron security scanner, over the built app
 * (https://github.com/doyensec/electronegativity). Fails on any HIGH finding, and on any built
 * file the scanner could not read (a file it skips is a file it did not check). Every finding
 * below HIGH is either fixed or justified in a comment beside the code it concerns; the summary
 * line names them so a new one shows up in review.
 *
 *   1. `electron-vite build` (skip with `--no-build` when out/ is fresh; `--list` prints every
 *      finding, not only the summary);
 *   2. a copy of out/ shaped for the scanner: it reads only `.js` (so the preload's `.cjs` is
 *      renamed), and its AST walker stops at syntax newer than ES2019 (Svelte 5's class private
 *      fields), so the renderer and preload bundles are lowered to ES2019 with esbuild. main/ is
 *      scanned as built, so its line numbers match out/main/index.js;
 *   3. the scanner, in process, told the Electron version we ship (out/ has no package.json to
 *      read it from; without it every check assumes Electron 0.1's defaults).
 *
 * It tries the network for translations and Electron's release list and says so when offline;
 * that output is held back unless the scan itself fails.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = join(REPO_ROOT, 'out');
const require = createRequire(import.meta.url);

/** Folders of out/ whose bundles are lowered before the scan (main/ stays as built). */
const LOWERED = ['renderer', 'preload'];

function fail(message) {
  console.error(`electronegativity: FAILED — ${message}`);
  process.exit(1);
}

function build() {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? '');
    fail(`\`electron-vite build\` failed (exit ${String(result.status)}); see its output above.`);
  }
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* filesUnder(path);
    } else {
      yield path;
    }
  }
}

/**
 * Copies out/ to a temporary folder the scanner can read in full. Returns the folder and a map
 * from the copy's relative paths back to out/'s, for the report.
 */
async function prepareCopy() {
  const { transformWithEsbuild } = await import('vite');
  const copy = mkdtempSync(join(tmpdir(), 'kiosk-electronegativity-'));
  cpSync(OUT_DIR, copy, { recursive: true });
  const originalNames = new Map();
  for (const file of [...filesUnder(copy)]) {
    const rel = relative(copy, file);
    const isScript = /\.(c|m)?js$/.test(file);
    if (!isScript) {
      continue;
    }
    let target = file;
    if (!file.endsWith('.js') || file.endsWith('.cjs') || file.endsWith('.mjs')) {
      target = file.replace(/\.(c|m)js$/, '.js');
      renameSync(file, target);
    }
    originalNames.set(relative(copy, target), rel);
    if (LOWERED.some((folder) => rel.startsWith(folder + sep))) {
      const lowered = await transformWithEsbuild(readFileSync(target, 'utf8'), target, {
        loader: 'js',
        target: 'es2019',
        sourcemap: false,
      });
      writeFileSync(target, lowered.code);
    }
  }
  return { copy, originalNames };
}

/** Runs the scanner with its console output held back; returns it with the result. */
async function scan(input) {
  const run = require('@doyensec/electronegativity');
  const electronVersion = JSON.parse(
    readFileSync(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const held = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const level of Object.keys(saved)) {
    console[level] = (...args) => held.push(args.map(String).join(' '));
  }
  try {
    const result = await run(
      { input, isRelative: true, electronVersionOverride: electronVersion },
      false,
    );
    return { result, held, electronVersion };
  } catch (error) {
    Object.assign(console, saved);
    for (const line of held) {
      console.error(line);
    }
    fail(`the scanner stopped: ${error?.stack ?? String(error)}`);
    return undefined;
  } finally {
    Object.assign(console, saved);
  }
}

function describe(issue, originalNames) {
  const file = originalNames.get(issue.file) ?? issue.file;
  const where = issue.location
    ? `${String(issue.location.line)}:${String(issue.location.column)}`
    : '';
  return `${issue.id} (${issue.severity.name}) ${file}${where ? `:${where}` : ''}`;
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    build();
  }
  const { copy, originalNames } = await prepareCopy();
  try {
    const { result, electronVersion } = await scan(copy);
    const unread = result.errors.filter((error) => !error.tolerable);
    const high = result.issues.filter((issue) => issue.severity.name === 'HIGH');
    const lower = result.issues.filter((issue) => issue.severity.name !== 'HIGH');

    for (const error of unread) {
      console.error(`  could not read ${relative(copy, error.file)}: ${error.message}`);
    }
    for (const issue of high) {
      console.error(`  ${describe(issue, originalNames)}: ${issue.description}`);
    }
    if (process.argv.includes('--list')) {
      for (const issue of lower) {
        console.info(`  ${describe(issue, originalNames)}: ${issue.description}`);
      }
    }
    const counts = new Map();
    for (const issue of lower) {
      const key = `${issue.id} (${issue.severity.name})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const lowerList = [...counts].map(([key, n]) => (n > 1 ? `${key} ×${String(n)}` : key));
    const scope = `${String(originalNames.size)} scripts, ${String(result.atomicChecks + result.globalChecks)} checks, Electron ${electronVersion}`;
    const lowerText = lower.length
      ? `${String(lower.length)} lower: ${lowerList.join(', ')}`
      : 'nothing lower';
    if (high.length > 0 || unread.length > 0) {
      fail(
        `${String(high.length)} HIGH finding(s), ${String(unread.length)} unreadable file(s); ${lowerText} (${scope}).`,
      );
    }
    // Each lower finding carries its justification in a comment beside the code it names
    // (src-main/electron/window.ts, src-renderer/public/out-of-order.html); `--list` shows them.
    console.info(`electronegativity: passed — 0 HIGH; ${lowerText} (${scope}).`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  main().catch((error) => {
    fail(`unexpected failure: ${error?.stack ?? String(error)}`);
  });
}
