import { describe, expect, it } from 'vitest';
import { AuditDetailsError, type AuditStore } from '../audit';
import { createMemoryAuditStore } from '../audit/audit-test-fixtures';
import { createAuditTrail } from './api-context';

describe('the audit trail of the API', () => {
  it('refuses an unrecordable event at once, so it never blocks the events after it', () => {
    const store = createMemoryAuditStore();
    const gate: { open?: AuditStore } = {};
    const audit = createAuditTrail(
      { vault: () => gate.open },
      () => new Date('2026-12-01T12:00:00Z'),
    );

    // While the vault is locked, events wait; one whose details cannot be canonical JSON (a
    // lone surrogate, as the API fuzzer found) is refused before it can wait at the head.
    expect(() => {
      audit({ actor: 'staff:x', action: 'audit_log_viewed', details: { actor: '\uD800' } });
    }).toThrow(AuditDetailsError);
    audit({ actor: 'kiosk', action: 'unlock_failed', details: { via: 'passphrase' } });
    expect(store.auditRows()).toEqual([]);

    gate.open = store;
    audit({ actor: 'kiosk', action: 'submission_created', details: { submissionId: 'a' } });
    expect(store.auditRows().map((row) => row.action)).toEqual([
      'unlock_failed',
      'submission_created',
    ]);
  });
});
