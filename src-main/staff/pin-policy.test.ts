import { describe, expect, it } from 'vitest';
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
