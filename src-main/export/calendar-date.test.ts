import { describe, expect, it } from 'vitest';
import { formatCalendarDate } from './calendar-date';

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
