import { describe, expect, it } from 'vitest';
import {
  boxInError,
  dateOfBirthMessage,
  datePartOrder,
  exampleDate,
  joinDateParts,
  readBackDate,
  type DateParts,
} from './date-of-birth';

const parts = (month: string, day: string, year: string): DateParts => ({ month, day, year });

describe('datePartOrder', () => {
  it.each([
    ['en', ['month', 'day', 'year']],
    ['en-US', ['month', 'day', 'year']],
    ['es', ['day', 'month', 'year']],
    ['es-MX', ['day', 'month', 'year']],
    ['en-GB', ['day', 'month', 'year']],
    ['ja', ['year', 'month', 'day']],
  ])('puts the boxes of %s in the order %j', (locale, order) => {
    expect(datePartOrder(locale)).toEqual(order);
  });

  it('gives an example in the same order, with a day no month can be mistaken for', () => {
    expect(exampleDate('en')).toBe('03 27 1985');
    expect(exampleDate('es')).toBe('27 03 1985');
  });
});

describe('joinDateParts', () => {
  it("stores a US client's 07 / 14 / 1982 as 1982-07-14", () => {
    expect(joinDateParts(parts('07', '14', '1982'))).toBe('1982-07-14');
    expect(joinDateParts(parts('7', '14', '1982'))).toBe('1982-07-14');
    expect(joinDateParts(parts(' 3', '5 ', '1985'))).toBe('1985-03-05');
  });

  it('sends nothing for empty boxes, and an empty box as 00 for main to name', () => {
    expect(joinDateParts(parts('', '', ''))).toBe('');
    expect(joinDateParts(parts('7', '', '1982'))).toBe('1982-07-00');
    expect(joinDateParts(parts('7', '14', ''))).toBe('-07-14');
  });
});

describe('readBackDate', () => {
  it('names the month as soon as it is one, then the rest of the date', () => {
    expect(readBackDate(parts('', '', ''), 'en')).toBe('');
    expect(readBackDate(parts('0', '', ''), 'en')).toBe('');
    expect(readBackDate(parts('07', '', ''), 'en')).toBe('July');
    expect(readBackDate(parts('07', '14', ''), 'en')).toBe('July 14');
    expect(readBackDate(parts('07', '14', '198'), 'en')).toBe('July 14');
    expect(readBackDate(parts('07', '14', '1982'), 'en')).toBe('July 14, 1982');
  });

  it('shows that 3 / 5 / 1985 is March 5, not 3 May', () => {
    expect(readBackDate(parts('3', '5', '1985'), 'en')).toBe('March 5, 1985');
  });

  it('reads back nothing for a month that is not one, and no day a month lacks', () => {
    expect(readBackDate(parts('14', '07', '1982'), 'en')).toBe('');
    expect(readBackDate(parts('02', '30', '1983'), 'en')).toBe('February 1983');
    expect(readBackDate(parts('02', '29', '1983'), 'en')).toBe('February 1983');
    expect(readBackDate(parts('02', '29', '1984'), 'en')).toBe('February 29, 1984');
  });

  it("reads back in the locale's words", () => {
    expect(readBackDate(parts('07', '14', '1982'), 'es')).toBe('14 de julio de 1982');
  });
});

describe('date-of-birth errors', () => {
  it('say which box is wrong', () => {
    expect(boxInError('invalid_month')).toBe('month');
    expect(boxInError('invalid_day')).toBe('day');
    expect(boxInError('invalid_year')).toBe('year');
    expect(boxInError('too_old')).toBe('year');
    expect(boxInError('future_date')).toBeNull();
    expect(boxInError('required')).toBeNull();
  });

  it('name the box in words, and for a day how long the month is', () => {
    expect(dateOfBirthMessage('invalid_month', parts('14', '07', '1982'), 'en')).toBe(
      'Please check the month: it must be a number from 1 to 12.',
    );
    expect(dateOfBirthMessage('invalid_day', parts('02', '29', '1983'), 'en')).toBe(
      'Please check the day: February 1983 has 28 days.',
    );
    expect(dateOfBirthMessage('invalid_day', parts('07', '', '1982'), 'en')).toBe(
      'Please check the day: July 1982 has 31 days.',
    );
    expect(dateOfBirthMessage('invalid_year', parts('07', '14', '82'), 'en')).toBe(
      'Please check the year: it must have all 4 digits, for example 1985.',
    );
    expect(dateOfBirthMessage('invalid_date', parts('', '', ''), 'en')).toBe(
      'Please enter a real date of birth, for example 03 27 1985.',
    );
  });

  it('fall back to plain words when the month or year needed for a day is not there', () => {
    expect(dateOfBirthMessage('invalid_day', parts('07', '40', ''), 'en')).toBe(
      'Please check the day.',
    );
  });
});
