import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatLocalDateTime } from './calendar-date';

describe('formatCalendarDate', () => {
  it('writes a date of birth as the screens do', () => {
    expect(formatCalendarDate('1982-07-14')).toBe('July 14, 1982');
    expect(formatCalendarDate('2000-01-01')).toBe('January 1, 2000');
  });

  it('returns what is not a date as it came, so a damaged record still shows what it holds', () => {
    for (const value of ['', '14/07/1982', '1982-02-30x']) {
      expect(formatCalendarDate(value)).toBe(value);
    }
  });
});

describe('formatLocalDateTime', () => {
  it('writes an instant as the local date and time with its zone, in the words of a language', () => {
    const at = '2026-12-01T19:17:48.000Z';
    // ICU may put a narrow no-break space before "PM": compared with spaces folded.
    const fold = (text: string): string => text.replace(/\s/g, ' ');
    expect(fold(formatLocalDateTime(at, 'en-US', 'America/Chicago'))).toBe(
      'December 1, 2026 at 1:17 PM CST',
    );
    expect(fold(formatLocalDateTime(at, 'es', 'America/Chicago'))).toMatch(
      /^1 de diciembre de 2026, 13:17 |^1 de diciembre de 2026 a las 13:17 /,
    );
    // Without a zone given: the kiosk's own, the same as the system's clock shows.
    expect(formatLocalDateTime(at)).toBe(
      formatLocalDateTime(at, 'en-US', Intl.DateTimeFormat().resolvedOptions().timeZone),
    );
  });

  it('returns what is not an instant as it came', () => {
    for (const value of ['', 'yesterday', '1982-07-14x', 'not-a-date']) {
      expect(formatLocalDateTime(value)).toBe(value);
    }
  });

  it('writes a date of birth in Spanish for a Spanish copy', () => {
    expect(formatCalendarDate('1982-07-14', 'es')).toBe('14 de julio de 1982');
  });
});
