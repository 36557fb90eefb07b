/**
 * Test fixtures: each test gets its own data folder and its own preview server (the built
 * renderer plus the API on 127.0.0.1), both removed afterwards, in the manner of Actual
 * Budget's per-test data folders. The `kioskCli` fixture runs the staff CLI on that folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { writeMediaResources, type MediaPackOptions } from '../support/media-pack';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
import { PASSPHRASE } from '../support/secrets';

export { PASSPHRASE };
const URL_LINE = /Clinic Kiosk preview at (http:\/\/127\.0\.0\.1:\d+\/)/;
const START_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 10_000;

export interface KioskOptions {
  /** KIOSK_PASSPHRASE for the server; `null` starts it with no vault (the setup screen). */
  passphrase: string | null;
  thankYouMs: number;
  /** `--staff-idle-ms`: how long the staff area stays unlocked without staff activity. */
  staffIdleMs?: number;
  /** `--pin-delay-ms`: the unit of the PIN's growing waits (0: none, for lockout tests). */
  pinDelayMs?: number;
  /** `--secret-delay-ms`: the unit of the waits after wrong staff passphrases or recovery keys. */
  secretDelayMs?: number;
  /** `--idle-warning-ms`: quiet time in a client session before "Are you still there?". */
  idleWarningMs?: number;
  /** `--idle-countdown-ms`: how long that question waits before the session is discarded. */
  idleCountdownMs?: number;
  /** `--on-screen-keyboard`: `auto` (touch screens only, the default), `on` or `off`. */
  onScreenKeyboard?: 'auto' | 'on' | 'off';
  /** `--alert-webhook`: where raised alerts are POSTed (a server the test runs on 127.0.0.1). */
  alertWebhook?: string;
  /** `--pack`: offer only this content pack instead of kiosk.json's programmes. */
  pack?: string;
  /** `--content-dir`: where the content packs are, from the repository root (a fixture folder). */
  contentDir?: string;
  /** `--printer`: the CUPS queue clients' copies print on (test/support/cups-printer.ts). */
  printer?: string;
  /** `--min-free-disk-mb`: below this much free space no new client starts (low storage). */
  minFreeDiskMegabytes?: number;
  /**
   * Serve the media test pack (test/support/media-pack.ts: a page with a picture, a captioned
   * video) as the only programme, from a resources folder made for the test (`--resources-dir`),
   * its video made with ffmpeg.
   */
  mediaPack?: MediaPackOptions;
  /**
   * Prepared with the CLI before the server starts (the vault is created with `init` first,
   * its administrator named ADMIN_NAME): this many fake submissions (`seed-demo`) …
   */
  seed?: number;
  /** … all as visits of one fake client, scores falling (`seed-demo --same-client`) … */
  seedSameClient?: boolean;
  /** … and this front-desk PIN (`pin set`). */
  pin?: string;
}

/** The first administrator's name when the CLI creates the vault; it appears nowhere else. */
export const ADMIN_NAME = 'Ottoline Brackenbury';

interface RunningServer {
  url: string;
  /** Stops the server (idempotent). */
  stop(): Promise<void>;
}

export interface KioskServer {
  /** Where the current server listens; a restart serves on a new port. */
  readonly url: string;
  dataDir: string;
  /** The resources folder made for `mediaPack`, if any. */
  resourcesDir: string | undefined;
  /** The folder the server "chooses" for every export (`--export-dir`). */
  exportDir: string;
  /** Stops the server (idempotent); the fixture also stops it after the test. */
  stop(): Promise<void>;
  /**
   * Stops the server and starts another on the same data folder, with these options changed
   * (e.g. `{ passphrase: null }`: no unattended unlock, as on a machine whose keychain is gone).
   */
  restart(changes: Partial<KioskOptions>): Promise<void>;
}

