/**
 * Notices when nobody has touched the kiosk for a while, so an abandoned session is cleared
 * rather than left on screen for the next person. The times come from `KioskInfo.idle` (the
 * kiosk's configuration); reading a long page counts as activity through scrolling, and
 * watching a video through its `timeupdate` events while it plays (media events do not bubble,
 * but these listeners capture, so they hear them), so a client is not asked "Are you still
 * there?" in the middle of a video; a video left paused or ended counts for nothing.
 */

const ACTIVITY_EVENTS = [
  'pointerdown',
  'keydown',
  'wheel',
  'touchstart',
  'scroll',
  'timeupdate',
] as const;

/** Calls `onIdle` once after `idleMs` without activity; returns the function that stops it. */
export function watchIdle(idleMs: number, onIdle: () => void): () => void {
  let timer = setTimeout(onIdle, idleMs);
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, idleMs);
  };
  const options = { capture: true, passive: true } as const;
  for (const type of ACTIVITY_EVENTS) {
    window.addEventListener(type, restart, options);
  }
  return () => {
    clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, restart, options);
    }
  };
}

/** Whole seconds still to show on a countdown that ends at `deadline` (never below zero). */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
