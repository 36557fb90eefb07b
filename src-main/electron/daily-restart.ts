/**
 * The optional daily restart (`dailyRestart: "HH:MM"` in resources/kiosk.json, local time): a
 * long-running Chromium and its caches start fresh each day. The timer is computed once per
 * process from the wall clock, so each restart recomputes it and a DST change shifts at most
 * one day's restart by the hour it adds or removes. When the time comes, the kiosk waits until
 * nobody is using it (`isIdle`), checking again every minute.
 */

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Milliseconds from `now` to the next local `HH:MM` strictly after it (a kiosk restarted at
 * 03:00 sharp waits for tomorrow's 03:00, not today's). A time that the clocks skip (02:30 when
 * they go forward at 02:00) comes out as the first instant after the gap, as `Date` resolves it.
 */
export function msUntilNext(time: string, now: Date): number {
  const match = TIME.exec(time);
  if (!match) {
    throw new RangeError(`msUntilNext: "${time}" is not a 24-hour HH:MM time`);
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  // Today's or tomorrow's; the day after only if a DST jump pushed both behind `now`.
  for (let days = 0; days <= 2; days += 1) {
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hours, minutes);
    if (next.getTime() > now.getTime()) {
      return next.getTime() - now.getTime();
    }
  }
  throw new Error(`msUntilNext: found no ${time} after ${now.toISOString()}`);
}

export const IDLE_RETRY_MS = 60_000;

export interface DailyRestartOptions {
  /** `HH:MM`, local time. */
  time: string;
  /** Whether the kiosk may restart now: no client mid-session, nobody at the screen. */
  isIdle: () => boolean;
  /** Audits and restarts; called at most once. */
  restart: () => void;
  now?: () => Date;
  retryMs?: number;
}

/** Arms the daily restart; returns the function that disarms it. */
export function scheduleDailyRestart(options: DailyRestartOptions): () => void {
  const now = options.now ?? (() => new Date());
  const retryMs = options.retryMs ?? IDLE_RETRY_MS;
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const attempt = (): void => {
    if (options.isIdle()) {
      timer = undefined;
      console.info(`scheduleDailyRestart: restarting for the daily ${options.time} restart.`);
      options.restart();
      return;
    }
    if (!waiting) {
      waiting = true;
      console.info(
        `scheduleDailyRestart: the kiosk is in use at ${options.time}; restarting once it is idle.`,
      );
    }
    timer = setTimeout(attempt, retryMs);
  };

  const delay = msUntilNext(options.time, now());
  console.info(
    `scheduleDailyRestart: next restart in ${String(Math.round(delay / 60_000))} min (${options.time}).`,
  );
  timer = setTimeout(attempt, delay);
  return () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}
