/**
 * A calendar date in words for a printed record, in the style the kiosk's screens use
 * (`src-renderer/lib/date-format.ts`): the long US English date, "July 14, 1982". The PDF's
 * other words are English, so its dates are too, whatever language the client read. Written in
 * UTC because a date of birth is a calendar date, not an instant. The CSV and FHIR exports keep
 * `YYYY-MM-DD`, for programs.
 */
const LONG_US = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** `1982-07-14` → "July 14, 1982"; anything that is not a `YYYY-MM-DD` date, as it came. */
export function formatCalendarDate(isoDate: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? new Date(`${isoDate}T00:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? LONG_US.format(date) : isoDate;
}
