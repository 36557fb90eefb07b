/**
 * What parallel-open.ts (main's thread) and open-worker.ts send each other: a stored row to
 * open, and its result. Structured-clone data only.
 */
import type { PayloadOutline } from './submission-payload';

export interface RowToOpen {
  id: string;
  sealed: Uint8Array;
}

/**
 * The outline of a checked payload; or a record refused as `InvalidSubmissionError` would refuse
 * it; or another failure.
 */
export type OpenResult =
  | { outline: PayloadOutline }
  | { refused: { message: string; fields: string[] } }
  | { failed: string };
