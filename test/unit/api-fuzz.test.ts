/**
 * The API fuzzer in `npm test`: 2,000 seeded calls over every channel (test/support/api-fuzzer.ts
 * says what is called and what each call must hold). `npm run test:soak` runs 20,000
 * (api-fuzz.soak.test.ts). A failure names the seed: `KIOSK_FUZZ_SEED=<seed>` replays it.
 */
import { describe, it } from 'vitest';
import { FUZZ_CALLS, fuzzTheApi } from '../support/api-fuzz-check';

describe('the API under fuzzing', () => {
  // 10 to 30 s on two busy cores; room beyond the config's minute, not a timing assertion.
  it(
    `answers ${String(FUZZ_CALLS.test)} fuzzed calls within the contract and changes nothing it refuses`,
    { timeout: 5 * 60_000 },
    async () => {
      await fuzzTheApi(FUZZ_CALLS.test);
    },
  );
});
