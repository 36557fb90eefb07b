/**
 * The one way into main: a table from channel to handler, the same for every transport
 * (Electron IPC, the loopback preview server, the CLI). Every call validates its input against
 * the contract and turns every failure into a contract error.
 */
import { invalidInputMessage } from './input-error';
import { createAuditTrail, vaultOf, type ApiContext } from './api-context';
import { createAlertDesk, webhookUrlOf, type WebhookDelivery } from '../alerts';
import type { AuditEvent } from '../audit';
import {
  channels,
  type ChannelHandlers,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type ClinicInfo,
  type HealthPushState,
  type KioskHealth,
  type Result,
} from '../contract';
import { packSnapshot, type Programmes } from '../content';
import { SessionRegistry } from '../consent';
import { KioskFailure } from '../failure';
import { createIntegrityWatch, createStorageWatch } from '../health';
import type { KioskOptions } from '../kiosk-options';
import { lpAvailable, type CopyPrinter } from '../print';
import { createPushService, createRecordPusher, ensurePushKey, type PushService } from '../push';
import { actorOf, StaffSession } from '../staff';
import { kioskPaused } from '../staff/kiosk-settings';
import { isDiskFullError, VaultError, type Vault, type VaultGate } from '../vault';
import { adminChannels } from './admin-channels';
import { alertChannels } from './alert-channels';
import { auditLogChannels } from './audit-log-channels';
import { appChannels } from './app-channels';
import { exportChannels } from './export-channels';
import { pushChannels } from './push-channels';
import { frontDeskChannels } from './front-desk-channels';
import { kioskHealth } from './kiosk-health';
import { progressChannels } from './progress-channels';
import { recordsChannels } from './records-channels';
import { sessionChannels } from './session-channels';
import { vaultChannels } from './vault-channels';
import { vaultFailure } from './vault-failure';

export interface ApiDeps {
  dataDir: string;
  gate: VaultGate;
  programmes: Programmes;
  clinic: ClinicInfo;
  appVersion: string;
  options: KioskOptions;
  /** The health push's state for the snapshot (kiosk-app.ts); none configured when absent. */
  healthPushState?: () => HealthPushState | null;
}

export interface KioskApiTable {
  /** A typed call from inside main (the CLI, the preview's own setup, tests). */
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  /**
   * A call from a transport, whose channel name and input arrive untyped off the wire: an
   * unknown channel is `UNKNOWN_CHANNEL`, a bad input `INVALID_INPUT`, like any other failure.
   */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** For the transport's own events (a renderer crash, a relaunch): appended to the audit log. */
  recordEvent(event: AuditEvent): void;
  /** Back to the attract screen, or closing: drops client sessions and any staff unlock. */
  clearSessions(): void;
  /** Closing: ends the FHIR push's keep-alive connections, so nothing keeps the process up. */
  closeConnections(): void;
  /** The health snapshot now, or undefined while the vault is not open (health/). */
  healthSnapshot(): KioskHealth | undefined;
  /**
   * Calls `listener` after anything the snapshot shows changed (a submission stored, a pause or
   * resume, an alert raised or acknowledged, the disk low or not); returns its removal.
   */
  onHealthChange(listener: () => void): () => void;
}

/** Channels whose success changes the health snapshot (alerts and the disk signal on their own). */
const HEALTH_CHANGING: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'vault.create',
  'vault.open',
  'session.submit',
  'frontdesk.pause',
  'frontdesk.resume',
  'export.run',
  'admin.purge',
]);

/** The part of the table a transport needs: calls whose channel and input arrive untyped. */
export type TransportTarget = Pick<KioskApiTable, 'dispatch'>;

