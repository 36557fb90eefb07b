import { localDay, localDayRange } from '../../src-shared/clinic-time';
import { KioskFailure } from '../failure';
import type { SubmissionFilter } from '../vault';
import type { ApiContext } from './api-context';

/** A `from`–`to` day range (ISO dates compare as strings) must not run backwards. */
export function assertDateRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) {
    throw new KioskFailure('INVALID_INPUT', 'The start date is after the end date.', {
      fields: { from: 'invalid_range' },
    });
  }
}

/**
 * Staff's `from`–`to` (both included) as the instants that bound them: days are the clinic's,
 * in its time zone, so "30 November" holds a record signed there at 8:30 pm.
 */
export function clinicDays(
  ctx: Pick<ApiContext, 'clinic'>,
  from: string | undefined,
  to: string | undefined,
): Pick<SubmissionFilter, 'since' | 'before'> {
  assertDateRange(from, to);
  return localDayRange({ from: from || undefined, to: to || undefined }, ctx.clinic.timeZone);
}

/** Today, in the clinic's time zone, as the instants it starts and ends. */
export function clinicToday(ctx: Pick<ApiContext, 'clinic' | 'now'>): {
  since: string;
  before: string;
} {
  const day = localDay(ctx.now().toISOString(), ctx.clinic.timeZone);
  const { since, before } = localDayRange({ from: day, to: day }, ctx.clinic.timeZone);
  if (since === undefined || before === undefined) {
    throw new TypeError('clinicToday: a one-day range has both ends');
  }
  return { since, before };
}
