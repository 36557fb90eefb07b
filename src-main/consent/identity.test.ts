import { describe, expect, it } from 'vitest';
import { checkDateOfBirth, checkFullName, checkIdentity, localDate } from './identity';

const TODAY = '2026-11-27';

describe('checkFullName', () => {
  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['a'.repeat(121), 'too_long'],
    // A right-to-left override would show "Ada Lovelace" for a name stored otherwise.
    ['Ada \u202Eecalevol', 'invisible_character'],
    ['Ada Love\u200Blace', 'invisible_character'],
    ['Ada\u2066 Lovelace\u2069', 'invisible_character'],
    ['Ada\u0000Lovelace', 'invisible_character'],
  ])('refuses %j with %s', (name, reason) => {
    expect(checkFullName(name)).toBe(reason);
  });

  it.each([
    "Zoë O'Brien-Łukasiewicz",
    'José María  Núñez',
    'Nguyễn Thị Minh Khai',
    'Anne-Marie D’Arcy',
    'J. R. Smith',
    // As people write them (W3C, "Personal names around the world"): suffixes after a comma,
    // digits, and text that only looks like a formula (the CSV writer neutralises those).
    "Zoë Quill-Marchetti O'Brien, Jr.",
    'Henry Ford 2nd',
    'Robert 3rd',
    '-Leading',
    '=HYPERLINK("x")',
  ])('accepts %j', (name) => {
    expect(checkFullName(name)).toBeUndefined();
  });
});

describe('checkDateOfBirth', () => {
  it.each([
    ['', 'required'],
    ['27/11/1990', 'invalid_date'],
    ['1990-07', 'invalid_date'],
    ['1990-1-05', 'invalid_month'],
    ['1990-13-01', 'invalid_month'],
    ['1990-00-01', 'invalid_month'],
    // A US client's 07/14/1982 read day first: month 14.
    ['1982-14-07', 'invalid_month'],
    ['82-07-14', 'invalid_year'],
    ['-07-14', 'invalid_year'],
    ['1990-07-', 'invalid_day'],
    ['1990-07-00', 'invalid_day'],
    ['1990-07-32', 'invalid_day'],
    ['1990-04-31', 'invalid_day'],
    ['2001-02-30', 'invalid_day'],
    ['2023-02-29', 'invalid_day'],
    ['1900-02-29', 'invalid_day'],
    ['2026-11-28', 'future_date'],
    ['2999-01-01', 'future_date'],
    ['1890-01-01', 'too_old'],
    ['0004-02-29', 'too_old'],
  ])('refuses %j with %s', (value, reason) => {
    expect(checkDateOfBirth(value, TODAY)).toBe(reason);
  });

  it.each(['2024-02-29', '2000-02-29', '1990-06-15', '1982-07-14', TODAY, '1896-11-27'])(
    'accepts %j',
    (value) => {
      expect(checkDateOfBirth(value, TODAY)).toBeUndefined();
    },
  );

  it('names the month before the day when both are wrong, since the day depends on it', () => {
    expect(checkDateOfBirth('1990-13-32', TODAY)).toBe('invalid_month');
  });
});

describe('checkIdentity', () => {
  it('reports every bad field at once', () => {
    expect(checkIdentity('', '2001-02-30', TODAY)).toEqual({
      ok: false,
      fields: { fullName: 'required', dateOfBirth: 'invalid_day' },
    });
  });

  it('normalises white space in the accepted name', () => {
    expect(checkIdentity('  Ada   Lovelace ', '1815-12-10', '1900-01-01')).toEqual({
      ok: true,
      identity: { fullName: 'Ada Lovelace', dateOfBirth: '1815-12-10' },
    });
  });

  it("stores a US client's name and July 14, 1982 as given: ISO date, name in NFC", () => {
    expect(checkIdentity("Zoe\u0308 Quill-Marchetti O'Brien, Jr.", '1982-07-14', TODAY)).toEqual({
      ok: true,
      identity: { fullName: "Zoë Quill-Marchetti O'Brien, Jr.", dateOfBirth: '1982-07-14' },
    });
  });
});

describe('localDate', () => {
  it('formats the local calendar date', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
