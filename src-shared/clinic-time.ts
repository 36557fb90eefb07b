/**
 * The clinic's clock, for main and the renderer alike: every date or time a person reads (the
 * screens, the PDF, the CSV, an export's folder name) and every day range staff give (the
 * console's filters, the CLI's `--from`/`--to`) is in the clinic's IANA time zone, named in
 * `resources/clinic/profile.json`. Instants are stored in UTC (`toISOString`); this module is
 * the one place that turns them into local days and times and back, with `Intl.DateTimeFormat`
 * (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/DateTimeFormat),
 * so no offset, daylight-saving rule or month name is ours. Node and Chromium both carry full ICU.
 *
 * A calendar date (a date of birth, `YYYY-MM-DD`) is never shifted by any time zone.
 * Anything that is not a date or an instant is returned as it came, so a damaged record still
 * shows what it holds.
 */

/** True when `Intl` knows `zone` as a time zone. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock fields of an instant, and the zone's offset from UTC then, in minutes. */
interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const PART_FORMATS = new Map<string, Intl.DateTimeFormat>();

function partFormat(zone: string): Intl.DateTimeFormat {
  let format = PART_FORMATS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    PART_FORMATS.set(zone, format);
  }
  return format;
}

function localParts(ms: number, zone: string): LocalParts {
  const fields: Record<string, string> = {};
  for (const part of partFormat(zone).formatToParts(ms)) {
    fields[part.type] = part.value;
  }
  const year = Number(fields.year);
  const [month, day, hour, minute, second] = ['month', 'day', 'hour', 'minute', 'second'].map(
    (name) => Number(fields[name]),
  ) as [number, number, number, number, number];
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const wallClock = utcMs(year, month, day, hour, minute, second) + millisecond;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    offsetMinutes: Math.round((wallClock - ms) / 60_000),
  };
}

/** `Date.UTC` for any year (it reads 0–99 as 1900–1999). */
function utcMs(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, 0);
  return date.getTime();
}

