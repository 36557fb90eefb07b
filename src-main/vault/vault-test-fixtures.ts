/**
 * Shared by the vault's tests and the durability test: temporary data folders, a fake keychain,
 * sample submissions and a byte-exact snapshot of a folder. Not imported by app code.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KeychainWrapper } from './keychain-slot';
import type { ScryptParams } from './passphrase-slot';
import type { NewSubmission } from './submissions-repository';

/** Cheap scrypt for tests (16 MiB, a few ms); the default params have their own test. */
export const FAST_KDF: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery staple';

/** A fresh temporary folder; `dataDir` inside it does not exist yet, as on a first start. */
export function createTempRoot(): { root: string; dataDir: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-vault-test-'));
  return {
    root,
    dataDir: path.join(root, 'data'),
    remove: () => {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
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
 * different backend cannot unwrap (as a different OS keychain could not).
 */
export function fakeKeychain(backend: string): KeychainWrapper {
  const key = createHash('sha256').update(`fake keychain ${backend}`).digest();
  return {
    backend,
    wrap(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    unwrap(ciphertext) {
      const decipher = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12));
      decipher.setAuthTag(ciphertext.subarray(12, 28));
      return Buffer.concat([decipher.update(ciphertext.subarray(28)), decipher.final()]);
    },
  };
}

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

/** True when `needle` appears in `file` as UTF-8 or as UTF-16LE. */
export function fileContainsText(file: string, needle: string): boolean {
  const bytes = fs.readFileSync(file);
  return (
    bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))
  );
}