function isChannel(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

function toResult(channel: string, error: unknown): Result<never> {
  const failure =
    error instanceof KioskFailure
      ? error
      : error instanceof VaultError
        ? vaultFailure(error)
        : undefined;
  if (failure) {
    return { ok: false, error: failure.toError() };
  }
  if (isDiskFullError(error)) {
    // Any write that meets a full disk (a submit says so in its own words, session-channels).
    console.error(`dispatch: ${channel}: the disk is full`, error);
    return {
      ok: false,
      error: {
        code: 'STORAGE_FULL',
        message: 'The kiosk has run out of storage, so this was not saved. Please free some space.',
      },
    };
  }
  console.error(`dispatch: ${channel} failed unexpectedly`, error);
  return {
    ok: false,
    error: { code: 'INTERNAL', message: 'Something went wrong. Please ask a member of staff.' },
  };
}

/** Checked here too: a transport's or a test's override skips kiosk.json's schema. */
function webhookOf(options: KioskOptions): WebhookDelivery | null {
  return options.alertWebhookUrl === null
    ? null
    : {
        url: webhookUrlOf(options.alertWebhookUrl),
        timeoutMs: options.alertWebhookTimeoutMs,
        retryDelaysMs: options.alertRetryDelaysMs,
      };
}

/**
 * The configured printer, if this machine can reach it: CUPS' `lp` must be on the PATH (it is
 * not on Windows, where no copy is offered; README, "The client's copy").
 */
function printerOf(options: KioskOptions): CopyPrinter | null {
  if (options.printer === null) {
    return null;
  }
  if (!lpAvailable()) {
    console.warn(
      `printerOf: kiosk.json names the printer "${options.printer.name}", but this machine has no lp (CUPS): no copy will be offered`,
    );
    return null;
  }
  return { name: options.printer.name, timeoutMs: options.printTimeoutMs };
}

/** The push to kiosk.json's `fhirPush`, its key read from the open vault when first needed. */
function pushServiceOf(deps: ApiDeps, audit: (event: AuditEvent) => void): PushService | null {
  const config = deps.options.fhirPush;
  if (config === null) {
    return null;
  }
  const openVault = (): Vault => vaultOf(deps.gate);
  return createPushService({
    pusher: createRecordPusher({
      config,
      clinic: deps.clinic,
      key: () => ensurePushKey(openVault()),
      now: deps.options.now,
    }),
    openVault,
    audit,
    now: deps.options.now,
    clinic: deps.clinic,
    readingWordsPerMinute: deps.options.readingWordsPerMinute,
    retryDelaysMs: deps.options.pushRetryDelaysMs,
  });
}

export function createApi(deps: ApiDeps): KioskApiTable {
  const { now } = deps.options;
  const healthListeners = new Set<() => void>();
  // A listener only schedules (health/pushgateway.ts); one that throws still never fails a call.
  const healthChanged = (): void => {
    for (const listener of healthListeners) {
      try {
        listener();
      } catch (error) {
        console.error('healthChanged: a listener failed', error);
      }
    }
  };
  const audit = createAuditTrail(deps.gate, now);
  const staff = new StaffSession(now, deps.options.staffIdleMs, (holder) => {
    audit({ actor: actorOf(holder), action: 'lock', details: { reason: 'idle' } });
  });
  // Saved once per open vault: INSERT OR IGNORE makes a repeat harmless, but not free.
  const snapshotSaved = new WeakSet<Vault>();
  const storage = createStorageWatch({
    dataDir: deps.dataDir,
    gate: deps.gate,
    neededBytes: deps.options.minFreeDiskBytes,
    webhook: webhookOf(deps.options),
    now,
    onChange: healthChanged,
  });
  const alerts = createAlertDesk({
    openVault: () => vaultOf(deps.gate),
    now,
    webhook: webhookOf(deps.options),
  });
  const ctx: ApiContext = {
    dataDir: deps.dataDir,
    gate: deps.gate,
    programmes: deps.programmes,
    clinic: deps.clinic,
    appVersion: deps.appVersion,
    options: deps.options,
    now,
    staff,
    sessions: new SessionRegistry(now),
    printer: printerOf(deps.options),
    push: pushServiceOf(deps, audit),
    alerts: {
      ...alerts,
      raise: (cause) => {
        const alert = alerts.raise(cause);
        healthChanged();
        return alert;
      },
      acknowledge: (alertId, actor) => {
        const alert = alerts.acknowledge(alertId, actor);
        healthChanged();
        return alert;
      },
    },
    health: {
      startedAt: now(),
      integrity: createIntegrityWatch(deps.options.integrityCheckIntervalMs, now),
      pushState: deps.healthPushState ?? (() => null),
    },
    openVault: () => vaultOf(deps.gate),
    pauseReason: () => {
      const vault = deps.gate.vault();
      if (vault && kioskPaused(vault)) {
        return 'front-desk';
      }
      return storage().low ? 'storage-low' : null;
    },
    storage,
    ensureContentSnapshot: (vault) => {
      if (!snapshotSaved.has(vault)) {
        for (const pack of deps.programmes.packs) {
          vault.saveContentSnapshot({
            hash: pack.hash,
            packId: pack.id,
            packVersion: pack.version,
            content: packSnapshot(pack),
          });
        }
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
    ...appChannels(ctx),
    ...vaultChannels(ctx),
    ...adminChannels(ctx),
    ...auditLogChannels(ctx),
    ...recordsChannels(ctx),
    ...progressChannels(ctx),
    ...exportChannels(ctx),
    ...pushChannels(ctx),
    ...frontDeskChannels(ctx),
    ...alertChannels(ctx),
    ...sessionChannels(ctx),
  };

  async function run<C extends ChannelName>(channel: C, input: unknown): Promise<ChannelOutput<C>> {
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      throw new KioskFailure('INVALID_INPUT', invalidInputMessage(channel, parsed.error.issues));
    }
    // The one cast: TypeScript cannot tie `handlers[channel]` to `parsed.data` for a generic C,
    // though `ChannelHandlers` and the schema lookup both come from `channels[C]`.
    const handler = handlers[channel] as (
      input: unknown,
    ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
    return await handler(parsed.data);
  }

  async function call<C extends ChannelName>(
    channel: C,
    input: unknown,
  ): Promise<Result<ChannelOutput<C>>> {
    try {
      const value = await run(channel, input);
      if (HEALTH_CHANGING.has(channel)) {
        healthChanged();
      }
      return { ok: true, value };
    } catch (error) {
      return toResult(channel, error);
    }
  }

  return {
    call,
    dispatch: (channel, input) =>
      isChannel(channel)
        ? call(channel, input)
        : Promise.resolve({
            ok: false,
            error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${channel}".` },
          }),
    recordEvent(event: AuditEvent): void {
      audit(event);
    },
    clearSessions(): void {
      ctx.sessions.clear();
      ctx.lockStaff('client_mode');
    },
    closeConnections(): void {
      ctx.push?.close().catch((error: unknown) => {
        console.error('closeConnections: the FHIR push connections did not close', error);
      });
    },
    healthSnapshot: () => (deps.gate.vault() ? kioskHealth(ctx) : undefined),
    onHealthChange(listener) {
      healthListeners.add(listener);
      return () => {
        healthListeners.delete(listener);
      };
    },
  };
}
