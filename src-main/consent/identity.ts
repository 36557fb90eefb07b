/**
 * Validation of the identity a client types: one place, used by every transport, so the
 * renderer only maps the returned field codes to words.
 */
import { LIMITS, type FieldError } from '../contract';
import { checkPersonName, normaliseName } from '../person-name';

export interface Identity {
  fullName: string;
  /** Calendar date, `YYYY-MM-DD`. */
  dateOfBirth: string;
}

export type IdentityCheck =
  | { ok: true; identity: Identity }
  | { ok: false; fields: Partial<Record<keyof Identity, FieldError>> };

/** `YYYY-MM-DD` split at its hyphens, so that each part is checked, and named, on its own. */
const DATE_SHAPE = /^([^-]*)-([^-]*)-([^-]*)$/;
const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;

/** The client's name, as `person-name.ts` takes any name, up to the contract's length. */
export function checkFullName(raw: string): FieldError | undefined {
  const checked = checkPersonName(raw, LIMITS.nameMaxLength);
  return 'error' in checked ? checked.error : undefined;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (months count from 0). setUTCFullYear,
  // unlike Date.UTC, does not read years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * `today` is the kiosk's local calendar date as `YYYY-MM-DD`. A wrong part is named, so the
 * client can be told which box to change: `invalid_month`, `invalid_year`, then `invalid_day`
 * (last, because how long a month is depends on the other two). `invalid_date` is for a value
 * that is not three parts joined by hyphens at all.
 */
export function checkDateOfBirth(raw: string, today: string): FieldError | undefined {
  const value = raw.trim();
  if (value.length === 0) {
    return 'required';
  }
  const [, yearText, monthText, dayText] = DATE_SHAPE.exec(value) ?? [];
  if (yearText === undefined || monthText === undefined || dayText === undefined) {
    return 'invalid_date';
  }
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)];
  if (!TWO_DIGITS.test(monthText) || month < 1 || month > 12) {
    return 'invalid_month';
  }
  if (!YEAR.test(yearText)) {
    return 'invalid_year';
  }
  if (!TWO_DIGITS.test(dayText) || day < 1 || day > daysInMonth(year, month)) {
    return 'invalid_day';
  }
  if (value > today) {
    return 'future_date';
  }
  const oldest = `${String(Number(today.slice(0, 4)) - LIMITS.oldestAgeYears).padStart(4, '0')}${today.slice(4)}`;
  return value < oldest ? 'too_old' : undefined;
}

export function checkIdentity(fullName: string, dateOfBirth: string, today: string): IdentityCheck {
  const fields: Partial<Record<keyof Identity, FieldError>> = {};
  const nameError = checkFullName(fullName);
  const dateError = checkDateOfBirth(dateOfBirth, today);
  if (nameError) {
    fields.fullName = nameError;
  }
  if (dateError) {
    fields.dateOfBirth = dateError;
  }
  if (nameError || dateError) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    identity: { fullName: normaliseName(fullName), dateOfBirth: dateOfBirth.trim() },
  };
}

/** The kiosk's local calendar date: a client's birthday is a local date, not a UTC one. */
export function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