function instantMs(iso: string): number | null {
  const ms = new Date(iso).getTime();
  return /^\d{4}-\d{2}-\d{2}T/.test(iso) && !Number.isNaN(ms) ? ms : null;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function dayOf(parts: LocalParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** `-05:00` (`compact`: `-0500`). */
function offsetText(minutes: number, compact = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${compact ? '' : ':'}${pad(abs % 60)}`;
}

/** The clinic's calendar day of an instant: `2026-12-01T01:30:00.000Z` → `2026-11-30` in New York. */
export function localDay(iso: string, zone: string): string {
  const ms = instantMs(iso);
  return ms === null ? iso : dayOf(localParts(ms, zone));
}

/**
 * ISO 8601 with the clinic's offset, for programs (the CSV): `2026-11-30T20:30:00-05:00`, with
 * milliseconds when the instant has them (`20:30:00.250-05:00`), so nothing stored is lost.
 */
export function localIsoTime(iso: string, zone: string): string {
  const ms = instantMs(iso);
  if (ms === null) {
    return iso;
  }
  const parts = localParts(ms, zone);
  const fraction = parts.millisecond === 0 ? '' : `.${pad(parts.millisecond, 3)}`;
  return `${dayOf(parts)}T${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}${fraction}${offsetText(parts.offsetMinutes)}`;
}

/**
 * A printed record's time: `2026-11-30 20:30:00.000 -05:00`, the local time with its offset and
 * nothing rounded away, so the UTC instant can always be worked out from the paper.
 */
export function localTimestamp(iso: string, zone: string): string {
  const ms = instantMs(iso);
  if (ms === null) {
    return iso;
  }
  const parts = localParts(ms, zone);
  return `${dayOf(parts)} ${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}.${pad(parts.millisecond, 3)} ${offsetText(parts.offsetMinutes)}`;
}

/** A name every file system accepts: `20261130T203000-0500`. */
export function compactLocalTime(iso: string, zone: string): string {
  const ms = instantMs(iso);
  if (ms === null) {
    throw new RangeError(`compactLocalTime: "${iso}" is not an instant`);
  }
  const parts = localParts(ms, zone);
  return `${pad(parts.year, 4)}${pad(parts.month)}${pad(parts.day)}T${pad(parts.hour)}${pad(parts.minute)}${pad(parts.second)}${offsetText(parts.offsetMinutes, true)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The first instant of the clinic's calendar day `day` (`YYYY-MM-DD`), as a UTC ISO string: the
 * wall-clock midnight, or, where the clocks skip midnight, the first moment that exists.
 */
export function localDayStart(day: string, zone: string): string {
  const match = DATE.exec(day);
  if (!match) {
    throw new RangeError(`localDayStart: "${day}" is not a calendar date YYYY-MM-DD`);
  }
  const midnight = utcMs(Number(match[1]), Number(match[2]), Number(match[3]));
  // Offsets can differ before and after midnight: settle on one that gives back the same day.
  let guess = midnight - localParts(midnight, zone).offsetMinutes * 60_000;
  for (let i = 0; i < 3; i++) {
    const next = midnight - localParts(guess, zone).offsetMinutes * 60_000;
    if (next === guess) {
      break;
    }
    guess = next;
  }
  // A skipped midnight lands on the previous day's last hour: step to the first hour of `day`.
  while (dayOf(localParts(guess, zone)) < day) {
    guess += 60 * 60_000;
  }
  return new Date(guess).toISOString();
}

/** The calendar day after `day` (`YYYY-MM-DD`). */
export function nextCalendarDay(day: string): string {
  const match = DATE.exec(day);
  if (!match) {
    throw new RangeError(`nextCalendarDay: "${day}" is not a calendar date YYYY-MM-DD`);
  }
  const next = new Date(utcMs(Number(match[1]), Number(match[2]), Number(match[3]) + 1));
  return next.toISOString().slice(0, 10);
}

/**
 * A range of the clinic's days (`from`, `to` both included) as UTC instants: `since` is the
 * start of `from`, `before` the start of the day after `to`.
 */
export function localDayRange(
  range: { from?: string | undefined; to?: string | undefined },
  zone: string,
): { since?: string; before?: string } {
  return {
    ...(range.from === undefined ? {} : { since: localDayStart(range.from, zone) }),
    ...(range.to === undefined ? {} : { before: localDayStart(nextCalendarDay(range.to), zone) }),
  };
}

// ---------------------------------------------------------------------------------------
// Words for people: the long date of a language ("July 14, 1982", "14 de julio de 1982").
// ---------------------------------------------------------------------------------------

const LONG_DATE = { dateStyle: 'long' } as const;

/** The UTC midnight of a `YYYY-MM-DD` date, or null when it is not one. */
function calendarDate(isoDate: string): Date | null {
  if (!DATE.test(isoDate)) {
    return null;
  }
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `1982-07-14` → "July 14, 1982", whatever the time zone. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  const date = calendarDate(isoDate);
  return date
    ? new Intl.DateTimeFormat(locale, { ...LONG_DATE, timeZone: 'UTC' }).format(date)
    : isoDate;
}

/** The day of an instant in the clinic's time zone: "March 14, 2025". */
export function formatDate(iso: string, zone: string | undefined, locale: string): string {
  const ms = instantMs(iso);
  return ms === null
    ? iso
    : new Intl.DateTimeFormat(locale, { ...LONG_DATE, ...zoneOption(zone) }).format(ms);
}

/** An instant with its time of day: "March 14, 2025 at 9:30 AM" (with seconds: "9:30:12 AM"). */
export function formatDateTime(
  iso: string,
  zone: string | undefined,
  locale: string,
  withSeconds = false,
): string {
  const ms = instantMs(iso);
  return ms === null
    ? iso
    : new Intl.DateTimeFormat(locale, {
        ...LONG_DATE,
        timeStyle: withSeconds ? 'medium' : 'short',
        ...zoneOption(zone),
      }).format(ms);
}

/** The day of an instant with the month abbreviated, for a chart's axis: "Mar 14, 2025". */
export function formatAxisDate(iso: string, zone: string | undefined, locale: string): string {
  const ms = instantMs(iso);
  return ms === null
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zoneOption(zone) }).format(ms);
}

/** Unknown (before the kiosk's info arrives): the system's zone, which Intl uses by default. */
function zoneOption(zone: string | undefined): { timeZone?: string } {
  return zone === undefined ? {} : { timeZone: zone };
}

/**
 * An instant as the clinic's local date and time, with the zone named, in a language's words:
 * `2026-12-01T19:17:48.000Z` → "December 1, 2026 at 2:17 PM EST" (en-US, America/New_York), as
 * a client's copy and a signature line print it; anything that is not an instant as it came.
 */
export function formatLocalDateTime(iso: string, locale: string, zone: string): string {
  const ms = instantMs(iso);
  if (ms === null) {
    return iso;
  }
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  }).format(ms);
  const name = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: zone })
    .formatToParts(ms)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name ? `${dateTime} ${name}` : dateTime;
}
