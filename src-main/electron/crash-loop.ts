/**
 * When to stop reloading a renderer that keeps crashing: a sliding window over the times of the
 * last crashes. Under the limit a crash is answered with a reload; the crash that reaches it
 * trips the loop, and from then on the kiosk stays on its "out of order" page rather than
 * flapping between a blank window and a half-loaded one in front of a waiting room.
 */

export interface CrashLoopLimits {
  /** Crashes within `windowMs` that make a loop. */
  readonly crashes: number;
  readonly windowMs: number;
}

/** Five crashes in two minutes. */
export const DEFAULT_CRASH_LOOP_LIMITS: CrashLoopLimits = { crashes: 5, windowMs: 2 * 60_000 };

/**
 * `reload`: under the limit. `trip`: this crash reached it (say so once, in the audit log).
 * `stay-out-of-order`: the loop had already tripped.
 */
export type CrashVerdict = 'reload' | 'trip' | 'stay-out-of-order';

export class CrashLoopPolicy {
  private readonly recent: number[] = [];
  private tripped = false;

  constructor(private readonly limits: CrashLoopLimits = DEFAULT_CRASH_LOOP_LIMITS) {}

  /** Records a crash at `nowMs` (any monotonic-enough clock) and says what to do. */
  record(nowMs: number): CrashVerdict {
    if (this.tripped) {
      return 'stay-out-of-order';
    }
    this.recent.push(nowMs);
    // Keep only the crashes inside the window that ends now.
    while (this.recent.length > 0 && nowMs - (this.recent[0] ?? nowMs) >= this.limits.windowMs) {
      this.recent.shift();
    }
    if (this.recent.length >= this.limits.crashes) {
      this.tripped = true;
      return 'trip';
    }
    return 'reload';
  }

  /** How many crashes the current window holds (for the audit details). */
  get crashesInWindow(): number {
    return this.recent.length;
  }
}
