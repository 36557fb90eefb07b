/**
 * A client's course across visits, read from the PHQ-9 as the issue (9, section 5) defines it,
 * after the usual definitions in the PHQ-9 literature: response is a fall of half or more from
 * the first PHQ-9, remission a total under 5 (the instrument's "minimal" band, Kroenke, Spitzer
 * & Williams 2001, J Gen Intern Med 16:606). Pure: the caller opens the records and matches
 * them to one client.
 */
import type { ProgressVisit, VisitScore } from '../contract';

/** The default pack's step and total ids for the two instruments. */
export const PHQ9 = { stepId: 'phq-9', totalId: 'phq9-total' } as const;
export const GAD7 = { stepId: 'gad-7', totalId: 'gad7-total' } as const;

/** A PHQ-9 total under this is remission. */
export const REMISSION_BELOW = 5;

export interface VisitScores {
  submissionId: string;
  submittedAt: string;
  phq9: VisitScore | null;
  gad7: VisitScore | null;
}

/** Oldest first; the id breaks a tie so the order never depends on the vault's. */
function inTimeOrder(visits: readonly VisitScores[]): VisitScores[] {
  return [...visits].sort(
    (a, b) =>
      a.submittedAt.localeCompare(b.submittedAt) || a.submissionId.localeCompare(b.submissionId),
  );
}

/** Down by half or more; in whole numbers, so exactly 50 % is not lost to rounding. */
function isHalvedFrom(baseline: number, total: number): boolean {
  return baseline > 0 && total * 2 <= baseline;
}

/** Every visit in time order with its baseline, response and remission marks. */
export function trackProgress(visits: readonly VisitScores[]): ProgressVisit[] {
  const ordered = inTimeOrder(visits);
  const baseline = ordered.find((visit) => visit.phq9 !== null);
  const from = baseline?.phq9?.total ?? 0;
  const response = ordered.find(
    (visit) => visit !== baseline && visit.phq9 !== null && isHalvedFrom(from, visit.phq9.total),
  );
  return ordered.map((visit) => ({
    ...visit,
    baseline: visit === baseline,
    response: visit === response,
    remission: visit.phq9 !== null && visit.phq9.total < REMISSION_BELOW,
  }));
}
