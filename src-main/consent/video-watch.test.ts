import { describe, expect, it } from 'vitest';
import { mergeWatch, NOTHING_WATCHED, progressOf, type VideoReport } from './video-watch';

const report = (played: [number, number][], ended = false, durationSeconds: number | null = 30) =>
  ({ played, durationSeconds, ended }) satisfies VideoReport;

describe('mergeWatch and progressOf', () => {
  it('counts the seconds played, not the position, each second once however often replayed', () => {
    let watch = mergeWatch(NOTHING_WATCHED, report([[0, 10]]), 30);
    watch = mergeWatch(watch, report([[0, 12]]), 30);
    // A jump to 25 and two seconds from there: the middle was not watched.
    watch = mergeWatch(
      watch,
      report([
        [0, 12],
        [25, 27],
      ]),
      30,
    );
    expect(watch.played).toEqual([
      [0, 12],
      [25, 27],
    ]);
    expect(progressOf(watch, 600)).toEqual({ secondsWatched: 14, watchedToEnd: false });
  });

  it('never goes down: a new visit’s report joins what was watched before', () => {
    const first = mergeWatch(NOTHING_WATCHED, report([[0, 20]]), 30);
    const second = mergeWatch(first, report([[0, 5]]), 30);
    expect(progressOf(second, 600).secondsWatched).toBe(20);
    const third = mergeWatch(second, report([[18, 30]], true), 30);
    expect(progressOf(third, 600)).toEqual({ secondsWatched: 30, watchedToEnd: true });
    expect(progressOf(mergeWatch(third, report([]), 30), 600).watchedToEnd).toBe(true);
  });

  it('counts no more than the video lasts, whatever the player claims', () => {
    const watch = mergeWatch(NOTHING_WATCHED, report([[0, 5000]], true, 9000), 30);
    expect(watch.durationSeconds).toBe(30);
    expect(progressOf(watch, 6000).secondsWatched).toBe(30);
  });

  it('counts no more than the step was on screen by main’s clock, with a second of slack', () => {
    const watch = mergeWatch(NOTHING_WATCHED, report([[0, 30]], true), 30);
    expect(progressOf(watch, 4)).toEqual({ secondsWatched: 5, watchedToEnd: false });
    expect(progressOf(watch, 29)).toEqual({ secondsWatched: 30, watchedToEnd: true });
  });

  it('needs the end reached and all but the last second or twentieth played to count as watched', () => {
    const jumped = mergeWatch(
      NOTHING_WATCHED,
      report(
        [
          [0, 2],
          [28, 30],
        ],
        true,
      ),
      30,
    );
    expect(progressOf(jumped, 600).watchedToEnd).toBe(false);
    const nearly = mergeWatch(NOTHING_WATCHED, report([[0, 28.6]], true), 30);
    expect(progressOf(nearly, 600).watchedToEnd).toBe(true);
    const notEnded = mergeWatch(NOTHING_WATCHED, report([[0, 30]], false), 30);
    expect(progressOf(notEnded, 600).watchedToEnd).toBe(false);
  });

  it('takes the first duration reported when the file gives none, and keeps it', () => {
    const first = mergeWatch(NOTHING_WATCHED, report([[0, 3]], false, 3), null);
    const second = mergeWatch(first, report([[0, 3]], true, 1), null);
    expect(second.durationSeconds).toBe(3);
    expect(progressOf(second, 600)).toEqual({ secondsWatched: 3, watchedToEnd: true });
  });

  it('refuses a report that would hold an absurd number of ranges', () => {
    const many = Array.from({ length: 200 }, (_, i): [number, number] => [i * 2, i * 2 + 1]);
    let watch = mergeWatch(NOTHING_WATCHED, report(many, false, null), null);
    for (let offset = 1; offset < 5; offset += 1) {
      watch = mergeWatch(
        watch,
        report(
          many.map(([start, end]) => [start + 400 * offset, end + 400 * offset]),
          false,
          null,
        ),
        null,
      );
    }
    expect(() =>
      mergeWatch(
        watch,
        report(
          many.map(([s, e]) => [s + 2000, e + 2000]),
          false,
          null,
        ),
        null,
      ),
    ).toThrow(/too many played ranges/);
  });
});
