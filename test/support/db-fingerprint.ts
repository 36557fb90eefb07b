/**
 * A fingerprint of every table of an open vault database, and what changed between two of them,
 * row by row: for the API fuzzer, which proves that a rejected call changes nothing.
 *
 * It reads through its own connection (`openRawDatabase`, the database key from a staff
 * passphrase). SQLite's `PRAGMA data_version` on that connection changes whenever another
 * connection commits (https://www.sqlite.org/pragma.html#pragma_data_version), so a call after
 * which it has not changed committed nothing, and only the others need a full fingerprint.
 */
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../../src-main/vault/db/open-database';

/** One row: a SHA-256 of its columns, and its `key` column where the table has one. */
export interface RowPrint {
  hash: string;
  key?: string;
}

/** Each table's rows, by rowid. */
export interface DbFingerprint {
  readonly version: number;
  readonly tables: ReadonlyMap<string, ReadonlyMap<number, RowPrint>>;
}

export interface RowChange {
  table: string;
  rowid: number;
  kind: 'added' | 'removed' | 'changed';
  /** The row's `key` column (settings, meta), before or after. */
  key?: string;
  /** The row as it is now (absent when removed). */
  row?: Record<string, unknown> | undefined;
}

type Row = Record<string, unknown> & { _rowid_: number };

function rowHash(row: Record<string, unknown>): string {
  const hash = createHash('sha256');
  for (const [column, value] of Object.entries(row)) {
    hash.update(`${column}\u0000`);
    hash.update(
      value instanceof Uint8Array
        ? `b:${Buffer.from(value).toString('hex')}`
        : JSON.stringify(value),
    );
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

function keyOf(print: RowPrint): { key?: string } {
  return print.key === undefined ? {} : { key: print.key };
}

export class DatabaseWatch {
  constructor(private readonly db: SqliteDatabase) {}

  /** Changes whenever another connection has committed since the last read of it. */
  version(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  tableNames(): string[] {
    return (
      this.db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((table) => table.name);
  }

  fingerprint(): DbFingerprint {
    // One read transaction: every table as of the same commit.
    return this.db.transaction(() => {
      const version = this.version();
      const tables = new Map<string, Map<number, RowPrint>>();
      for (const table of this.tableNames()) {
        const rows = new Map<number, RowPrint>();
        for (const row of this.rowsOf(table)) {
          const { _rowid_: rowid, ...columns } = row;
          const hash = rowHash(columns);
          rows.set(rowid, typeof columns.key === 'string' ? { hash, key: columns.key } : { hash });
        }
        tables.set(table, rows);
      }
      return { version, tables };
    })();
  }

  /** Every row that differs between `before` and `after`, with its content now. */
  changes(before: DbFingerprint, after: DbFingerprint): RowChange[] {
    const changes: RowChange[] = [];
    const names = new Set([...before.tables.keys(), ...after.tables.keys()]);
    for (const table of names) {
      const old = before.tables.get(table) ?? new Map<number, RowPrint>();
      const now = after.tables.get(table) ?? new Map<number, RowPrint>();
      for (const [rowid, print] of now) {
        const was = old.get(rowid);
        if (was?.hash !== print.hash) {
          changes.push({
            table,
            rowid,
            kind: was === undefined ? 'added' : 'changed',
            ...keyOf(print),
            row: this.row(table, rowid),
          });
        }
      }
      for (const [rowid, print] of old) {
        if (!now.has(rowid)) {
          changes.push({ table, rowid, kind: 'removed', ...keyOf(print) });
        }
      }
    }
    return changes;
  }

  private rowsOf(table: string): Row[] {
    return this.db
      .prepare(`SELECT rowid AS _rowid_, * FROM "${table}" ORDER BY rowid`)
      .all() as Row[];
  }

  private row(table: string, rowid: number): Record<string, unknown> | undefined {
    const found = this.db.prepare(`SELECT * FROM "${table}" WHERE rowid = ?`).get(rowid) as
      Record<string, unknown> | undefined;
    return found;
  }
}
