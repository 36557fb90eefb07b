/**
 * Restarting the kiosk, with or without a supervisor. Under cage the systemd unit restarts the
 * app whenever it exits (`Restart=always`), and Windows Shell Launcher restarts its shell app
 * the same way; both pass `--supervised`. There, `app.relaunch()` would race the supervisor's
 * own restart (the loser quits on the single-instance lock, which the supervisor sees as
 * another exit), so a supervised kiosk only exits. Unsupervised, it relaunches itself.
 * https://www.electronjs.org/docs/latest/api/app#apprelaunchoptions
 */
import type { App } from 'electron';

/** The command-line switch the kiosk session passes (build/linux, build/windows). */
export const SUPERVISED_SWITCH = 'supervised';

/**
 * The exit status of "staff left kiosk mode" (`frontdesk.exit`): the one exit a supervisor must
 * not answer with a restart. Any other status (0 for a daily restart, 1 for a failure) is
 * answered with one. A status of its own rather than 0, so that a supervisor that cannot tell
 * statuses apart (an older cage returns 0 whatever the app did) errs towards restarting.
 */
export const EXIT_LEFT_KIOSK_MODE = 64;

export interface RestartHow {
  supervised: boolean;
  /**
   * `true`: `app.quit()`, which closes the window and the vault in order (a daily restart).
   * `false`: `app.exit(1)` at once (main failed; its state is not to be trusted).
   */
  graceful: boolean;
}

export function restartApp(app: Pick<App, 'relaunch' | 'quit' | 'exit'>, how: RestartHow): void {
  if (!how.supervised) {
    app.relaunch();
  }
  if (how.graceful) {
    app.quit();
  } else {
    app.exit(1);
  }
}
