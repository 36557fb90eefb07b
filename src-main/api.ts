/**
 * The one way into main: a table from channel to handler, the same for every transport
 * (Electron IPC, the loopback preview server, the CLI). `invoke` validates the channel name
 * and the input against the contract, and turns every failure into a contract error.
 */
import { createAuditTrail, vaultOf, type ApiContext } from './api-context';
import type { AuditEvent } from './audit';
import {
  channels,
  type ChannelHandlers,
  type ChannelName,
  type ChannelOutput,
  type ClinicInfo,
  type Result,
} from './contract';
import { packSnapshot, type Pack } from './content';
import { SessionRegistry } from './consent';
import { sessionChannels } from './consent/session-channels';
import { KioskFailure } from './failure';
import { actorOf, DEFAULT_STAFF_IDLE_MS, StaffUnlock } from './staff';
import { setupChannels } from './staff/setup-channels';
import { frontDeskChannels } from './staff/front-desk-channels';
import { kioskPaused } from './staff/kiosk-settings';
import { recordsChannels } from './staff/records-channels';
import { staffChannels } from './staff/staff-channels';
import { VaultError, type ScryptParams, type Vault, type VaultGate } from './vault';

export interface ApiDeps {
  dataDir: string;
  gate: VaultGate;
  pack: Pack;
  clinic: ClinicInfo;
  thankYouMs: number;
  staffIdleMs?: number;
  idle?: { warnAfterMs: number; countdownMs: number };
  onScreenKeyboard?: 'auto' | 'on' | 'off';
  appVersion: string;
  pinDelayBaseMs?: number;
  /** The transport's folder picker (Electron: the system dialog). Without one, export is off. */
  chooseExportFolder?: () => Promise<string | undefined>;
  /** The transport's way out of kiosk mode (Electron: quit). */
  exitKiosk?: () => void;
  now?: () => Date;
  kdf?: ScryptParams;
}

export interface KioskApiTable {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** For the transport's own events (a renderer crash, a relaunch): appended to the audit log. */
  recordEvent(event: AuditEvent): void;
  /** Back to the attract screen, or closing: drops client sessions and any staff unlock. */
  clearSessions(): void;
}

