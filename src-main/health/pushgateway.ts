/**
 * Pushes the health snapshot to the clinic's Prometheus Pushgateway: every interval, and soon
 * after a change (a submission stored, a pause or resume, an alert raised or acknowledged, the
 * disk going low). One PUT per push to `/metrics/job/clinic_kiosk/instance/<kiosk id>`, which
 * replaces the kiosk's whole group, so a metric left out (a time not known) does not linger
 * (https://github.com/prometheus/pushgateway#put-method).
 *
 * Never in the way of a client or staff action: `changed()` only schedules a push, the push runs
 * later on the event loop with its own timeout, one at a time, and a Pushgateway that is down is
 * logged once per outage, not once per minute.
 */
import type { HealthPushState, KioskHealth } from '../contract';
import { healthRegistry } from './health-metrics';

export const HEALTH_JOB = 'clinic_kiosk';

export interface HealthPusherOptions {
  /** kiosk.json's `health.pushgatewayUrl`: the Pushgateway's base URL. */
  pushgatewayUrl: string;
  intervalMs: number;
  timeoutMs: number;
  /** The snapshot now, or undefined while there is none to send (the vault is not open). */
  snapshot: () => KioskHealth | undefined;
  now: () => Date;
}

export interface HealthPusher {
  /** How the pushes are going, for the snapshot itself (front desk: "last health push"). */
  state(): HealthPushState;
  /** Something the snapshot shows changed: push soon, without waiting for the interval. */
  changed(): void;
  /** Pushes now (after any push under way); true when the Pushgateway took it. */
  pushNow(): Promise<boolean>;
  start(): void;
  /** Stops the timer and abandons a push under way. */
  stop(): void;
}

/** The group's URL: the kiosk id is a UUID, encoded anyway; it is the only thing in the URL. */
export function groupUrl(base: string, kioskId: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path}/metrics/job/${HEALTH_JOB}/instance/${encodeURIComponent(kioskId)}`;
  return url.href;
}

/** One PUT of the snapshot's gauges; resolves with the bytes sent, rejects on any failure. */
export async function putHealth(
  base: string,
  health: KioskHealth,
  signal: AbortSignal,
): Promise<number> {
  const registry = healthRegistry(health);
  const body = await registry.metrics();
  const response = await fetch(groupUrl(base, health.kiosk.id), {
    method: 'PUT',
    headers: { 'Content-Type': registry.contentType },
    body,
    signal,
  });
  // Read to the end so the connection is reused; the Pushgateway's reason is short text.
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`HTTP ${String(response.status)} ${text.trim().slice(0, 200)}`);
  }
  return Buffer.byteLength(body);
}

export function createHealthPusher(options: HealthPusherOptions): HealthPusher {
  const { pushgatewayUrl, intervalMs, timeoutMs, snapshot, now } = options;
  const state: HealthPushState = {
    lastAttemptAt: null,
    lastSuccessAt: null,
    ok: null,
    error: null,
  };
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let pending: Promise<boolean> | undefined;
  let stopped = true;
  let abort = new AbortController();

  const attempt = async (): Promise<boolean> => {
    let health: KioskHealth | undefined;
    try {
      health = snapshot();
    } catch (error) {
      console.error('healthPush: the snapshot could not be built', error);
      return false;
    }
    if (!health) {
      return false;
    }
    state.lastAttemptAt = now().toISOString();
    try {
      await putHealth(
        pushgatewayUrl,
        health,
        AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]),
      );
      if (state.ok === false) {
        console.info(`healthPush: ${pushgatewayUrl} takes the health snapshot again`);
      }
      state.ok = true;
      state.error = null;
      state.lastSuccessAt = now().toISOString();
      return true;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (state.ok !== false) {
        console.warn(
          `healthPush: ${pushgatewayUrl} did not take the health snapshot (${reason}); retrying every push, logged once until it works`,
        );
      }
      state.ok = false;
      state.error = reason.slice(0, 300);
      return false;
    }
  };

  // One push at a time; calls during a push share one more push after it (the newest snapshot).
  const pushNow = (): Promise<boolean> => {
    if (running) {
      pending ??= running.then(() => {
        pending = undefined;
        return pushNow();
      });
      return pending;
    }
    running = attempt().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    state: () => ({ ...state }),
    changed: () => {
      if (stopped || soon) {
        return;
      }
      // After the action's reply: the push never runs inside a client's or staff member's call.
      soon = setTimeout(() => {
        soon = undefined;
        void pushNow();
      }, 0);
      soon.unref();
    },
    pushNow,
    start: () => {
      if (!stopped) {
        return;
      }
      stopped = false;
      abort = new AbortController();
      timer = setInterval(() => void pushNow(), intervalMs);
      // Never keeps a CLI command or a test alive.
      timer.unref();
      void pushNow();
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(soon);
      soon = undefined;
      abort.abort();
    },
  };
}
