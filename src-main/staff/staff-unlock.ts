/**
 * The one staff unlock this kiosk may hold: in memory only, ended by an explicit lock, by
 * `idleLockMs` without staff activity, or when the kiosk returns to client mode. Ending it
 * wipes the key material it held.
 */
import type { StaffStatus } from '../contract';
import { KioskFailure } from '../failure';
import type { MasterUnlock } from '../vault';

/** Who held an unlock: what an audit entry about it needs, without any key material. */
export type UnlockHolder = Pick<MasterUnlock, 'via' | 'staff'>;

/** How the audit log names who acted. */
export function actorOf(holder: UnlockHolder): string {
  return holder.staff ? `staff:${holder.staff.staffId}` : 'recovery-key';
}

export const DEFAULT_STAFF_IDLE_MS = 5 * 60 * 1000;

export class StaffUnlock {
  private current: MasterUnlock | undefined;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => Date,
    readonly idleLockMs: number = DEFAULT_STAFF_IDLE_MS,
    private readonly onIdleLock: (holder: UnlockHolder) => void = () => undefined,
  ) {}

  /** Holds a new unlock, replacing (and wiping) any earlier one. */
  hold(unlock: MasterUnlock): void {
    this.lock();
    this.current = unlock;
    this.touch();
  }

  /** The unlock, if still live; staff activity keeps it alive. Throws `STAFF_LOCKED` otherwise. */
  require(): MasterUnlock {
    if (!this.live()) {
      throw new KioskFailure('STAFF_LOCKED', 'The staff area is locked. Please unlock it again.');
    }
    this.touch();
    return this.current as MasterUnlock;
  }

  /** Ends the unlock, if any, wiping its keys; returns who held it. */
  lock(): UnlockHolder | undefined {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ended = this.current;
    this.current = undefined;
    if (!ended) {
      return undefined;
    }
    const holder = { via: ended.via, staff: ended.staff };
    ended.wipe();
    return holder;
  }

  status(): StaffStatus {
    if (!this.live() || !this.current) {
      return { idleLockMs: this.idleLockMs };
    }
    const { via, staff } = this.current;
    const who = staff ?? { staffId: '', name: 'Recovery key', createdAt: '' };
    return { idleLockMs: this.idleLockMs, unlocked: { ...who, via } };
  }

  private live(): boolean {
    if (!this.current) {
      return false;
    }
    if (this.now().getTime() - this.lastActivity >= this.idleLockMs) {
      this.expire();
      return false;
    }
    return true;
  }

  private expire(): void {
    const ended = this.lock();
    if (ended) {
      this.onIdleLock(ended);
    }
  }

  private touch(): void {
    this.lastActivity = this.now().getTime();
    clearTimeout(this.timer);
    // The timer wipes the key even when nobody calls again; unref so it never keeps a CLI alive.
    this.timer = setTimeout(() => {
      this.live();
    }, this.idleLockMs + 10);
    this.timer.unref();
  }
}
