/**
 * The hidden way into the staff area on a touch screen: five taps in the top-left corner within
 * three seconds, the fifth held for a second. Pure timing logic, fed with event times, so it can
 * be tested without a screen; `staff-corner.svelte` feeds it pointer events.
 *
 * Strict on purpose: a client tapping the corner, or resting a hand on it, must never open it.
 * A fifth tap released before the hold resets the count: the sequence starts again from one.
 */
export interface GestureTiming {
  taps: number;
  /** From the first press to the last, at most. */
  windowMs: number;
  /** How long the last press must be held. */
  holdMs: number;
}

export const STAFF_GESTURE: GestureTiming = { taps: 5, windowMs: 3000, holdMs: 1000 };

export class TapAndHold {
  #presses: number[] = [];
  /** When the press that may complete the gesture went down, while it is still down. */
  #armedAt: number | null = null;

  constructor(private readonly timing: GestureTiming = STAFF_GESTURE) {}

  /**
   * A press in the corner at `at` (ms). Returns how long the press must stay down to complete
   * the gesture when it is the last tap, else null.
   */
  press(at: number): number | null {
    this.#presses = [...this.#presses, at]
      .filter((time) => at - time <= this.timing.windowMs)
      .slice(-this.timing.taps);
    this.#armedAt = this.#presses.length === this.timing.taps ? at : null;
    return this.#armedAt === null ? null : this.timing.holdMs;
  }

  /** The press was held until `at`: true when that completes the gesture (then it resets). */
  holding(at: number): boolean {
    if (this.#armedAt === null || at - this.#armedAt < this.timing.holdMs) {
      return false;
    }
    this.reset();
    return true;
  }

  /** The press ended at `at`; an armed press let go early starts the count again. */
  release(at: number): boolean {
    if (this.#armedAt === null) {
      return false;
    }
    if (this.holding(at)) {
      return true;
    }
    this.reset();
    return false;
  }

  reset(): void {
    this.#presses = [];
    this.#armedAt = null;
  }
}

/** Ctrl+Alt+Shift+S, by physical key so a keyboard layout or Alt's character does not matter. */
export function isStaffChord(
  event: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'code'>,
): boolean {
  return event.ctrlKey && event.altKey && event.shiftKey && !event.metaKey && event.code === 'KeyS';
}
