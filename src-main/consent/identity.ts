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

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The client's name, as `person-name.ts` takes any name, up to the contract's length. */
export function checkFullName(raw: string): FieldError | undefined {
  const checked = checkPersonName(raw, LIMITS.nameMaxLength);
  return 'error' in checked ? checked.error : undefined;
}

/** `today` is the kiosk's local calendar date as `YYYY-MM-DD`. */
export function checkDateOfBirth(raw: string, today: string): FieldError | undefined {
  const value = raw.trim();
  if (value.length === 0) {
    return 'required';
  }
  const match = DATE_PATTERN.exec(value);
  if (!match) {
    return 'invalid_date';
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 2001-02-30 over to March: a real date survives the round trip unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return 'invalid_date';
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
