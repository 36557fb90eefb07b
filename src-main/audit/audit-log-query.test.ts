import { describe, expect, it } from 'vitest';
import type { AuditRow } from './audit-store';
import { queryAuditLog } from './audit-log-query';

function row(seq: number, at: string): AuditRow {
  return {
    seq,
    at,
    actor: 'kiosk',
    action: 'submission_created',
    details: '{}',
    prevHash: '',
    hash: '',
  };
}

describe('the audit log by day', () => {
  it("takes the clinic's days: 8:30 pm in New York on Nov 30 is Nov 30, not UTC's Dec 1", () => {
    const rows = [row(1, '2026-12-01T01:30:00.000Z'), row(2, '2026-12-01T15:00:00.000Z')];
    const zone = 'America/New_York';
    expect(
      queryAuditLog(rows, { from: '2026-11-30', to: '2026-11-30' }, zone).map((r) => r.seq),
    ).toEqual([1]);
    expect(queryAuditLog(rows, { from: '2026-12-01' }, zone).map((r) => r.seq)).toEqual([2]);
  });
});
