import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from './i18n';
import { formatWait, secretFailureWords } from './secret-wait';

afterEach(() => {
  setLocale('en');
});

describe('the wait after too many staff secrets', () => {
  it('says RETRY_LATER with the wait in plain words', () => {
    expect(secretFailureWords({ code: 'RETRY_LATER', message: 'x', retryAfterMs: 7200 })).toEqual([
      'Too many tries. Please wait 8 seconds.',
    ]);
    expect(formatWait(400)).toBe('1 second');
    expect(formatWait(15 * 60 * 1000)).toBe('15 minutes');
  });

  it('adds the wait a wrong secret started, and nothing when there is none', () => {
    expect(
      secretFailureWords({ code: 'WRONG_PASSPHRASE', message: 'x', retryAfterMs: 4000 }),
    ).toEqual([
      'That passphrase is not right. Please try again.',
      'Please wait 4 seconds before the next try.',
    ]);
    expect(secretFailureWords({ code: 'WRONG_PASSPHRASE', message: 'x', retryAfterMs: 0 })).toEqual(
      ['That passphrase is not right. Please try again.'],
    );
  });

  it('says it in Spanish too', () => {
    setLocale('es');
    expect(secretFailureWords({ code: 'RETRY_LATER', message: 'x', retryAfterMs: 8000 })).toEqual([
      'Demasiados intentos. Por favor, espere 8 segundos.',
    ]);
  });
});
