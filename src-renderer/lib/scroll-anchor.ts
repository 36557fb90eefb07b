/**
 * Keeps the client's place in a scrolling area across a change that reflows it (a larger text
 * size): the block of text at the top edge of the view before the change is at the top edge
 * after it, showing the same share of itself. Browsers' own scroll anchoring (CSS
 * `overflow-anchor`) stands aside when margins and paddings change, as they do here since they
 * are in rem (https://drafts.csswg.org/css-scroll-anchoring/#suppression-triggers).
 */

/** A block's place, in pixels from the top edge of the scrolling area's view. */
export interface AnchorBox {
  top: number;
  height: number;
}

/** The blocks a reader keeps their place by: text, answers and pictures, not containers. */
const ANCHOR_SELECTOR = 'h1, h2, h3, p, li, label, legend, dt, dd, blockquote, img, canvas';

/** The first of `boxes` (in document order) still showing at or below the view's top edge. */
export function firstShowing(boxes: readonly AnchorBox[]): number {
  return boxes.findIndex((box) => box.height > 0 && box.top + box.height > 0);
}

/**
 * How far to scroll after the change so the anchor sits as it did: a block that started in view
 * keeps its distance from the top edge; one cut by the edge keeps the same share of itself above
 * it (a third of a paragraph scrolled past stays a third scrolled past).
 */
export function scrollCorrection(before: AnchorBox, after: AnchorBox): number {
  if (before.top >= 0 || before.height <= 0) {
    return after.top - before.top;
  }
  const shareAbove = Math.min(1, -before.top / before.height);
  return after.top + shareAbove * after.height;
}

interface Anchor {
  element: Element;
  box: AnchorBox;
}

function boxIn(scroller: Element, element: Element): AnchorBox {
  const view = scroller === document.scrollingElement ? 0 : scroller.getBoundingClientRect().top;
  const rect = element.getBoundingClientRect();
  return { top: rect.top - view, height: rect.height };
}

function anchorIn(scroller: Element): Anchor | null {
  const elements = [...scroller.querySelectorAll(ANCHOR_SELECTOR)];
  const index = firstShowing(elements.map((element) => boxIn(scroller, element)));
  const element = elements[index];
  return element ? { element, box: boxIn(scroller, element) } : null;
}

/**
 * Runs `change` (which must apply synchronously, e.g. inside `flushSync`) and scrolls `scroller`
 * so the client's place stays where it was. At the very top, the view simply stays at the top.
 */
export function keepPlace(scroller: Element, change: () => void): void {
  const anchor = scroller.scrollTop > 0 ? anchorIn(scroller) : null;
  change();
  if (anchor?.element.isConnected) {
    scroller.scrollTop += scrollCorrection(anchor.box, boxIn(scroller, anchor.element));
  }
}
