/**
 * What "Read aloud" reads on the screen in front of the client, in the order it is shown.
 * Main sends every text's sentences with their clips
 * (`ClientPack.readAloud`); a text without current audio is simply not there, and is skipped.
 */
import type { ClientStep, ReadAloudSentence, ReadAloudTexts } from '../../src-main/contract';

/** What of a step is on screen: the questionnaire item shown, or its support screen. */
export interface ReadAloudScreen {
  /** The questionnaire item on screen, if the step is a questionnaire. */
  itemId?: string | undefined;
  /** The item is the first of its questionnaire: the step's title and intro are shown above it. */
  firstItem?: boolean;
  /** The support screen stands in for the questionnaire's items. */
  support?: boolean;
}

/** The text keys of `step` on this screen, top to bottom (see `ReadAloudTexts`). */
export function screenTextKeys(step: ClientStep, screen: ReadAloudScreen = {}): string[] {
  switch (step.kind) {
    case 'page':
      return ['title', 'body'];
    case 'video':
    case 'identity':
    case 'review':
      return ['title', 'intro'];
    case 'signature':
      return ['title', 'intro', 'meaning'];
    case 'check':
      return ['title', 'question', ...step.options.map((option) => `options.${option.id}`)];
    case 'acknowledge':
      return [
        'title',
        'intro',
        ...step.statements.map((statement) => `statements.${statement.id}`),
      ];
    case 'questionnaire': {
      if (screen.support === true) {
        return ['support.title', 'support.body'];
      }
      const item = step.items.find((candidate) => candidate.id === screen.itemId);
      if (!item) {
        return [];
      }
      return [
        ...(screen.firstItem === true ? ['title', 'intro'] : []),
        `items.${item.id}`,
        ...(item.options ?? []).map((option) => `items.${item.id}.options.${option.id}`),
      ];
    }
    default:
      return step satisfies never;
  }
}

/** The sentences to read for `keys`, in order; texts without audio are left out. */
export function sentencesToRead(
  texts: ReadAloudTexts | undefined,
  keys: readonly string[],
): ReadAloudSentence[] {
  return keys.flatMap((key) => texts?.[key] ?? []);
}
