/**
 * The one way into main: a table from channel to handler, the same for every transport
 * (Electron IPC, the loopback preview server, the CLI). `invoke` validates the channel name
 * and the input against the contract, and turns every failure into a contract error.
 */
import { createAuditTrail, vaultOf, type ApiContext } from './api-context';
import {
  channels,
  type ChannelHandlers,
  type ChannelName,
  type ChannelOutput,
  type ClinicInfo,
  type Result,
} from './contract';
import type { Pack } from './content';
import { SessionRegistry } from './consent';
import { sessionChannels } from './consent/session-channels';
import { KioskFailure } from './failure';
import { actorOf, DEFAULT_STAFF_IDLE_MS, StaffUnlock } from './staff';
import { setupChannels } from './staff/setup-channels';
import { staffChannels } from './staff/staff-channels';
import { VaultError, type ScryptParams, type VaultGate } from './vault';

export interface ApiDeps {
  dataDir: string;
  gate: VaultGate;
  pack: Pack;
  clinic: ClinicInfo;
  thankYouMs: number;
  staffIdleMs?: number;
  now?: () => Date;
  kdf?: ScryptParams;
}

export interface KioskApiTable {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
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
  const ctx: ApiContext = {
    dataDir: deps.dataDir,
    gate: deps.gate,
    pack: deps.pack,
    clinic: deps.clinic,
    thankYouMs: deps.thankYouMs,
    now,
    staff,
    sessions: new SessionRegistry(now),
    kdf: deps.kdf,
    openVault: () => vaultOf(deps.gate),
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
    ...sessionChannels(ctx),
  };

  function run<C extends ChannelName>(channel: C, input: unknown): ChannelOutput<C> {
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
        .join('; ');
      throw new KioskFailure('INVALID_INPUT', `Invalid input for ${channel}: ${where}`);
    }
    const handler = handlers[channel] as (input: unknown) => ChannelOutput<C>;
    return handler(parsed.data);
  }

  return {
    invoke(channel: string, input: unknown): Promise<Result<unknown>> {
      if (!isChannel(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${channel}".` },
        });
      }
      try {
        return Promise.resolve({ ok: true, value: run(channel, input) });
      } catch (error) {
        const failure =
          error instanceof KioskFailure
            ? error
            : error instanceof VaultError
              ? vaultFailure(error)
              : undefined;
        if (failure) {
          return Promise.resolve({ ok: false, error: failure.toError() });
        }
        console.error(`invoke: ${channel} failed unexpectedly`, error);
        return Promise.resolve({
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Something went wrong. Please ask a member of staff.',
          },
        });
      }
    },
    clearSessions(): void {
      ctx.sessions.clear();
      ctx.lockStaff('client_mode');
    },
  };
}
