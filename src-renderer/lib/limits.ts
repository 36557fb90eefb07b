/**
 * The contract's `LIMITS`, as the renderer may hold them: the renderer can only `import type`
 * from the contract, so each value is restated here and pinned to the contract's literal type.
 * If main changes a limit, this file stops compiling until it is updated to match.
 */
import type { LIMITS } from '../../src-main/contract';

type Limits = typeof LIMITS;

export const NAME_MAX_LENGTH: Limits['nameMaxLength'] = 120;
export const PASSPHRASE_MIN_LENGTH: Limits['passphraseMinLength'] = 12;
export const PASSPHRASE_MAX_LENGTH: Limits['passphraseMaxLength'] = 1024;
export const PIN_MIN_LENGTH: Limits['pinMinLength'] = 6;
export const PIN_MAX_LENGTH: Limits['pinMaxLength'] = 12;
