import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initVault, openVaultWithPassphrase, setSqliteNativeBinding } from './index';
import { createTempRoot, FAST_KDF, PASSPHRASE } from './vault-test-fixtures';

describe('setSqliteNativeBinding', () => {
  let temp: ReturnType<typeof createTempRoot>;
  beforeEach(() => {
    temp = createTempRoot();
  });
  afterEach(() => {
    temp.remove();
  });

  it('refuses a relative or missing path', () => {
    expect(() => {
      setSqliteNativeBinding('better_sqlite3.node');
    }).toThrow(/setSqliteNativeBinding/);
    expect(() => {
      setSqliteNativeBinding(path.join(temp.root, 'missing.node'));
    }).toThrow(/setSqliteNativeBinding/);
  });

  it('loads the addon it was given: a bogus file fails, the real build opens vaults', () => {
    const bogus = path.join(temp.root, 'bogus.node');
    fs.writeFileSync(bogus, 'not a shared library');
    setSqliteNativeBinding(bogus);
    expect(() => initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF })).toThrow();
    expect(fs.readdirSync(temp.dataDir)).toEqual([]);

    const packageJson = createRequire(import.meta.url).resolve(
      'better-sqlite3-multiple-ciphers/package.json',
    );
    setSqliteNativeBinding(
      path.join(path.dirname(packageJson), 'build', 'Release', 'better_sqlite3.node'),
    );
    initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
    const vault = openVaultWithPassphrase(temp.dataDir, PASSPHRASE);
    expect(vault.integrityCheck()).toBe('ok');
    vault.close();
  });
});
