/**
 * The Spanish bundle covers every string a client can see, and nothing staff see: staff work in
 * English (README, "Languages"), so a staff string with Spanish would only mix two languages in
 * the staff area. Every key of en.json is either a client key or a staff key by its prefix; a key
 * that is neither fails here until someone decides which it is. A new English client string
 * without Spanish fails too, and so does Spanish whose {placeholders} differ from the English.
 */
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import enStaff from '../locales/en-staff.json';
import es from '../locales/es.json';
import { loadStaffStrings, setLocale, t, type MessageKey } from './i18n';

/** What the client sees: the attract screen, every step, the idle, pause and error screens. */
const CLIENT_PREFIXES = [
  'app',
  'welcome',
  'nav',
  'progress',
  'check',
  'acknowledge',
  'questionnaire',
  'identity',
  'signature',
  'review',
  'thankYou',
  'idle',
  'startOver',
  'paused',
  'keyboard',
  'display',
  'scroll',
  'video',
  'readAloud',
  'error',
] as const;

/** Set-up, unlock and the staff area: English only. */
const STAFF_PREFIXES = [
  'setup',
  'recoveryKey',
  'unlock',
  'staff',
  'staffEntry',
  'staffList',
  'staffAdd',
  'staffPassphrase',
  'pin',
  'adminUnlock',
  'console',
  'auditLog',
  'frontDesk',
  'alerts',
  'submissions',
  'record',
  'visits',
  'export',
  'push',
  'settings',
] as const;

/**
 * `field.<code>` is the general message for any field, a client's included, so every one is a
 * client key; `field.<name>.<code>` belongs to whoever owns the field.
 */
const CLIENT_FIELDS = [
  'fullName',
  'dateOfBirth',
  'signature',
  'typedName',
  'intent',
  'disclosure',
  'questionnaire',
];
const STAFF_FIELDS = [
  'passphrase',
  'confirm',
  'name',
  'recoveryKey',
  'current',
  'pin',
  'pinConfirm',
  'from',
  'to',
];

type Audience = 'client' | 'staff' | 'unclassified';

function audienceOf(key: string): Audience {
  const [prefix = '', second, third] = key.split('.');
  if (prefix === 'field') {
    if (third === undefined) {
      return 'client';
    }
    if (second !== undefined && CLIENT_FIELDS.includes(second)) {
      return 'client';
    }
    return second !== undefined && STAFF_FIELDS.includes(second) ? 'staff' : 'unclassified';
  }
  if ((CLIENT_PREFIXES as readonly string[]).includes(prefix)) {
    return 'client';
  }
  return (STAFF_PREFIXES as readonly string[]).includes(prefix) ? 'staff' : 'unclassified';
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

const english: Record<string, string> = { ...en, ...enStaff };
const spanish: Record<string, string> = es;
const keys = Object.keys(english);
const clientKeys = keys.filter((key) => audienceOf(key) === 'client');

describe('the Spanish bundle', () => {
  it('knows, for every English key, whether a client or staff sees it', () => {
    expect(keys.filter((key) => audienceOf(key) === 'unclassified')).toEqual([]);
  });

  it('has Spanish for every client key, with the same placeholders', () => {
    expect(clientKeys.length).toBeGreaterThan(100);
    const missing = clientKeys.filter((key) => (spanish[key] ?? '').trim() === '');
    expect(missing, 'client keys with no Spanish in es.json').toEqual([]);
    const mismatched = clientKeys.filter(
      (key) =>
        placeholdersOf(spanish[key] ?? '').join() !== placeholdersOf(english[key] ?? '').join(),
    );
    expect(mismatched, 'Spanish whose {placeholders} differ from the English').toEqual([]);
  });

  it('leaves staff strings in English and has no key English lacks', () => {
    expect(Object.keys(spanish).filter((key) => audienceOf(key) !== 'client')).toEqual([]);
    expect(Object.keys(spanish).filter((key) => !(key in english))).toEqual([]);
  });

  it('is the bundle t() uses for es and its regional forms, with English for staff keys', async () => {
    expect(setLocale('es-US')).toBe('es');
    expect(t('nav.next')).toBe('Siguiente');
    expect(t('progress.label', { current: 2, total: 9 })).toBe('Paso 2 de 9');
    await loadStaffStrings();
    expect(t('staff.lock' satisfies MessageKey)).toBe(enStaff['staff.lock']);
    setLocale('en');
  });
});

/**
 * A client downloads en.json, never en-staff.json (it comes with the staff screens' chunks):
 * each key is in the file of whoever sees it, and in only one.
 */
describe('the English bundles', () => {
  it('hold client strings in en.json and staff strings in en-staff.json, none in both', () => {
    expect(Object.keys(en).filter((key) => audienceOf(key) !== 'client')).toEqual([]);
    expect(Object.keys(enStaff).filter((key) => audienceOf(key) !== 'staff')).toEqual([]);
    expect(Object.keys(en).filter((key) => key in enStaff)).toEqual([]);
  });
});
