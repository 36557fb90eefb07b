/**
 * End-to-end suite: the built renderer served by the loopback preview server, driven in the
 * system's Debian Chromium (no downloaded browser). Run with `npm run test:e2e`.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  throw new Error(
    `playwright.config: ${CHROMIUM} is missing. Install Debian's Chromium (apt-get install chromium); ` +
      'the suite never downloads a browser.',
  );
}

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '**/*.spec.ts',
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: '../../test-results/e2e',
  use: {
    viewport: { width: 1920, height: 1080 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu',
        '--no-first-run',
      ],
    },
  },
});
