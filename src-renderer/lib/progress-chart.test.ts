import { describe, expect, it } from 'vitest';
import type { ProgressVisit } from '../../src-main/contract';
import { PLOT, polylineOf, seriesPoints, xPositions, yOf } from './progress-chart';

function visit(at: string, phq9: number | null, gad7: number | null): ProgressVisit {
  return {
    submissionId: at,
    submittedAt: at,
    phq9: phq9 === null ? null : { total: phq9, band: '' },
    gad7: gad7 === null ? null : { total: gad7, band: '' },
    baseline: false,
    response: false,
    remission: false,
  };
}

describe('the progress chart geometry', () => {
  it('puts 0 at the bottom and each maximum at the top of one axis', () => {
    expect(yOf(0, 27)).toBe(PLOT.bottom);
    expect(yOf(27, 27)).toBe(PLOT.top);
    expect(yOf(21, 21)).toBe(PLOT.top);
    expect(yOf(30, 27)).toBe(PLOT.top);
  });

  it('spaces visits by date, and evenly when they share one instant', () => {
    const dated = [
      visit('2026-01-01T00:00:00.000Z', 20, 15),
      visit('2026-01-03T00:00:00.000Z', 10, 8),
      visit('2026-01-05T00:00:00.000Z', 4, 3),
    ];
    expect(xPositions(dated)).toEqual([PLOT.left, (PLOT.left + PLOT.right) / 2, PLOT.right]);
    const together = dated.map((one) => ({ ...one, submittedAt: '2026-01-01T00:00:00.000Z' }));
    const xs = xPositions(together);
    expect(new Set(xs).size).toBe(3);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xPositions([dated[0] ?? visit('', 0, 0)])).toEqual([(PLOT.left + PLOT.right) / 2]);
  });

  it('leaves out a visit without the questionnaire, and draws GAD-7 on its own scale', () => {
    const visits = [
      visit('2026-01-01T00:00:00.000Z', 20, 21),
      visit('2026-01-02T00:00:00.000Z', null, 7),
    ];
    expect(seriesPoints(visits, 'phq9')).toHaveLength(1);
    const gad7 = seriesPoints(visits, 'gad7');
    expect(gad7.map((point) => point.y)).toEqual([PLOT.top, yOf(7, 21)]);
    expect(polylineOf(gad7)).toMatch(/^\d+\.\d,\d+\.\d \d+\.\d,\d+\.\d$/);
  });
});
