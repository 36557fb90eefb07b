import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to the element when it appears, so a screen reader announces each new screen or
 * step from its heading, and keyboard users continue from the top of the new content.
 * Used on headings with `tabindex="-1"` (focusable by script, not in the Tab order).
 */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
  element.focus({ preventScroll: false });
};
