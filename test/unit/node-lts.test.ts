import { describe, expect, it } from 'vitest';
import { LTS_VERSION, reasonNotToRun } from '../../scripts/test-unit-lts.mjs';

describe('the unit suite on the Node LTS', () => {
  it('runs on linux-x64 under another Node line, such as the project CI machine’s Node 20', () => {
    expect(reasonNotToRun('linux', 'x64', '20.20.0')).toBeNull();
    expect(LTS_VERSION).toMatch(/^26\.\d+\.\d+$/);
  });

  it('says why it is not run elsewhere, or where npm test already runs on that line', () => {
    expect(reasonNotToRun('darwin', 'arm64', '20.20.0')).toMatch(/linux-x64; this is darwin-arm64/);
    expect(reasonNotToRun('linux', 'x64', '26.1.0')).toMatch(/already runs on Node 26\.1\.0/);
  });
});
