/**
 * A kiosk app over a fresh temporary data folder, for tests of the API table and its channels.
 * Uses cheap scrypt parameters; the default ones have their own test in the vault.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callOrThrow } from '../../src-main/api';
import type { ChannelInput, ChannelName, ChannelOutput, Result } from '../../src-main/contract';
import { openKioskApp, type KioskApp, type KioskAppOptions } from '../../src-main/kiosk-app';
import { ensureSodium } from '../../src-main/vault';

// libsodium initialises asynchronously, once per process; the vault's synchronous API needs it.
await ensureSodium();

import { FAST_KDF, PASSPHRASE } from './secrets';

export { FAST_KDF, OTHER_PASSPHRASE, PASSPHRASE } from './secrets';
export const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
export const UUID = '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e';

export interface TestKiosk {
  readonly dataDir: string;
  app: KioskApp;
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  /** Calls a channel that must succeed, returning its value. */
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Creates the vault through `vault.create`; returns the recovery key. */
  setUp(): Promise<string>;
  /** Closes the app and opens a new one over the same folder (a restart). */
  restart(options?: Partial<KioskAppOptions>): void;
  dispose(): void;
}

export function openTestKiosk(options: Partial<KioskAppOptions> = {}): TestKiosk {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  const dataDir = join(root, 'data');
  const open = (more: Partial<KioskAppOptions>): KioskApp =>
    openKioskApp({ dataDir, kdf: FAST_KDF, thankYouMs: 1234, ...options, ...more });
  const kiosk: TestKiosk = {
    dataDir,
    app: open({}),
    call: (channel, input) => kiosk.app.call(channel, input),
    ok: (channel, input) => callOrThrow(kiosk.app, channel, input),
    setUp: async () =>
      (
        await kiosk.ok('vault.create', {
          name: 'Jane Roe',
          passphrase: PASSPHRASE,
          confirm: PASSPHRASE,
        })
      ).recoveryKey,
    restart: (more = {}) => {
      kiosk.app.close();
      kiosk.app = open(more);
    },
    dispose: () => {
      kiosk.app.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return kiosk;
}
