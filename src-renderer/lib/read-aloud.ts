/**
 * What "Read aloud" reads on the screen in front of the client, in the order it is shown, and
 * where each sentence is on the page. Main sends every text's sentences with their clips
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
    case 'signature':
    case 'review':
      return ['title', 'intro'];
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

/**
 * Where `sentence` is in `root`'s text, at or after `from` (a point a previous sentence ended
 * at), as a DOM range: white space collapsed on both sides, since the page's HTML breaks lines
 * where the sentence has spaces, and a sentence may run across inline markup (`<strong>`).
 * Null if it is not there (a text the screen does not show as written).
 */
export function findSentence(
  root: Node,
  sentence: string,
  from: { node: Node; offset: number } | null = null,
): Range | null {
  const points: { node: Text; offset: number }[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let reached = from === null;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    const startAt = node === from?.node ? from.offset : 0;
    reached ||= node === from?.node;
    if (!reached) {
      continue;
    }
    for (let offset = startAt; offset < value.length; offset += 1) {
      const char = /\s/.test(value.charAt(offset)) ? ' ' : value.charAt(offset);
      if (char === ' ' && (text === '' || text.endsWith(' '))) {
        continue;
      }
      text += char;
      points.push({ node: node as Text, offset });
    }
  }
  const wanted = sentence.replace(/\s+/g, ' ').trim();
  const at = text.indexOf(wanted);
  const first = points[at];
  const last = points[at + wanted.length - 1];
  if (at < 0 || wanted === '' || !first || !last) {
    return from === null ? null : findSentence(root, sentence, null);
  }
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}
