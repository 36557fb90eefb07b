/**
 * The attract screen's programmes ("First visit", "Treatment day check-in"), named in the
 * client's language: main sends each name in every locale its pack has, before any session.
 */
import type { ProgrammeChoice } from '../../src-main/contract';

export interface ProgrammeButton {
  packId: string;
  name: string;
  summary: string | null;
  /** The language the name is in (for `lang`): the client's, or the pack's default. */
  lang: string;
}

/** `es-MX` → `es-MX`, then `es`, then the pack's default: the same fallback main uses for a pack. */
function pick(
  texts: Readonly<Record<string, string>>,
  locale: string,
  defaultLocale: string,
): { text: string; lang: string } {
  const base = locale.split('-')[0] ?? locale;
  for (const candidate of [locale, base, defaultLocale]) {
    const text = texts[candidate];
    if (text !== undefined) {
      return { text, lang: candidate };
    }
  }
  const [lang, text] = Object.entries(texts)[0] ?? [defaultLocale, ''];
  return { text, lang };
}

export function programmeButtons(
  programmes: readonly ProgrammeChoice[],
  locale: string,
): ProgrammeButton[] {
  return programmes.map((programme) => {
    const name = pick(programme.name, locale, programme.defaultLocale);
    const summary = programme.summary
      ? pick(programme.summary, locale, programme.defaultLocale).text
      : null;
    return { packId: programme.packId, name: name.text, summary, lang: name.lang };
  });
}
