import { describe, expect, it } from 'vitest';
import { LTS_VERSION, reasonNotToRun, withoutNpmConfig } from '../../scripts/test-unit-lts.mjs';

describe('the unit suite on the Node LTS', () => {
  it('runs on linux-x64 under another Node line, such as the project CI machine’s Node 20', () => {
    expect(reasonNotToRun('linux', 'x64', '20.20.0')).toBeNull();
    expect(LTS_VERSION).toMatch(/^26\.\d+\.\d+$/);
  });

  it('says why it is not run elsewhere, or where npm test already runs on that line', () => {
    expect(reasonNotToRun('darwin', 'arm64', '20.20.0')).toMatch(/linux-x64; this is darwin-arm64/);
    expect(reasonNotToRun('linux', 'x64', '26.1.0')).toMatch(/already runs on Node 26\.1\.0/);
  });

  it('builds the addon without npm run’s npm_config_* variables, which node-gyp takes as options', () => {
    // Debian's npm exports npm_config_nodedir=/usr under `npm run`: node-gyp then built for
    // the system Node's ABI although --nodedir named the LTS (CI, December 2026).
    const env = withoutNpmConfig({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.20.0',
      npm_lifecycle_event: 'test:unit:lts',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_lifecycle_event: 'test:unit:lts' });
  });
});
