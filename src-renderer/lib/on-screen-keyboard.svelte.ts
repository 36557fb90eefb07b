/**
 * Which field the on-screen keyboard types into, and whether it shows. Client fields opt in with
 * the `field` attachment; focusing (or tapping) one opens the keyboard for it, focusing any other
 * field closes it. A numeric field (`inputmode="numeric"`, the date-of-birth boxes) gets the
 * number pad instead of letters. Whether it may show at all is the kiosk's `onScreenKeyboard`
 * setting.
 */
import type { Attachment } from 'svelte/attachments';
import { deleteBackward, insertText, keyboardWanted, type Edit } from './text-editing';
import type { KioskInfo } from '../../src-main/contract';

const FIELD_MARK = 'data-on-screen-keyboard';

class OnScreenKeyboard {
  enabled = $state(false);
  target = $state.raw<HTMLInputElement | null>(null);
  hidden = $state(false);

  get open(): boolean {
    return this.enabled && this.target !== null && !this.hidden;
  }

  /** The field takes digits only: show the number pad. */
  get numeric(): boolean {
    return this.target?.inputMode === 'numeric';
  }

  configure(setting: KioskInfo['onScreenKeyboard']): void {
    const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
    this.enabled = keyboardWanted(setting, coarse);
  }

  /** Attachment for an `<input>` the keyboard may type into. */
  field: Attachment<HTMLInputElement> = (input) => {
    const show = () => {
      this.target = input;
      this.hidden = false;
    };
    input.setAttribute(FIELD_MARK, '');
    input.addEventListener('focus', show);
    input.addEventListener('pointerdown', show);
    if (document.activeElement === input) {
      show();
    }
    return () => {
      input.removeEventListener('focus', show);
      input.removeEventListener('pointerdown', show);
      if (this.target === input) {
        this.target = null;
      }
    };
  };

  /** Focus moved somewhere: another kind of field takes the keyboard away. */
  focusMoved(element: EventTarget | null): void {
    const isField =
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement;
    if (isField && !element.hasAttribute(FIELD_MARK)) {
      this.target = null;
    }
  }

  hide(): void {
    this.hidden = true;
  }

  /** True when the text went in (false when the field is full). */
  type(text: string): boolean {
    const input = this.target;
    if (!input) {
      return false;
    }
    const [start, end] = selection(input);
    return apply(input, insertText(input.value, start, end, text, input.maxLength));
  }

  backspace(): void {
    const input = this.target;
    if (input) {
      const [start, end] = selection(input);
      apply(input, deleteBackward(input.value, start, end));
    }
  }
}

function selection(input: HTMLInputElement): [number, number] {
  const end = input.selectionEnd ?? input.value.length;
  return [input.selectionStart ?? end, end];
}

/** Writes the edit and fires `input`, as typing would, so bound Svelte state follows. */
function apply(input: HTMLInputElement, edit: Edit | null): boolean {
  if (edit === null) {
    return false;
  }
  input.value = edit.value;
  input.setSelectionRange(edit.caret, edit.caret);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  return true;
}

export const onScreenKeyboard = new OnScreenKeyboard();
