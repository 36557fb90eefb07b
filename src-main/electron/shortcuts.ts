/**
 * Which key presses the kiosk swallows before the page (and Chromium's own accelerators) see
 * them: anything that reloads, closes, quits, zooms, prints, opens a window, a tab or DevTools,
 * or navigates the history. Decided here, purely, so the table test is the specification;
 * `lockDownWindow` (lockdown.ts) applies it in `before-input-event`.
 * https://www.electronjs.org/docs/latest/api/web-contents#event-before-input-event
 *
 * This is the app's half only. The OS grabs some chords before any window sees them (Alt+Tab,
 * Ctrl+Alt+Del, the Windows key, VT switching): those are the kiosk session's job (cage on
 * Linux, Assigned Access / Shell Launcher on Windows: see build/).
 */

/** The part of Electron's `Input` this decision reads. */
export interface KeyInput {
  /** `KeyboardEvent.key`: what the layout produced (`'r'`, `'R'`, `'+'`, `'F5'`). */
  key: string;
  /** `KeyboardEvent.code`: the physical key (`'KeyR'`, `'Equal'`, `'NumpadAdd'`). */
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Ctrl+Alt+Shift+S opens the staff gesture; it must reach the page. Matched as
 * src-renderer/lib/staff-gesture.ts matches it: by physical key, with no Meta.
 */
export function isStaffChord(input: KeyInput): boolean {
  return input.control && input.alt && input.shift && !input.meta && input.code === 'KeyS';
}

/** Keys blocked whatever the modifiers: reload, fullscreen toggle, DevTools, caret browsing, browser keys. */
const ALWAYS_BLOCKED_KEYS: ReadonlySet<string> = new Set([
  'F5',
  'F7',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserStop',
  'Print',
  'PrintScreen',
]);

/**
 * Letters blocked with Ctrl (or Cmd), shifted or not: R reload, W close, Q quit, N new window,
 * T new tab, P print, O open, S save, U view source, J downloads / DevTools console,
 * I and C DevTools, M minimise, H hide, L location, G find-next (harmless, but nothing to find).
 */
const MODIFIED_BLOCKED_LETTERS: ReadonlySet<string> = new Set([
  'r',
  'w',
  'q',
  'n',
  't',
  'p',
  'o',
  's',
  'u',
  'j',
  'i',
  'c',
  'm',
  'h',
  'l',
  'g',
]);

/** Zoom in, out and reset: the main row and the number pad, with or without Shift. */
const ZOOM_KEYS: ReadonlySet<string> = new Set(['=', '+', '-', '_', '0']);
const ZOOM_CODES: ReadonlySet<string> = new Set([
  'Equal',
  'Minus',
  'Digit0',
  'NumpadAdd',
  'NumpadSubtract',
  'Numpad0',
]);

/**
 * Letters a client may need with Ctrl in a text field: select all, copy, cut, paste, undo,
 * redo. They are only left alone without Shift (Ctrl+Shift+C is DevTools' element picker).
 */
const EDITING_LETTERS: ReadonlySet<string> = new Set(['a', 'c', 'x', 'v', 'z', 'y']);

export function isBlockedShortcut(input: KeyInput): boolean {
  if (isStaffChord(input)) {
    return false;
  }
  if (ALWAYS_BLOCKED_KEYS.has(input.key)) {
    return true;
  }
  // Ctrl+Alt is AltGr on Windows layouts: it types characters (`@`, `{`, `€`), and no Chromium
  // shortcut uses it.
  if (input.control && input.alt && !input.meta) {
    return false;
  }
  // Alt+F4 closes the window; Alt+Left/Right walk the history; Alt+Home goes "home"; Alt+Space
  // opens the Windows window menu.
  if (input.alt && !input.control && !input.meta) {
    return ['F4', 'ArrowLeft', 'ArrowRight', 'Home', ' '].includes(input.key);
  }
  const command = input.control || input.meta;
  if (!command) {
    return false;
  }
  const letter = shortcutLetter(input);
  if (ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code)) {
    return true;
  }
  // Ctrl+Shift+Delete clears browsing data; Ctrl+Tab / Ctrl+Shift+Tab switch tabs.
  if (input.key === 'Delete' || input.key === 'Tab' || input.key === 'F4') {
    return true;
  }
  if (!input.shift && EDITING_LETTERS.has(letter)) {
    return false;
  }
  return MODIFIED_BLOCKED_LETTERS.has(letter);
}

/**
 * The letter a Ctrl chord names: the key itself on a Latin layout, else the physical key, as
 * Chromium does for Ctrl+R on a Cyrillic or Greek layout. Empty for anything else.
 */
function shortcutLetter(input: KeyInput): string {
  if (/^[a-z]$/i.test(input.key)) {
    return input.key.toLowerCase();
  }
  const nonLatinLetter = input.key.length === 1 && !/^[\x20-\x7e]$/.test(input.key);
  const physical = /^Key([A-Z])$/.exec(input.code)?.[1];
  return nonLatinLetter && physical ? physical.toLowerCase() : '';
}
