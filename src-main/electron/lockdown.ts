/**
 * Kiosk mode: the window fills the screen and cannot be left, reloaded, zoomed, printed or
 * inspected from the keyboard, the mouse or a pinch. Development (`KIOSK_DEV=1` in an
 * unpackaged app) gets an ordinary window with DevTools instead; a packaged app is always a kiosk.
 *
 * The OS's own escapes (Alt+Tab, Ctrl+Alt+Del, the Windows key, VT switching) are not the
 * window's to stop: the kiosk session is (build/linux: cage; build/windows: Assigned Access /
 * Shell Launcher).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { DevelopmentOverrides } from './dev-overrides';
import { isBlockedShortcut } from './shortcuts';

export type WindowMode = 'kiosk' | 'development';

export function windowModeFor(overrides: DevelopmentOverrides): WindowMode {
  return overrides.development ? 'development' : 'kiosk';
}

/** Everything about the window but its web preferences (window.ts keeps those in one literal). */
export function windowChromeFor(mode: WindowMode): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    show: false,
    title: 'Clinic Kiosk',
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
  };
  if (mode === 'development') {
    return { ...common, width: 1280, height: 800 };
  }
  return {
    ...common,
    kiosk: true,
    fullscreen: true,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
  };
}

export interface LockdownOptions {
  mode: WindowMode;
  /** Whether the app itself is quitting: then, and only then, the kiosk window may close. */
  isQuitting: () => boolean;
}

/**
 * Applies the rules above to a created window. In development only the context menu and zoom
 * guards apply, so that reload and DevTools work.
 */
export function lockDownWindow(window: BrowserWindow, options: LockdownOptions): void {
  const contents = window.webContents;
  const kiosk = options.mode === 'kiosk';

  // No "Inspect element", "Back", "Reload" or spell-check menu on a long press.
  contents.on('context-menu', (event) => {
    event.preventDefault();
  });

  // Pinch-zoom off, and any Ctrl+wheel zoom put back at once.
  // https://www.electronjs.org/docs/latest/api/web-contents#contentssetvisualzoomlevellimitsminimumlevel-maximumlevel
  const resetZoom = (): void => {
    contents.setZoomFactor(1);
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => {
      console.warn(`lockDownWindow: could not turn pinch-zoom off: ${String(error)}`);
    });
  };
  resetZoom();
  contents.on('did-finish-load', resetZoom);
  contents.on('zoom-changed', () => {
    contents.setZoomFactor(1);
  });

  if (!kiosk) {
    return;
  }
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) {
      event.preventDefault();
    }
  });
  // DevTools are off in a kiosk's web preferences; should anything open them anyway, close them.
  contents.on('devtools-opened', () => {
    console.warn('lockDownWindow: DevTools were opened in kiosk mode; closing them.');
    contents.closeDevTools();
  });
  // Alt+F4 and the window manager's close go through here; quitting (app.quit) does not stop.
  window.on('close', (event) => {
    if (!options.isQuitting()) {
      event.preventDefault();
      console.warn('lockDownWindow: refused to close the kiosk window.');
    }
  });
}
