/** Crash durability's long run, for `npm run test:soak`: vault-durability.test.ts with 100 kills. */
import { describe, it } from 'vitest';
import { useTempRoot } from '../../src-main/vault/vault-test-fixtures';
import { checkDurability, DURABILITY_ROUNDS } from '../support/vault-durability-check';

describe('vault durability under many SIGKILLs', () => {
  const temp = useTempRoot();

  it(`keeps every acknowledged submission across ${String(DURABILITY_ROUNDS.soak)} kills`, async () => {
    await checkDurability(temp.dataDir, DURABILITY_ROUNDS.soak);
  });
});