export interface KioskCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(passphrase: string | null): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.KIOSK_PASSPHRASE;
  delete env.KIOSK_RECOVERY_KEY;
  return passphrase === null ? env : { ...env, KIOSK_PASSPHRASE: passphrase };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => {
      resolveExit(false);
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

function optionalFlags(options: KioskOptions): string[] {
  return [
    ...(options.staffIdleMs === undefined ? [] : ['--staff-idle-ms', String(options.staffIdleMs)]),
    ...(options.pinDelayMs === undefined ? [] : ['--pin-delay-ms', String(options.pinDelayMs)]),
    ...(options.secretDelayMs === undefined
      ? []
      : ['--secret-delay-ms', String(options.secretDelayMs)]),
    ...(options.idleWarningMs === undefined
      ? []
      : ['--idle-warning-ms', String(options.idleWarningMs)]),
    ...(options.idleCountdownMs === undefined
      ? []
      : ['--idle-countdown-ms', String(options.idleCountdownMs)]),
    ...(options.onScreenKeyboard === undefined
      ? []
      : ['--on-screen-keyboard', options.onScreenKeyboard]),
    ...(options.alertWebhook === undefined ? [] : ['--alert-webhook', options.alertWebhook]),
    ...(options.pack === undefined ? [] : ['--pack', options.pack]),
    ...(options.contentDir === undefined ? [] : ['--content-dir', options.contentDir]),
    ...(options.printer === undefined ? [] : ['--printer', options.printer]),
    ...(options.minFreeDiskMegabytes === undefined
      ? []
      : ['--min-free-disk-mb', String(options.minFreeDiskMegabytes)]),
  ];
}

async function startServer(
  dataDir: string,
  exportDir: string,
  options: KioskOptions,
  resourcesDir: string | undefined,
): Promise<RunningServer> {
  const child = spawn(
    TSX,
    [
      'src-main/preview/main.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--export-dir',
      exportDir,
      '--thank-you-ms',
      String(options.thankYouMs),
      ...optionalFlags(options),
      ...(resourcesDir === undefined ? [] : ['--resources-dir', resourcesDir]),
    ],
    { cwd: ROOT, env: childEnv(options.passphrase), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`startServer: no URL line after ${START_TIMEOUT_MS} ms\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`startServer: exited (${String(code ?? signal)}) before serving\n${output}`),
      );
    });
  });

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      // SIGTERM lets the server close the vault cleanly; SIGKILL only if it does not.
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    })();
    return stopped;
  };
  return { url, stop };
}

/** Runs `kiosk <args> --data-dir <dir>` (src-main/cli/main.ts) with the staff passphrase. */
export function runKioskCli(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<KioskCliResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(TSX, ['src-main/cli/main.ts', ...args, '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...childEnv(PASSPHRASE), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      resolveRun({ code, stdout, stderr });
    });
  });
}

async function cli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await runKioskCli(dataDir, args, env);
  if (result.code !== 0) {
    throw new Error(`kiosk ${args.join(' ')} failed (${String(result.code)}):\n${result.stderr}`);
  }
}

/** A vault made with the CLI, with fake submissions and a PIN, before any server opens it. */
async function prepareVault(dataDir: string, options: KioskOptions): Promise<void> {
  if (options.seed === undefined && options.pin === undefined) {
    return;
  }
  await cli(dataDir, ['init', '--name', ADMIN_NAME]);
  if (options.seed !== undefined) {
    const sameClient = options.seedSameClient === true ? ['--same-client'] : [];
    await cli(dataDir, ['seed-demo', '--count', String(options.seed), ...sameClient]);
  }
  if (options.pin !== undefined) {
    await cli(dataDir, ['pin', 'set'], { KIOSK_NEW_PIN: options.pin });
  }
}

export const test = base.extend<
  { kioskOptions: KioskOptions; kiosk: KioskServer },
  { mediaCache: string }
>({
  kioskOptions: [{ passphrase: PASSPHRASE, thankYouMs: 1500 }, { option: true }],

  /** Where ffmpeg's media for `mediaPack` are made, once per worker (made only when asked for). */
  mediaCache: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from it
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'kiosk-e2e-media-cache-'));
      try {
        await use(dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],

  kiosk: async ({ kioskOptions, mediaCache }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-e2e-'));
    const exportDir = await mkdtemp(join(tmpdir(), 'kiosk-e2e-export-'));
    const mediaRoot = await mkdtemp(join(tmpdir(), 'kiosk-e2e-media-'));
    try {
      const resourcesDir =
        kioskOptions.mediaPack === undefined
          ? undefined
          : writeMediaResources(mediaRoot, mediaCache, kioskOptions.mediaPack);
      await prepareVault(dataDir, kioskOptions);
      let current = await startServer(dataDir, exportDir, kioskOptions, resourcesDir);
      const server: KioskServer = {
        get url() {
          return current.url;
        },
        dataDir,
        exportDir,
        resourcesDir,
        stop: () => current.stop(),
        restart: async (changes) => {
          await current.stop();
          const options = { ...kioskOptions, ...changes };
          current = await startServer(dataDir, exportDir, options, resourcesDir);
        },
      };
      try {
        await use(server);
      } finally {
        await current.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(exportDir, { recursive: true, force: true });
      await rm(mediaRoot, { recursive: true, force: true });
    }
  },

  page: async ({ page, kiosk }, use) => {
    // Fail a test on any error the page logs: CSP refusals, uncaught exceptions.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console.error: ${message.text()}`);
      }
    });
    await page.goto(kiosk.url);
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };
