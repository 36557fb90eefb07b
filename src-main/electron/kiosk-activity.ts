/**
 * Whether anyone is using the kiosk, as main can tell from the calls the page makes: so the
 * daily restart never lands in the middle of a client's session or a staff member's task.
 *
 * A client session is open from a successful `session.start` until `session.submit` or
 * `session.discard` succeeds (the renderer's idle guard discards an abandoned one) or the
 * sessions are cleared (a renderer crash). And any call at all in the last `quietMs` means
 * someone is at the screen: the thank-you page, a staff member between two actions.
 *
 * A session with no call for `staleMs` counts as abandoned: the renderer's idle guard should
 * have discarded it long before, so only a renderer fault can leave it open, and a kiosk that
 * never restarts would be a worse outcome than one that restarts on an empty session.
 */
import type { TransportTarget } from '../api';
import type { Result } from '../contract';

export const DEFAULT_QUIET_MS = 2 * 60_000;
export const DEFAULT_STALE_SESSION_MS = 30 * 60_000;

export interface ActivityOptions {
  now?: () => number;
  quietMs?: number;
  staleMs?: number;
}

export class KioskActivity {
  private readonly now: () => number;
  private readonly quietMs: number;
  private readonly staleMs: number;
  private sessionOpen = false;
  private lastCallAt = Number.NEGATIVE_INFINITY;

  constructor(options: ActivityOptions = {}) {
    this.now = options.now ?? Date.now;
    this.quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    this.staleMs = options.staleMs ?? DEFAULT_STALE_SESSION_MS;
  }

  /** One call the page made through the API, and its result. */
  observe(channel: string, result: Result<unknown>): void {
    this.lastCallAt = this.now();
    if (!result.ok) {
      return;
    }
    if (channel === 'session.start') {
      this.sessionOpen = true;
    } else if (channel === 'session.submit' || channel === 'session.discard') {
      this.sessionOpen = false;
    }
  }

  /** The sessions were cleared in main (after a renderer crash): no client is mid-session. */
  sessionsCleared(): void {
    this.sessionOpen = false;
  }

  isIdle(): boolean {
    const sinceLastCall = this.now() - this.lastCallAt;
    if (sinceLastCall < this.quietMs) {
      return false;
    }
    return !this.sessionOpen || sinceLastCall >= this.staleMs;
  }
}

/** The API as a transport sees it, with every call reported to `activity`. */
export function observedBy(
  target: TransportTarget,
  activity: Pick<KioskActivity, 'observe'>,
): TransportTarget {
  return {
    async dispatch(channel, input) {
      const result = await target.dispatch(channel, input);
      activity.observe(channel, result);
      return result;
    },
  };
}
