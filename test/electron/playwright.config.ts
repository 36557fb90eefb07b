/**
 * The Electron suite: the built app launched by Playwright's `_electron`, one fresh data folder
 * per test. Run it through `npm run test:electron` (test/electron/run.mjs), which finds the
 * Electron binary and the Electron build of the SQLite addon and passes both in the environment.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One Electron app at a time: each holds a single-instance lock.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  reporter: 'list',
  outputDir: '../../test-results/electron',
});
