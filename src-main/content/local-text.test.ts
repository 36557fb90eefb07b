import { describe, expect, it } from 'vitest';
import { localText, resolveLocale } from './local-text';

describe('resolveLocale', () => {
  const available = ['en', 'es', 'pt-BR'];

  it('prefers the exact locale', () => {
    expect(resolveLocale('pt-BR', available, 'en')).toBe('pt-BR');
  });

  it('falls back to the base language', () => {
    expect(resolveLocale('es-MX', available, 'en')).toBe('es');
  });

  it('falls back to the fallback locale for an unknown language', () => {
    expect(resolveLocale('fr', available, 'en')).toBe('en');
    expect(resolveLocale('', available, 'en')).toBe('en');
  });
});

describe('localText', () => {
  const text = { en: 'Hello', es: 'Hola' };

  it('returns the text of the requested locale', () => {
    expect(localText(text, 'es', 'en')).toBe('Hola');
  });

  it('uses the base language, then the fallback locale', () => {
    expect(localText(text, 'es-MX', 'en')).toBe('Hola');
    expect(localText(text, 'de', 'en')).toBe('Hello');
  });

  it('uses any text there is when neither locale is present, else the empty string', () => {
    expect(localText({ fr: 'Bonjour' }, 'de', 'en')).toBe('Bonjour');
    expect(localText({}, 'de', 'en')).toBe('');
  });
});
