/**
 * The storage the audit log needs, as the vault provides it (`src-main/vault/`, where all SQL
 * lives). Declared here structurally so that this folder does not depend on the vault's files;
 * it is the same shape as `Pick<Vault, 'appendAuditRow' | 'auditRows' | 'lastAuditRow'>`, and a
 * `Vault` can be passed wherever an `AuditStore` is asked for.
 */

/** One stored entry of the log: a row of `audit_log`. */
export interface AuditRow {
  seq: number;
  /** ISO 8601 UTC, as `Date.prototype.toISOString` writes it. */
  at: string;
  actor: string;
  action: string;
  /** A JSON object, in RFC 8785 canonical form as `appendAudit` wrote it. */
  details: string;
  /** The previous entry's `hash`, or `GENESIS_HASH` for seq 1. */
  prevHash: string;
  /** `entryHash` of this entry: lowercase SHA-256 hex. */
  hash: string;
}

export interface AuditStore {
  /** A plain INSERT; throws if `seq` is taken (it is the table's primary key). */
  appendAuditRow(row: AuditRow): void;
  /** Every row, ordered by seq. */
  auditRows(): AuditRow[];
  lastAuditRow(): AuditRow | undefined;
}

/** What `verifyVault` needs: the log and the database's own checks. */
export interface AuditedVault extends AuditStore {
  /** `PRAGMA integrity_check`: 'ok' or the problems found. */
  integrityCheck(): string;
  /** The cipher's page-level check: 'ok' or the problems found. */
  cipherIntegrityCheck(): string;
}
