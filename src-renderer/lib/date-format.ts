/**
 * How every screen writes a date for a person: one style, the long date of the kiosk's language
 * ("July 14, 1982" in US English, "14 de julio de 1982" in Spanish), in the clinic's time zone
 * (its profile's `timeZone`, set once the kiosk's info arrives), so the screens, the PDF and the
 * CSV agree on a record's day. The words and zones are src-shared/clinic-time.ts's, shared with
 * main; this file only adds the kiosk's language and zone. A calendar date (a date of birth) is
 * written as given, never shifted by a time zone.
 */
import {
  formatAxisDate as axisDate,
  formatCalendarDate as calendarDate,
  formatDate as dateOf,
  formatDateTime as dateTimeOf,
} from '../../src-shared/clinic-time';
import { currentLocale } from './i18n';

/** Until the kiosk's info arrives: the system's zone. */
let clinicTimeZone: string | undefined;

/** Every date and time from now on is written in `zone` (the clinic profile's). */
export function useClinicTimeZone(zone: string): void {
  clinicTimeZone = zone;
}

/** `1982-07-14` → "July 14, 1982", whatever the time zone. */
export function formatCalendarDate(isoDate: string, locale = currentLocale()): string {
  return calendarDate(isoDate, locale);
}

/** The clinic's day of an instant: "March 14, 2025". */
export function formatDate(iso: string, locale = currentLocale()): string {
  return dateOf(iso, clinicTimeZone, locale);
}

/** An instant with its time of day: "March 14, 2025 at 9:30 AM" (with seconds: "9:30:12 AM"). */
export function formatDateTime(iso: string, withSeconds = false, locale = currentLocale()): string {
  return dateTimeOf(iso, clinicTimeZone, locale, withSeconds);
}

/**
 * The day of an instant under a chart's axis, where a long month name would run into its
 * neighbour: the same order as the long style, the month abbreviated ("Mar 14, 2025").
 */
export function formatAxisDate(iso: string, locale = currentLocale()): string {
  return axisDate(iso, clinicTimeZone, locale);
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
      ? { dateStyle: 'long' }
      : {
          month: 'long',
          ...(day !== undefined ? { day: 'numeric' } : {}),
          ...(year !== undefined ? { year: 'numeric' } : {}),
        };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}
