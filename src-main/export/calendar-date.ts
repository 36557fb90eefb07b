/**
 * Dates and times in words for a printed record, in the style the kiosk's screens use
 * (`src-renderer/lib/date-format.ts`).
 *
 * A calendar date (a date of birth) is written in UTC because it is a date, not an instant: the
 * long date, "July 14, 1982" (in Spanish, "14 de julio de 1982"). The staff PDF's other words
 * are English, so its dates are too, whatever language the client read; the client's own copy
 * is in their language. The CSV and FHIR exports keep `YYYY-MM-DD`, for programs.
 *
 * An instant shown as local time (when the client signed) is written in the kiosk's time zone:
 * this is the one place that picks it, so the staff PDF, the client's copy and the record view
 * follow any change to it together.
 */
const LONG_DATES = new Map<string, Intl.DateTimeFormat>();

function longDate(locale: string): Intl.DateTimeFormat {
  let format = LONG_DATES.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    LONG_DATES.set(locale, format);
  }
  return format;
}

/** `1982-07-14` → "July 14, 1982"; anything that is not a `YYYY-MM-DD` date, as it came. */
export function formatCalendarDate(isoDate: string, locale = 'en-US'): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? new Date(`${isoDate}T00:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? longDate(locale).format(date) : isoDate;
}

/**
 * An instant as the kiosk's local date and time, with its zone: `2026-12-01T19:17:48.000Z` →
 * "December 1, 2026 at 1:17 PM CST" (en-US, America/Chicago). `timeZone` defaults to the
 * kiosk's own (the operating system's); anything that is not an instant comes back as it came.
 */
export function formatLocalDateTime(iso: string, locale = 'en-US', timeZone?: string): string {
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(date.getTime())) {
    return iso;
  }
  const zone = timeZone === undefined ? {} : { timeZone };
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...zone,
  }).format(date);
  return `${dateTime} ${zoneName(date, locale, zone)}`;
}

/** "CST", "GMT-6": the zone, so a printed time says which clock it is. */
function zoneName(date: Date, locale: string, zone: { timeZone?: string }): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', ...zone }).formatToParts(
    date,
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}
