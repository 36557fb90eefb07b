/**
 * When records are pushed, and what is kept of it: right after a submit, from the record still
 * in main's memory (nothing is written to disk to be sent later); and in a run by staff (`kiosk
 * push`, the console), which opens the waiting records with the staff keys and tries each one,
 * again after a wait for a failure worth retrying. Every try is recorded (pushes-repository.ts)
 * and audited by ids, server and outcome, never by content.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AuditEvent } from '../audit';
import type { SubmissionPayload } from '../consent';
import type { ClinicInfo, PushRunSummary, RecordDocument } from '../contract';
import { renderRecordPdf } from '../export';
import { recordReader } from '../export/sealed-record';
import type { PushOutcome, RecordKeys, Vault } from '../vault';
import type { RecordPusher } from './push-record';
import { submittedRecord } from './submitted-record';

export interface PushRunRequest {
  /** Also try the records the server refused before (after the cause was fixed). */
  includeRejected?: boolean;
  limit?: number;
}

/** What a staff run did: the contract's `push.run` answer, made here. */
export type PushRunResult = PushRunSummary;

export interface PushService {
  readonly server: string;
  /**
   * Pushes a payload just sealed, from main's memory; `record` is its record document when the
   * client's copy already made it. Starts on a later turn of the event loop, so the submit
   * handler answers first (the PDF is drawn synchronously); resolves once the outcome is
   * recorded, never rejects.
   */
  pushSubmitted(vault: Vault, payload: SubmissionPayload, record?: RecordDocument): Promise<void>;
  run(unlock: RecordKeys, request: PushRunRequest, actor: string): Promise<PushRunResult>;
  close(): Promise<void>;
}

export interface PushServiceDeps {
  pusher: RecordPusher;
  openVault: () => Vault;
  audit: (event: AuditEvent) => void;
  now: () => Date;
  clinic: ClinicInfo;
  readingWordsPerMinute: number;
  /** The waits between a run's tries of a `retry` outcome; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export function createPushService(deps: PushServiceDeps): PushService {
  const { pusher } = deps;
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** Submissions whose push at submit has not ended: a staff run leaves them to it. */
  const inFlight = new Set<string>();

  /** One try, recorded. */
  async function attempt(vault: Vault, record: RecordDocument, pdf: Buffer): Promise<PushOutcome> {
    const outcome = await pusher.push(record, pdf);
    vault.recordPush({
      submissionId: record.submissionId,
      server: pusher.server,
      at: deps.now().toISOString(),
      outcome,
    });
    return outcome;
  }

  /**
   * Tries each record, again after each wait while worth it; stops after the first record
   * whose retries found the server down, so a run does not wait out every record in turn.
   */
  async function tryEach(
    vault: Vault,
    unlock: RecordKeys,
    ids: string[],
    result: PushRunResult,
  ): Promise<void> {
    const read = recordReader(vault, unlock, deps.clinic, deps.readingWordsPerMinute);
    for (const row of vault.iterateSubmissions({ ids })) {
      const record = read(row);
      const pdf = await renderRecordPdf(record);
      let outcome = await attempt(vault, record, pdf);
      for (const delay of deps.retryDelaysMs) {
        if (outcome.state !== 'retry') {
          break;
        }
        await sleep(delay);
        outcome = await attempt(vault, record, pdf);
      }
      result.tried += 1;
      result[outcome.state] += 1;
      if (outcome.state !== 'pushed') {
        const { state, httpStatus, reason } = outcome;
        result.failures.push({ submissionId: record.submissionId, state, httpStatus, reason });
      }
      if (outcome.state === 'retry' && SERVER_DOWN_REASONS.has(outcome.reason)) {
        return;
      }
    }
  }

  function auditRun(actor: string, result: PushRunResult, aborted: boolean): void {
    try {
      deps.audit({
        actor,
        action: 'push_run',
        details: {
          server: pusher.server,
          tried: result.tried,
          pushed: result.pushed,
          retry: result.retry,
          rejected: result.rejected,
          untried: result.untried,
          failures: result.failures,
          ...(aborted ? { aborted: true } : {}),
        },
      });
    } catch (error) {
      console.error(`auditRun: the push run was not audited: ${errorName(error)}`);
    }
  }

  return {
    server: pusher.server,
    async pushSubmitted(vault, payload, made) {
      const { submissionId } = payload;
      inFlight.add(submissionId);
      try {
        await nextTurn();
        const record =
          made ?? submittedRecord(vault, payload, deps.clinic, deps.readingWordsPerMinute);
        const outcome = await attempt(vault, record, await renderRecordPdf(record));
        deps.audit({
          actor: 'kiosk',
          action: 'record_push',
          details: {
            submissionId,
            server: pusher.server,
            ...summaryOf(outcome),
          },
        });
      } catch (error) {
        // The record is stored and waits as "not pushed": a staff run sends it later.
        console.error(
          `pushSubmitted: submission ${submissionId} was not pushed: ${errorName(error)}`,
        );
      } finally {
        inFlight.delete(submissionId);
      }
    },
    async run(unlock, request, actor) {
      const vault = deps.openVault();
      // Not the ones being pushed at submit right now: sent twice at once otherwise.
      const ids = vault
        .notPushedIds({
          ...(request.includeRejected === true ? { includeRejected: true } : {}),
          ...(request.limit === undefined ? {} : { limit: request.limit }),
        })
        .filter((id) => !inFlight.has(id));
      const result: PushRunResult = {
        server: pusher.server,
        tried: 0,
        pushed: 0,
        retry: 0,
        rejected: 0,
        untried: 0,
        failures: [],
      };
      try {
        await tryEach(vault, unlock, ids, result);
      } catch (error) {
        // Staff keys wiped or the vault closed mid-run: what was done is still on the record.
        auditRun(actor, { ...result, untried: ids.length - result.tried }, true);
        throw error;
      }
      result.untried = ids.length - result.tried;
      auditRun(actor, result, false);
      return result;
    },
    close: () => pusher.close(),
  };
}

/** A record's retries used up with these: the server is down for all, so the run stops. */
const SERVER_DOWN_REASONS: ReadonlySet<string> = new Set([
  'unreachable',
  'timeout',
  'unauthorized',
  'server error',
]);

/** An error's name and code only: its message may carry a record's words. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) {
    return typeof error;
  }
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}

function summaryOf(outcome: PushOutcome): Record<string, unknown> {
  return outcome.state === 'pushed'
    ? { outcome: 'pushed' }
    : { outcome: outcome.state, httpStatus: outcome.httpStatus, reason: outcome.reason };
}
