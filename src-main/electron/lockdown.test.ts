import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { developmentOverrides } from './dev-overrides';
import { lockDownWindow, windowChromeFor, windowModeFor, type WindowMode } from './lockdown';

type Listener = (...args: unknown[]) => unknown;

/** The parts of a BrowserWindow and its WebContents that lockDownWindow touches. */
function fakeWindow() {
  const contentsListeners = new Map<string, Listener>();
  const windowListeners = new Map<string, Listener>();
  const contents = {
    on: vi.fn((name: string, listener: Listener) => {
      contentsListeners.set(name, listener);
    }),
    setZoomFactor: vi.fn(),
    setVisualZoomLevelLimits: vi.fn(() => Promise.resolve()),
    closeDevTools: vi.fn(),
  };
  const window = {
    webContents: contents,
    on: vi.fn((name: string, listener: Listener) => {
      windowListeners.set(name, listener);
    }),
  };
  function listener(map: Map<string, Listener>, name: string): Listener {
    const found = map.get(name);
    if (!found) {
      throw new Error(`no ${name} listener`);
    }
    return found;
  }
  return {
    window: window as unknown as BrowserWindow,
    contents,
    onContents: (name: string) => listener(contentsListeners, name),
    onWindow: (name: string) => listener(windowListeners, name),
    hasContentsListener: (name: string) => contentsListeners.has(name),
    hasWindowListener: (name: string) => windowListeners.has(name),
  };
}

function preventable(): { preventDefault: ReturnType<typeof vi.fn> } {
  return { preventDefault: vi.fn() };
}

function key(
  keyName: string,
  modifiers: Partial<Record<'control' | 'shift' | 'alt' | 'meta', boolean>> = {},
) {
  return {
    type: 'keyDown',
    key: keyName,
    code: /^[a-z]$/i.test(keyName) ? `Key${keyName.toUpperCase()}` : keyName,
    control: false,
    shift: false,
    alt: false,
    meta: false,
    ...modifiers,
  };
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('windowModeFor', () => {
  it.each([
    [true, undefined, 'kiosk'],
    [true, '1', 'kiosk'],
    [false, undefined, 'kiosk'],
    [false, '0', 'kiosk'],
    [false, 'true', 'kiosk'],
    [false, '1', 'development'],
  ])('packaged %s, KIOSK_DEV=%s: %s', (isPackaged, dev, mode) => {
    const env: NodeJS.ProcessEnv = dev === undefined ? {} : { KIOSK_DEV: dev };
    expect(windowModeFor(developmentOverrides({ isPackaged, env }))).toBe(mode);
  });
});

describe('windowChromeFor', () => {
  it('asks for a frameless fullscreen kiosk in production', () => {
    expect(windowChromeFor('kiosk')).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
    });
  });

  it('asks for an ordinary window in development', () => {
    const chrome = windowChromeFor('development');
    expect(chrome).not.toHaveProperty('kiosk');
    expect(chrome).not.toHaveProperty('fullscreen');
    expect(chrome).not.toHaveProperty('frame');
  });
});

describe('lockDownWindow', () => {
  function lock(mode: WindowMode, isQuitting = () => false) {
    const fake = fakeWindow();
    lockDownWindow(fake.window, { mode, isQuitting });
    return fake;
  }

  it.each<WindowMode>(['kiosk', 'development'])('%s: prevents the context menu', (mode) => {
    const fake = lock(mode);
    const event = preventable();
    fake.onContents('context-menu')(event, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it.each<WindowMode>(['kiosk', 'development'])(
    '%s: turns pinch-zoom off and puts any zoom back',
    (mode) => {
      const fake = lock(mode);
      expect(fake.contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
      fake.contents.setZoomFactor.mockClear();
      fake.onContents('zoom-changed')(preventable(), 'in');
      expect(fake.contents.setZoomFactor).toHaveBeenCalledWith(1);
      // A new page (a reload after a crash) gets the limits again.
      fake.contents.setVisualZoomLevelLimits.mockClear();
      fake.onContents('did-finish-load')();
      expect(fake.contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    },
  );

  it('swallows blocked shortcuts and lets the staff chord and typing through', () => {
    const fake = lock('kiosk');
    const cases: [ReturnType<typeof key>, boolean][] = [
      [key('r', { control: true }), true],
      [key('F5'), true],
      [key('I', { control: true, shift: true }), true],
      [key('F4', { alt: true }), true],
      [key('S', { control: true, alt: true, shift: true }), false],
      [key('a'), false],
    ];
    for (const [input, blocked] of cases) {
      const event = preventable();
      fake.onContents('before-input-event')(event, input);
      expect(event.preventDefault.mock.calls.length > 0, JSON.stringify(input)).toBe(blocked);
    }
  });

  it('closes DevTools if anything opens them in kiosk mode', () => {
    const fake = lock('kiosk');
    fake.onContents('devtools-opened')();
    expect(fake.contents.closeDevTools).toHaveBeenCalled();
  });

  it('refuses to close the kiosk window unless the app is quitting', () => {
    let quitting = false;
    const fake = lock('kiosk', () => quitting);
    const refused = preventable();
    fake.onWindow('close')(refused);
    expect(refused.preventDefault).toHaveBeenCalled();
    quitting = true;
    const allowed = preventable();
    fake.onWindow('close')(allowed);
    expect(allowed.preventDefault).not.toHaveBeenCalled();
  });

  it('leaves reload, DevTools and closing alone in development', () => {
    const fake = lock('development');
    expect(fake.hasContentsListener('before-input-event')).toBe(false);
    expect(fake.hasContentsListener('devtools-opened')).toBe(false);
    expect(fake.hasWindowListener('close')).toBe(false);
  });
});
