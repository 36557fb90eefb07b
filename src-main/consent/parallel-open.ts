/**
 * Opening many stored records on every core: the staff list reads rows on main's thread
 * (SQLCipher, one connection) and hands them in small batches to worker threads (open-worker.ts,
 * through ../worker-pool.ts), each holding a copy of the seal key pair, which unseal and check
 * them; their outlines come back in the rows' order, a few batches at a time (streamed: never
 * 10,000 opened at once).
 *
 * The records come out as `openSubmissionPayload` gives them one by one: a record that fails is
 * refused with the same `InvalidSubmissionError`, where it stands in the order. Below
 * `PARALLEL_FROM` rows they are opened on main's thread: starting workers would cost more.
 */
import { wipeBytes } from '../seal';
import { sealKeyCopiesOf, type RecordKeys, type SubmissionRow } from '../vault';
import { defaultWorkers, mapInWorkers } from '../worker-pool';
import type { OpenResult, RowToOpen } from './parallel-open-protocol';
import {
  InvalidSubmissionError,
  openSubmissionPayload,
  outlineOf,
  type PayloadOutline,
} from './submission-payload';

export interface ParallelOpenOptions {
  /** How many rows `rows` holds, when known: few rows are opened on main's thread. */
  count?: number;
  /** Worker threads; default: the cores Node may use, at most four. 0: none. */
  workers?: number;
}

/** Fewer rows than this are opened on main's thread: starting workers would cost more. */
export const PARALLEL_FROM = 200;
/** Rows a batch: enough to amortise a message, few enough to keep every worker busy. */
const BATCH_ROWS = 32;

export interface OutlinedRecord {
  row: SubmissionRow;
  outline: PayloadOutline;
}

/**
 * The outline of each row's payload (what a list of records shows), in order. Each payload is
 * opened and checked whole in its worker, as `openSubmissionPayload` does, but only its outline
 * crosses back: moving a whole payload back costs main's thread about what opening it there would
 * (measured), so whole payloads are opened on main's thread, one by one.
 */
export async function* openOutlines(
  rows: Iterable<SubmissionRow>,
  unlock: RecordKeys,
  options: ParallelOpenOptions = {},
): AsyncGenerator<OutlinedRecord> {
  const inline = (row: SubmissionRow): OutlinedRecord => ({
    row,
    outline: outlineOf(openSubmissionPayload(row, unlock)),
  });
  const few = options.count !== undefined && options.count < PARALLEL_FROM;
  const workers = few ? 0 : (options.workers ?? defaultWorkers());
  if (workers < 1) {
    for (const row of rows) {
      yield inline(row);
    }
    return;
  }
  // The copies are cloned into each worker as it starts (synchronously, in the first step of
  // the generator below); this copy is wiped when the generator ends.
  const keys = sealKeyCopiesOf(unlock);
  try {
    yield* mapInWorkers(rows, {
      from: import.meta.url,
      script: 'open-worker',
      workerData: keys,
      workers,
      batch: BATCH_ROWS,
      message: (row): RowToOpen => ({ id: row.id, sealed: row.sealed }),
      result: (row, answer: OpenResult): OutlinedRecord => ({
        row,
        outline: outlineFrom(row, answer),
      }),
      inline,
    });
  } finally {
    wipeBytes(keys.privateKey);
  }
}

function outlineFrom(row: SubmissionRow, result: OpenResult): PayloadOutline {
  if ('outline' in result) {
    return result.outline;
  }
  if ('refused' in result) {
    throw new InvalidSubmissionError(row.id, result.refused.message, result.refused.fields);
  }
  throw new Error(`openOutlines: submission ${row.id} could not be opened: ${result.failed}`);
}
