/**
 * How much of a video a client watched, kept in main from what the renderer's player reports
 * (`session.videoProgress`). The player's `played` ranges (HTMLMediaElement.played,
 * https://html.spec.whatwg.org/multipage/media.html#dom-media-played) are the parts of the
 * video actually played, not where the playhead is: a client who jumps to the end has not
 * watched the middle, and one who replays a minute has watched it once.
 *
 * Main does not take the reports on trust. Ranges only ever join the ones it holds, so the
 * count never goes down; the duration is the video file's own (content/media-duration.ts), or
 * for a file whose header gives none, the first one reported, never changed after; and the
 * count never exceeds that duration, nor the time the step has been on screen by main's own
 * clock (no one watches ten minutes of video in one minute).
 */
import type { PackMediaFile } from '../content';
import type { VideoProgress } from '../contract';
import { KioskFailure } from '../failure';
import type { VideoRecord } from './submission-payload';

export type PlayedRange = readonly [start: number, end: number];

export interface VideoWatch {
  /** Disjoint played ranges in seconds, in order. */
  played: readonly PlayedRange[];
  durationSeconds: number | null;
  /** The player reached the end at least once. */
  ended: boolean;
}

export interface VideoReport {
  played: readonly PlayedRange[];
  durationSeconds: number | null;
  ended: boolean;
}

export const NOTHING_WATCHED: VideoWatch = { played: [], durationSeconds: null, ended: false };

/** More disjoint ranges than any real viewing makes; a report that would exceed it is refused. */
const MAX_RANGES = 1000;

/** `previous` with `report` merged in; `fileDuration` is the video file's, when known. */
export function mergeWatch(
  previous: VideoWatch,
  report: VideoReport,
  fileDuration: number | null,
): VideoWatch {
  const durationSeconds = fileDuration ?? previous.durationSeconds ?? report.durationSeconds;
  const clip = durationSeconds ?? Number.POSITIVE_INFINITY;
  const reported = report.played
    .map(([start, end]): PlayedRange => [Math.min(start, clip), Math.min(end, clip)])
    .filter(([start, end]) => end > start);
  const played = union([...previous.played, ...reported]);
  if (played.length > MAX_RANGES) {
    throw new KioskFailure('INVALID_INPUT', 'The video report has too many played ranges.');
  }
  return { played, durationSeconds, ended: previous.ended || report.ended };
}

/** The ranges as one sorted list of disjoint ranges; touching ranges join. */
function union(ranges: readonly PlayedRange[]): PlayedRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = joined.at(-1);
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else {
      joined.push([start, end]);
    }
  }
  return joined;
}

/**
 * The end is reached when the player said so and all but the last second or twentieth of the
 * video was played (players stop a frame or so short of the reported duration).
 */
function endTolerance(durationSeconds: number): number {
  return Math.max(1, durationSeconds * 0.05);
}

/** What `watch` counts for, the step having been on screen `secondsOnScreen` by main's clock. */
export function progressOf(watch: VideoWatch, secondsOnScreen: number): VideoProgress {
  const played = watch.played.reduce((sum, [start, end]) => sum + (end - start), 0);
  // A second of slack for the renderer's clock and the round trip of `session.enterStep`.
  const limit = Math.min(watch.durationSeconds ?? Number.POSITIVE_INFINITY, secondsOnScreen + 1);
  const secondsWatched = Math.round(Math.min(played, limit) * 10) / 10;
  const watchedToEnd =
    watch.ended &&
    (watch.durationSeconds === null
      ? secondsWatched > 0
      : secondsWatched >= watch.durationSeconds - endTolerance(watch.durationSeconds));
  return { secondsWatched, watchedToEnd };
}

/** What the submission keeps of a video step: the count, the length, the file's hash. */
export function videoRecordOf(
  stepId: string,
  watch: VideoWatch = NOTHING_WATCHED,
  secondsOnScreen: number,
  file: Pick<PackMediaFile, 'sha256' | 'durationSeconds'> | undefined,
): VideoRecord {
  return {
    stepId,
    ...progressOf(watch, secondsOnScreen),
    durationSeconds: watch.durationSeconds ?? file?.durationSeconds ?? null,
    fileSha256: file?.sha256 ?? '',
  };
}
