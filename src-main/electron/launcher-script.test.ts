/**
 * The pure parts of scripts/start-electron.mjs (what `npm start` runs) and the skip path of
 * test/electron/run.mjs. Neither can run end to end here: both need an Electron binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Located {
  found: boolean;
  path: string;
  version: string;
  override: boolean;
}
interface LauncherModule {
  StepFailure: new (message: string) => Error;
  platformExecutable(platform: string): string;
  locateElectronBinary(root: string, env: NodeJS.ProcessEnv, platform: string): Located;
  ensureElectronBinary(root: string): Located;
  firstLine(text: unknown): string;
  nativeBuildDir(root: string, electronVersion: string): string;
  nativeBindingPath(buildDir: string): string;
  buildStamp(
    electronVersion: string,
    moduleVersion: string,
    platform: string,
    arch: string,
  ): object;
  isCachedBuildCurrent(buildDir: string, stamp: object): boolean;
  ensureSqliteForElectron(electronVersion: string, options: { root: string }): Promise<string>;
  electronEnv(env: NodeJS.ProcessEnv, binding: string): NodeJS.ProcessEnv;
  nodeTooOldToStart(version: string): string | null;
  START_NODE_MINIMUM: string;
}

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
// A computed specifier: the script is plain JS with no type declarations to resolve.
const scriptUrl = pathToFileURL(join(REPO_ROOT, 'scripts', 'start-electron.mjs')).href;
const launcher = (await import(scriptUrl)) as LauncherModule;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-launcher-'));
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(relativePath: string, content: string): string {
  const path = join(root, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function fakeElectronPackage(version = '45.5.0'): void {
  write('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version }));
}

describe('the Node that npm start needs', () => {
  it('is 22.12 or newer, and says so in one line on an older one', () => {
    expect(launcher.nodeTooOldToStart('20.20.0')).toMatch(
      /^npm start needs Node 22\.12\.0 or newer \(Electron 45's tooling\); this is Node 20\.20\.0\./,
    );
    expect(launcher.nodeTooOldToStart('22.11.9')).not.toBeNull();
    expect(launcher.nodeTooOldToStart('22.12.0')).toBeNull();
    expect(launcher.nodeTooOldToStart('24.1.0')).toBeNull();
    expect(launcher.nodeTooOldToStart('26.12.1')).toBeNull();
  });

  it("is what package.json's engines says", async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(manifest.engines.node).toBe(`>=${launcher.START_NODE_MINIMUM}`);
  });
});

describe('locateElectronBinary', () => {
  it('reports the binary missing when electron was installed without its download', () => {
    fakeElectronPackage();
    expect(launcher.locateElectronBinary(root, {}, 'linux')).toEqual({
      found: false,
      path: join(root, 'node_modules', 'electron', 'dist', 'electron'),
      version: '45.5.0',
      override: false,
    });
  });

  it('finds the binary named in path.txt when dist/version matches the package', () => {
    fakeElectronPackage();
    write('node_modules/electron/path.txt', 'electron');
    write('node_modules/electron/dist/version', 'v45.5.0');
    const binary = write('node_modules/electron/dist/electron', '');
    expect(launcher.locateElectronBinary(root, {}, 'linux')).toMatchObject({
      found: true,
      path: binary,
    });
  });

  it('does not accept a binary of another Electron version', () => {
    fakeElectronPackage('45.5.0');
    write('node_modules/electron/path.txt', 'electron');
    write('node_modules/electron/dist/version', '44.0.0');
    write('node_modules/electron/dist/electron', '');
    expect(launcher.locateElectronBinary(root, {}, 'linux').found).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron itself does', () => {
    fakeElectronPackage();
    const override = join(root, 'system-electron');
    write('system-electron/electron', '');
    write('system-electron/version', '45.1.0');
    expect(
      launcher.locateElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux'),
    ).toEqual({ found: true, path: join(override, 'electron'), version: '45.1.0', override: true });
  });

  it('fails with one line when electron is not installed at all', () => {
    expect(() => launcher.locateElectronBinary(root, {}, 'linux')).toThrow(launcher.StepFailure);
    expect(() => launcher.locateElectronBinary(root, {}, 'linux')).toThrow(/npm install/);
  });

  it('names the executable per platform as electron’s install.js does', () => {
    expect(launcher.platformExecutable('linux')).toBe('electron');
    expect(launcher.platformExecutable('win32')).toBe('electron.exe');
    expect(launcher.platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(() => launcher.platformExecutable('aix')).toThrow(launcher.StepFailure);
  });
});

describe('ensureElectronBinary', () => {
  it('turns a failed download into one line pointing at preview:web', () => {
    fakeElectronPackage();
    write(
      'node_modules/electron/install.js',
      "console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at stack'); process.exit(1);",
    );
    expect(() => launcher.ensureElectronBinary(root)).toThrow(
      'the Electron binary could not be downloaded (RequestError: getaddrinfo ENOTFOUND github.com); `npm run preview:web` runs the same UI in a browser.',
    );
  });
});

describe('the Electron build of the SQLite addon', () => {
  const stamp = (): object => launcher.buildStamp('45.5.0', '12.11.1', 'linux', 'x64');

  it('lives under .cache/electron-native/<electron-version>', () => {
    const dir = launcher.nativeBuildDir(root, '45.5.0');
    expect(dir).toBe(join(root, '.cache', 'electron-native', '45.5.0'));
    expect(launcher.nativeBindingPath(dir)).toBe(
      join(
        dir,
        'node_modules',
        'better-sqlite3-multiple-ciphers',
        'build',
        'Release',
        'better_sqlite3.node',
      ),
    );
  });

  it('is reused only when its stamp matches and its file exists', () => {
    const dir = launcher.nativeBuildDir(root, '45.5.0');
    expect(launcher.isCachedBuildCurrent(dir, stamp())).toBe(false);
    write('.cache/electron-native/45.5.0/build-stamp.json', JSON.stringify(stamp()));
    expect(launcher.isCachedBuildCurrent(dir, stamp())).toBe(false);
    mkdirSync(join(launcher.nativeBindingPath(dir), '..'), { recursive: true });
    writeFileSync(launcher.nativeBindingPath(dir), '');
    expect(launcher.isCachedBuildCurrent(dir, stamp())).toBe(true);
    expect(
      launcher.isCachedBuildCurrent(dir, launcher.buildStamp('45.5.0', '12.12.0', 'linux', 'x64')),
    ).toBe(false);
  });

  it('fails with one line when the module is not installed', async () => {
    await expect(launcher.ensureSqliteForElectron('45.5.0', { root })).rejects.toThrow(
      /better-sqlite3-multiple-ciphers is missing/,
    );
  });
});

describe('electronEnv', () => {
  it('passes the addon path and never runs Electron as plain Node', () => {
    expect(
      launcher.electronEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }, '/cache/addon.node'),
    ).toEqual({ PATH: '/bin', KIOSK_SQLITE_BINDING: '/cache/addon.node' });
  });
});

describe('firstLine', () => {
  it('quotes the first non-empty line of a tool’s error output', () => {
    expect(launcher.firstLine('\n  HTTPError: 404\n    at x\n')).toBe('HTTPError: 404');
    expect(launcher.firstLine(undefined)).toBe('no error output');
  });
});

describe('test/electron/run.mjs', () => {
  it('without an Electron binary, prints one line and exits 0', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kiosk-no-electron-'));
    try {
      const result = spawnSync(process.execPath, [join(REPO_ROOT, 'test', 'electron', 'run.mjs')], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        // An empty override folder: "no binary" on every machine, and never a download.
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      });
      expect(result.status).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^electron suite: not run — no Electron binary/);
      expect(result.stderr).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
