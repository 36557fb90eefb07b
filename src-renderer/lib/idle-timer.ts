/**
 * Notices when nobody has touched the kiosk for a while, so an abandoned session is cleared
 * rather than left on screen for the next person. KioskInfo carries no idle setting yet, so the
 * times are fixed here; reading a long page counts as activity through scrolling.
 */
export const IDLE_WARNING_AFTER_MS = 180_000;
export const IDLE_GRACE_SECONDS = 30;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

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
