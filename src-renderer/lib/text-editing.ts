/**
 * What a key of the on-screen keyboard does to a field's text, apart from the DOM: the new value
 * and where the caret goes. Selection offsets are UTF-16 indices, as `HTMLInputElement` uses.
 */

export interface Edit {
  value: string;
  /** The caret after the edit (a collapsed selection). */
  caret: number;
}

/** Replaces the selection with `text`; refused (null) when it would pass `maxLength`. */
export function insertText(
  value: string,
  start: number,
  end: number,
  text: string,
  maxLength = -1,
): Edit | null {
  const next = value.slice(0, start) + text + value.slice(end);
  if (maxLength >= 0 && next.length > maxLength && next.length > value.length) {
    return null;
  }
  return { value: next, caret: start + text.length };
}

/** Deletes the selection, or the character before the caret (a whole surrogate pair). */
export function deleteBackward(value: string, start: number, end: number): Edit | null {
  if (start !== end) {
    return { value: value.slice(0, start) + value.slice(end), caret: start };
  }
  if (start === 0) {
    return null;
  }
  const low = value.charCodeAt(start - 1);
  const high = start >= 2 ? value.charCodeAt(start - 2) : 0;
  const width = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
  return { value: value.slice(0, start - width) + value.slice(end), caret: start - width };
}

export type KeyboardSetting = 'auto' | 'on' | 'off';

/** `auto` shows the keyboard when the primary pointer is coarse (a finger on a touch screen). */
export function keyboardWanted(setting: KeyboardSetting, coarsePointer: boolean): boolean {
  return setting === 'on' || (setting === 'auto' && coarsePointer);
}
