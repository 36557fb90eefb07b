/**
 * The renderer's English copy (src-renderer/locales/en.json), so the walkthrough finds controls
 * by the words the kiosk shows instead of retyping them: a wording change in en.json moves the
 * tests with it, and a key that is gone fails here, loudly, not as a control never found.
 */
import { readFileSync } from 'node:fs';
import type en from '../../src-renderer/locales/en.json';

export type MessageKey = keyof typeof en;
/** A placeholder's value; a RegExp stands for any text it matches (`{ total: /\d+/ }`). */
type Params = Record<string, string | number | RegExp>;

const messages = JSON.parse(
  readFileSync(new URL('../../src-renderer/locales/en.json', import.meta.url), 'utf8'),
) as Partial<Record<string, unknown>>;

function template(key: MessageKey): string {
  const text = messages[key];
  if (typeof text !== 'string') {
    throw new Error(`en-copy: src-renderer/locales/en.json has no text for "${key}"`);
  }
  return text;
}

/** `template`'s text and `{name}` placeholders, each placeholder turned by `fill`. */
function render(key: MessageKey, literal: (text: string) => string, fill: Params): string {
  return template(key)
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

/** The English text of `key`, its `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return render(key, (text) => text, params);
}

/** A pattern matching exactly the text of one of `keys` (placeholders as `params` say). */
export function copyPattern(keys: MessageKey | readonly MessageKey[], params: Params = {}): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = [keys].flat().map((key) => render(key, escape, params));
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}
