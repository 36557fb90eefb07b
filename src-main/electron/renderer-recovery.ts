/**
 * A renderer that crashed or hung is replaced by a fresh one on the attract screen: main drops
 * the client sessions (whatever the page held is gone with it), audits `renderer_crashed`, and
 * loads the app page again. A renderer that keeps crashing (crash-loop.ts) gets the static
 * "out of order" page instead, audited `crash_loop` once.
 * https://www.electronjs.org/docs/latest/api/web-contents#event-render-process-gone
 */
import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';
import type { AuditEvent } from '../audit/audit-event';
import { CrashLoopPolicy, DEFAULT_CRASH_LOOP_LIMITS, type CrashLoopLimits } from './crash-loop';
import { loadTarget, outOfOrderTarget, type RendererTarget } from './window';

/** The part of the kiosk app recovery needs. */
export interface RecoveryKiosk {
  clearSessions(): void;
  recordEvent(event: AuditEvent): void;
}

export interface RecoveryOptions {
  window: BrowserWindow;
  /** The app page (the attract screen is where it starts). */
  target: RendererTarget;
  kiosk: RecoveryKiosk;
  /** Quitting closes the renderer too: that is not a crash. */
  isQuitting: () => boolean;
  /** Told after the sessions were cleared (kiosk-activity.ts). */
  onSessionsCleared?: () => void;
  /** How long a renderer may stay unresponsive before it is killed and replaced. */
  hangGraceMs?: number;
  limits?: CrashLoopLimits;
  now?: () => number;
}

/** Chromium reports a page unresponsive after a few seconds; give it this long to come back. */
export const DEFAULT_HANG_GRACE_MS = 10_000;

/** Watches the window's renderer; returns the function that stops watching. */
export function recoverCrashedRenderer(options: RecoveryOptions): () => void {
  const { window, kiosk } = options;
  const contents = window.webContents;
  const limits = options.limits ?? DEFAULT_CRASH_LOOP_LIMITS;
  const policy = new CrashLoopPolicy(limits);
  const now = options.now ?? Date.now;
  const hangGraceMs = options.hangGraceMs ?? DEFAULT_HANG_GRACE_MS;
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  // Set while we kill a hung renderer ourselves: its `render-process-gone` is then a hang.
  let killingHungRenderer = false;

  function record(event: AuditEvent): void {
    try {
      kiosk.recordEvent(event);
    } catch (error) {
      // The audit must not stand between a client and a working screen.
      console.error(`recoverCrashedRenderer: could not audit ${event.action}: ${String(error)}`);
    }
  }

  function recover(reason: string, exitCode: number | null): void {
    console.warn(
      `recoverCrashedRenderer: the renderer is gone (${reason}, exit code ${String(exitCode)}).`,
    );
    try {
      kiosk.clearSessions();
      options.onSessionsCleared?.();
    } catch (error) {
      console.error(`recoverCrashedRenderer: could not clear the sessions: ${String(error)}`);
    }
    record({ actor: 'kiosk', action: 'renderer_crashed', details: { reason, exitCode } });
    const verdict = policy.record(now());
    if (verdict === 'reload') {
      loadTarget(window, options.target);
      return;
    }
    if (verdict === 'trip') {
      console.error('recoverCrashedRenderer: crash loop; showing the out-of-order page.');
      record({
        actor: 'kiosk',
        action: 'crash_loop',
        details: { crashes: policy.crashesInWindow, windowSeconds: limits.windowMs / 1000 },
      });
    }
    loadTarget(window, outOfOrderTarget(options.target));
  }

  const onGone = (_event: unknown, details: RenderProcessGoneDetails): void => {
    clearHangTimer();
    if (options.isQuitting() || window.isDestroyed()) {
      return;
    }
    const hung = killingHungRenderer;
    killingHungRenderer = false;
    recover(hung ? 'unresponsive' : details.reason, hung ? null : details.exitCode);
  };

  function clearHangTimer(): void {
    if (hangTimer !== undefined) {
      clearTimeout(hangTimer);
      hangTimer = undefined;
    }
  }

  const onUnresponsive = (): void => {
    if (hangTimer !== undefined) {
      return;
    }
    console.warn(
      'recoverCrashedRenderer: the renderer is not responding; waiting before replacing it.',
    );
    hangTimer = setTimeout(() => {
      hangTimer = undefined;
      if (window.isDestroyed()) {
        return;
      }
      // Kill it: `render-process-gone` follows and recovers (onGone) with the reason "unresponsive".
      killingHungRenderer = true;
      contents.forcefullyCrashRenderer();
    }, hangGraceMs);
  };

  const onResponsive = (): void => {
    if (hangTimer !== undefined) {
      console.info('recoverCrashedRenderer: the renderer is responding again.');
    }
    clearHangTimer();
  };

  contents.on('render-process-gone', onGone);
  contents.on('unresponsive', onUnresponsive);
  contents.on('responsive', onResponsive);
  return () => {
    clearHangTimer();
    contents.off('render-process-gone', onGone);
    contents.off('unresponsive', onUnresponsive);
    contents.off('responsive', onResponsive);
  };
}
