import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVaultGate, ensureSodium, openVaultWithSecret } from './index';
import { initVault } from './init-vault';
import { codeOf, FAST_KDF, PASSPHRASE } from './vault-test-fixtures';

// No useTempRoot here: it would load libsodium before the first test.
describe('libsodium must be loaded first', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-vault-test-'));
  const dataDir = path.join(root, 'data');
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses every entry point with SODIUM_NOT_READY until ensureSodium() resolves', async () => {
    const init = () =>
      initVault(dataDir, { adminName: 'Admin', passphrase: PASSPHRASE, kdf: FAST_KDF });
    expect(codeOf(init)).toBe('SODIUM_NOT_READY');
    expect(codeOf(() => createVaultGate(dataDir))).toBe('SODIUM_NOT_READY');
    expect(codeOf(() => openVaultWithSecret(dataDir, { passphrase: PASSPHRASE }))).toBe(
      'SODIUM_NOT_READY',
    );
    expect(fs.existsSync(dataDir)).toBe(false);

    await ensureSodium();
    const { vault } = init();
    expect(createVaultGate(dataDir).state()).toBe('needs-unlock');
    vault.close();
  });
});