function isChannel(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/** Maps the vault's own errors to the contract's closed set. */
function vaultFailure(error: VaultError): KioskFailure {
  switch (error.code) {
    case 'WRONG_PASSPHRASE':
    case 'WRONG_KEY':
      return new KioskFailure('WRONG_PASSPHRASE', 'That passphrase does not open this kiosk.');
    case 'WRONG_RECOVERY_KEY':
      return new KioskFailure('WRONG_RECOVERY_KEY', 'That recovery key does not open this kiosk.');
    case 'BAD_RECOVERY_KEY_FORMAT':
      return new KioskFailure('INVALID_INPUT', error.message, {
        fields: { recoveryKey: 'invalid_recovery_key' },
      });
    case 'ALREADY_INITIALISED':
      return new KioskFailure('VAULT_EXISTS', 'This kiosk already has a vault.');
    case 'PASSPHRASE_TOO_SHORT':
      return new KioskFailure('INVALID_INPUT', error.message, {
        fields: { passphrase: 'too_short' },
      });
    case 'LAST_STAFF_SLOT':
      return new KioskFailure('NOT_ALLOWED', 'The last staff member cannot be removed.');
    case 'UNKNOWN_STAFF':
      return new KioskFailure('INVALID_INPUT', 'There is no such staff member.');
    default:
      return new KioskFailure('VAULT_UNAVAILABLE', error.message);
  }
}

export function createApi(deps: ApiDeps): KioskApiTable {
  const now = deps.now ?? ((): Date => new Date());
  const audit = createAuditTrail(deps.gate, now);
  const staff = new StaffUnlock(now, deps.staffIdleMs ?? DEFAULT_STAFF_IDLE_MS, (holder) => {
    audit({ actor: actorOf(holder), action: 'lock', details: { reason: 'idle' } });
  });
  // Saved once per open vault: INSERT OR IGNORE makes a repeat harmless, but not free.
  const snapshotSaved = new WeakSet<Vault>();
  const ctx: ApiContext = {
    dataDir: deps.dataDir,
    gate: deps.gate,
    pack: deps.pack,
    clinic: deps.clinic,
    thankYouMs: deps.thankYouMs,
    appVersion: deps.appVersion,
    pinDelayBaseMs: deps.pinDelayBaseMs,
    now,
    staff,
    sessions: new SessionRegistry(now),
    kdf: deps.kdf,
    openVault: () => vaultOf(deps.gate),
    chooseExportFolder:
      deps.chooseExportFolder ??
      (() =>
        Promise.reject(
          new KioskFailure('EXPORT_FAILED', 'This kiosk has no way to choose an export folder.'),
        )),
    exitKiosk: deps.exitKiosk ?? ((): void => undefined),
    isPaused: () => {
      const vault = deps.gate.vault();
      return vault ? kioskPaused(vault) : false;
    },
    ensureContentSnapshot: (vault) => {
      if (!snapshotSaved.has(vault)) {
        vault.saveContentSnapshot({
          hash: deps.pack.hash,
          packId: deps.pack.id,
          packVersion: deps.pack.version,
          content: packSnapshot(deps.pack),
        });
        snapshotSaved.add(vault);
      }
    },
    audit,
    lockStaff: (reason) => {
      const holder = staff.lock();
      if (holder) {
        audit({ actor: actorOf(holder), action: 'lock', details: { reason } });
      }
    },
  };

  const handlers: ChannelHandlers = {
    'kiosk.info': () => ({
      vault: deps.gate.state(),
      clinic: deps.clinic,
      locales: deps.pack.locales,
      defaultLocale: deps.pack.defaultLocale,
      thankYouMs: deps.thankYouMs,
      paused: ctx.isPaused(),
      idle: deps.idle ?? { warnAfterMs: 90_000, countdownMs: 30_000 },
      onScreenKeyboard: deps.onScreenKeyboard ?? 'auto',
    }),
    'kiosk.status': () => {
      const vault = ctx.openVault();
      return {
        schemaVersion: vault.schemaVersion(),
        submissions: vault.countSubmissions(),
        kioskId: vault.kioskId,
        pack: { id: deps.pack.id, version: deps.pack.version, hash: deps.pack.hash },
      };
    },
    ...setupChannels(ctx),
    ...staffChannels(ctx),
    ...recordsChannels(ctx),
    ...frontDeskChannels(ctx),
    ...sessionChannels(ctx),
  };

  async function run<C extends ChannelName>(channel: C, input: unknown): Promise<ChannelOutput<C>> {
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
        .join('; ');
      throw new KioskFailure('INVALID_INPUT', `Invalid input for ${channel}: ${where}`);
    }
    const handler = handlers[channel] as (
      input: unknown,
    ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
    return await handler(parsed.data);
  }

  return {
    async invoke(channel: string, input: unknown): Promise<Result<unknown>> {
      if (!isChannel(channel)) {
        return {
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${channel}".` },
        };
      }
      try {
        return { ok: true, value: await run(channel, input) };
      } catch (error) {
        const failure =
          error instanceof KioskFailure
            ? error
            : error instanceof VaultError
              ? vaultFailure(error)
              : undefined;
        if (failure) {
          return { ok: false, error: failure.toError() };
        }
        console.error(`invoke: ${channel} failed unexpectedly`, error);
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Something went wrong. Please ask a member of staff.',
          },
        };
      }
    },
    recordEvent(event: AuditEvent): void {
      audit(event);
    },
    clearSessions(): void {
      ctx.sessions.clear();
      ctx.lockStaff('client_mode');
    },
  };
}
