/**
 * The date of birth is typed as three numeric boxes, the pattern that works best on touch
 * screens and with screen readers (GOV.UK "memorable date"), in the order the client's locale
 * writes dates: month, day, year in US English; day, month, year in Spanish. The order comes
 * from `Intl.DateTimeFormat.formatToParts`, so a new locale needs no table here. Main owns
 * validation; this file joins the boxes into the contract's `YYYY-MM-DD`, reads the typed date
 * back in words, and says which box main's error belongs to.
 */
import type { FieldError } from '../../src-main/contract';
import { formatPartialDate } from './date-format';
import { fieldMessage, t } from './i18n';

export type DatePart = 'day' | 'month' | 'year';

export type DateParts = Record<DatePart, string>;

const ISO_ORDER: DatePart[] = ['year', 'month', 'day'];

function isDatePart(type: string): type is DatePart {
  return type === 'day' || type === 'month' || type === 'year';
}

/** The boxes in the order `locale` writes a numeric date: `en` → month, day, year. */
export function datePartOrder(locale: string): DatePart[] {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(1985, 2, 27)));
  const order = parts.map((part) => part.type).filter(isDatePart);
  // Every locale Intl knows gives the three; anything else falls back to ISO 8601's order.
  return order.length === 3 && new Set(order).size === 3 ? order : ISO_ORDER;
}

/** The hint's example, 27 March 1985, as the boxes take it: "03 27 1985" for `en`. */
export function exampleDate(locale: string): string {
  const example: DateParts = { day: '27', month: '03', year: '1985' };
  return datePartOrder(locale)
    .map((part) => example[part])
    .join(' ');
}

/**
 * `''` when nothing was typed (main answers `required`), else `YYYY-MM-DD` with the month and
 * day padded to two digits. An empty box becomes `00` (or an empty year), which main names.
 */
export function joinDateParts(parts: DateParts): string {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') {
    return '';
  }
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A box's number when it holds one to four digits within `[min, max]`, else undefined. */
function boxNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

interface TypedDate {
  month: number;
  day?: number | undefined;
  year?: number | undefined;
}

/** What the boxes hold so far, as numbers: nothing until the month is a month. */
function typedDate(parts: DateParts): TypedDate | undefined {
  const month = boxNumber(parts.month, 1, 12);
  if (month === undefined) {
    return undefined;
  }
  const year = /^\d{4}$/.test(parts.year.trim()) ? Number(parts.year.trim()) : undefined;
  const day = boxNumber(parts.day, 1, daysInMonth(year ?? 2000, month));
  return { month, day, year };
}

/**
 * The boxes read back in words as the client types, so "3 5 1985" cannot pass for 3 May when
 * March 5 was meant: "July", "July 14", "July 14, 1982". `''` until the month box holds 1 to 12.
 */
export function readBackDate(parts: DateParts, locale: string): string {
  const typed = typedDate(parts);
  return typed ? formatPartialDate(typed, locale) : '';
}

/** The box a date-of-birth error belongs to; null when it is about the whole date. */
export function boxInError(code: FieldError): DatePart | null {
  switch (code) {
    case 'invalid_day':
      return 'day';
    case 'invalid_month':
      return 'month';
    case 'invalid_year':
    case 'too_old':
      return 'year';
    default:
      return null;
  }
}

/** Words for main's date-of-birth error, naming the box and, for a day, how long the month is. */
export function dateOfBirthMessage(code: FieldError, parts: DateParts, locale: string): string {
  if (code === 'invalid_day') {
    const typed = typedDate(parts);
    if (typed?.year === undefined) {
      return t('field.invalid_day');
    }
    return fieldMessage('dateOfBirth', code, {
      month: formatPartialDate({ month: typed.month, year: typed.year }, locale),
      days: daysInMonth(typed.year, typed.month),
    });
  }
  return fieldMessage('dateOfBirth', code, { example: exampleDate(locale) });
}
