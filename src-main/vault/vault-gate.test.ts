import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultGate, type KeychainWrapper, type VaultGate } from './index';
import { readKeyFile } from './keys/key-file';
import {
  ADMIN_NAME,
  codeOf,
  codeOfAsync,
  fakeKeychain,
  FAST_KDF,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
  useTempRoot,
  WRONG_PASSPHRASE,
} from './vault-test-fixtures';

const SETUP = { name: ADMIN_NAME, passphrase: PASSPHRASE };
const SECRET = { passphrase: PASSPHRASE };

describe('vault gate', () => {
  const temp = useTempRoot();
  const gates: VaultGate[] = [];
  afterEach(() => {
    closeAll();
  });
  function closeAll(): void {
    for (const gate of gates.splice(0)) {
      gate.close();
    }
  }

  function gate(keychain?: KeychainWrapper): VaultGate {
    const created = createVaultGate(
      temp.dataDir,
      keychain ? { keychain, kdf: FAST_KDF } : { kdf: FAST_KDF },
    );
    gates.push(created);
    return created;
  }
  const backend = () => readKeyFile(temp.dataDir).database.keychain?.backend;

  it('needs-setup -> ready through create; create twice is ALREADY_INITIALISED', async () => {
    const g = gate();
    expect(g.state()).toBe('needs-setup');
    expect(g.vault()).toBeUndefined();
    expect(await codeOfAsync(() => g.unlock(SECRET))).toBe('NOT_INITIALISED');
    expect(codeOf(() => g.create({ name: ADMIN_NAME, passphrase: 'too short' }))).toBe(
      'PASSPHRASE_TOO_SHORT',
    );
    expect(codeOf(() => g.create({ name: ' ', passphrase: PASSPHRASE }))).toBe(
      'INVALID_STAFF_NAME',
    );
    expect(g.state()).toBe('needs-setup');

    const created = g.create(SETUP);
    expect(created.admin.name).toBe(ADMIN_NAME);
    expect(created.recoveryKey).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(g.state()).toBe('ready');
    expect(g.vault()).toBe(created.vault);
    created.vault.insertSubmission(sampleSubmission());
    expect(codeOf(() => g.create(SETUP))).toBe('ALREADY_INITIALISED');
    // No keychain given: no keychain slot written.
    expect(backend()).toBeUndefined();
  });

  it('needs-unlock without a keychain; a wrong secret keeps it locked; close locks again', async () => {
    gate().create(SETUP);
    closeAll();

    const g = gate();
    expect(g.state()).toBe('needs-unlock');
    expect(g.vault()).toBeUndefined();
    expect(await codeOfAsync(() => g.unlock({ passphrase: WRONG_PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(await codeOfAsync(() => g.unlock({ recoveryKey: 'AAAA' }))).toBe(
      'BAD_RECOVERY_KEY_FORMAT',
    );
    expect(g.state()).toBe('needs-unlock');

    const first = await g.unlock(SECRET);
    expect(first.rewrapped).toBe(false);
    expect(first.unlock.staff?.name).toBe(ADMIN_NAME);
    expect(g.state()).toBe('ready');
    expect(g.vault()).toBe(first.vault);
    expect(first.vault.integrityCheck()).toBe('ok');
    // Unlocking again still checks the secret.
    expect(await codeOfAsync(() => g.unlock({ passphrase: WRONG_PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    const again = await g.unlock(SECRET);
    expect(again.vault).toBe(first.vault);
    expect(again.rewrapped).toBe(false);
    first.unlock.wipe();
    again.unlock.wipe();

    g.close();
    expect(g.state()).toBe('needs-unlock');
    expect(g.vault()).toBeUndefined();
  });

  it('opens unattended, write-only, with the keychain it was created with', () => {
    const keychain = fakeKeychain('gnome_libsecret');
    const created = gate(keychain).create(SETUP);
    created.vault.insertSubmission(sampleSubmission({ fullName: 'Ada' }));
    expect(backend()).toBe('gnome_libsecret');
    closeAll();

    const g = gate(fakeKeychain('gnome_libsecret'));
    expect(g.state()).toBe('ready');
    const vault = g.vault();
    expect(vault?.kioskId).toBe(created.vault.kioskId);
    // What it has: rows it can list and write, sealed. What it lacks: anything that opens them.
    expect(vault?.listSubmissions()[0]?.sealed).toBeInstanceOf(Uint8Array);
    expect(Object.keys(vault ?? {})).not.toContain('openSubmission');
  });

  it('a different keychain backend is needs-unlock with keys.json untouched, until staff unlock', async () => {
    gate(fakeKeychain('gnome_libsecret')).create(SETUP);
    closeAll();

    const before = snapshotFolder(temp.dataDir);
    const g = gate(fakeKeychain('kwallet6'));
    expect(g.state()).toBe('needs-unlock');
    expect(snapshotFolder(temp.dataDir)).toEqual(before); // no silent re-key

    expect((await g.unlock(SECRET)).rewrapped).toBe(true);
    expect(g.state()).toBe('ready');
    expect(backend()).toBe('kwallet6');
    g.close();

    expect(gate(fakeKeychain('kwallet6')).state()).toBe('ready');
    expect(gate(fakeKeychain('gnome_libsecret')).state()).toBe('needs-unlock');
  });

  it('keychain loss: the recovery key re-wraps for the new keychain and every record is intact', async () => {
    const created = gate(fakeKeychain('keychain-a')).create(SETUP);
    const submissions = [1, 2, 3].map((n) => sampleSubmission({ fullName: `Client ${String(n)}` }));
    for (const submission of submissions) {
      created.vault.insertSubmission(submission);
    }
    closeAll();

    const g = gate(fakeKeychain('keychain-b'));
    expect(g.state()).toBe('needs-unlock');
    const recovered = await g.unlock({ recoveryKey: created.recoveryKey });
    expect(recovered.rewrapped).toBe(true);
    expect(recovered.unlock.via).toBe('recovery-key');
    expect(g.state()).toBe('ready');
    recovered.unlock.wipe();
    closeAll();

    const unattended = gate(fakeKeychain('keychain-b'));
    expect(unattended.state()).toBe('ready');
    const rows = unattended.vault()?.listSubmissions() ?? [];
    expect(rows.map((row) => row.id)).toEqual(submissions.map((s) => s.id));
    const reader = await unattended.unlock(SECRET);
    expect(reader.rewrapped).toBe(false);
    expect(rows.map((row) => reader.unlock.openSubmission(row.sealed))).toEqual(
      submissions.map((s) => s.payload),
    );
    reader.unlock.wipe();
  });

  it('a vault made without a keychain gains one at the first unlock on a machine with one', async () => {
    gate().create(SETUP);
    closeAll();
    const g = gate(fakeKeychain('keychain'));
    expect(g.state()).toBe('needs-unlock');
    expect((await g.unlock(SECRET)).rewrapped).toBe(true);
    g.close();
    expect(gate(fakeKeychain('keychain')).state()).toBe('ready');
  });

  it('unlocks even when the keychain cannot wrap (next start needs a secret again)', async () => {
    gate().create(SETUP);
    closeAll();
    const before = snapshotFolder(temp.dataDir);
    const refusing: KeychainWrapper = {
      backend: 'basic_text',
      wrap: () => {
        throw new Error('no keyring');
      },
      unwrap: () => Buffer.alloc(0),
    };
    const g = gate(refusing);
    const opened = await g.unlock(SECRET);
    expect(opened.rewrapped).toBe(false);
    expect(opened.vault.integrityCheck()).toBe('ok');
    expect(g.state()).toBe('ready');
    g.close();
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('a keychain that fails to unwrap is needs-unlock, not a crash', () => {
    gate(fakeKeychain('dpapi')).create(SETUP);
    closeAll();
    const failing: KeychainWrapper = {
      backend: 'dpapi',
      wrap: (key) => key,
      unwrap: () => {
        throw new Error('the user profile changed');
      },
    };
    expect(gate(failing).state()).toBe('needs-unlock');
  });

  it('a keychain slot that yields a wrong key refuses to start (WRONG_KEY), it does not ask', () => {
    gate(fakeKeychain('dpapi')).create(SETUP);
    closeAll();
    const lying: KeychainWrapper = {
      backend: 'dpapi',
      wrap: (key) => key,
      unwrap: () => Buffer.alloc(32, 7),
    };
    expect(codeOf(() => gate(lying))).toBe('WRONG_KEY');
  });

  it('state follows the folder: a vault made elsewhere turns needs-setup into needs-unlock', () => {
    const g = gate();
    expect(g.state()).toBe('needs-setup');
    const other = gate();
    other.create(SETUP);
    expect(g.state()).toBe('needs-unlock');
    expect(codeOf(() => g.create(SETUP))).toBe('ALREADY_INITIALISED');
    expect(fs.existsSync(path.join(temp.dataDir, 'kiosk.db'))).toBe(true);
  });
});
