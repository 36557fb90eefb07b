/**
 * Exports of client records (CSV, PDF, FHIR) to a folder staff choose, the record document the
 * PDF and the staff record view share, and retention purges.
 */
export { buildRecordDocument, RecordMismatchError, type RecordSource } from './record-document';
export { runExport, MANIFEST_FILE, type ExportOptions, type ExportRequest } from './run-export';
export { ExportError, type ExportErrorCode, type ExportFailureReason } from './export-error';
export { nodeFileSink, type FileSink, type SinkFile } from './export-folder';
export { purgeExpired } from './purge';
export { removeUnfinishedExports, unfinishedExports } from './unfinished-exports';
export { renderRecordPdf } from './pdf-writer';
export { readManifestAnchor, ManifestAnchorError, type ManifestAnchor } from './manifest-anchor';
export { readRecordFingerprint, type RecordFingerprint } from './pdf-fingerprint';
export { sealedRecordSha256 } from './record-document';
export { writeAuditLogCsv, AUDIT_LOG_COLUMNS, AUDIT_LOG_CSV } from './audit-log-csv';
export * from './pdf-drawing';
