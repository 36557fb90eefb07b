/**
 * The Electron suite's fixtures: each test launches the built app on a fresh data folder
 * (`KIOSK_DATA_DIR`) and deletes the folder afterwards. Run the suite through
 * `npm run test:electron` (run.mjs), which supplies `KIOSK_ELECTRON_BINARY` and the Electron
 * build of the SQLite addon.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron as electron,
  test as base,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import type { Result } from '../../src-main/contract';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export { PASSPHRASE } from '../support/secrets';
import { PASSPHRASE } from '../support/secrets';

/** The renderer's English strings, so the assertions follow the copy rather than retype it. */
const en = Object.assign(
  {},
  ...['en.json', 'en-staff.json'].map(
    (file) =>
      JSON.parse(readFileSync(join(REPO_ROOT, 'src-renderer', 'locales', file), 'utf8')) as object,
  ),
) as Record<string, string | undefined>;
export function copy(key: string): string {
  const text = en[key];
  if (text === undefined) {
    throw new Error(`src-renderer/locales/en.json has no "${key}"`);
  }
  return text;
}

/** A key press as the page's `keydown` listener saw it. */
export interface SeenKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What the page's globals look like from here (this file is compiled without the DOM lib). */
export interface PageGlobals {
  kiosk: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>>;
  open(url: string): unknown;
  location: { href: string };
  addEventListener(type: 'keydown', listener: (event: SeenKey) => void, capture?: boolean): void;
  kioskTestMarker?: string;
  kioskKeysSeen?: SeenKey[];
}
export function pageGlobals(): PageGlobals {
  return globalThis as unknown as PageGlobals;
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

export const test = base.extend<{
  dataDir: string;
  kioskApp: ElectronApplication;
  kioskPage: Page;
}>({
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
      // Not KIOSK_DEV: the suite checks the kiosk as a clinic runs it.
      env: stringEnv({ KIOSK_DATA_DIR: dataDir, KIOSK_DEV: '' }),
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

/** Sets the kiosk up (a fresh data folder needs it) and reloads it onto the welcome screen. */
export async function setUpKiosk(page: Page): Promise<void> {
  const created = await page.evaluate(
    (passphrase) =>
      pageGlobals().kiosk.setup?.create?.({
        name: 'Test Administrator',
        passphrase,
        confirm: passphrase,
      }),
    PASSPHRASE,
  );
  if (!created?.ok) {
    throw new Error(`vault.create failed: ${JSON.stringify(created)}`);
  }
  await page.reload();
}
