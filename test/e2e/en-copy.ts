/**
 * The renderer's English copy (src-renderer/locales/en.json and en-staff.json), so the walkthrough finds controls
 * by the words the kiosk shows instead of retyping them: a wording change in en.json moves the
 * tests with it, and a key that is gone fails here, loudly, not as a control never found.
 * `copyIn(locale)` is the same for a screen in another language, falling back as the kiosk does.
 */
import { existsSync, readFileSync } from 'node:fs';
import type en from '../../src-renderer/locales/en.json';
import type enStaff from '../../src-renderer/locales/en-staff.json';

export type MessageKey = keyof typeof en | keyof typeof enStaff;
/** A placeholder's value; a RegExp stands for any text it matches (`{ total: /\d+/ }`). */
type Params = Record<string, string | number | RegExp>;
type Messages = Partial<Record<string, unknown>>;

function bundleUrl(locale: string): URL {
  return new URL(`../../src-renderer/locales/${locale}.json`, import.meta.url);
}

function readBundle(locale: string): Messages {
  return JSON.parse(readFileSync(bundleUrl(locale), 'utf8')) as Messages;
}

/** Client strings (en.json) and staff strings (en-staff.json), as i18n.ts looks them up. */
const english: Messages = { ...readBundle('en'), ...readBundle('en-staff') };

function template(key: MessageKey, messages: Messages = english): string {
  const own = messages[key];
  const text = typeof own === 'string' ? own : english[key];
  if (typeof text !== 'string') {
    throw new Error(`en-copy: src-renderer/locales/en.json has no text for "${key}"`);
  }
  return text;
}

/** `template`'s text and `{name}` placeholders, each placeholder turned by `fill`. */
function render(
  key: MessageKey,
  literal: (text: string) => string,
  fill: Params,
  messages: Messages = english,
): string {
  return template(key, messages)
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) {
        return literal(part);
      }
      const value = fill[name];
      if (value === undefined) {
        throw new Error(`en-copy: "${key}" needs a value for {${name}}`);
      }
      return value instanceof RegExp ? value.source : literal(String(value));
    })
    .join('');
}

export interface Copy {
  /** The text of `key`, its `{name}` placeholders filled from `params`. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A pattern matching exactly the text of one of `keys` (placeholders as `params` say). */
  copyPattern: (keys: MessageKey | readonly MessageKey[], params?: Params) => RegExp;
}

function copyOf(messages: Messages): Copy {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    t: (key, params = {}) => render(key, (text) => text, params, messages),
    copyPattern: (keys, params = {}) => {
      const alternatives = [keys].flat().map((key) => render(key, escape, params, messages));
      return new RegExp(`^(?:${alternatives.join('|')})$`);
    },
  };
}

/** The English copy, which the walkthrough uses throughout. */
export const { t, copyPattern } = copyOf(english);

/**
 * The kiosk's copy in `locale` as i18n.ts gives it: that locale's bundle
 * (src-renderer/locales/<locale>.json) where it has the key, English otherwise (staff strings,
 * or a locale with no bundle yet).
 */
export function copyIn(locale: string): Copy {
  return copyOf(existsSync(bundleUrl(locale)) ? readBundle(locale) : english);
}
