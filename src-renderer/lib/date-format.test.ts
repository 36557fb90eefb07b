import { describe, expect, it } from 'vitest';
import {
  formatAxisDate,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatPartialDate,
  useClinicTimeZone,
} from './date-format';

describe('formatCalendarDate', () => {
  it('writes a date of birth in the long US style, in the kiosk language by default', () => {
    expect(formatCalendarDate('1982-07-14')).toBe('July 14, 1982');
    expect(formatCalendarDate('1982-07-14', 'en')).toBe('July 14, 1982');
  });

  it("follows the locale's own order and words", () => {
    expect(formatCalendarDate('1982-07-14', 'es')).toBe('14 de julio de 1982');
  });

  it('is never shifted by a time zone: the first of January stays in its year', () => {
    expect(formatCalendarDate('2000-01-01', 'en')).toBe('January 1, 2000');
  });

  it('returns anything that is not a YYYY-MM-DD date as it came', () => {
    for (const value of ['', 'unknown', '14/07/1982', '1982-7-14']) {
      expect(formatCalendarDate(value, 'en')).toBe(value);
    }
  });
});

describe('instants', () => {
  // Noon UTC is the same day in every time zone a kiosk would be in.
  const noon = '2025-03-14T12:00:00.000Z';

  it('writes the day of an instant in the same long style', () => {
    expect(formatDate(noon, 'en')).toBe('March 14, 2025');
  });

  it('writes the long date and the time of day', () => {
    expect(formatDateTime(noon, false, 'en')).toMatch(/^March 14, 2025 at \d{1,2}:00\s[AP]M$/);
    expect(formatDateTime(noon, true, 'en')).toMatch(/^March 14, 2025 at \d{1,2}:00:00\s[AP]M$/);
  });

  it('abbreviates only the month under a chart axis', () => {
    expect(formatAxisDate(noon, 'en')).toBe('Mar 14, 2025');
  });

  it("writes an evening in the clinic's time zone on the clinic's day, not the UTC one", () => {
    useClinicTimeZone('America/New_York');
    // 20:30 on 30 November in New Hampshire is 01:30 on 1 December in UTC.
    expect(formatDate('2026-12-01T01:30:00.000Z', 'en')).toBe('November 30, 2026');
    expect(formatDateTime('2026-12-01T01:30:00.000Z', false, 'en')).toMatch(
      /^November 30, 2026 at 8:30\sPM$/,
    );
    useClinicTimeZone('Asia/Tokyo');
    expect(formatDate('2026-12-01T01:30:00.000Z', 'en')).toBe('December 1, 2026');
  });

  it('returns what is not a time as it came', () => {
    expect(formatDate('', 'en')).toBe('');
    expect(formatDateTime('soon', false, 'en')).toBe('soon');
  });
});

describe('formatPartialDate', () => {
  it('reads back as much of a date as is known', () => {
    expect(formatPartialDate({ month: 7 }, 'en')).toBe('July');
    expect(formatPartialDate({ month: 7, day: 14 }, 'en')).toBe('July 14');
    expect(formatPartialDate({ month: 7, year: 1982 }, 'en')).toBe('July 1982');
    expect(formatPartialDate({ month: 7, day: 14, year: 1982 }, 'en')).toBe('July 14, 1982');
  });

  it('lets February 29 be read back before the year is typed', () => {
    expect(formatPartialDate({ month: 2, day: 29 }, 'en')).toBe('February 29');
  });

  it('uses the words and order of the locale', () => {
    expect(formatPartialDate({ month: 7, day: 14 }, 'es')).toBe('14 de julio');
  });
});
