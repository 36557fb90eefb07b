/**
 * The client's text size and contrast, in memory only, for one client: never written to web
 * storage, the URL or main, and back to the defaults whenever a session ends (App.svelte) so
 * the next person starts from the standard look. app.css reads them from attributes on the
 * page's root element (`data-text-size`, `data-contrast`).
 */
import type { StoreFields } from './store-fields';

export const TEXT_SIZES = ['standard', 'large', 'largest'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export type Contrast = 'standard' | 'high';

/** The look a new client finds. */
function freshState() {
  return {
    textSize: 'standard',
    contrast: 'standard',
    open: false,
  } satisfies Pick<DisplayOptions, StoreFields<DisplayOptions>>;
}

class DisplayOptions {
  textSize = $state<TextSize>('standard');
  contrast = $state<Contrast>('standard');
  /** Whether the panel of choices is showing (closed with the reset, too). */
  open = $state(false);

  get isDefault(): boolean {
    const fresh = freshState();
    return this.textSize === fresh.textSize && this.contrast === fresh.contrast;
  }

  reset(): void {
    Object.assign(this, freshState());
  }
}

export const displayOptions = new DisplayOptions();

/** Puts the options on `root` (the `<html>` element), where app.css turns them into a look. */
export function applyDisplayOptions(
  root: HTMLElement,
  options: { textSize: TextSize; contrast: Contrast },
): void {
  root.dataset.textSize = options.textSize;
  root.dataset.contrast = options.contrast;
}
