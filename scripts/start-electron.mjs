/**
 * `npm start`: runs the kiosk in Electron from this checkout.
 *
 *   a. finds the Electron binary without `require('electron')` (which downloads it as a side
 *      effect), downloading it with electron's own install script only when it is missing;
 *   b. builds a copy of the SQLite addon for Electron's ABI under
 *      `.cache/electron-native/<electron-version>/`, once per Electron version, so the copy in
 *      node_modules stays built for Node (the tests, the CLI and the preview server use it);
 *   c. builds the app with electron-vite and launches `electron .` with `KIOSK_SQLITE_BINDING`
 *      pointing at that copy.
 *
 * Before them, it checks the Node running it is new enough for Electron's tooling (22.12).
 * Each step that cannot be done ends the script with one line saying which and why.
 * test/electron/run.mjs reuses steps a and b.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

/** A step that cannot be done; its message is the one line the user reads. */
export class StepFailure extends Error {
  name = 'StepFailure';
}

/** The executable inside electron's `dist/`, as electron's install.js names it. */
export function platformExecutable(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      throw new StepFailure(`Electron has no builds for the platform "${platform}".`);
  }
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Where the Electron binary is and whether it is there, read the way electron's own index.js
 * and install.js do (path.txt, dist/version, ELECTRON_OVERRIDE_DIST_PATH), never by
 * `require('electron')`, which would start a download.
 *
 * @returns {{ found: boolean, path: string, version: string, override: boolean }}
 */
export function locateElectronBinary(
  root = REPO_ROOT,
  env = process.env,
  platform = process.platform,
) {
  const electronDir = join(root, 'node_modules', 'electron');
  const packageVersion = readJson(join(electronDir, 'package.json'))?.version;
  if (typeof packageVersion !== 'string') {
    throw new StepFailure('node_modules/electron is missing: run `npm install` first.');
  }
  const pathTxt = readText(join(electronDir, 'path.txt'));
  const executable = pathTxt || platformExecutable(platform);
  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDir) {
    const path = join(overrideDir, executable);
    const version = readText(join(overrideDir, 'version'))?.replace(/^v/, '') || packageVersion;
    return { found: existsSync(path), path, version, override: true };
  }
  const path = join(electronDir, 'dist', executable);
  const distVersion = readText(join(electronDir, 'dist', 'version'))?.replace(/^v/, '');
  // As install.js's isInstalled(): a binary of another version is not the one package.json pins.
  const found = pathTxt !== undefined && existsSync(path) && distVersion === packageVersion;
  return { found, path, version: packageVersion, override: false };
}

/** The first non-empty line of a tool's error output, to quote in our one line. */
export function firstLine(text) {
  const line = String(text ?? '')
    .split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  return line ?? 'no error output';
}

