/** The API fuzzer's long run, for `npm run test:soak`: api-fuzz.test.ts with ten times the calls. */
import { describe, it } from 'vitest';
import { FUZZ_CALLS, fuzzTheApi } from '../support/api-fuzz-check';

describe('the API under long fuzzing', () => {
  it(`answers ${String(FUZZ_CALLS.soak)} fuzzed calls within the contract and changes nothing it refuses`, async () => {
    await fuzzTheApi(FUZZ_CALLS.soak);
  });
});
