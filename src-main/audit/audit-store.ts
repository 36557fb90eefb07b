/**
 * The storage the audit log needs: the vault's own audit methods (all SQL lives in
 * `src-main/vault/`). The row type is the vault's, so the two can never drift apart.
 */
import type { AuditHeadCounter, AuditRow, Vault } from '../vault';

export type { AuditHeadCounter, AuditRow };

export type AuditStore = Pick<Vault, 'appendAuditRow' | 'auditRows' | 'lastAuditRow'>;

/** What `verifyVault` needs: the log, its head counter and the database's own checks. */
export type AuditedVault = AuditStore &
  Pick<Vault, 'integrityCheck' | 'cipherIntegrityCheck' | 'auditHeadCounter'>;
