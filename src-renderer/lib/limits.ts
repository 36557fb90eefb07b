/**
 * The contract's `LIMITS`, as the renderer may hold them: the renderer can only `import type`
 * from the contract, so each value is restated here and pinned to the contract's literal type.
 * If main changes a limit, this file stops compiling until it is updated to match.
 */
import type { LIMITS } from '../../src-main/contract';

type Limits = typeof LIMITS;

export const NAME_MAX_LENGTH: Limits['nameMaxLength'] = 120;
export const SIGNATURE_MAX_CHARS: Limits['signatureMaxChars'] = 500_000;
export const PASSPHRASE_MIN_LENGTH: Limits['passphraseMinLength'] = 12;
export const PASSPHRASE_MAX_LENGTH: Limits['passphraseMaxLength'] = 1024;

/**
 * The front-desk PIN's length. Not in the contract's `LIMITS` (main keeps it in
 * `staff/pin-policy.ts`), so it is restated here by hand: main still enforces it.
 */
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;
