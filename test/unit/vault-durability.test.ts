/**
 * Crash durability in `npm test`: 20 rounds of a child submitting visits through the API,
 * SIGKILLed at random (test/support/vault-durability-check.ts says what is checked). The soak
 * tier runs 100 (vault-durability.soak.test.ts).
 */
import { describe, it } from 'vitest';
import { useTempRoot } from '../../src-main/vault/vault-test-fixtures';
import { checkDurability, DURABILITY_ROUNDS } from '../support/vault-durability-check';

describe('vault durability under SIGKILL', () => {
  const temp = useTempRoot();

  // Each round starts a child that loads the whole kiosk (2 s or more on two busy cores): room
  // to finish beyond the config's minute, not a timing assertion.
  it(
    `keeps every acknowledged submission across ${String(DURABILITY_ROUNDS.test)} kills`,
    { timeout: 10 * 60_000 },
    async () => {
      await checkDurability(temp.dataDir, DURABILITY_ROUNDS.test);
    },
  );
});
