import { describe, expect, it } from 'vitest';
import { trackProgress, type VisitScores } from './progress';

/** A visit on day `day` of March 2026 with these totals (null: not answered). */
function visit(day: number, phq9: number | null, gad7: number | null = null): VisitScores {
  const at = `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return {
    submissionId: `visit-${String(day)}`,
    submittedAt: at,
    phq9: phq9 === null ? null : { total: phq9, band: 'band' },
    gad7: gad7 === null ? null : { total: gad7, band: 'band' },
  };
}

function marks(visits: VisitScores[], mark: 'baseline' | 'response' | 'remission'): string[] {
  return trackProgress(visits)
    .filter((tracked) => tracked[mark])
    .map((tracked) => tracked.submissionId);
}

describe('progress across visits', () => {
  it('puts visits in time order, whatever order they arrive in', () => {
    const tracked = trackProgress([visit(9, 8), visit(2, 20), visit(5, 14)]);
    expect(tracked.map((one) => one.submissionId)).toEqual(['visit-2', 'visit-5', 'visit-9']);
  });

  it('counts a fall of exactly 50 % as a response, at the first visit that reaches it', () => {
    const visits = [visit(1, 20), visit(2, 10), visit(3, 6)];
    expect(marks(visits, 'baseline')).toEqual(['visit-1']);
    expect(marks(visits, 'response')).toEqual(['visit-2']);
  });

  it('does not count a fall just under 50 %', () => {
    expect(marks([visit(1, 20), visit(2, 11)], 'response')).toEqual([]);
    expect(marks([visit(1, 21), visit(2, 11)], 'response')).toEqual([]);
    expect(marks([visit(1, 21), visit(2, 10)], 'response')).toEqual(['visit-2']);
  });

  it('marks remission below 5: a 4, not a 5', () => {
    const visits = [visit(1, 18), visit(2, 5), visit(3, 4), visit(4, 0)];
    expect(marks(visits, 'remission')).toEqual(['visit-3', 'visit-4']);
  });

  it('takes the first visit with a PHQ-9 as baseline, and marks nothing without one', () => {
    const some = [visit(1, null, 12), visit(2, 16, 10), visit(3, 8, 6)];
    expect(marks(some, 'baseline')).toEqual(['visit-2']);
    expect(marks(some, 'response')).toEqual(['visit-3']);
    const none = [visit(1, null, 12), visit(2, null, 4)];
    const tracked = trackProgress(none);
    expect(tracked.map((one) => [one.baseline, one.response, one.remission])).toEqual([
      [false, false, false],
      [false, false, false],
    ]);
    expect(tracked.map((one) => one.gad7?.total)).toEqual([12, 4]);
  });

  it('finds no response from a baseline of 0, though every visit is in remission', () => {
    const visits = [visit(1, 0), visit(2, 0)];
    expect(marks(visits, 'response')).toEqual([]);
    expect(marks(visits, 'remission')).toEqual(['visit-1', 'visit-2']);
  });

  it('skips a visit without a PHQ-9 when looking for the response', () => {
    expect(marks([visit(1, 12), visit(2, null, 3), visit(3, 6)], 'response')).toEqual(['visit-3']);
  });
});
