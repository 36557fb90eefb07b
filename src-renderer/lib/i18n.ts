/**
 * Every string the kiosk itself shows (content text comes from the pack, not from here).
 *
 * Bundles are flat JSON objects keyed by dotted names; English is complete by construction (the
 * `MessageKey` type is derived from en.json and en-staff.json) and is the fallback for any key a
 * later locale lacks.
 * The locale is chosen once from `KioskInfo.defaultLocale`, before any screen renders.
 *
 * Staff strings (set-up, unlock, the recovery key, the staff area) are English only and live in
 * `en-staff.json`, a chunk of its own that `loadStaffStrings()` fetches with those screens, so a
 * client never downloads them; en.json holds what a client can see (i18n-es.test.ts checks both).
 */
import type { ErrorCode, ExportFailureReason, FieldError } from '../../src-main/contract';
import en from '../locales/en.json';
import es from '../locales/es.json';
import type enStaff from './staff-strings';

export type MessageKey = keyof typeof en | keyof typeof enStaff;
type Bundle = Partial<Record<MessageKey, string>>;
export type MessageParams = Record<string, string | number>;

const bundles: Record<string, Bundle> = { en, es };

let active: Bundle = en;
let activeLocale = 'en';
let staffStrings: Bundle = {};

/** Fetches the staff strings (once; later calls share the first fetch). */
let staffStringsLoaded: Promise<void> | null = null;
export function loadStaffStrings(): Promise<void> {
  staffStringsLoaded ??= import('./staff-strings').then(
    (module) => {
      staffStrings = module.default;
    },
    (error: unknown) => {
      staffStringsLoaded = null;
      throw error;
    },
  );
  return staffStringsLoaded;
}

/** Chooses the bundle for `locale` (or its base language), falling back to English. */
export function setLocale(locale: string): string {
  const base = locale.split('-')[0] ?? locale;
  const chosen = locale in bundles ? locale : base in bundles ? base : 'en';
  active = bundles[chosen] ?? en;
  activeLocale = chosen;
  return chosen;
}

export function currentLocale(): string {
  return activeLocale;
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key) || Object.hasOwn(staffStrings, key);
}

/** The message for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  // A staff string asked for before loadStaffStrings() is in shows its key rather than throwing.
  const template: string = active[key] ?? (en as Bundle)[key] ?? staffStrings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Client-friendly words for an error code that crossed the boundary. */
export function errorMessage(code: ErrorCode): string {
  return t(`error.${code}`);
}

/** Staff-facing words for why an export failed (`KioskError.exportFailure`), and what to do. */
export function exportFailureMessage(reason: ExportFailureReason): string {
  return t(`export.failure.${reason}`);
}

/**
 * Words for a field's error: a field-specific message when there is one
 * (`field.dateOfBirth.invalid_date`), else the general one for the code (`field.required`).
 */
export function fieldMessage(field: string, code: FieldError, params: MessageParams = {}): string {
  const specific = `field.${field}.${code}`;
  return isMessageKey(specific) ? t(specific, params) : t(`field.${code}`, params);
}
