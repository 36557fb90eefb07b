import { describe, expect, it } from 'vitest';
import { verifyChain } from '../audit';
import { purgeExpired } from './purge';
import { sampleSubmission, initTestVault, useTempRoot } from '../vault/vault-test-fixtures';

describe('purgeExpired', () => {
  const temp = useTempRoot();

  it('deletes exported submissions older than the retention period, audits it, and keeps the rest', () => {
    const { vault } = initTestVault(temp.dataDir);
    try {
      const at = (submittedAt: string) => {
        const submission = { ...sampleSubmission(), submittedAt };
        vault.insertSubmission(submission);
        return submission.id;
      };
      const oldExported = at('2025-01-01T00:00:00.000Z');
      const oldNotExported = at('2025-01-02T00:00:00.000Z');
      const recentExported = at('2025-03-25T00:00:00.000Z');
      vault.markExported([oldExported, recentExported], '2025-03-26T00:00:00.000Z');
      const now = new Date('2025-04-01T12:00:00.000Z');

      expect(purgeExpired(vault, 30, 'staff:admin', now)).toBe(1);
      expect(vault.listSubmissions().map((row) => row.id)).toEqual([
        oldNotExported,
        recentExported,
      ]);
      const last = vault.lastAuditRow();
      expect(last?.action).toBe('purge');
      expect(last?.actor).toBe('staff:admin');
      expect(JSON.parse(last?.details ?? '{}')).toEqual({
        count: 1,
        cutoff: '2025-03-02T12:00:00.000Z',
        retentionDays: 30,
      });

      // Nothing to purge: nothing audited.
      const entries = vault.auditRows().length;
      expect(purgeExpired(vault, 30, 'staff:admin', now)).toBe(0);
      expect(vault.auditRows()).toHaveLength(entries);
      expect(verifyChain(vault.auditRows()).ok).toBe(true);
      expect(() => purgeExpired(vault, 0, 'staff:admin', now)).toThrow(RangeError);
      expect(() => purgeExpired(vault, 1.5, 'staff:admin', now)).toThrow(RangeError);
    } finally {
      vault.close();
    }
  });

  it('keeps the rows when the purge cannot be audited', () => {
    const { vault } = initTestVault(temp.dataDir);
    try {
      const submission = { ...sampleSubmission(), submittedAt: '2024-01-01T00:00:00.000Z' };
      vault.insertSubmission(submission);
      vault.markExported([submission.id], '2024-02-01T00:00:00.000Z');
      const unauditable = {
        ...vault,
        appendAuditRow: () => {
          throw new Error('disk I/O error');
        },
      };
      expect(() => purgeExpired(unauditable, 30, 'staff:admin', new Date('2025-01-01'))).toThrow(
        'disk I/O error',
      );
      expect(vault.countSubmissions()).toBe(1);
    } finally {
      vault.close();
    }
  });
});
