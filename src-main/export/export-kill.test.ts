/**
 * A few exports killed with SIGKILL at random moments (test/support/export-kill.ts); the
 * 20-kill run is `export-kill.soak.test.ts`, in `npm run test:soak`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { killExportsAtRandom, seedVault } from '../../test/support/export-kill';
import { useTempRoot } from '../vault/vault-test-fixtures';

describe('an export killed part-way', () => {
  const temp = useTempRoot();

  it('never leaves a client file outside its hidden folder, is audited as started, and the next start removes what it left', async () => {
    seedVault(temp.dataDir, 8);
    const out = path.join(temp.root, 'usb');
    fs.mkdirSync(out);
    const run = await killExportsAtRandom({ dataDir: temp.dataDir, out, attempts: 3 });
    expect(run.problems).toEqual([]);
    expect(run.killed + run.finished).toBe(3);
  }, 180_000);
});
