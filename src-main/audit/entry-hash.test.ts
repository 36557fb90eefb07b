import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ENTRY_FORMAT,
  AuditDetailsError,
  entryHash,
  GENESIS_HASH,
  type AuditEntry,
} from './entry-hash';

const entry: AuditEntry = {
  seq: 7,
  at: '2025-01-02T09:00:00.000Z',
  actor: 'staff:3f0c2b9e-8d0e-4c57-9a51-1b9f3b8f2f11',
  action: 'export',
  details: '{"count":3,"format":"csv"}',
  prevHash: 'ab'.repeat(32),
};

describe('GENESIS_HASH', () => {
  it('is 64 zeros, the length of a SHA-256 hex digest', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(GENESIS_HASH).toHaveLength(entryHash(entry).length);
  });
});

describe('entryHash', () => {
  it('is SHA-256 over exactly this canonical text (the format must never drift)', () => {
    const text =
      '{"action":"export","actor":"staff:3f0c2b9e-8d0e-4c57-9a51-1b9f3b8f2f11",' +
      '"at":"2025-01-02T09:00:00.000Z","details":{"count":3,"format":"csv"},' +
      `"format":"clinic-kiosk-audit/1","prevHash":"${'ab'.repeat(32)}","seq":7}`;
    expect(AUDIT_ENTRY_FORMAT).toBe('clinic-kiosk-audit/1');
    expect(entryHash(entry)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(entryHash(entry)).toBe(
      '9c824d2af1df0085b5befd6fa3e27f80ec3bb6096d1cf837bc6a1366afce7bbf',
    );
  });

  it('does not depend on key order or whitespace in details', () => {
    const reordered = { ...entry, details: '{"format":"csv","count":3}' };
    const spaced = { ...entry, details: '{ "count" : 3,\n "format" : "csv" }' };
    expect(entryHash(reordered)).toBe(entryHash(entry));
    expect(entryHash(spaced)).toBe(entryHash(entry));
    const deep = (inner: string): AuditEntry => ({ ...entry, details: `{"a":${inner},"b":[1,2]}` });
    expect(entryHash(deep('{"y":1,"x":2}'))).toBe(entryHash(deep('{"x":2,"y":1}')));
  });

  it.each<[string, Partial<AuditEntry>]>([
    ['seq', { seq: 8 }],
    ['at', { at: '2025-01-02T09:00:00.001Z' }],
    ['actor', { actor: 'staff:3f0c2b9e-8d0e-4c57-9a51-1b9f3b8f2f12' }],
    ['action', { action: 'purge' }],
    ['prevHash', { prevHash: `${'ab'.repeat(31)}ac` }],
    ['a details value', { details: '{"count":4,"format":"csv"}' }],
    ['a details value type', { details: '{"count":"3","format":"csv"}' }],
    ['a details key', { details: '{"Count":3,"format":"csv"}' }],
    ['an added details key', { details: '{"count":3,"format":"csv","x":null}' }],
    ['a removed details key', { details: '{"count":3}' }],
    ['array order in details', { details: '{"count":3,"format":"csv","ids":[2,1]}' }],
  ])('changes when %s changes', (_what, change) => {
    expect(entryHash({ ...entry, ...change })).not.toBe(entryHash(entry));
  });

  it('keeps array order in details significant', () => {
    const a = { ...entry, details: '{"ids":[1,2]}' };
    const b = { ...entry, details: '{"ids":[2,1]}' };
    expect(entryHash(a)).not.toBe(entryHash(b));
  });

  it('cannot be fooled by moving text between fields', () => {
    const one = { ...entry, actor: 'cli', action: 'export' };
    const two = { ...entry, actor: 'cliex', action: 'port' };
    const three = { ...entry, actor: 'cli","action":"export', action: 'export' };
    expect(new Set([entryHash(one), entryHash(two), entryHash(three)]).size).toBe(3);
  });

  it.each([
    ['not JSON', '{"count":3'],
    ['empty', ''],
    ['an array', '[1,2]'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['a number that overflows', '{"n":1e400}'],
    ['a lone surrogate', '{"s":"\\ud800"}'],
  ])('refuses details that are %s', (_what, details) => {
    expect(() => entryHash({ ...entry, details })).toThrow(AuditDetailsError);
  });
});
