import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_ID, defaultResourcesDir } from './index';

describe('defaultResourcesDir', () => {
  it('is the repository resources folder, holding the default pack and the clinic profile', () => {
    const dir = defaultResourcesDir();
    expect(dir).toBe(resolve(import.meta.dirname, '..', '..', 'resources'));
    expect(existsSync(join(dir, 'content', DEFAULT_PACK_ID, 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'clinic', 'profile.json'))).toBe(true);
  });
});
