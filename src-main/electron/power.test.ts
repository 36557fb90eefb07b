import { beforeEach, describe, expect, it, vi } from 'vitest';

const powerSaveBlocker = {
  start: vi.fn(() => 7),
  stop: vi.fn(() => true),
  isStarted: vi.fn(() => true),
};
vi.mock('electron', () => ({ powerSaveBlocker }));

const { keepDisplayAwake } = await import('./power');

beforeEach(() => {
  vi.clearAllMocks();
});

describe('keepDisplayAwake', () => {
  it('keeps the display awake until stopped', () => {
    const stop = keepDisplayAwake();
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(powerSaveBlocker.stop).not.toHaveBeenCalled();
    stop();
    expect(powerSaveBlocker.stop).toHaveBeenCalledWith(7);
  });

  it('does not stop a blocker that is no longer running', () => {
    const stop = keepDisplayAwake();
    powerSaveBlocker.isStarted.mockReturnValue(false);
    stop();
    expect(powerSaveBlocker.stop).not.toHaveBeenCalled();
  });
});
