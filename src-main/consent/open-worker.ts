/**
 * The worker of parallel-open.ts: it holds a copy of the clinic's seal key pair (its
 * `workerData`) and, for each stored row it is sent, unseals it and checks its payload exactly as
 * main's thread would (`openPayloadWith`), answering with its outline or, for a row that fails,
 * the same error's message and fields. It reads no database and writes nothing; it wipes its key
 * copy when main is done with it.
 */
import { wipeBytes } from '../seal';
import { ensureSodium, openSealedSubmission, type SealKeyCopies } from '../vault';
import { serveBatches, workerInput } from '../worker-pool';
import type { OpenResult, RowToOpen } from './parallel-open-protocol';
import { InvalidSubmissionError, openPayloadWith, outlineOf } from './submission-payload';

const keys = workerInput() as SealKeyCopies;
void ensureSodium(); // sodium-native is ready at once; this marks it so for this thread

serveBatches(
  (row: RowToOpen): OpenResult => {
    try {
      const payload = openPayloadWith(row.id, () => openSealedSubmission(keys, row.sealed));
      return { outline: outlineOf(payload) };
    } catch (error) {
      if (error instanceof InvalidSubmissionError) {
        return { refused: { message: error.message, fields: [...error.fields] } };
      }
      return { failed: error instanceof Error ? error.message : String(error) };
    }
  },
  {
    onClose: () => {
      wipeBytes(keys.privateKey);
    },
  },
);
