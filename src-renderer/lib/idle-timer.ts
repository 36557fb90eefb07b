/**
 * Notices when nobody has touched the kiosk for a while, so an abandoned session is cleared
 * rather than left on screen for the next person. The times come from `KioskInfo.idle` (the
 * kiosk's configuration), stretched for a screen with much to read (`warningDelayMs`); reading
 * a long page counts as activity through scrolling, and watching a video through its
 * `timeupdate` events while it plays (media events do not bubble, but these listeners capture,
 * so they hear them), so a client is not asked "Are you still there?" in the middle of a video;
 * the same events from Read aloud's audio element keep a client who is listening; a video or a
 * reading left paused or ended counts for nothing.
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

/**
 * The pace of a slow reader, as shares of the configured warning time (kiosk.json
 * `idleWarningSeconds`): at the shipped 90 s, 30 s to take in a screen and 0.6 s a word, which is
 * 100 words a minute, well under the 200 to 250 of most adults, for older and low-vision readers
 * at a large text size. The configured time stays the least any screen gets, and four times it
 * the most, so a long screen (a review holding a name) is not left up for half an hour.
 * One knob sets it all: a clinic (or a test) that shortens the warning shortens the pace with it.
 */
export const READING_PACE = {
  baseShare: 1 / 3,
  wordShare: 1 / 150,
  maxFactor: 4,
} as const;

/** Words in `text`: runs of letters or digits, so punctuation and symbols count for nothing. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** How long a screen of `words` words waits, quiet, before "Are you still there?". */
export function warningDelayMs(words: number, configuredMs: number): number {
  const reading =
    configuredMs * (READING_PACE.baseShare + Math.max(0, words) * READING_PACE.wordShare);
  return Math.round(
    Math.min(configuredMs * READING_PACE.maxFactor, Math.max(configuredMs, reading)),
  );
}
