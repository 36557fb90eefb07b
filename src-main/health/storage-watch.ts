/**
 * Owns the kiosk's view of its disk for the API table and the health snapshot: whether free space is below kiosk.json's
 * `minFreeDiskMegabytes` (then no new client session starts), keeping the storage reserve while
 * there is room for it (vault/storage-space.ts), and telling the clinic's webhook once each time
 * the disk goes low. Read at every check: statfs is cheap, and space comes and goes with other
 * programs, so nothing is cached.
 *
 * The webhook notice is not stored in the vault (a full disk is the one time a write may not
 * fit): `{ alertId, kioskId, kind: 'storage-low', raisedAt, freeBytes, neededBytes }`, no client
 * data, sent again only after the disk has had room again, or by the next start.
 */
import { randomUUID } from 'node:crypto';
import { postWithRetries, type WebhookDelivery } from '../alerts';
import type { StorageState } from '../contract';
import { ensureReserve, freeDiskBytes, type VaultGate } from '../vault';

export interface StorageWatchOptions {
  dataDir: string;
  gate: VaultGate;
  neededBytes: number;
  webhook: WebhookDelivery | null;
  now: () => Date;
  /** Called when the disk goes low or has room again (the health push sends it at once). */
  onChange?: () => void;
}

export type StorageWatch = () => StorageState;

export function createStorageWatch(options: StorageWatchOptions): StorageWatch {
  const { dataDir, gate, neededBytes, webhook, now, onChange } = options;
  let wasLow = false;
  return () => {
    const vault = gate.vault();
    // The folder exists once a vault does; before setup there is nothing to keep room for.
    const reserveHeld = vault ? keepReserve(dataDir, neededBytes) : false;
    const freeBytes = freeDiskBytes(dataDir);
    const low = vault !== undefined && freeBytes !== null && freeBytes < neededBytes;
    if (low && !wasLow) {
      console.warn(
        `storage: ${String(freeBytes)} bytes free in ${dataDir}, below the ${String(neededBytes)} kiosk.json asks for: no new client session starts`,
      );
      if (webhook) {
        notifyLow(webhook, {
          kioskId: vault.kioskId,
          raisedAt: now().toISOString(),
          freeBytes,
          neededBytes,
        });
      }
    } else if (!low && wasLow) {
      console.info(`storage: ${String(freeBytes)} bytes free in ${dataDir}: taking clients again`);
    }
    const changed = low !== wasLow;
    wasLow = low;
    if (changed) {
      onChange?.();
    }
    return { low, freeBytes, neededBytes, reserveHeld };
  };
}

/** A reserve that cannot be made (permissions, an odd file system) is logged, never a failure. */
function keepReserve(dataDir: string, keepFree: number): boolean {
  try {
    return ensureReserve(dataDir, keepFree) !== 'missing';
  } catch (error) {
    console.error(`storage: could not make the storage reserve in ${dataDir}`, error);
    return false;
  }
}

function notifyLow(
  webhook: WebhookDelivery,
  notice: { kioskId: string; raisedAt: string; freeBytes: number; neededBytes: number },
): void {
  const body = { alertId: randomUUID(), kind: 'storage-low', ...notice };
  postWithRetries(body, webhook).catch((error: unknown) => {
    console.error(`storage: the low-storage notice ${body.alertId} was not delivered`, error);
  });
}
