/**
 * The built kiosk in real Electron: the renderer is sandboxed and isolated, `window.kiosk` is
 * only the namespaced channels, and the page can neither open windows nor leave the app.
 * Each test launches the app on a fresh data folder (`KIOSK_DATA_DIR`) and deletes it after.
 * Run through `npm run test:electron` (run.mjs), which supplies the two paths read below.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron as electron,
  expect,
  test as base,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { RENDERER_CHANNELS, splitChannel, type Result } from '../../src-main/contract';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const PASSPHRASE = 'correct horse battery staple';
const EXTERNAL_URL = 'https://example.com/';

/** The renderer's English strings, so the assertions follow the copy rather than retype it. */
const en = JSON.parse(
  readFileSync(join(REPO_ROOT, 'src-renderer', 'locales', 'en.json'), 'utf8'),
) as Record<string, string | undefined>;
function copy(key: string): string {
  const text = en[key];
  if (text === undefined) {
    throw new Error(`src-renderer/locales/en.json has no "${key}"`);
  }
  return text;
}

/** What the page's globals look like from here (this file is compiled without the DOM lib). */
interface PageGlobals {
  kiosk: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>>;
  open(url: string): unknown;
  location: { href: string };
  kioskTestMarker?: string;
}
function pageGlobals(): PageGlobals {
  return globalThis as unknown as PageGlobals;
}

function expectedApiShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = {};
  for (const name of RENDERER_CHANNELS) {
    const [namespace, method] = splitChannel(name);
    (shape[namespace] ??= []).push(method);
  }
  for (const methods of Object.values(shape)) {
    methods.sort();
  }
  return shape;
}

function stringEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) {
      env[key] = value;
    }
  }
  return { ...env, ...extra };
}

const test = base.extend<{ dataDir: string; kioskApp: ElectronApplication; kioskPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-electron-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  kioskApp: async ({ dataDir }, use) => {
    const executablePath = process.env.KIOSK_ELECTRON_BINARY;
    if (!executablePath) {
      throw new Error(
        'KIOSK_ELECTRON_BINARY is not set: run this suite with `npm run test:electron`.',
      );
    }
    // Chromium refuses its OS sandbox as root (CI containers); the renderer's own `sandbox`
    // web preference, which these tests check, is unaffected by this switch.
    const args = process.getuid?.() === 0 ? ['--no-sandbox', REPO_ROOT] : [REPO_ROOT];
    const app = await electron.launch({
      executablePath,
      args,
      cwd: REPO_ROOT,
      env: stringEnv({ KIOSK_DATA_DIR: dataDir }),
    });
    await use(app);
    await app.close();
  },
  kioskPage: async ({ kioskApp }, use) => {
    const page = await kioskApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

test('the renderer has no Node and sees the preload only through the bridge', async ({
  kioskPage,
}) => {
  // `sandbox` and `nodeIntegration: false` leave the page without Node's globals.
  const globals = await kioskPage.evaluate(() => ({
    require: typeof require,
    process: typeof process,
    module: typeof (globalThis as { module?: unknown }).module,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });

  // `contextBridge` refuses to run without context isolation, so `window.kiosk` existing at all
  // proves isolation is on; its methods are bridge proxies, not the preload's own functions.
  const bridged = await kioskPage.evaluate(() => {
    const start = pageGlobals().kiosk.session?.start;
    return start === undefined ? 'missing' : Function.prototype.toString.call(start);
  });
  expect(bridged).toContain('[native code]');
});

test('window.kiosk holds only the namespaced renderer channels', async ({ kioskPage }) => {
  const shape = await kioskPage.evaluate(() => {
    const kiosk = pageGlobals().kiosk;
    return Object.fromEntries(
      Object.entries(kiosk).map(([namespace, methods]) => [namespace, Object.keys(methods).sort()]),
    );
  });
  expect(shape).toEqual(expectedApiShape());
  expect(Object.keys(shape)).not.toContain('invoke');
  expect(Object.keys(shape)).not.toContain('ipcRenderer');
});

test('window.open opens nothing', async ({ kioskApp, kioskPage }) => {
  const returned = await kioskPage.evaluate(
    (url) => pageGlobals().open(url) === null,
    EXTERNAL_URL,
  );
  expect(returned).toBe(true);
  const windows = await kioskApp.evaluate(
    ({ BrowserWindow }) => BrowserWindow.getAllWindows().length,
  );
  expect(windows).toBe(1);
  expect(kioskApp.windows()).toHaveLength(1);
});

test('the page cannot navigate away from the app', async ({ kioskApp, kioskPage }) => {
  const appUrl = kioskPage.url();
  await kioskPage.evaluate(() => {
    pageGlobals().kioskTestMarker = 'still here';
  });
  // Listen in main after the app's own handler, so the event shows whether it was prevented.
  await kioskApp.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents;
    (globalThis as { kioskNavigation?: Promise<unknown> }).kioskNavigation = new Promise(
      (resolveNavigation) => {
        contents?.once('will-navigate', (event) => {
          resolveNavigation({ url: event.url, prevented: event.defaultPrevented });
        });
      },
    );
  });
  await kioskPage.evaluate((url) => {
    pageGlobals().location.href = url;
  }, EXTERNAL_URL);
  const navigation = await kioskApp.evaluate(
    () => (globalThis as { kioskNavigation?: Promise<unknown> }).kioskNavigation,
  );
  expect(navigation).toEqual({ url: EXTERNAL_URL, prevented: true });
  expect(kioskPage.url()).toBe(appUrl);
  expect(await kioskPage.evaluate(() => pageGlobals().kioskTestMarker)).toBe('still here');
});

test('a fresh kiosk asks staff to set it up', async ({ kioskPage }) => {
  const info = await kioskPage.evaluate(() => pageGlobals().kiosk.kiosk?.info?.({}));
  expect(info).toMatchObject({ ok: true, value: { vault: 'needs-setup' } });
  await expect(kioskPage.getByRole('heading', { name: copy('setup.title') })).toBeVisible();
});

test('once set up, the kiosk shows the welcome screen', async ({ kioskPage }) => {
  const created = await kioskPage.evaluate(
    (passphrase) => pageGlobals().kiosk.setup?.create?.({ passphrase, confirm: passphrase }),
    PASSPHRASE,
  );
  expect(created).toMatchObject({ ok: true });
  await kioskPage.reload();
  await expect(kioskPage.getByRole('button', { name: copy('welcome.begin') })).toBeVisible();
});
