import { describe, expect, it } from 'vitest';
import { appendAudit } from './append-audit';
import type { AuditRow } from './audit-store';
import { buildChain, createMemoryAuditStore, minute } from './audit-test-fixtures';
import { auditHead, verifyAnchor } from './chain-anchor';
import { entryHash, GENESIS_HASH } from './entry-hash';

describe('auditHead', () => {
  it('is seq 0 and the genesis hash for an empty log', () => {
    expect(auditHead(createMemoryAuditStore())).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('is the newest entry', () => {
    const { store, rows } = buildChain(4);
    expect(auditHead(store)).toEqual({ seq: 4, hash: rows[3]?.hash });
  });
});

describe('verifyAnchor', () => {
  it('holds for the log it was taken from, and after more entries are appended', () => {
    const { store } = buildChain(5);
    const anchor = auditHead(store);
    expect(verifyAnchor(store.auditRows(), anchor)).toEqual({ ok: true });
    appendAudit(store, { actor: 'cli', action: 'export' }, minute(9));
    expect(verifyAnchor(store.auditRows(), anchor)).toEqual({ ok: true });
  });

  it('catches entries cut off the end, which the chain alone cannot', () => {
    const { store, rows } = buildChain(5);
    const anchor = auditHead(store);
    expect(verifyAnchor(rows.slice(0, 3), anchor)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cut off the end/) as unknown,
    });
    expect(verifyAnchor([], anchor).ok).toBe(false);
  });

  it('catches a log rewritten from an edited entry onwards with every hash recomputed', () => {
    const { store, rows } = buildChain(5);
    const anchor = auditHead(store);
    const forger = createMemoryAuditStore();
    rows.forEach((row, index) => {
      const actor = index === 1 ? 'staff:someone-else' : row.actor;
      appendAudit(
        forger,
        { actor, action: 'unlock', details: JSON.parse(row.details) as Record<string, unknown> },
        minute(index),
      );
    });
    const rewritten = forger.auditRows();
    expect(rewritten.every((row) => row.hash === entryHash(row))).toBe(true);
    expect(verifyAnchor(rewritten, anchor)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/rewritten/) as unknown,
    });
  });

  it('refuses when the chain itself is broken', () => {
    const { store, rows } = buildChain(3);
    const anchor = auditHead(store);
    const [first, ...rest] = rows;
    expect(first).toBeDefined();
    const tampered = [{ ...(first as AuditRow), actor: 'x' }, ...rest];
    expect(verifyAnchor(tampered, anchor)).toMatchObject({ ok: false });
  });

  it('checks the genesis anchor of an empty log', () => {
    expect(verifyAnchor([], { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true });
    expect(verifyAnchor([], { seq: 0, hash: '1'.repeat(64) }).ok).toBe(false);
  });
});
