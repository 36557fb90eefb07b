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
