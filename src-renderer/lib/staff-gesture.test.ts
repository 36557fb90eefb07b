import { describe, expect, it } from 'vitest';
import { STAFF_GESTURE, TapAndHold, isStaffChord } from './staff-gesture';

/** Taps (press and release 100 ms later) at the given times; returns the gesture. */
function tapped(times: number[]): TapAndHold {
  const gesture = new TapAndHold();
  for (const at of times) {
    gesture.press(at);
    gesture.release(at + 100);
  }
  return gesture;
}

describe('TapAndHold', () => {
  it('completes on five presses within 3 s, the fifth held for 1 s', () => {
    const gesture = tapped([0, 400, 800, 1200]);
    expect(gesture.press(1600)).toBe(STAFF_GESTURE.holdMs);
    expect(gesture.holding(2599)).toBe(false);
    expect(gesture.holding(2600)).toBe(true);
    // It resets once complete: holding on does not open it twice.
    expect(gesture.holding(3000)).toBe(false);
  });

  it('completes when the fifth press is released after the hold', () => {
    const gesture = tapped([0, 300, 600, 900]);
    gesture.press(1200);
    expect(gesture.release(2300)).toBe(true);
  });

  it('does nothing on four taps, however long the last is held', () => {
    const gesture = tapped([0, 300, 600]);
    expect(gesture.press(900)).toBeNull();
    expect(gesture.holding(5000)).toBe(false);
    expect(gesture.release(5000)).toBe(false);
  });

  it('does nothing on five quick taps without the hold, and starts counting again', () => {
    const gesture = tapped([0, 300, 600, 900, 1200]);
    // A sixth press held is only the first of a new sequence.
    expect(gesture.press(1500)).toBeNull();
    expect(gesture.holding(2600)).toBe(false);
  });

  it('does nothing when the five presses span more than 3 s', () => {
    const gesture = tapped([0, 800, 1600, 2400]);
    expect(gesture.press(3001)).toBeNull();
    // …but the last four and a fifth within the window do count.
    expect(gesture.press(3200)).toBe(STAFF_GESTURE.holdMs);
  });

  it('forgets everything on reset', () => {
    const gesture = tapped([0, 300, 600, 900]);
    gesture.reset();
    expect(gesture.press(1200)).toBeNull();
  });
});

describe('isStaffChord', () => {
  const keys = { ctrlKey: true, altKey: true, shiftKey: true, metaKey: false, code: 'KeyS' };

  it('is Ctrl+Alt+Shift+S', () => {
    expect(isStaffChord(keys)).toBe(true);
  });

  it('needs every modifier, and no Meta', () => {
    expect(isStaffChord({ ...keys, ctrlKey: false })).toBe(false);
    expect(isStaffChord({ ...keys, altKey: false })).toBe(false);
    expect(isStaffChord({ ...keys, shiftKey: false })).toBe(false);
    expect(isStaffChord({ ...keys, metaKey: true })).toBe(false);
    expect(isStaffChord({ ...keys, code: 'KeyD' })).toBe(false);
  });
});
