/** The client-facing channels: one client's walk from "Begin" to a sealed submission. */
import { randomUUID } from 'node:crypto';
import type { ApiContext } from './api-context';
import { appendAudit } from '../audit';
import { submissionRowOf, type SubmissionPayload } from '../consent';
import type { ChannelHandlers, RecordDocument } from '../contract';
import { KioskFailure } from '../failure';
import { submittedRecord } from '../push';
import { isDiskFullError, type Vault } from '../vault';
import { printCopy } from './print-copy';

type SessionChannel = Extract<keyof ChannelHandlers, `session.${string}`>;

export function sessionChannels(ctx: ApiContext): ChannelHandlers<SessionChannel> {
  return {
    'session.start': ({ locale, packId }) => {
      const programme = packId === undefined ? ctx.programmes.first : ctx.programmes.find(packId);
      if (!programme) {
        throw new KioskFailure('INVALID_INPUT', 'This kiosk does not offer that programme.', {
          fields: { packId: 'unknown_programme' },
        });
      }
      ctx.openVault();
      ctx.alerts.resumeDeliveries();
      const paused = ctx.pauseReason();
      if (paused !== null) {
        throw new KioskFailure(
          'KIOSK_PAUSED',
          paused === 'storage-low'
            ? 'The kiosk is low on storage and takes no new clients. Please see the front desk.'
            : 'The kiosk is paused. Please see the front desk.',
        );
      }
      // A client is at the screen: the kiosk is in client mode, so any staff unlock ends.
      ctx.lockStaff('client_mode');
      // Record the locale actually shown (the pack falls back when it lacks the one asked for).
      const pack = programme.toClient(locale);
      const session = ctx.sessions.start(programme, pack.locale);
      return { sessionId: session.id, pack };
    },
    'session.enterStep': ({ sessionId, stepId }) => {
      ctx.sessions.get(sessionId).enterStep(stepId);
      return { stepId };
    },
    'session.answerCheck': ({ sessionId, stepId, optionId }) =>
      ctx.sessions.get(sessionId).answerCheck(stepId, optionId),
    'session.acknowledge': ({ sessionId, stepId, statementIds }) =>
      ctx.sessions.get(sessionId).acknowledge(stepId, statementIds),
    'session.answerQuestionnaire': ({ sessionId, stepId, answers, answeredIn }) => {
      const session = ctx.sessions.get(sessionId);
      const { scored, outcome } = session.answerQuestionnaire(stepId, answers, answeredIn);
      // Raised now, not at submit: a client who walks away after this answer still leaves it.
      for (const rule of scored.rulesFired) {
        try {
          session.alertOnce(stepId, rule.ruleId, () => {
            ctx.alerts.raise({ kind: rule.alert, ruleId: rule.ruleId });
          });
        } catch (error) {
          if (!isDiskFullError(error)) {
            throw error;
          }
          // The client still gets the support screen (988, "speak to staff now"): a full disk
          // must not hide it. The alert is not marked raised, so the next answer of this step
          // raises it once there is room; the front desk already sees the kiosk low on storage.
          console.error(
            `session.answerQuestionnaire: the disk is full; alert ${rule.ruleId} not stored yet`,
          );
          ctx.storage();
        }
      }
      return outcome;
    },
    'session.videoProgress': ({ sessionId, stepId, played, durationSeconds, ended }) =>
      ctx.sessions.get(sessionId).videoProgress(stepId, { played, durationSeconds, ended }),
    'session.setIdentity': ({ sessionId, fullName, dateOfBirth }) =>
      ctx.sessions.get(sessionId).setIdentity(fullName, dateOfBirth),
    'session.setSignature': ({ sessionId, ...signature }) => {
      ctx.sessions.get(sessionId).setSignature(signature);
      return { accepted: true };
    },
    'session.setLocale': ({ sessionId, locale }) => {
      const session = ctx.sessions.get(sessionId);
      const pack = session.setLocale(locale);
      return { pack, ...session.restated() };
    },
    'session.submit': ({ sessionId }) => {
      const vault = ctx.openVault();
      const session = ctx.sessions.get(sessionId);
      const submissionId = randomUUID();
      const payload = session.complete(submissionId, vault.kioskId);
      try {
        // The text the client saw must stay readable after the pack changes: keep it by hash.
        ctx.ensureContentSnapshot(vault);
        // The vault seals the payload to the clinic's public key; only metadata stays readable.
        // Stored and audited together: a record the log does not show is not kept either. The
        // entry goes in straight, not through ctx.audit's queue, so that a rollback takes it too.
        vault.atomically(() => {
          vault.insertSubmission(submissionRowOf(payload));
          appendAudit(
            vault,
            {
              actor: 'kiosk',
              action: 'submission_created',
              details: { submissionId, submittedAt: payload.submittedAt },
            },
            ctx.now(),
          );
        });
      } catch (error) {
        if (!isDiskFullError(error)) {
          throw error;
        }
        // Rolled back, nothing kept; the session stays so the same answers can go again.
        console.error(`session.submit: the disk is full; submission ${submissionId} not stored`);
        ctx.storage();
        throw new KioskFailure(
          'STORAGE_FULL',
          'The kiosk has run out of storage, so this form was not saved yet. Your answers are kept on this screen; please see the front desk.',
        );
      }
      // Only once the row is durable does the session go: a failed write leaves it to retry.
      ctx.sessions.discard(sessionId);
      const copy = holdClientCopy(ctx, vault, sessionId, payload);
      // Not awaited: the push starts after this answer, and records its own outcome.
      void ctx.push?.pushSubmitted(vault, payload, copy ?? undefined);
      // Seen now, not at the next client: the front desk and the webhook hear of low storage.
      ctx.storage();
      return { submissionId, copyHeld: copy !== null };
    },
    'session.discard': ({ sessionId }) => ({ discarded: ctx.sessions.discard(sessionId) }),
    'session.printCopy': async ({ sessionId }) => {
      const { record, printsLeft } = ctx.sessions.takeCopy(sessionId);
      await printCopy(ctx, record, 'kiosk');
      return { printed: true, printsLeft };
    },
  };
}

/**
 * Where a printer is configured, the client's copy waits in memory for "Print my copy", made
 * from the payload just sealed while main still holds it (ARCHITECTURE.md, Data); the push at
 * submit reuses it. The record is stored by now: a copy that cannot be made is logged and not
 * offered, never a failed submit. Null when no copy is held.
 */
function holdClientCopy(
  ctx: ApiContext,
  vault: Vault,
  sessionId: string,
  payload: SubmissionPayload,
): RecordDocument | null {
  if (ctx.printer === null) {
    return null;
  }
  try {
    const record = submittedRecord(vault, payload, ctx.clinic, ctx.options.readingWordsPerMinute);
    ctx.sessions.holdCopy(sessionId, record);
    return record;
  } catch (error) {
    console.error(`holdClientCopy: no copy for submission ${payload.submissionId}`, error);
    return null;
  }
}
