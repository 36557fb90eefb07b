/**
 * The built kiosk in real Electron: the renderer is sandboxed and isolated, `window.kiosk` is
 * only the namespaced channels, and the page can neither open windows nor leave the app.
 * Fixtures (a fresh data folder per test, the launch) are in fixtures.ts.
 */
import { expect } from '@playwright/test';
import { RENDERER_CHANNELS, splitChannel } from '../../src-main/contract';
import { copy, pageGlobals, setUpKiosk, test } from './fixtures';

const EXTERNAL_URL = 'https://example.com/';

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
  await setUpKiosk(kioskPage);
  await expect(kioskPage.getByRole('button', { name: copy('welcome.begin') })).toBeVisible();
});
