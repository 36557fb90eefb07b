import { describe, expect, it } from 'vitest';
import {
  compactLocalTime,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatLocalDateTime,
  isTimeZone,
  localDay,
  localDayRange,
  localDayStart,
  localIsoTime,
  localTimestamp,
} from './clinic-time';

const NY = 'America/New_York';
/** 20:30 on 2026-11-30 in New Hampshire (EST, UTC−5): already 1 December in UTC. */
const EVENING = '2026-12-01T01:30:00.000Z';

describe('the clinic clock', () => {
  it('dates an evening record on its local day, not the UTC one', () => {
    expect(localDay(EVENING, NY)).toBe('2026-11-30');
    expect(localDay(EVENING, 'UTC')).toBe('2026-12-01');
  });

  it('writes ISO 8601 with the offset, milliseconds only when there are some', () => {
    expect(localIsoTime(EVENING, NY)).toBe('2026-11-30T20:30:00-05:00');
    expect(localIsoTime('2026-07-04T16:00:00.250Z', NY)).toBe('2026-07-04T12:00:00.250-04:00');
    expect(localIsoTime('2026-07-04T16:00:00.000Z', 'Asia/Kolkata')).toBe(
      '2026-07-04T21:30:00+05:30',
    );
  });

  it('prints a record time with its offset and nothing rounded away', () => {
    expect(localTimestamp('2026-12-01T01:30:05.123Z', NY)).toBe('2026-11-30 20:30:05.123 -05:00');
  });

  it('names folders by local time with the offset', () => {
    expect(compactLocalTime(EVENING, NY)).toBe('20261130T203000-0500');
  });

  it('turns a local day into UTC bounds, across daylight saving time', () => {
    expect(localDayStart('2026-11-30', NY)).toBe('2026-11-30T05:00:00.000Z');
    expect(localDayStart('2026-07-04', NY)).toBe('2026-07-04T04:00:00.000Z');
    // 2026-11-01: clocks go back at 02:00, the day is 25 hours long.
    expect(localDayRange({ from: '2026-11-01', to: '2026-11-01' }, NY)).toEqual({
      since: '2026-11-01T04:00:00.000Z',
      before: '2026-11-02T05:00:00.000Z',
    });
    // Santiago skips midnight on its spring-forward day: the day starts at 01:00.
    expect(localDay(localDayStart('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe(
      '2026-09-06',
    );
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isTimeZone(NY)).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    for (const zone of ['America/Springfield', 'EST5EDT6', '', 'New York']) {
      expect(isTimeZone(zone)).toBe(false);
    }
  });

  it('words days and times in the clinic zone and the reader language', () => {
    expect(formatDate(EVENING, NY, 'en')).toBe('November 30, 2026');
    expect(formatDateTime(EVENING, NY, 'en')).toMatch(/^November 30, 2026 at 8:30\sPM$/);
    expect(formatDate(EVENING, NY, 'es')).toBe('30 de noviembre de 2026');
    expect(formatCalendarDate('2000-01-01', 'en')).toBe('January 1, 2000');
  });

  it('returns what is not a date or time as it came', () => {
    expect(localDay('soon', NY)).toBe('soon');
    expect(localIsoTime('', NY)).toBe('');
    expect(formatDate('', NY, 'en')).toBe('');
    expect(formatCalendarDate('14/07/1982', 'en')).toBe('14/07/1982');
  });
});

describe('formatLocalDateTime', () => {
  // ICU may put a narrow no-break space before "PM": compared with spaces folded.
  const fold = (text: string): string => text.replace(/\s/g, ' ');

  it("writes an instant as the clinic's date and time with its zone, in a language's words", () => {
    const at = '2026-12-01T01:30:00.000Z';
    expect(fold(formatLocalDateTime(at, 'en-US', 'America/New_York'))).toBe(
      'November 30, 2026 at 8:30 PM EST',
    );
    expect(fold(formatLocalDateTime(at, 'es', 'America/New_York'))).toMatch(
      /^30 de noviembre de 2026, 20:30 |^30 de noviembre de 2026 a las 20:30 /,
    );
  });

  it('returns what is not an instant as it came', () => {
    for (const value of ['', 'yesterday', '1982-07-14x', 'not-a-date']) {
      expect(formatLocalDateTime(value, 'en-US', 'America/New_York')).toBe(value);
    }
  });
});
