import { describe, expect, it } from 'vitest';
import { developmentOverrides, OVERRIDE_VARIABLES } from './dev-overrides';

const ENV = {
  KIOSK_DATA_DIR: '/tmp/elsewhere',
  KIOSK_SQLITE_BINDING: '/tmp/evil.node',
  ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/',
  KIOSK_DEV: '1',
};

describe('development overrides', () => {
  it('are all honoured in an unpackaged app run from a checkout', () => {
    expect(developmentOverrides({ isPackaged: false, env: ENV })).toEqual({
      dataDir: '/tmp/elsewhere',
      sqliteBinding: '/tmp/evil.node',
      rendererUrl: 'http://127.0.0.1:5173/',
      development: true,
    });
    expect(Object.keys(ENV).sort()).toEqual([...OVERRIDE_VARIABLES].sort());
  });

  it('are all ignored in a packaged app, whatever the environment says', () => {
    expect(developmentOverrides({ isPackaged: true, env: ENV })).toEqual({ development: false });
  });

  it('treat an empty variable as unset', () => {
    expect(
      developmentOverrides({
        isPackaged: false,
        env: { KIOSK_DATA_DIR: '', KIOSK_SQLITE_BINDING: '', KIOSK_DEV: '0' },
      }),
    ).toEqual({ development: false });
  });
});
