/**
 * The attract screen's language choice: one button per locale the pack offers, each named in its
 * own language (Intl.DisplayNames, https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/DisplayNames),
 * shown only when there is a choice to make.
 */

export interface LanguageChoice {
  locale: string;
  /** The language's own name ("Español" for `es`), capitalised for a button. */
  label: string;
}

/** The language's name in itself; the locale code when the runtime knows no name for it. */
export function ownLanguageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    if (name === undefined || name === '' || name === locale) {
      return locale;
    }
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

/** The buttons to show: none with fewer than two locales; duplicates dropped, order kept. */
export function languageChoices(locales: readonly string[]): LanguageChoice[] {
  const unique = [...new Set(locales)];
  if (unique.length < 2) {
    return [];
  }
  return unique.map((locale) => ({ locale, label: ownLanguageName(locale) }));
}

/** The locale a session starts in: the client's choice if it is offered, else the default. */
export function sessionLocale(
  chosen: string | null,
  locales: readonly string[],
  defaultLocale: string,
): string {
  return chosen !== null && locales.includes(chosen) ? chosen : defaultLocale;
}
