/**
 * The test and bench secrets, in one place: staff passphrases strong enough for the kiosk's
 * passphrase policy (none is a secret), and scrypt parameters cheap enough for a test (16 MiB,
 * a few ms; the default parameters have their own test in the vault).
 */
export const PASSPHRASE = 'correct horse battery staple';
export const OTHER_PASSPHRASE = 'violet tugboat rehearses quietly';
export const WRONG_PASSPHRASE = 'not the passphrase at all';
export const FAST_KDF = { N: 2 ** 14, r: 8, p: 1 } as const;
