/** Why an export did not happen, in the contract's two codes plus a finer reason. */

export type ExportErrorCode = 'EXPORT_EMPTY' | 'EXPORT_FAILED';

export type ExportFailureReason =
  | 'missing_folder'
  | 'not_a_folder'
  | 'not_writable'
  | 'disk_full'
  | 'exists'
  | 'record_invalid'
  | 'record_keeping'
  | 'io';

export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(
    readonly code: ExportErrorCode,
    /** What went wrong and where, in words staff can act on. */
    message: string,
    /** Set on EXPORT_FAILED: which kind of failure (for the UI and the audit entry). */
    readonly reason?: ExportFailureReason,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