/** Step a: the binary, downloaded by electron's install script if it is missing. */
export function ensureElectronBinary(root = REPO_ROOT) {
  const located = locateElectronBinary(root);
  if (located.found) {
    return located;
  }
  if (located.override) {
    throw new StepFailure(
      `ELECTRON_OVERRIDE_DIST_PATH is set but there is no Electron binary at ${located.path}.`,
    );
  }
  console.info('start-electron: downloading the Electron binary (first run only)…');
  const install = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron', 'install.js')],
    { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
  );
  const after = locateElectronBinary(root);
  if (install.status !== 0 || !after.found) {
    const reason = install.error ? install.error.message : firstLine(install.stderr);
    throw new StepFailure(
      `the Electron binary could not be downloaded (${reason}); \`npm run preview:web\` runs the same UI in a browser.`,
    );
  }
  return after;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The folder holding the Electron build of the SQLite addon for one Electron version. */
export function nativeBuildDir(root, electronVersion) {
  return join(root, '.cache', 'electron-native', electronVersion);
}

/** The addon file inside that folder, as node-gyp and prebuild-install both place it. */
export function nativeBindingPath(buildDir) {
  return join(buildDir, 'node_modules', SQLITE_MODULE, 'build', 'Release', 'better_sqlite3.node');
}

/** What a cached build was made for; any difference means building again. */
export function buildStamp(electronVersion, moduleVersion, platform, arch) {
  return { module: SQLITE_MODULE, moduleVersion, electronVersion, platform, arch };
}

/** Whether the cached build in `buildDir` matches `stamp` and its addon file exists. */
export function isCachedBuildCurrent(buildDir, stamp) {
  const recorded = readJson(join(buildDir, 'build-stamp.json'));
  return (
    recorded !== undefined &&
    JSON.stringify(recorded) === JSON.stringify(stamp) &&
    existsSync(nativeBindingPath(buildDir))
  );
}

/**
 * Step b: the SQLite addon built for Electron's ABI, in a copy of the package so the Node build
 * in node_modules is never touched. Returns the `.node` file's path.
 */
export async function ensureSqliteForElectron(
  electronVersion,
  { root = REPO_ROOT, arch = process.arch } = {},
) {
  const moduleDir = join(root, 'node_modules', SQLITE_MODULE);
  const moduleVersion = readJson(join(moduleDir, 'package.json'))?.version;
  if (typeof moduleVersion !== 'string') {
    throw new StepFailure(`node_modules/${SQLITE_MODULE} is missing: run \`npm install\` first.`);
  }
  const buildDir = nativeBuildDir(root, electronVersion);
  const stamp = buildStamp(electronVersion, moduleVersion, process.platform, arch);
  if (isCachedBuildCurrent(buildDir, stamp)) {
    return nativeBindingPath(buildDir);
  }

  console.info(
    `start-electron: building ${SQLITE_MODULE} ${moduleVersion} for Electron ${electronVersion} (once per Electron version)…`,
  );
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  // A one-dependency project around a copy of the package, without its Node build.
  writeFileSync(
    join(buildDir, 'package.json'),
    JSON.stringify(
      {
        name: 'kiosk-electron-native',
        private: true,
        dependencies: { [SQLITE_MODULE]: moduleVersion },
      },
      null,
      2,
    ),
  );
  const nodeBuild = join(moduleDir, 'build');
  cpSync(moduleDir, join(buildDir, 'node_modules', SQLITE_MODULE), {
    recursive: true,
    filter: (source) => !isInside(source, nodeBuild),
  });

  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch (error) {
    throw new StepFailure(
      `@electron/rebuild could not be loaded (${firstLine(error?.message)}); it comes with electron-builder: run \`npm install\`.`,
    );
  }
  try {
    await rebuild({
      buildPath: buildDir,
      // Stop the module search at buildDir, or it would walk up into the repo's node_modules
      // and rebuild the Node copy in place.
      projectRootPath: buildDir,
      electronVersion,
      arch,
      onlyModules: [SQLITE_MODULE],
      force: true,
    });
  } catch (error) {
    throw new StepFailure(
      `could not build ${SQLITE_MODULE} for Electron ${electronVersion} (${firstLine(error?.message)}); it needs a prebuilt binary from GitHub, or Electron's headers from electronjs.org and a C++ toolchain for node-gyp.`,
    );
  }
  const binding = nativeBindingPath(buildDir);
  if (!existsSync(binding)) {
    throw new StepFailure(
      `@electron/rebuild finished but left no ${relative(root, binding)}; delete ${relative(root, buildDir)} and try again.`,
    );
  }
  writeFileSync(join(buildDir, 'build-stamp.json'), JSON.stringify(stamp, null, 2));
  return binding;
}

function isInside(path, dir) {
  return path === dir || path.startsWith(dir + sep);
}

/** Step c, first half: out/main, out/preload and out/renderer. */
export function buildApp(root = REPO_ROOT) {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) {
    const reason = build.error ? build.error.message : `exit code ${String(build.status)}`;
    throw new StepFailure(`\`electron-vite build\` failed (${reason}); see its output above.`);
  }
}

/** The environment Electron runs the app in. */
export function electronEnv(env, sqliteBinding) {
  const result = { ...env, KIOSK_SQLITE_BINDING: sqliteBinding };
  // Set by some tools; it would make the binary a plain Node and ignore the app.
  delete result.ELECTRON_RUN_AS_NODE;
  return result;
}

/** Step c, second half: `electron .`, passing signals on; resolves to its exit code. */
export function launchElectron(binaryPath, sqliteBinding, root = REPO_ROOT) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binaryPath, ['.'], {
      cwd: root,
      stdio: 'inherit',
      env: electronEnv(process.env, sqliteBinding),
    });
    const forward = (signal) => {
      child.kill(signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, forward);
    }
    child.on('error', (error) => {
      reject(
        new StepFailure(`Electron could not be launched from ${binaryPath} (${error.message}).`),
      );
    });
    child.on('close', (code, signal) => {
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

/** What `npm start` needs: Electron 45's tooling (electron-vite 6, @electron/rebuild). */
export const START_NODE_MINIMUM = '22.12.0';

/** One line when `version` (`22.11.0`) is older than START_NODE_MINIMUM, else null. */
export function nodeTooOldToStart(version = process.versions.node) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor = 0, needMinor = 0] = START_NODE_MINIMUM.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) {
    return null;
  }
  return `npm start needs Node ${START_NODE_MINIMUM} or newer (Electron 45's tooling); this is Node ${version}. npm test and the preview server (npm run preview:web) also run on Node 20.19 or newer.`;
}

async function main() {
  const tooOld = nodeTooOldToStart();
  if (tooOld) {
    throw new StepFailure(tooOld);
  }
  const electron = ensureElectronBinary();
  const sqliteBinding = await ensureSqliteForElectron(electron.version);
  buildApp();
  return launchElectron(electron.path, sqliteBinding);
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  main().then(
    (code) => {
      process.exit(code);
    },
    (error) => {
      if (error instanceof StepFailure) {
        console.error(`start-electron: ${error.message}`);
      } else {
        console.error(`start-electron: unexpected failure: ${error?.stack ?? String(error)}`);
      }
      process.exit(1);
    },
  );
}
