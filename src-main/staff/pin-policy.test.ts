import { describe, expect, it } from 'vitest';
import { channels, LIMITS } from '../contract';
import { checkNewPin, isCommonPin } from './pin-policy';

describe('checkNewPin', () => {
  it.each([
    ['12a456', { pin: 'not_digits' }],
    ['12 3456', { pin: 'not_digits' }],
    ['48213', { pin: 'too_short' }],
    ['4821397654321', { pin: 'too_long' }],
    ['123456', { pin: 'too_common' }],
    ['482193', { confirm: 'mismatch' }],
  ])('refuses %j', (pin, fields) => {
    expect(checkNewPin(pin, pin === '482193' ? '482194' : pin)).toEqual(fields);
  });

  it('accepts an uncommon PIN of six or more digits', () => {
    expect(checkNewPin('482193', '482193')).toBeUndefined();
    expect(checkNewPin('70914283', '70914283')).toBeUndefined();
  });

  it("takes its lengths from the contract's LIMITS", () => {
    const shortest = '482193709142'.slice(0, LIMITS.pinMinLength);
    const longest = '482193709142'.slice(0, LIMITS.pinMaxLength);
    expect(checkNewPin(shortest, shortest)).toBeUndefined();
    expect(checkNewPin(longest, longest)).toBeUndefined();
    expect(checkNewPin(shortest.slice(1), shortest.slice(1))).toEqual({ pin: 'too_short' });
    expect(checkNewPin(`${longest}5`, `${longest}5`)).toEqual({ pin: 'too_long' });
  });
});

describe('the PIN channels and the policy agree', () => {
  // The schemas only bound the input's size: a PIN of any length the policy might judge reaches
  // it, so a PIN too long gets the policy's field error (setPin) or counts as a wrong PIN (unlock).
  const tooLong = '4'.repeat(LIMITS.pinMaxLength + 1);

  it('lets admin.setPin pass every length on to the policy', () => {
    const input = channels['admin.setPin'].input;
    expect(input.safeParse({ pin: tooLong, confirm: tooLong }).success).toBe(true);
    expect(input.safeParse({ pin: '', confirm: '' }).success).toBe(true);
  });

  it('lets frontdesk.unlock pass every length on to the PIN check', () => {
    const input = channels['frontdesk.unlock'].input;
    expect(input.safeParse({ pin: tooLong }).success).toBe(true);
    expect(input.safeParse({ pin: '' }).success).toBe(true);
  });
});

describe('isCommonPin', () => {
  it.each([
    '000000',
    '111111',
    '999999', // one digit
    '123456',
    '234567',
    '890123',
    '987654',
    '654321',
    '1234567890', // runs, either way, wrapping
    '121212',
    '123123',
    '112112',
    '456456', // repeated blocks
    '112233',
    '111222', // staircases
    '123321',
    '456654', // mirrored runs
    '159753',
    '147258',
    '520520', // from the list
  ])('knows %s', (pin) => {
    expect(isCommonPin(pin)).toBe(true);
  });

  it.each(['482193', '730915', '905318', '2718281'])('lets %s through', (pin) => {
    expect(isCommonPin(pin)).toBe(false);
  });
});
