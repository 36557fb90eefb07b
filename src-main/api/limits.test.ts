/**
 * The vault enforces two of the contract's limits on its own (it may not import the contract),
 * so it keeps copies. The typed assignments below stop compiling if either side changes alone;
 * the assertion says the same at run time.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../contract';
import { MIN_PASSPHRASE_LENGTH } from '../vault/keys/passphrase-slot';
import { MAX_STAFF_NAME_LENGTH } from '../vault/keys/staff-roster';

describe("the vault's copies of contract limits", () => {
  it('equal the contract, by type and by value', () => {
    const passphraseMin: typeof MIN_PASSPHRASE_LENGTH = LIMITS.passphraseMinLength;
    const staffNameMax: typeof MAX_STAFF_NAME_LENGTH = LIMITS.staffNameMaxLength;
    const contractPassphraseMin: typeof LIMITS.passphraseMinLength = MIN_PASSPHRASE_LENGTH;
    const contractStaffNameMax: typeof LIMITS.staffNameMaxLength = MAX_STAFF_NAME_LENGTH;
    expect([passphraseMin, staffNameMax]).toEqual([contractPassphraseMin, contractStaffNameMax]);
  });
});
