/**
 * The kiosk's screen never sleeps while it runs: a dark screen in a waiting room reads as
 * "broken". Under cage (Wayland) Chromium asks the compositor through the idle-inhibit
 * protocol, which cage implements; on Windows it is a display-required execution state.
 * https://www.electronjs.org/docs/latest/api/power-save-blocker
 */
import { powerSaveBlocker } from 'electron';

/** Starts the blocker; returns the function that stops it (call it on quit). */
export function keepDisplayAwake(): () => void {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  return () => {
    if (powerSaveBlocker.isStarted(id)) {
      powerSaveBlocker.stop(id);
    }
  };
}
