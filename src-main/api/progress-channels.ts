/**
 * One client's progress across visits, for an unlocked administrator: every record of the same
 * client as the one opened, with its PHQ-9 and GAD-7 totals, and response and remission marked
 * by intake/progress.ts. It reads every record in the vault, so opening it is audited.
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers, VisitScore } from '../contract';
import { normaliseName, type Identity, type SubmissionPayload } from '../consent';
import { KioskFailure } from '../failure';
import { GAD7, PHQ9, trackProgress, type VisitScores } from '../intake';
import { actorOf } from '../staff';
import type { SubmissionRow } from '../vault';
import { openPayload } from './records-channels';

/**
 * The kiosk has no client id: a client is the same normalised full name, whatever its case
 * ("ADA LOVELACE" typed on one visit, "Ada Lovelace" on the next), and the same date of birth,
 * so two people sharing a name are told apart by their birthdays.
 */
function sameClient(a: Identity, b: Identity): boolean {
  return nameKey(a.fullName) === nameKey(b.fullName) && a.dateOfBirth === b.dateOfBirth;
}

function nameKey(fullName: string): string {
  return normaliseName(fullName).toLowerCase();
}

function scoreOf(
  payload: SubmissionPayload,
  instrument: { stepId: string; totalId: string },
): VisitScore | null {
  const total = payload.questionnaires
    .find((questionnaire) => questionnaire.stepId === instrument.stepId)
    ?.totals.find((candidate) => candidate.totalId === instrument.totalId);
  return total ? { total: total.score, band: total.band } : null;
}

function visitScoresOf(row: SubmissionRow, payload: SubmissionPayload): VisitScores {
  return {
    submissionId: row.id,
    submittedAt: row.submittedAt,
    phq9: scoreOf(payload, PHQ9),
    gad7: scoreOf(payload, GAD7),
  };
}

export function progressChannels(ctx: ApiContext): ChannelHandlers<'submissions.progress'> {
  return {
    'submissions.progress': ({ submissionId }) => {
      const unlock = ctx.staff.require();
      const vault = ctx.openVault();
      const [opened] = vault.listSubmissions({ ids: [submissionId] });
      if (!opened) {
        throw new KioskFailure('NOT_FOUND', 'There is no such submission.');
      }
      const client = openPayload(opened, unlock).identity;
      const visits: VisitScores[] = [];
      for (const row of vault.iterateSubmissions({})) {
        const payload = openPayload(row, unlock);
        if (sameClient(payload.identity, client)) {
          visits.push(visitScoresOf(row, payload));
        }
      }
      ctx.audit({
        actor: actorOf(unlock),
        action: 'progress_viewed',
        details: { submissionId, visits: visits.length },
      });
      return { visits: trackProgress(visits) };
    },
  };
}
