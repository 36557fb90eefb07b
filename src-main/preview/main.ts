/**
 * `npm run preview:web -- [--port <p>] [--data-dir <dir>] [--thank-you-ms <n>]`
 *
 * Without --data-dir the data lives in a throwaway folder removed on exit. With
 * KIOSK_PASSPHRASE set, the vault is created or opened unattended; without it, the page shows
 * the staff setup or unlock screen, as the kiosk would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openKioskApp } from '../kiosk-app';
import { startPreviewServer } from './server';

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`preview: --${name} must be a whole number, got "${raw}"`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'thank-you-ms': { type: 'string' },
    },
    strict: true,
  });
  const throwaway = values['data-dir'] === undefined;
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'kiosk-preview-'));
  const passphrase = process.env.KIOSK_PASSPHRASE;
  const app = openKioskApp({
    dataDir: resolve(dataDir),
    ...(values['thank-you-ms'] === undefined
      ? {}
      : { thankYouMs: integer('thank-you-ms', values['thank-you-ms'], 0) }),
  });
  if (passphrase) {
    const state = app.gate.state();
    if (state === 'needs-setup') {
      app.gate.create(passphrase);
    } else if (state === 'needs-unlock') {
      app.gate.unlock(passphrase);
    }
  }
  const server = await startPreviewServer({
    api: app,
    rendererDir: resolve(import.meta.dirname, '../../out/renderer'),
    port: integer('port', values.port, 0),
  });
  console.log(`Clinic Kiosk preview at ${server.url}`);
  console.log(`data folder: ${dataDir}${throwaway ? ' (throwaway, removed on exit)' : ''}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    void server.close().finally(() => {
      app.close();
      if (throwaway) {
        rmSync(dataDir, { recursive: true, force: true });
      }
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
