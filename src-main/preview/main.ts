/**
 * `npm run preview:web -- [--port <p>] [--data-dir <dir>] [--export-dir <dir>]`
 *   `[--thank-you-ms <n>] [--staff-idle-ms <n>] [--pin-delay-ms <n>] [--secret-delay-ms <n>]`
 *   `[--idle-warning-ms <n>] [--idle-countdown-ms <n>] [--on-screen-keyboard auto|on|off]`
 *   `[--alert-webhook <url>] [--pack <id>]` (offer only that content pack, not kiosk.json's programmes)
 *   `[--resources-dir <dir>]` (content packs, clinic profile and kiosk.json from there: tests)
 *   `[--content-dir <dir>]` (read content packs from there, not resources/content: test packs)
 *   `[--printer <queue>]` (print clients' copies on this CUPS queue, whatever kiosk.json says)
 *   `[--min-free-disk-mb <n>]` (kiosk.json's `minFreeDiskMegabytes`: low storage, for tests)
 *
 * Without --data-dir the data lives in a throwaway folder removed on exit. With
 * KIOSK_PASSPHRASE set, the vault is created or opened unattended; without it, the page shows
 * the staff setup or unlock screen, as the kiosk would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MEDIA_BASES } from '../content';
import { openKioskApp, type KioskApp } from '../kiosk-app';
import { PRINTER_SCHEMA } from '../kiosk-config';
import { definedOnly } from '../kiosk-options';
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

function megabytes(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value * 1024 * 1024;
}

function keyboardSetting(raw: string): 'auto' | 'on' | 'off' {
  if (raw !== 'auto' && raw !== 'on' && raw !== 'off') {
    throw new Error(`preview: --on-screen-keyboard must be auto, on or off, got "${raw}"`);
  }
  return raw;
}

function printerOf(name: string): { name: string } {
  const checked = PRINTER_SCHEMA.safeParse({ name });
  if (!checked.success) {
    throw new Error(
      `preview: --printer ${checked.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return checked.data;
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
    const created = await app.call('vault.create', {
      name: 'Preview administrator',
      passphrase,
      confirm: passphrase,
    });
    if (!created.ok) {
      throw new Error(`preview: could not create the vault: ${created.error.message}`);
    }
    console.log(`recovery key: ${created.value.recoveryKey}`);
  } else if (state === 'needs-unlock' && (passphrase || recoveryKey)) {
    const opened = await app.call(
      'vault.open',
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
      'secret-delay-ms': { type: 'string' },
      'idle-warning-ms': { type: 'string' },
      'idle-countdown-ms': { type: 'string' },
      'on-screen-keyboard': { type: 'string' },
      'export-dir': { type: 'string' },
      'alert-webhook': { type: 'string' },
      pack: { type: 'string' },
      'resources-dir': { type: 'string' },
      'content-dir': { type: 'string' },
      printer: { type: 'string' },
      'min-free-disk-mb': { type: 'string' },
    },
    strict: true,
  });
  const throwaway = values['data-dir'] === undefined;
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'kiosk-preview-'));
  const exportDir = values['export-dir'] === undefined ? undefined : resolve(values['export-dir']);
  await ensureSodium();
  const flag = (name: keyof typeof values): number | undefined => {
    const raw = values[name];
    return raw === undefined ? undefined : integer(name, raw, 0);
  };
  const keyboard = values['on-screen-keyboard'];
  const app = openKioskApp({
    dataDir: resolve(dataDir),
    mediaBase: MEDIA_BASES.preview,
    ...definedOnly({
      resourcesDir:
        values['resources-dir'] === undefined ? undefined : resolve(values['resources-dir']),
      packId: values.pack,
      contentDir: values['content-dir'] === undefined ? undefined : resolve(values['content-dir']),
      thankYouMs: flag('thank-you-ms'),
      staffIdleMs: flag('staff-idle-ms'),
      idleWarningMs: flag('idle-warning-ms'),
      idleCountdownMs: flag('idle-countdown-ms'),
      pinDelayBaseMs: flag('pin-delay-ms'),
      secretDelayBaseMs: flag('secret-delay-ms'),
      onScreenKeyboard: keyboard === undefined ? undefined : keyboardSetting(keyboard),
      // Checked (http(s) only) where the API table is built; e2e tests point it at 127.0.0.1.
      alertWebhookUrl: values['alert-webhook'],
      // A CUPS queue for clients' copies (the e2e tests' cups-pdf queue); checked like kiosk.json's.
      printer: values.printer === undefined ? undefined : printerOf(values.printer),
      minFreeDiskBytes: megabytes(flag('min-free-disk-mb')),
      // A browser has no system folder dialog: exports go to the folder named here, if any.
      chooseExportFolder:
        exportDir === undefined ? undefined : () => Promise.resolve<string | undefined>(exportDir),
    }),
  });
  await openUnattended(app);
  const server = await startPreviewServer({
    api: app,
    media: app.media,
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
