/**
 * `npm run preview:web -- [--port <p>] [--data-dir <dir>] [--export-dir <dir>]`
 *   `[--thank-you-ms <n>] [--staff-idle-ms <n>] [--pin-delay-ms <n>]`
 *   `[--idle-warning-ms <n>] [--idle-countdown-ms <n>] [--on-screen-keyboard auto|on|off]`
 *
 * Without --data-dir the data lives in a throwaway folder removed on exit. With
 * KIOSK_PASSPHRASE set, the vault is created or opened unattended; without it, the page shows
 * the staff setup or unlock screen, as the kiosk would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openKioskApp, type KioskApp } from '../kiosk-app';
import { ensureSodium } from '../vault';
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

function keyboardSetting(raw: string): 'auto' | 'on' | 'off' {
  if (raw !== 'auto' && raw !== 'on' && raw !== 'off') {
    throw new Error(`preview: --on-screen-keyboard must be auto, on or off, got "${raw}"`);
  }
  return raw;
}

/**
 * With KIOSK_PASSPHRASE (or KIOSK_RECOVERY_KEY) the vault is created or opened before serving,
 * through the same channels as the setup screens. A new vault's recovery key is printed once:
 * this is a review and test tool, never the kiosk itself.
 */
async function openUnattended(app: KioskApp): Promise<void> {
  const passphrase = process.env.KIOSK_PASSPHRASE;
  const recoveryKey = process.env.KIOSK_RECOVERY_KEY;
  const state = app.gate.state();
  if (state === 'needs-setup' && passphrase) {
    const created = await app.invoke('setup.create', {
      name: 'Preview administrator',
      passphrase,
      confirm: passphrase,
    });
    if (!created.ok) {
      throw new Error(`preview: could not create the vault: ${created.error.message}`);
    }
    console.log(`recovery key: ${(created.value as { recoveryKey: string }).recoveryKey}`);
  } else if (state === 'needs-unlock' && (passphrase || recoveryKey)) {
    const opened = await app.invoke(
      'setup.unlock',
      recoveryKey ? { recoveryKey } : { passphrase: passphrase ?? '' },
    );
    if (!opened.ok) {
      throw new Error(`preview: could not open the vault: ${opened.error.message}`);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'thank-you-ms': { type: 'string' },
      'staff-idle-ms': { type: 'string' },
      'pin-delay-ms': { type: 'string' },
      'idle-warning-ms': { type: 'string' },
      'idle-countdown-ms': { type: 'string' },
      'on-screen-keyboard': { type: 'string' },
      'export-dir': { type: 'string' },
    },
    strict: true,
  });
  const throwaway = values['data-dir'] === undefined;
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'kiosk-preview-'));
  const exportDir = values['export-dir'] === undefined ? undefined : resolve(values['export-dir']);
  await ensureSodium();
  const app = openKioskApp({
    dataDir: resolve(dataDir),
    ...(values['thank-you-ms'] === undefined
      ? {}
      : { thankYouMs: integer('thank-you-ms', values['thank-you-ms'], 0) }),
    ...(values['staff-idle-ms'] === undefined
      ? {}
      : { staffIdleMs: integer('staff-idle-ms', values['staff-idle-ms'], 1) }),
    ...(values['idle-warning-ms'] === undefined
      ? {}
      : { idleWarningMs: integer('idle-warning-ms', values['idle-warning-ms'], 1) }),
    ...(values['idle-countdown-ms'] === undefined
      ? {}
      : { idleCountdownMs: integer('idle-countdown-ms', values['idle-countdown-ms'], 1) }),
    ...(values['on-screen-keyboard'] === undefined
      ? {}
      : { onScreenKeyboard: keyboardSetting(values['on-screen-keyboard']) }),
    ...(values['pin-delay-ms'] === undefined
      ? {}
      : { pinDelayBaseMs: integer('pin-delay-ms', values['pin-delay-ms'], 0) }),
    // A browser has no system folder dialog: exports go to the folder named here, if any.
    ...(exportDir === undefined ? {} : { chooseExportFolder: () => Promise.resolve(exportDir) }),
  });
  await openUnattended(app);
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
