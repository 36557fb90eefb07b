/** Why an export did not happen, in the contract's two codes plus a finer reason. */
import type { ExportFailureReason } from '../contract';

export type { ExportFailureReason };
export type ExportErrorCode = 'EXPORT_EMPTY' | 'EXPORT_FAILED';

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
