import { describe, expect, it, vi } from 'vitest';
import { restartApp } from './restart';

function fakeApp() {
  return { relaunch: vi.fn(), quit: vi.fn(), exit: vi.fn() };
}

describe('restartApp', () => {
  it('relaunches itself and exits at once after a failure, unsupervised', () => {
    const app = fakeApp();
    restartApp(app, { supervised: false, graceful: false });
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(app.relaunch.mock.invocationCallOrder[0]).toBeLessThan(
      app.exit.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('relaunches itself and quits in order for the daily restart, unsupervised', () => {
    const app = fakeApp();
    restartApp(app, { supervised: false, graceful: true });
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('only exits under a supervisor, which restarts it', () => {
    const failed = fakeApp();
    restartApp(failed, { supervised: true, graceful: false });
    expect(failed.relaunch).not.toHaveBeenCalled();
    expect(failed.exit).toHaveBeenCalledWith(1);

    const daily = fakeApp();
    restartApp(daily, { supervised: true, graceful: true });
    expect(daily.relaunch).not.toHaveBeenCalled();
    expect(daily.quit).toHaveBeenCalledTimes(1);
  });
});
