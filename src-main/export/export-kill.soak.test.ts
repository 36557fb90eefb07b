/** The auditor's proof at full length: 20 exports killed with SIGKILL at random moments. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { killExportsAtRandom, seedVault } from '../../test/support/export-kill';
import { useTempRoot } from '../vault/vault-test-fixtures';

describe('20 exports killed part-way', () => {
  const temp = useTempRoot();

  it('never leave a readable client file outside the temporary folder; the next start removes it; every attempt has a "started" entry', async () => {
    seedVault(temp.dataDir, 12);
    const out = path.join(temp.root, 'usb');
    fs.mkdirSync(out);
    const run = await killExportsAtRandom({ dataDir: temp.dataDir, out, attempts: 20 });
    expect(run.problems).toEqual([]);
    expect(run.killed + run.finished).toBe(20);
    // At random moments within 2 s of the folder appearing, most land mid-export.
    expect(run.killed).toBeGreaterThan(0);
    console.log(
      `export-kill soak: ${run.killed} killed mid-export, ${run.finished} finished first`,
    );
  });
});
