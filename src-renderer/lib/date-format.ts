/**
 * How every screen writes a date for a person: one style, the long date of the kiosk's language
 * ("July 14, 1982" in US English, "14 de julio de 1982" in Spanish), from `Intl.DateTimeFormat`
 * (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/DateTimeFormat),
 * so no month name or word order is ours. A calendar date (a date of birth, `YYYY-MM-DD`) is
 * written as given, never shifted by a time zone; an instant (when something happened) is
 * written in the kiosk's time zone. Anything that is not a date is returned as it came.
 */
import { currentLocale } from './i18n';

const LONG_DATE = { dateStyle: 'long' } as const;

/** The UTC midnight of a `YYYY-MM-DD` date, or null when it is not one. */
function calendarDate(isoDate: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    return null;
  }
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function instant(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `1982-07-14` → "July 14, 1982", whatever the time zone. */
export function formatCalendarDate(isoDate: string, locale = currentLocale()): string {
  const date = calendarDate(isoDate);
  return date
    ? new Intl.DateTimeFormat(locale, { ...LONG_DATE, timeZone: 'UTC' }).format(date)
    : isoDate;
}

/** The day of an instant, in the kiosk's time zone: "March 14, 2025". */
export function formatDate(iso: string, locale = currentLocale()): string {
  const date = instant(iso);
  return date ? new Intl.DateTimeFormat(locale, LONG_DATE).format(date) : iso;
}

/** An instant with its time of day: "March 14, 2025 at 9:30 AM" (with seconds: "9:30:12 AM"). */
export function formatDateTime(iso: string, withSeconds = false, locale = currentLocale()): string {
  const date = instant(iso);
  return date
    ? new Intl.DateTimeFormat(locale, {
        ...LONG_DATE,
        timeStyle: withSeconds ? 'medium' : 'short',
      }).format(date)
    : iso;
}

/**
 * The day of an instant under a chart's axis, where a long month name would run into its
 * neighbour: the same order as the long style, the month abbreviated ("Mar 14, 2025").
 */
export function formatAxisDate(iso: string, locale = currentLocale()): string {
  const date = instant(iso);
  return date ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date) : iso;
}

/**
 * As much of a date as a client has typed, in words, for reading back while they type: the
 * month alone ("July"), with its day ("July 14") or its year ("July 1982"), or the whole date
 * in the long style. `month` is 1 to 12; a day must exist in that month (of a leap year, when
 * no year is given).
 */
export function formatPartialDate(
  { year, month, day }: { year?: number | undefined; month: number; day?: number | undefined },
  locale = currentLocale(),
): string {
  const date = new Date(0);
  // Without a year, 2000 (a leap year) lets February 29 be read back.
  date.setUTCFullYear(year ?? 2000, month - 1, day ?? 1);
  const options: Intl.DateTimeFormatOptions =
    year !== undefined && day !== undefined
      ? LONG_DATE
      : {
          month: 'long',
          ...(day !== undefined ? { day: 'numeric' } : {}),
          ...(year !== undefined ? { year: 'numeric' } : {}),
        };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}
