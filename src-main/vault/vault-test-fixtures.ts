/**
 * Shared by the vault's tests and the unit tests in test/unit: temporary data folders (with the
 * vitest hooks that make and remove them), `codeOf`, a fake keychain, sample submissions, a
 * byte-exact snapshot of a folder, and test-only ways to reach the keys. Not imported by app
 * code, nor by the child processes in test/fixtures (it imports vitest).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { ensureSodium } from '../seal';
import { VaultError, type VaultErrorCode } from './errors';
import { initVault, type InitVaultOptions, type InitVaultResult } from './init-vault';
import type { NewSubmission } from './db/submissions-repository';
import { readKeyFile } from './keys/key-file';
import { unwrapDatabaseKeyEntry } from './keys/master-key';
import { unwrapMasterKey, type StaffSecret } from './keys/record-keys';
import { FAST_KDF, PASSPHRASE } from '../../test/support/secrets';

export { FAST_KDF, PASSPHRASE, WRONG_PASSPHRASE } from '../../test/support/secrets';
export const ADMIN_NAME = 'Avery Administrator';

export interface TempRoot {
  root: string;
  /** Inside `root`; does not exist yet, as on a first start. */
  dataDir: string;
  remove(): void;
}

/** A fresh temporary folder; `dataDir` inside it does not exist yet, as on a first start. */
export function createTempRoot(): TempRoot {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-vault-test-'));
  return {
    root,
    dataDir: path.join(root, 'data'),
    remove: () => {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Call inside a `describe`: loads libsodium once, gives each test a fresh temporary folder and
 * removes it after. Close every vault a test opens before it ends.
 */
export function useTempRoot(): Readonly<Pick<TempRoot, 'root' | 'dataDir'>> {
  let current: TempRoot | undefined;
  beforeAll(async () => {
    await ensureSodium();
  });
  beforeEach(() => {
    current = createTempRoot();
  });
  afterEach(() => {
    current?.remove();
    current = undefined;
  });
  const live = (): TempRoot => {
    if (!current) {
      throw new Error('useTempRoot: only available inside a test');
    }
    return current;
  };
  return {
    get root() {
      return live().root;
    },
    get dataDir() {
      return live().dataDir;
    },
  };
}

/** The VaultError code `action` throws, or undefined when it returns. Other errors propagate. */
export function codeOf(action: () => unknown): VaultErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof VaultError) {
      return error.code;
    }
    throw error;
  }
  return undefined;
}

/** `codeOf` for an action that resolves or rejects. */
export async function codeOfAsync(
  action: () => Promise<unknown>,
): Promise<VaultErrorCode | undefined> {
  try {
    await action();
  } catch (error) {
    if (error instanceof VaultError) {
      return error.code;
    }
    throw error;
  }
  return undefined;
}

/** initVault with the cheap KDF and the test admin, unless told otherwise. */
export function initTestVault(
  dataDir: string,
  opts: Partial<InitVaultOptions> = {},
): InitVaultResult {
  return initVault(dataDir, {
    adminName: ADMIN_NAME,
    passphrase: PASSPHRASE,
    kdf: FAST_KDF,
    ...opts,
  });
}

/** The current database key, through a staff secret (tests and dumps only). */
export function databaseKeyOf(
  dataDir: string,
  secret: StaffSecret = { passphrase: PASSPHRASE },
): Buffer {
  const keyFile = readKeyFile(dataDir);
  const { masterKey } = unwrapMasterKey(keyFile, secret);
  try {
    return unwrapDatabaseKeyEntry(keyFile.database, masterKey);
  } finally {
    masterKey.fill(0);
  }
}

/** File name -> sha256 of its bytes, for every file in `dir`, in name order. */
export function snapshotFolder(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    snapshot[name] = createHash('sha256')
      .update(fs.readFileSync(path.join(dir, name)))
      .digest('hex');
  }
  return snapshot;
}

/** Copies every file of `from` into a new folder `to`: what a crash would leave on disk. */
export function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
}

/**
 * A stand-in for Electron's safeStorage: AES-256-GCM under a key fixed per backend name, so a
 * different backend cannot unwrap (as a different OS keychain could not). Shared with the child
 * processes in test/fixtures, which cannot import this file.
 */
export { fixtureKeychain as fakeKeychain } from '../../test/fixtures/fixture-keychain';

export function sampleSubmission(payload: object = { answers: ['yes'] }): NewSubmission {
  return {
    id: randomUUID(),
    packId: 'general-consent',
    packVersion: '1.0.0',
    packHash: 'a'.repeat(64),
    locale: 'en',
    startedAt: '2025-01-02T03:04:05.000Z',
    submittedAt: '2025-01-02T03:09:05.000Z',
    payload: JSON.stringify(payload),
  };
}

/** True when `needle` appears in `bytes` as UTF-8 or as UTF-16LE. */
export function bytesContainText(bytes: Buffer, needle: string): boolean {
  return (
    bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))
  );
}

/** True when `needle` appears in `file` as UTF-8 or as UTF-16LE. */
export function fileContainsText(file: string, needle: string): boolean {
  return bytesContainText(fs.readFileSync(file), needle);
}

/** Every file directly in `dir`, as full paths. */
export function filesOf(dir: string): string[] {
  return fs.readdirSync(dir).map((name) => path.join(dir, name));
}
