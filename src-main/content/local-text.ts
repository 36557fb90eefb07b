/**
 * Localised strings: a map from locale (`en`, `es-MX`) to text. Packs declare their locales and
 * validation guarantees every map has each of them; the fallbacks here only matter for callers
 * that ask for a locale the pack does not have.
 */
export type LocalText = Record<string, string>;

/**
 * Picks the best locale among `available` for a requested one: the exact locale, else its base
 * language (`es-MX` → `es`), else `fallbackLocale`.
 */
export function resolveLocale(
  requested: string,
  available: readonly string[],
  fallbackLocale: string,
): string {
  if (available.includes(requested)) {
    return requested;
  }
  const base = requested.split('-')[0] ?? '';
  if (base !== '' && available.includes(base)) {
    return base;
  }
  return fallbackLocale;
}

/**
 * The text for `locale`, falling back to its base language, then to `fallbackLocale`, then to
 * any text the map holds (a validated pack never needs that last step), else ''.
 */
export function localText(text: LocalText, locale: string, fallbackLocale: string): string {
  const chosen = text[resolveLocale(locale, Object.keys(text), fallbackLocale)];
  if (chosen !== undefined) {
    return chosen;
  }
  return Object.values(text)[0] ?? '';
}
