/**
 * Shared by the audit tests: an in-memory `AuditStore` that behaves like the vault's table (seq is
 * a primary key, rows come back in seq order), chains built through `appendAudit`, and a seeded
 * random source so a failing random case can be replayed. Not imported by app code.
 */
import { appendAudit } from './append-audit';
import { AUDIT_ACTIONS, type AuditEvent } from './audit-event';
import type { AuditRow, AuditStore } from './audit-store';

export interface MemoryAuditStore extends AuditStore {
  /** The rows as stored, for tests to tamper with; `auditRows()` returns copies sorted by seq. */
  readonly table: AuditRow[];
}

export function createMemoryAuditStore(initial: readonly AuditRow[] = []): MemoryAuditStore {
  const table = initial.map((row) => ({ ...row }));
  const sorted = (): AuditRow[] => [...table].sort((a, b) => a.seq - b.seq);
  return {
    table,
    appendAuditRow(row) {
      if (table.some((stored) => stored.seq === row.seq)) {
        throw new Error(`UNIQUE constraint failed: audit_log.seq (${row.seq})`);
      }
      table.push({ ...row });
    },
    auditRows: () => sorted().map((row) => ({ ...row })),
    lastAuditRow() {
      const last = sorted().at(-1);
      return last === undefined ? undefined : { ...last };
    },
  };
}

/** A minute after a fixed start, per entry: stable `at` values for stable tests. */
export function minute(index: number): Date {
  return new Date(Date.UTC(2025, 0, 2, 9, 0, 0) + index * 60_000);
}

/** The n-th sample event: every action in turn, with details that differ per entry. */
export function sampleEvent(index: number): AuditEvent {
  return {
    actor:
      index % 3 === 0
        ? 'front-desk'
        : `staff:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    action: AUDIT_ACTIONS[index % AUDIT_ACTIONS.length] ?? 'unlock',
    details: {
      index,
      note: `entry ${index}`,
      nested: { even: index % 2 === 0, list: [index, 'x'] },
    },
  };
}

/** A log of `count` valid entries built by `appendAudit`, and the store holding it. */
export function buildChain(count: number): { store: MemoryAuditStore; rows: AuditRow[] } {
  const store = createMemoryAuditStore();
  for (let index = 0; index < count; index += 1) {
    appendAudit(store, sampleEvent(index), minute(index));
  }
  return { store, rows: store.auditRows() };
}

/** Mulberry32: a small seeded generator, so a failing random case can be replayed by its seed. */
export function seededRandom(seed: number): {
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
} {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return {
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(items.length)];
      if (item === undefined) {
        throw new Error('seededRandom.pick: nothing to pick from');
      }
      return item;
    },
  };
}
