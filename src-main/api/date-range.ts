import { KioskFailure } from '../failure';

/** A `from`–`to` day range (ISO dates compare as strings) must not run backwards. */
export function assertDateRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) {
    throw new KioskFailure('INVALID_INPUT', 'The start date is after the end date.', {
      fields: { from: 'invalid_range' },
    });
  }
}
