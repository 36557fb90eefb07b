/**
 * The append-only, hash-chained audit log of staff actions. The rows live in the vault; this
 * folder decides what a row holds, how rows chain, and how a chain is checked.
 */
export { AUDIT_ACTIONS, isAuditAction, type AuditAction, type AuditEvent } from './audit-event';
export type { AuditHeadCounter, AuditRow, AuditStore, AuditedVault } from './audit-store';
export {
  AUDIT_ENTRY_FORMAT,
  AuditDetailsError,
  entryHash,
  GENESIS_HASH,
  type AuditEntry,
} from './entry-hash';
export { appendAudit, AuditEventError, checkAuditEvent } from './append-audit';
export { describeFilter, queryAuditLog, type AuditLogFilter } from './audit-log-query';
export { verifyChain, type ChainFailure, type ChainReport } from './verify-chain';
export {
  auditHead,
  verifyAnchor,
  verifyHeadCounter,
  type AnchorReport,
  type AuditAnchor,
} from './chain-anchor';
export {
  formatVerifyReport,
  verifyVault,
  type NamedAnchor,
  type VerifyReport,
} from './verify-vault';
