import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, isStaffChord, type KeyInput } from './shortcuts';

/** A key press: `chord('Ctrl+Shift+R')`, modifiers first, then the key as `KeyboardEvent.key`. */
function chord(text: string, code?: string): KeyInput {
  const parts = text.split('+');
  // `Ctrl++` names the plus key itself.
  const key = text.endsWith('++') ? '+' : (parts.at(-1) ?? '');
  const modifiers = new Set(parts.slice(0, text.endsWith('++') ? -2 : -1));
  return {
    key,
    code: code ?? codeOf(key),
    control: modifiers.has('Ctrl'),
    meta: modifiers.has('Cmd'),
    alt: modifiers.has('Alt'),
    shift: modifiers.has('Shift'),
  };
}

function codeOf(key: string): string {
  if (/^[a-z]$/i.test(key)) {
    return `Key${key.toUpperCase()}`;
  }
  if (/^[0-9]$/.test(key)) {
    return `Digit${key}`;
  }
  const named: Record<string, string> = { '=': 'Equal', '+': 'Equal', '-': 'Minus', _: 'Minus' };
  return named[key] ?? key;
}

describe('isBlockedShortcut', () => {
  it.each([
    // reload
    ['Ctrl+r'],
    ['Cmd+r'],
    ['Ctrl+Shift+R'],
    ['F5'],
    ['Ctrl+F5'],
    ['Shift+F5'],
    ['BrowserRefresh'],
    // close, quit
    ['Ctrl+w'],
    ['Cmd+w'],
    ['Ctrl+F4'],
    ['Ctrl+q'],
    ['Cmd+q'],
    ['Alt+F4'],
    // zoom
    ['Ctrl+='],
    ['Ctrl++'],
    ['Ctrl+Shift++'],
    ['Ctrl+-'],
    ['Ctrl+_'],
    ['Ctrl+0'],
    ['Cmd+='],
    ['Cmd+-'],
    ['Cmd+0'],
    // DevTools
    ['Ctrl+Shift+I'],
    ['Cmd+Alt+i'],
    ['F12'],
    ['Ctrl+Shift+J'],
    ['Ctrl+Shift+C'],
    ['Ctrl+u'],
    // print
    ['Ctrl+p'],
    ['Cmd+p'],
    ['Ctrl+Shift+P'],
    ['Print'],
    // new window, tab, open, save
    ['Ctrl+n'],
    ['Cmd+n'],
    ['Ctrl+Shift+N'],
    ['Ctrl+t'],
    ['Cmd+t'],
    ['Ctrl+Shift+T'],
    ['Ctrl+o'],
    ['Ctrl+s'],
    ['Ctrl+Tab'],
    ['Ctrl+Shift+Tab'],
    // clear browsing data
    ['Ctrl+Shift+Delete'],
    // history, home, fullscreen toggle, caret browsing, the Windows window menu
    ['Alt+ArrowLeft'],
    ['Alt+ArrowRight'],
    ['Alt+Home'],
    ['BrowserBack'],
    ['BrowserForward'],
    ['F11'],
    ['F7'],
    ['Alt+ '],
    // minimise, hide (macOS)
    ['Cmd+m'],
    ['Cmd+h'],
  ])('swallows %s', (text) => {
    expect(isBlockedShortcut(chord(text))).toBe(true);
  });

  it.each([
    // the staff gesture
    ['Ctrl+Alt+Shift+S'],
    // typing, including capitals, digits and punctuation
    ['r'],
    ['Shift+R'],
    ['0'],
    ['='],
    ['-'],
    ['Shift++'],
    [' '],
    ['Enter'],
    ['Backspace'],
    ['Tab'],
    ['Shift+Tab'],
    ['Escape'],
    ['ArrowLeft'],
    ['ArrowRight'],
    ['Home'],
    ['Delete'],
    // editing in a text field
    ['Ctrl+a'],
    ['Ctrl+c'],
    ['Ctrl+x'],
    ['Ctrl+v'],
    ['Ctrl+z'],
    ['Ctrl+y'],
    ['Cmd+c'],
    ['Cmd+v'],
    ['Ctrl+Backspace'],
    ['Ctrl+ArrowLeft'],
    // AltGr (Ctrl+Alt on Windows) types characters
    ['Ctrl+Alt+@'],
    ['Ctrl+Alt+}'],
    ['Ctrl+Alt+€'],
  ])('lets %s through', (text) => {
    expect(isBlockedShortcut(chord(text))).toBe(false);
  });

  it('reads the physical key on a non-Latin layout (Ctrl+R on a Russian keyboard)', () => {
    expect(isBlockedShortcut(chord('Ctrl+к', 'KeyR'))).toBe(true);
    expect(isBlockedShortcut(chord('к', 'KeyR'))).toBe(false);
  });

  it('blocks the number-pad zoom keys', () => {
    expect(isBlockedShortcut(chord('Ctrl++', 'NumpadAdd'))).toBe(true);
    expect(isBlockedShortcut(chord('Ctrl+-', 'NumpadSubtract'))).toBe(true);
  });
});

describe('isStaffChord', () => {
  it('is Ctrl+Alt+Shift on the S key, without Meta, as the renderer reads it', () => {
    expect(isStaffChord(chord('Ctrl+Alt+Shift+S'))).toBe(true);
    expect(isStaffChord(chord('Ctrl+Shift+S'))).toBe(false);
    expect(isStaffChord(chord('Ctrl+Alt+S'))).toBe(false);
    expect(isStaffChord({ ...chord('Ctrl+Alt+Shift+S'), meta: true })).toBe(false);
  });
});
