/**
 * Client records, for an unlocked administrator only: the list (searchable by name and date),
 * and one record as evidence (the same document the PDF is drawn from).
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers, RecordDocument, SubmissionSummary } from '../contract';
import {
  InvalidSubmissionError,
  openOutlines,
  openSubmissionPayload,
  type PayloadOutline,
  type SubmissionPayload,
} from '../consent';
import { buildRecordDocument, RecordMismatchError } from '../export';
import { KioskFailure } from '../failure';
import { actorOf } from '../staff';
import type { RecordKeys, SubmissionRow } from '../vault';
import { clinicDays } from './date-range';
import { printCopy } from './print-copy';

type RecordsChannel = 'submissions.list' | 'submissions.get' | 'submissions.printCopy';

/** Case- and accent-insensitive: "jose" finds "José". */
function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * A stored record staff cannot be shown is refused by name: the list and the record view fail
 * with the submission's id and the fields at fault, not a bare "something went wrong".
 */
function refusingInvalid<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw refusal(error);
  }
}

async function refusingInvalidAsync(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    throw refusal(error);
  }
}

function refusal(error: unknown): unknown {
  if (error instanceof InvalidSubmissionError || error instanceof RecordMismatchError) {
    return new KioskFailure('INTERNAL', `This record cannot be shown: ${error.message}`);
  }
  return error;
}

/** Shared with progress-channels.ts, so every reader refuses a bad record the same way. */
export function openPayload(row: SubmissionRow, unlock: RecordKeys): SubmissionPayload {
  return refusingInvalid(() => openSubmissionPayload(row, unlock));
}

function summarise(row: SubmissionRow, outline: PayloadOutline): SubmissionSummary {
  return {
    submissionId: row.id,
    submittedAt: row.submittedAt,
    exportedAt: row.exportedAt,
    fullName: outline.fullName,
    dateOfBirth: outline.dateOfBirth,
    locale: row.locale,
    pack: { id: row.packId, version: row.packVersion, hash: row.packHash },
    comprehensionAttempts: outline.comprehensionAttempts,
  };
}

export function recordsChannels(ctx: ApiContext): ChannelHandlers<RecordsChannel> {
  return {
    'submissions.list': async ({ query, from, to }) => {
      const unlock = ctx.staff.require();
      const days = clinicDays(ctx, from, to);
      const needle = foldForSearch(query?.trim() ?? '');
      const vault = ctx.openVault();
      const rows: SubmissionSummary[] = [];
      // Many records are opened on every core (openOutlines); only what the list shows comes back.
      const records = openOutlines(vault.iterateSubmissions(days), unlock, {
        count: vault.submissionIds(days).length,
      });
      await refusingInvalidAsync(async () => {
        for await (const { row, outline } of records) {
          if (needle === '' || foldForSearch(outline.fullName).includes(needle)) {
            rows.push(summarise(row, outline));
          }
        }
      });
      // The name searched for is a client's name: it is not written to the log, only that one was.
      ctx.audit({
        actor: actorOf(unlock),
        action: 'records_listed',
        details: {
          from: from ?? null,
          to: to ?? null,
          nameSearched: needle !== '',
          shown: rows.length,
        },
      });
      return rows.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
    },
    'submissions.get': ({ submissionId }) => {
      const unlock = ctx.staff.require();
      const document = readRecord(ctx, submissionId, unlock);
      ctx.audit({ actor: actorOf(unlock), action: 'record_viewed', details: { submissionId } });
      return document;
    },
    /** A reprint of the client's copy, from the record (audited with who asked). */
    'submissions.printCopy': async ({ submissionId }) => {
      const unlock = ctx.staff.require();
      await printCopy(ctx, readRecord(ctx, submissionId, unlock), actorOf(unlock));
      return { printed: true };
    },
  };
}

/** One stored record as its document, for the record view and a reprint of its copy. */
function readRecord(ctx: ApiContext, submissionId: string, unlock: RecordKeys): RecordDocument {
  const vault = ctx.openVault();
  const [row] = vault.listSubmissions({ ids: [submissionId] });
  if (!row) {
    throw new KioskFailure('NOT_FOUND', 'There is no such submission.');
  }
  return refusingInvalid(() =>
    buildRecordDocument({
      row,
      payload: openSubmissionPayload(row, unlock),
      snapshot: vault.contentSnapshot(row.packHash),
      clinic: ctx.clinic,
      readingWordsPerMinute: ctx.options.readingWordsPerMinute,
    }),
  );
}
