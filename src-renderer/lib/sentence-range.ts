/**
 * Finds a sentence read aloud in the page, to mark it while its clip plays
 * (components/read-aloud.svelte).
 */

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
