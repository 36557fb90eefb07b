import { describe, expect, it } from 'vitest';
import { checkDateOfBirth, checkFullName, checkIdentity, localDate } from './identity';

const TODAY = '2026-11-27';

describe('checkFullName', () => {
  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['a'.repeat(121), 'too_long'],
    ['<script>alert(1)</script>', 'invalid_characters'],
    ['=HYPERLINK("x")', 'invalid_characters'],
    ['Robert 3rd', 'invalid_characters'],
    ['-Leading', 'invalid_characters'],
  ])('refuses %j with %s', (name, reason) => {
    expect(checkFullName(name)).toBe(reason);
  });

  it.each([
    "Zoë O'Brien-Łukasiewicz",
    'José María  Núñez',
    'Nguyễn Thị Minh Khai',
    'Anne-Marie D’Arcy',
    'J. R. Smith',
  ])('accepts %j', (name) => {
    expect(checkFullName(name)).toBeUndefined();
  });
});

describe('checkDateOfBirth', () => {
  it.each([
    ['', 'required'],
    ['27/11/1990', 'invalid_date'],
    ['1990-1-5', 'invalid_date'],
    ['2001-02-30', 'invalid_date'],
    ['1990-13-01', 'invalid_date'],
    ['2023-02-29', 'invalid_date'],
    ['2026-11-28', 'future_date'],
    ['2999-01-01', 'future_date'],
    ['1890-01-01', 'too_old'],
  ])('refuses %j with %s', (value, reason) => {
    expect(checkDateOfBirth(value, TODAY)).toBe(reason);
  });

  it.each(['2024-02-29', '1990-06-15', TODAY, '1896-11-27'])('accepts %j', (value) => {
    expect(checkDateOfBirth(value, TODAY)).toBeUndefined();
  });
});

describe('checkIdentity', () => {
  it('reports every bad field at once', () => {
    expect(checkIdentity('', '2001-02-30', TODAY)).toEqual({
      ok: false,
      fields: { fullName: 'required', dateOfBirth: 'invalid_date' },
    });
  });

  it('normalises white space in the accepted name', () => {
    expect(checkIdentity('  Ada   Lovelace ', '1815-12-10', '1900-01-01')).toEqual({
      ok: true,
      identity: { fullName: 'Ada Lovelace', dateOfBirth: '1815-12-10' },
    });
  });
});

describe('localDate', () => {
  it('formats the local calendar date', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
