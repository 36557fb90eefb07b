import type { Attachment } from 'svelte/attachments';

/**
 * Scrolls a newly shown message into view (a check's feedback can appear below the fold on a
 * 1280×800 screen), moving the page as little as possible and without animation when the client
 * asked for reduced motion.
 */
export const revealOnMount: Attachment<HTMLElement> = (element) => {
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'instant' });
};
