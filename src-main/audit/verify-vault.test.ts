import { describe, expect, it } from 'vitest';
import type { AuditedVault } from './audit-store';
import { buildChain, createMemoryAuditStore } from './audit-test-fixtures';
import { formatVerifyReport, verifyVault } from './verify-vault';

function fakeVault(overrides: Partial<AuditedVault> = {}, entries = 3): AuditedVault {
  return {
    ...buildChain(entries).store,
    integrityCheck: () => 'ok',
    cipherIntegrityCheck: () => 'ok',
    ...overrides,
  };
}

describe('verifyVault', () => {
  it('is ok when the chain and both integrity checks are', () => {
    const vault = fakeVault();
    const report = verifyVault(vault);
    expect(report).toEqual({
      chain: { ok: true, entries: 3, head: vault.lastAuditRow()?.hash },
      integrity: 'ok',
      cipherIntegrity: 'ok',
      ok: true,
    });
    expect(formatVerifyReport(report)).toBe(
      [
        `audit chain: ok (3 entries, head ${vault.lastAuditRow()?.hash ?? ''})`,
        'database integrity: ok',
        'cipher integrity: ok',
      ].join('\n'),
    );
  });

  it('says "1 entry" and shows the genesis head of an empty log', () => {
    expect(formatVerifyReport(verifyVault(fakeVault({}, 1)))).toMatch(
      /^audit chain: ok \(1 entry, /,
    );
    const empty = fakeVault({ ...createMemoryAuditStore() });
    expect(formatVerifyReport(verifyVault(empty))).toMatch(
      /^audit chain: ok \(0 entries, head 0{64}\)$/m,
    );
  });

  it('is not ok when the chain is broken, and names the entry', () => {
    const { store } = buildChain(5);
    const row = store.table.find((r) => r.seq === 3);
    if (row !== undefined) {
      row.actor = 'staff:someone-else';
    }
    const report = verifyVault({
      ...store,
      integrityCheck: () => 'ok',
      cipherIntegrityCheck: () => 'ok',
    });
    expect(report.ok).toBe(false);
    expect(formatVerifyReport(report).split('\n')[0]).toBe(
      'audit chain: BROKEN at entry 3 (seq 3) of 5: the entry was edited (hash mismatch)',
    );
  });

  it.each(['integrityCheck', 'cipherIntegrityCheck'] as const)(
    'is not ok when %s reports problems, listed one per line',
    (check) => {
      const problems = '*** in database main ***\nPage 7: btreeInitPage() returns error code 11';
      const report = verifyVault(fakeVault({ [check]: () => problems }));
      expect(report.ok).toBe(false);
      expect(report.chain.ok).toBe(true);
      const label = check === 'integrityCheck' ? 'database integrity' : 'cipher integrity';
      expect(formatVerifyReport(report)).toContain(
        `${label}: FAILED\n  *** in database main ***\n  Page 7: btreeInitPage() returns error code 11`,
      );
    },
  );

  it('reports a check that throws as failed and still runs the others', () => {
    const report = verifyVault(
      fakeVault({
        integrityCheck: () => {
          throw new Error('SQLITE_CORRUPT: database disk image is malformed');
        },
      }),
    );
    expect(report).toMatchObject({
      ok: false,
      integrity: 'error: SQLITE_CORRUPT: database disk image is malformed',
      cipherIntegrity: 'ok',
      chain: { ok: true },
    });
  });

  it('throws when the log cannot be read, carrying what the other checks found', () => {
    const vault = fakeVault({
      cipherIntegrityCheck: () => 'page 3: HMAC check failed',
      auditRows: () => {
        throw new Error('SQLITE_CORRUPT');
      },
    });
    expect(() => verifyVault(vault)).toThrow(
      /cannot be read.*cipher integrity: page 3: HMAC check failed/,
    );
  });
});
