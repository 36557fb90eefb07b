/**
 * Kiosk mode in real Electron: the shortcuts that would reload or leave the page are swallowed
 * before the page sees them, the staff chord still arrives, and a renderer that crashes is
 * replaced by a fresh one on the attract screen.
 */
import { expect, type ElectronApplication, type Page } from '@playwright/test';
import { copy, pageGlobals, setUpKiosk, test } from './fixtures';

/** Records every `keydown` the page receives, and leaves a marker that a reload would wipe. */
async function watchPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const globals = pageGlobals();
    globals.kioskTestMarker = 'still here';
    globals.kioskKeysSeen = [];
    globals.addEventListener(
      'keydown',
      (event) => {
        globals.kioskKeysSeen?.push({
          key: event.key,
          code: event.code,
          ctrlKey: event.ctrlKey,
          altKey: event.altKey,
          shiftKey: event.shiftKey,
        });
      },
      true,
    );
  });
}

/** Whether main's `before-input-event` for the next key down was prevented, seen after ours. */
async function watchMainInput(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents;
    const seen: { key: string; prevented: boolean }[] = [];
    (globalThis as { kioskInputSeen?: typeof seen }).kioskInputSeen = seen;
    contents?.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown') {
        seen.push({ key: input.key, prevented: event.defaultPrevented });
      }
    });
  });
}

async function mainInputSeen(
  app: ElectronApplication,
): Promise<{ key: string; prevented: boolean }[]> {
  return app.evaluate(
    () =>
      (globalThis as { kioskInputSeen?: { key: string; prevented: boolean }[] }).kioskInputSeen ??
      [],
  );
}

test('Ctrl+R, F5 and the DevTools chords do not reach the page or reload it', async ({
  kioskApp,
  kioskPage,
}) => {
  const url = kioskPage.url();
  await watchPage(kioskPage);
  await watchMainInput(kioskApp);

  for (const chord of [
    'Control+R',
    'Control+Shift+R',
    'F5',
    'Control+Shift+I',
    'F12',
    'Control+W',
  ]) {
    await kioskPage.keyboard.press(chord);
  }

  expect(await kioskPage.evaluate(() => pageGlobals().kioskTestMarker)).toBe('still here');
  expect(kioskPage.url()).toBe(url);
  const keysSeen = await kioskPage.evaluate(() => pageGlobals().kioskKeysSeen ?? []);
  // Only the bare modifiers may arrive; none of the shortcuts' own keys do.
  expect(keysSeen.map((key) => key.key)).not.toContain('r');
  expect(keysSeen.map((key) => key.key)).not.toContain('R');
  expect(keysSeen.map((key) => key.key)).not.toContain('F5');
  expect(keysSeen.map((key) => key.key)).not.toContain('F12');
  const mainSeen = await mainInputSeen(kioskApp);
  for (const key of ['r', 'R', 'F5', 'I', 'F12', 'w']) {
    expect(
      mainSeen.filter((input) => input.key === key),
      key,
    ).not.toContainEqual({
      key,
      prevented: false,
    });
  }
  expect(await kioskApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
    1,
  );
});

test('the staff chord and ordinary typing still reach the page', async ({ kioskPage }) => {
  await watchPage(kioskPage);
  await kioskPage.keyboard.press('a');
  await kioskPage.keyboard.press('Control+Alt+Shift+S');
  const keysSeen = await kioskPage.evaluate(() => pageGlobals().kioskKeysSeen ?? []);
  expect(keysSeen).toContainEqual(expect.objectContaining({ key: 'a', ctrlKey: false }));
  expect(keysSeen).toContainEqual(
    expect.objectContaining({ code: 'KeyS', ctrlKey: true, altKey: true, shiftKey: true }),
  );
});

test('the window is a kiosk window with no menu and no zoom', async ({ kioskApp }) => {
  // Whether it is also full screen is the window manager's to report (none under xvfb); the
  // unit tests check the window asks for it.
  const state = await kioskApp.evaluate(({ BrowserWindow, Menu }) => {
    const window = BrowserWindow.getAllWindows()[0];
    return {
      kiosk: window?.isKiosk(),
      menu: Menu.getApplicationMenu(),
      zoom: window?.webContents.getZoomFactor(),
    };
  });
  expect(state).toEqual({ kiosk: true, menu: null, zoom: 1 });
});

test('a crashed renderer is replaced by the attract screen', async ({ kioskApp, kioskPage }) => {
  await setUpKiosk(kioskPage);
  await expect(kioskPage.getByRole('button', { name: copy('welcome.begin') })).toBeVisible();
  await watchPage(kioskPage);

  await kioskApp.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer();
  });

  // Read through main: the crashed page's Playwright handle may not follow the new renderer.
  const begin = copy('welcome.begin');
  await expect
    .poll(
      () =>
        kioskApp.evaluate(async ({ BrowserWindow }, label) => {
          const contents = BrowserWindow.getAllWindows()[0]?.webContents;
          if (!contents || contents.isCrashed() || contents.isLoading()) {
            return 'not yet';
          }
          // Runs in the fresh page: the marker is gone, and the welcome screen is back.
          const script = `(() => ({
            marker: window.kioskTestMarker ?? null,
            welcome: [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === ${JSON.stringify(label)}),
          }))()`;
          return JSON.stringify(await contents.executeJavaScript(script));
        }, begin),
      { timeout: 20_000 },
    )
    .toBe(JSON.stringify({ marker: null, welcome: true }));
});
