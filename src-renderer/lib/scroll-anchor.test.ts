import { describe, expect, it } from 'vitest';
import { firstShowing, scrollCorrection } from './scroll-anchor';

describe('firstShowing', () => {
  it('skips blocks wholly above the view and finds the one cut by its top edge', () => {
    const boxes = [
      { top: -400, height: 100 },
      { top: -120, height: 200 },
      { top: 90, height: 50 },
    ];
    expect(firstShowing(boxes)).toBe(1);
  });

  it('ignores empty boxes and finds none when everything is above the view', () => {
    expect(
      firstShowing([
        { top: 10, height: 0 },
        { top: 30, height: 40 },
      ]),
    ).toBe(1);
    expect(firstShowing([{ top: -50, height: 40 }])).toBe(-1);
  });

  it('counts a block ending exactly at the edge as scrolled past', () => {
    expect(
      firstShowing([
        { top: -40, height: 40 },
        { top: 0, height: 40 },
      ]),
    ).toBe(1);
  });
});

describe('scrollCorrection', () => {
  it('keeps a block that started in view at its distance from the top edge', () => {
    // It moved 300 px down as the text above it grew: scroll 300 px further.
    expect(scrollCorrection({ top: 20, height: 60 }, { top: 320, height: 90 })).toBe(300);
  });

  it('keeps the same share of a cut block above the edge, whatever its new height', () => {
    // A quarter of it was above the edge; after the change it is 400 px tall and starts 600 px
    // down, so the view must move 600 + 100 px for a quarter to be above again.
    expect(scrollCorrection({ top: -50, height: 200 }, { top: 600, height: 400 })).toBe(700);
  });

  it('moves nothing when nothing moved', () => {
    expect(scrollCorrection({ top: -30, height: 90 }, { top: -30, height: 90 })).toBe(0);
    expect(scrollCorrection({ top: 40, height: 90 }, { top: 40, height: 90 })).toBe(0);
  });
});
