import { describe, expect, it } from 'vitest';
import type { AuditedVault, AuditHeadCounter, AuditStore } from './audit-store';
import { buildChain, createMemoryAuditStore, type MemoryAuditStore } from './audit-test-fixtures';
import { auditHead } from './chain-anchor';
import { formatVerifyReport, verifyVault } from './verify-vault';

/** The counter as the vault would have written it after the store's last entry. */
function counterOf(store: Pick<AuditStore, 'lastAuditRow'>): AuditHeadCounter {
  return { state: 'present', ...auditHead(store), at: '2025-01-02T10:00:00.000Z' };
}

function fakeVault(
  overrides: Partial<AuditedVault> = {},
  entries = 3,
): AuditedVault & Pick<MemoryAuditStore, 'table'> {
  const { store } = buildChain(entries);
  const counter = counterOf(store);
  return {
    ...store,
    integrityCheck: () => 'ok',
    cipherIntegrityCheck: () => 'ok',
    auditHeadCounter: () => counter,
    ...overrides,
  };
}

describe('verifyVault', () => {
  it('is ok when the chain and both integrity checks are', () => {
    const vault = fakeVault();
    const report = verifyVault(vault);
    expect(report).toEqual({
      chain: { ok: true, entries: 3, head: vault.lastAuditRow()?.hash },
      headCounter: { ok: true },
      anchors: [],
      integrity: 'ok',
      cipherIntegrity: 'ok',
      ok: true,
    });
    expect(formatVerifyReport(report)).toBe(
      [
        `audit chain: ok (3 entries, head ${vault.lastAuditRow()?.hash ?? ''})`,
        'audit head counter: ok',
        'database integrity: ok',
        'cipher integrity: ok',
      ].join('\n'),
    );
  });

  it('says "1 entry" and shows the genesis head of an empty log', () => {
    expect(formatVerifyReport(verifyVault(fakeVault({}, 1)))).toMatch(
      /^audit chain: ok \(1 entry, /,
    );
    const store = createMemoryAuditStore();
    const empty = fakeVault({ ...store, auditHeadCounter: () => counterOf(store) });
    expect(formatVerifyReport(verifyVault(empty))).toMatch(
      /^audit chain: ok \(0 entries, head 0{64}\)$/m,
    );
  });

  it('is not ok when the chain is broken, and names the entry', () => {
    const { store } = buildChain(5);
    const counter = counterOf(store);
    const row = store.table.find((r) => r.seq === 3);
    if (row !== undefined) {
      row.actor = 'staff:someone-else';
    }
    const report = verifyVault({
      ...store,
      integrityCheck: () => 'ok',
      cipherIntegrityCheck: () => 'ok',
      auditHeadCounter: () => counter,
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

  it('is not ok when the log ends before its head counter, and says entries were cut off', () => {
    const vault = fakeVault({}, 5);
    vault.table.splice(3);
    const report = verifyVault(vault);
    expect(report.chain.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(formatVerifyReport(report)).toContain(
      'audit head counter: FAILED: the log ends at seq 3 but the anchor recorded seq 5: entries were cut off the end',
    );
  });

  it('is not ok when entries follow the head counter, or the counter is missing', () => {
    const { store } = buildChain(4);
    const behind = counterOf({ lastAuditRow: () => store.table[1] });
    const base = { ...store, integrityCheck: () => 'ok', cipherIntegrityCheck: () => 'ok' };
    expect(formatVerifyReport(verifyVault({ ...base, auditHeadCounter: () => behind }))).toContain(
      'audit head counter: FAILED: 2 entries after seq 2 are not vouched for by the head counter',
    );
    const missing = verifyVault({ ...base, auditHeadCounter: () => ({ state: 'missing' }) });
    expect(missing.ok).toBe(false);
    expect(formatVerifyReport(missing)).toContain('there is no head counter (audit-head.json)');
  });

  it('checks every anchor it is given and names the one that fails', () => {
    const vault = fakeVault({}, 4);
    const good = {
      source: 'a/manifest.json',
      anchor: auditHead({ lastAuditRow: () => vault.table[1] }),
    };
    const bad = { source: 'b/manifest.json', anchor: { seq: 3, hash: 'f'.repeat(64) } };
    const report = verifyVault(vault, [good, bad]);
    expect(report.ok).toBe(false);
    expect(formatVerifyReport(report)).toContain(
      [
        'anchor a/manifest.json (seq 2): ok',
        'anchor b/manifest.json (seq 3): FAILED: entry 3 is not the one the anchor recorded: the log was rewritten up to it',
      ].join('\n'),
    );
  });
});
