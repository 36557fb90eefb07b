/**
 * The one staff session this kiosk may hold: the front desk's (by PIN: pause, resume, exit,
 * counts) or an administrator's (by passphrase or recovery key: client data and settings). In
 * memory only, ended by an explicit lock, by `idleLockMs` without staff activity, or when the
 * kiosk returns to client mode. Ending an administrator's session wipes its record keys.
 */
import type { StaffRole, AdminStatus } from '../contract';
import { KioskFailure } from '../failure';
import type { RecordKeys, StaffIdentity } from '../vault';

/** Who held a session: what an audit entry about it needs, without any key material. */
export interface SessionHolder {
  via: RecordKeys['via'] | 'pin';
  staff: StaffIdentity | undefined;
}

/** How the audit log names who acted. */
export function actorOf(holder: SessionHolder): string {
  if (holder.via === 'pin') {
    return 'front-desk';
  }
  return holder.staff ? `staff:${holder.staff.staffId}` : 'recovery-key';
}

export const DEFAULT_STAFF_IDLE_MS = 5 * 60 * 1000;

type Holding = { role: 'admin'; unlock: RecordKeys } | { role: 'front-desk' };

export class StaffSession {
  private current: Holding | undefined;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => Date,
    readonly idleLockMs: number = DEFAULT_STAFF_IDLE_MS,
    private readonly onIdleLock: (holder: SessionHolder) => void = () => undefined,
  ) {}

  /** Holds an administrator's unlock, replacing (and wiping) any earlier one. */
  hold(unlock: RecordKeys): void {
    this.lock();
    this.current = { role: 'admin', unlock };
    this.touch();
  }

  /** Holds the front desk's unlock (a right PIN), replacing any earlier one. */
  holdFrontDesk(): void {
    this.lock();
    this.current = { role: 'front-desk' };
    this.touch();
  }

  /** An administrator's unlock, if still live; activity keeps it alive. Else `STAFF_LOCKED`. */
  require(): RecordKeys {
    const holding = this.live();
    if (holding?.role !== 'admin') {
      throw new KioskFailure(
        'STAFF_LOCKED',
        'This needs an administrator. Please unlock with a staff passphrase.',
      );
    }
    this.touch();
    return holding.unlock;
  }

  /** Any staff unlock (the front desk's or an administrator's). Else `FRONT_DESK_LOCKED`. */
  requireFrontDesk(): SessionHolder {
    const holding = this.live();
    if (!holding) {
      throw new KioskFailure(
        'FRONT_DESK_LOCKED',
        'The staff area is locked. Please enter the PIN.',
      );
    }
    this.touch();
    return holderOf(holding);
  }

  role(): StaffRole | null {
    return this.live()?.role ?? null;
  }

  /** Ends the unlock, if any, wiping its keys; returns who held it. */
  lock(): SessionHolder | undefined {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ended = this.current;
    this.current = undefined;
    if (!ended) {
      return undefined;
    }
    const holder = holderOf(ended);
    if (ended.role === 'admin') {
      ended.unlock.wipe();
    }
    return holder;
  }

  status(): AdminStatus {
    const holding = this.live();
    if (holding?.role !== 'admin') {
      return { idleLockMs: this.idleLockMs };
    }
    const { via, staff } = holding.unlock;
    const who = staff ?? { staffId: '', name: 'Recovery key', createdAt: '' };
    return { idleLockMs: this.idleLockMs, unlocked: { ...who, via } };
  }

  private live(): Holding | undefined {
    if (!this.current) {
      return undefined;
    }
    if (this.now().getTime() - this.lastActivity >= this.idleLockMs) {
      const ended = this.lock();
      if (ended) {
        this.onIdleLock(ended);
      }
      return undefined;
    }
    return this.current;
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

function holderOf(holding: Holding): SessionHolder {
  return holding.role === 'admin'
    ? { via: holding.unlock.via, staff: holding.unlock.staff }
    : { via: 'pin', staff: undefined };
}
