/**
 * What every group of channel handlers shares: the vault gate, the content, the clock, the one
 * staff unlock, the live client sessions, and the audit trail.
 */
import type { AlertDesk } from '../alerts';
import type { ClinicInfo, HealthPushState, PauseReason, StorageState } from '../contract';
import type { Programmes } from '../content';
import type { SessionRegistry } from '../consent';
import { appendAudit, checkAuditEvent, type AuditEvent, type AuditStore } from '../audit';
import { KioskFailure } from '../failure';
import type { IntegrityWatch } from '../health';
import type { StaffSession } from '../staff';
import type { KioskOptions } from '../kiosk-options';
import type { CopyPrinter } from '../print';
import type { PushService } from '../push';
import type { Vault, VaultGate } from '../vault';

export interface ApiContext {
  readonly dataDir: string;
  readonly gate: VaultGate;
  /** The content packs this kiosk offers, in the clinic's order. */
  readonly programmes: Programmes;
  readonly clinic: ClinicInfo;
  readonly appVersion: string;
  /** Timings, transport hooks (export folder, exit), the clock: resolved once (kiosk-options.ts). */
  readonly options: KioskOptions;
  readonly now: () => Date;
  readonly staff: StaffSession;
  readonly sessions: SessionRegistry;
  /**
   * The printer of clients' copies: kiosk.json's `printer`, when this machine has CUPS' `lp`;
   * null for none (no copy offered).
   */
  readonly printer: CopyPrinter | null;
  /** The push to the clinic's FHIR server (kiosk.json `fhirPush`), or null when off. */
  readonly push: PushService | null;
  /** Safety and front-desk alerts: raise, list, acknowledge. */
  readonly alerts: AlertDesk;
  /** What the health snapshot needs beyond the vault (api/kiosk-health.ts). */
  readonly health: {
    readonly startedAt: Date;
    readonly integrity: IntegrityWatch;
    /** The Pushgateway push's state, or null when none is configured. */
    pushState(): HealthPushState | null;
  };
  /** The open vault, or `VAULT_UNAVAILABLE`. */
  openVault(): Vault;
  /** Appends to the audit log; events from before the vault opened wait for it. */
  audit(event: AuditEvent): void;
  /**
   * Why no client session may start now (the front desk paused the kiosk, or storage is low),
   * or null when clients may start.
   */
  pauseReason(): PauseReason | null;
  /** The data folder's disk now, against the threshold; keeps the storage reserve (health/storage-watch.ts). */
  storage(): StorageState;
  /** Keeps every programme's exact text in the vault, by hash, for evidence and the PDF. */
  ensureContentSnapshot(vault: Vault): void;
  /** Ends any staff unlock (wiping its keys) and audits why. */
  lockStaff(reason: 'client_mode' | 'requested' | 'idle'): void;
}

/**
 * A failed unlock at the unlock screen happens while the database is still closed (no key):
 * such events are held in memory and written first thing once the vault opens.
 */
/** `gate` needs only the open vault's audit table (a test passes an in-memory one). */
export function createAuditTrail(
  gate: { vault(): AuditStore | undefined },
  now: () => Date,
): ApiContext['audit'] {
  const waiting: { event: AuditEvent; at: Date }[] = [];
  return (event) => {
    // Checked before it waits: an event that can never be written (details that are not JSON,
    // a lone surrogate) would otherwise stay at the head and refuse every later one, submits too.
    checkAuditEvent(event);
    waiting.push({ event, at: now() });
    const vault = gate.vault();
    if (!vault) {
      console.warn(`audit: ${event.action} held until the vault opens`);
      return;
    }
    // One at a time, removed only once written: if an append throws, nothing after it is lost.
    for (let item = waiting[0]; item; item = waiting[0]) {
      appendAudit(vault, item.event, item.at);
      waiting.shift();
    }
  };
}

export function vaultOf(gate: VaultGate): Vault {
  const vault = gate.vault();
  if (!vault) {
    throw new KioskFailure(
      'VAULT_UNAVAILABLE',
      'The kiosk is not unlocked yet. Please ask a member of staff.',
    );
  }
  return vault;
}
