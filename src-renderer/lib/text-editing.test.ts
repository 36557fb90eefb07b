import { describe, expect, it } from 'vitest';
import { deleteBackward, insertText, keyboardWanted } from './text-editing';

describe('insertText', () => {
  it('inserts at the caret and replaces a selection', () => {
    expect(insertText('Zo', 2, 2, 'ë')).toEqual({ value: 'Zoë', caret: 3 });
    expect(insertText('Ann', 0, 0, 'J')).toEqual({ value: 'JAnn', caret: 1 });
    expect(insertText('Jonn', 1, 3, 'oh')).toEqual({ value: 'John', caret: 3 });
  });

  it('refuses text past the maximum length', () => {
    expect(insertText('abc', 3, 3, 'd', 3)).toBeNull();
    expect(insertText('abc', 0, 3, 'd', 3)).toEqual({ value: 'd', caret: 1 });
  });
});

describe('deleteBackward', () => {
  it('deletes the character before the caret, or the selection', () => {
    expect(deleteBackward('Zoë', 3, 3)).toEqual({ value: 'Zo', caret: 2 });
    expect(deleteBackward('Zoë', 0, 3)).toEqual({ value: '', caret: 0 });
    expect(deleteBackward('Zoë', 0, 0)).toBeNull();
  });

  it('deletes a whole surrogate pair', () => {
    expect(deleteBackward('a😀', 3, 3)).toEqual({ value: 'a', caret: 1 });
  });
});

describe('keyboardWanted', () => {
  it('follows on and off, and the pointer for auto', () => {
    expect(keyboardWanted('on', false)).toBe(true);
    expect(keyboardWanted('off', true)).toBe(false);
    expect(keyboardWanted('auto', true)).toBe(true);
    expect(keyboardWanted('auto', false)).toBe(false);
  });
});
