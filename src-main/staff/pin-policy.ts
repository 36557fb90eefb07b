/**
 * What a front-desk PIN must be. A PIN only gates pause, resume and exit of kiosk mode, online
 * and rate-limited, so six digits suffice, provided it is not one of the PINs people pick most.
 * The list and the patterns follow DataGenetics' analysis of 3.4 million leaked PINs
 * (https://www.datagenetics.com/blog/september32012/) and the 6-digit follow-up by Wang et al.,
 * "Understanding Human-chosen PINs" (IEEE S&P 2020, https://doi.org/10.1109/SP40000.2020.00042).
 */
import { LIMITS, type FieldError } from '../contract';

/** The most common six-digit PINs that no pattern rule below already catches. */
const COMMON_PINS = new Set([
  '159753',
  '147258',
  '741852',
  '963852',
  '147369',
  '258456',
  '246810',
  '135790',
  '789456',
  '520520',
  '102030',
  '112211',
  '159357',
  '147852',
  '123654',
  '142536',
  '999666',
  '888999',
  '123789',
  '110110',
  '100200',
  '101101',
  '456123',
  '321654',
  '852456',
  '753951',
  '951753',
  '258369',
  '369258',
  '135246',
  '198700',
  '199000',
  '200000',
  '100000',
  '000001',
  '007007',
  '131420',
  '520131',
  '521521',
  '201314',
  '888666',
  '666888',
  '168168',
  '518518',
  '147147',
]);

function allSame(pin: string): boolean {
  return new Set(pin).size === 1;
}

/** 123456, 987654, 890123 …: each digit one more (or one less) than the last, wrapping at 9. */
function isRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i += 1) {
    steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  }
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** 121212, 123123, 112112 …: a shorter block repeated. */
function isRepeat(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size += 1) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) {
      return true;
    }
  }
  return false;
}

/** 112233, 111222 …: digits in pairs or triples, in order. */
function isStaircase(pin: string): boolean {
  return /^(\d)\1(\d)\2(\d)\3$/u.test(pin) || /^(\d)\1\1(\d)\2\2$/u.test(pin);
}

/** 123321, 456654 …: a palindrome of a run. */
function isMirroredRun(pin: string): boolean {
  const half = pin.slice(0, pin.length / 2);
  return (
    pin.length % 2 === 0 &&
    half.length >= 3 &&
    isRun(half) &&
    pin === half + half.split('').reverse().join('')
  );
}

export function isCommonPin(pin: string): boolean {
  return (
    COMMON_PINS.has(pin) ||
    allSame(pin) ||
    isRun(pin) ||
    isRepeat(pin) ||
    isStaircase(pin) ||
    isMirroredRun(pin)
  );
}

export function checkNewPin(
  pin: string,
  confirm: string,
): Partial<Record<'pin' | 'confirm', FieldError>> | undefined {
  if (!/^\d*$/u.test(pin)) {
    return { pin: 'not_digits' };
  }
  if (pin.length < LIMITS.pinMinLength) {
    return { pin: 'too_short' };
  }
  if (pin.length > LIMITS.pinMaxLength) {
    return { pin: 'too_long' };
  }
  if (isCommonPin(pin)) {
    return { pin: 'too_common' };
  }
  return pin === confirm ? undefined : { confirm: 'mismatch' };
}
