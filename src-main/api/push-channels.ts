/**
 * The clinic's FHIR server, for an unlocked administrator: send the waiting records now, see
 * what waits and why (the server's own words opened with the staff keys), and the kiosk's
 * public key for the server's registration.
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers, PushFailure } from '../contract';
import { KioskFailure } from '../failure';
import { ensurePushKey, pushJwks, rotatePushKey, type PushService } from '../push';
import { actorOf } from '../staff/staff-session';
import type { RecordKeys, Vault } from '../vault';

type PushChannel = Extract<keyof ChannelHandlers, `push.${string}`>;

const FAILURES_SHOWN = 50;

export function pushChannels(ctx: ApiContext): ChannelHandlers<PushChannel> {
  return {
    'push.run': async (request) => {
      const unlock = ctx.staff.require();
      const { includeRejected, limit } = request;
      return await configured(ctx).run(
        unlock,
        {
          ...(includeRejected === undefined ? {} : { includeRejected }),
          ...(limit === undefined ? {} : { limit }),
        },
        actorOf(unlock),
      );
    },
    'push.status': () => {
      const unlock = ctx.staff.require();
      const vault = ctx.openVault();
      const shown = failures(vault, unlock);
      const opened = shown
        .filter((failure) => failure.serverMessage !== null)
        .map((failure) => failure.submissionId);
      if (opened.length > 0) {
        ctx.audit({
          actor: actorOf(unlock),
          action: 'push_failures_read',
          details: { submissionIds: opened },
        });
      }
      return { server: ctx.push?.server ?? null, ...vault.pushCounts(), failures: shown };
    },
    'push.key': ({ rotate }) => {
      const unlock = ctx.staff.require();
      const vault = ctx.openVault();
      if (rotate === true) {
        const { oldKid, newKid } = rotatePushKey(vault);
        ctx.audit({
          actor: actorOf(unlock),
          action: 'push_key_rotated',
          details: { oldKid, newKid },
        });
      }
      const key = ensurePushKey(vault);
      return { kid: key.kid, jwks: pushJwks(key) };
    },
  };
}

function configured(ctx: ApiContext): PushService {
  if (ctx.push === null) {
    throw new KioskFailure(
      'NOT_ALLOWED',
      'This kiosk sends no records to a FHIR server: kiosk.json sets no "fhirPush".',
    );
  }
  return ctx.push;
}

/** Tried and not pushed, oldest first: the first 50, each with the server's message opened. */
function failures(vault: Vault, unlock: RecordKeys): PushFailure[] {
  const shown: PushFailure[] = [];
  for (const submissionId of vault.notPushedIds({ includeRejected: true })) {
    const row = vault.pushState(submissionId);
    if (row === undefined || row.state === 'pushed') {
      continue;
    }
    shown.push({
      submissionId,
      state: row.state,
      httpStatus: row.httpStatus,
      reason: row.reason ?? '',
      attempts: row.attempts,
      lastAttemptAt: row.lastAttemptAt,
      serverMessage: row.detailSealed === null ? null : unlock.openSubmission(row.detailSealed),
    });
    if (shown.length === FAILURES_SHOWN) {
      break;
    }
  }
  return shown;
}
