/**
 * The geometry of the progress chart: where each visit's PHQ-9 and GAD-7 totals sit on one
 * 0–27 axis (GAD-7's 0–21 stretched to it, so both fill the same height) and where the PHQ-9
 * severity bands lie. Pure, so the Svelte component only draws.
 */
import type { ProgressVisit } from '../../src-main/contract';

export const PHQ9_MAX = 27;
export const GAD7_MAX = 21;

/**
 * PHQ-9 severity bands as published (Kroenke, Spitzer & Williams 2001): 0–4 minimal, 5–9 mild,
 * 10–14 moderate, 15–19 moderately severe, 20–27 severe. `to` is exclusive but for the last.
 */
export const PHQ9_BANDS = [
  { id: 'minimal', from: 0, to: 5 },
  { id: 'mild', from: 5, to: 10 },
  { id: 'moderate', from: 10, to: 15 },
  { id: 'moderatelySevere', from: 15, to: 20 },
  { id: 'severe', from: 20, to: 27 },
] as const;
export type Phq9BandId = (typeof PHQ9_BANDS)[number]['id'];

/**
 * The drawing area inside the SVG's viewBox, in its units. The band names sit right of the
 * GAD-7 axis (from `bandLabelX`), where no point or mark can cover them.
 */
export const PLOT = {
  left: 56,
  right: 470,
  top: 32,
  bottom: 252,
  width: 640,
  height: 296,
  bandLabelX: 510,
};

export interface ChartPoint {
  x: number;
  y: number;
  visit: ProgressVisit;
}

/** A total on the shared axis: 0 at the bottom, `max` at the top. */
export function yOf(total: number, max: number): number {
  const share = Math.min(1, Math.max(0, total / max));
  return PLOT.bottom - share * (PLOT.bottom - PLOT.top);
}

/**
 * Each visit's x, by its date. Visits all at one instant (or a single visit) are spread evenly
 * instead, since a time axis of no length would draw them on top of each other.
 */
export function xPositions(visits: readonly ProgressVisit[]): number[] {
  const times = visits.map((visit) => Date.parse(visit.submittedAt));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const width = PLOT.right - PLOT.left;
  if (visits.length < 2 || !(span > 0)) {
    return visits.map((_, index) => PLOT.left + (width * (index + 1)) / (visits.length + 1));
  }
  return times.map((time) => PLOT.left + (width * (time - first)) / span);
}

/** The points of one instrument's series; visits without that questionnaire are left out. */
export function seriesPoints(
  visits: readonly ProgressVisit[],
  instrument: 'phq9' | 'gad7',
): ChartPoint[] {
  const xs = xPositions(visits);
  const max = instrument === 'phq9' ? PHQ9_MAX : GAD7_MAX;
  return visits.flatMap((visit, index) => {
    const score = visit[instrument];
    const x = xs[index];
    return score === null || x === undefined ? [] : [{ x, y: yOf(score.total, max), visit }];
  });
}

/** An SVG `points` attribute for a polyline through `points`. */
export function polylineOf(points: readonly ChartPoint[]): string {
  return points.map(({ x, y }) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}
