import { describe, expect, it } from 'vitest';
import { appendAudit, AuditEventError } from './append-audit';
import type { AuditEvent } from './audit-event';
import type { AuditRow, AuditStore } from './audit-store';
import { buildChain, createMemoryAuditStore, minute } from './audit-test-fixtures';
import { AuditDetailsError, entryHash, GENESIS_HASH } from './entry-hash';
import { verifyChain } from './verify-chain';

const unlock: AuditEvent = { actor: 'staff:a', action: 'unlock' };

describe('appendAudit', () => {
  it('starts an empty log at seq 1, linked to the genesis hash', () => {
    const store = createMemoryAuditStore();
    const row = appendAudit(store, unlock, minute(0));
    expect(row).toEqual({
      seq: 1,
      at: '2025-01-02T09:00:00.000Z',
      actor: 'staff:a',
      action: 'unlock',
      details: '{}',
      prevHash: GENESIS_HASH,
      hash: entryHash({ ...row }),
    });
    expect(store.auditRows()).toEqual([row]);
  });

  it('links each entry to the one before and returns the row as stored', () => {
    const store = createMemoryAuditStore();
    const first = appendAudit(store, unlock, minute(0));
    const second = appendAudit(
      store,
      { actor: 'cli', action: 'export', details: { n: 2 } },
      minute(1),
    );
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(entryHash(second));
    expect(store.lastAuditRow()).toEqual(second);
  });

  it('builds a chain that verifies, whose head is the last hash', () => {
    const { rows } = buildChain(25);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(verifyChain(rows)).toEqual({ ok: true, entries: 25, head: rows.at(-1)?.hash });
  });

  it('stores details as canonical JSON whatever order the caller wrote them in', () => {
    const store = createMemoryAuditStore();
    const row = appendAudit(store, {
      actor: 'cli',
      action: 'settings_changed',
      details: { z: [3, { b: 1, a: 2 }], a: 'é', m: { y: null, x: true } },
    });
    expect(row.details).toBe('{"a":"é","m":{"x":true,"y":null},"z":[3,{"a":2,"b":1}]}');
  });

  it('uses the current time when none is given', () => {
    const before = Date.now();
    const row = appendAudit(createMemoryAuditStore(), unlock);
    expect(Date.parse(row.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(row.at)).toBeLessThanOrEqual(Date.now());
  });

  it.each<[string, unknown, new (message?: string) => Error]>([
    ['an unknown action', { actor: 'cli', action: 'delete_everything' }, AuditEventError],
    ['an empty actor', { actor: '  ', action: 'unlock' }, AuditEventError],
    ['a missing actor', { action: 'unlock' }, AuditEventError],
    ['an overlong actor', { actor: 'x'.repeat(201), action: 'unlock' }, AuditEventError],
    [
      'details that are an array',
      { actor: 'cli', action: 'unlock', details: [1] },
      AuditEventError,
    ],
    [
      'an undefined detail',
      { actor: 'cli', action: 'unlock', details: { a: undefined } },
      AuditDetailsError,
    ],
    [
      'a Date detail',
      { actor: 'cli', action: 'unlock', details: { at: new Date() } },
      AuditDetailsError,
    ],
    [
      'a NaN detail',
      { actor: 'cli', action: 'unlock', details: { n: Number.NaN } },
      AuditDetailsError,
    ],
    ['a lone surrogate in the actor', { actor: 'staff:\ud800', action: 'unlock' }, TypeError],
  ])('refuses %s loudly and stores nothing', (_what, event, errorType) => {
    const store = createMemoryAuditStore();
    expect(() => appendAudit(store, event as AuditEvent, minute(0))).toThrow(errorType);
    expect(store.auditRows()).toEqual([]);
  });

  it('refuses an invalid date rather than storing "Invalid Date"', () => {
    const store = createMemoryAuditStore();
    expect(() => appendAudit(store, unlock, new Date(Number.NaN))).toThrow(RangeError);
    expect(store.auditRows()).toEqual([]);
  });

  it('passes on a store failure instead of swallowing it, and does not retry it', () => {
    let calls = 0;
    const store: AuditStore = {
      ...createMemoryAuditStore(),
      appendAuditRow: () => {
        calls += 1;
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    };
    expect(() => appendAudit(store, unlock)).toThrow(/SQLITE_FULL/);
    expect(calls).toBe(1);
  });

  it('chains after an entry another writer appended between its read and its insert', () => {
    const inner = createMemoryAuditStore();
    appendAudit(inner, unlock, minute(0));
    let raced = false;
    const store: AuditStore = {
      ...inner,
      appendAuditRow(row: AuditRow) {
        if (!raced) {
          raced = true; // the CLI got in first and took seq 2
          appendAudit(inner, { actor: 'cli', action: 'export' }, minute(1));
        }
        inner.appendAuditRow(row);
      },
    };
    const row = appendAudit(store, { actor: 'front-desk', action: 'kiosk_paused' }, minute(2));
    expect(row.seq).toBe(3);
    expect(inner.auditRows().map((r) => r.action)).toEqual(['unlock', 'export', 'kiosk_paused']);
    expect(verifyChain(inner.auditRows()).ok).toBe(true);
  });

  it('gives up, loudly, if other writers keep winning the race', () => {
    const inner = createMemoryAuditStore();
    const store: AuditStore = {
      ...inner,
      appendAuditRow(row: AuditRow) {
        appendAudit(inner, { actor: 'cli', action: 'export' }, minute(0));
        inner.appendAuditRow(row);
      },
    };
    expect(() => appendAudit(store, unlock)).toThrow(/UNIQUE constraint/);
    expect(inner.auditRows().every((row) => row.action === 'export')).toBe(true);
  });
});
