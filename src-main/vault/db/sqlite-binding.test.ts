import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVaultWithSecret, setSqliteNativeBinding } from '../index';
import { initTestVault, PASSPHRASE, useTempRoot } from '../vault-test-fixtures';

describe('setSqliteNativeBinding', () => {
  const temp = useTempRoot();

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
    expect(() => initTestVault(temp.dataDir)).toThrow();
    expect(fs.readdirSync(temp.dataDir)).toEqual([]);

    const packageJson = createRequire(import.meta.url).resolve(
      'better-sqlite3-multiple-ciphers/package.json',
    );
    setSqliteNativeBinding(
      path.join(path.dirname(packageJson), 'build', 'Release', 'better_sqlite3.node'),
    );
    initTestVault(temp.dataDir).vault.close();
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    expect(vault.integrityCheck()).toBe('ok');
    unlock.wipe();
    vault.close();
  });
});
