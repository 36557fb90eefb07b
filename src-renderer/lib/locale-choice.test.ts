import { describe, expect, it } from 'vitest';
import { languageChoices, ownLanguageName, sessionLocale } from './locale-choice';
import { setLocale } from './i18n';

describe('languageChoices', () => {
  it('offers no choice with one locale (or none)', () => {
    expect(languageChoices(['en'])).toEqual([]);
    expect(languageChoices([])).toEqual([]);
    expect(languageChoices(['en', 'en'])).toEqual([]);
  });

  it('names each language in itself, in the order given', () => {
    expect(languageChoices(['en', 'es', 'fr'])).toEqual([
      { locale: 'en', label: 'English' },
      { locale: 'es', label: 'Español' },
      { locale: 'fr', label: 'Français' },
    ]);
  });

  it('falls back to the code for a language the runtime cannot name', () => {
    expect(ownLanguageName('zz')).toBe('zz');
  });
});

describe('sessionLocale', () => {
  it('uses an offered choice, and the default otherwise', () => {
    expect(sessionLocale('es', ['en', 'es'], 'en')).toBe('es');
    expect(sessionLocale('de', ['en', 'es'], 'en')).toBe('en');
    expect(sessionLocale(null, ['en', 'es'], 'es')).toBe('es');
  });

  it('UI strings fall back to English for a locale without a bundle', () => {
    expect(setLocale('fr')).toBe('en');
    expect(setLocale('en-GB')).toBe('en');
  });
});
