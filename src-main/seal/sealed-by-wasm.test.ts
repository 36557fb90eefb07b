/**
 * Sealing moved from libsodium-wrappers (WebAssembly) to sodium-native: both are libsodium's
 * `crypto_box_seal`, so boxes made by either must open with the other, and the records a kiosk
 * stored before the move must open after it (the committed fixture vault, made with the old code).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wasm from 'libsodium-wrappers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  WASM_VAULT_DIR,
  WASM_VAULT_EXPORTED_AT,
  WASM_VAULT_EXPORTED_IDS,
  WASM_VAULT_SUBMISSIONS,
} from '../../test/fixtures/vaults/sealed-by-wasm-records';
import { PASSPHRASE } from '../../test/support/secrets';
import { openVaultWithSecret } from '../vault';
import { ensureSodium, generateSealKeyPair, openSealed, sealTo } from './index';

const text = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
  await wasm.ready;
  await ensureSodium();
});

describe('sealed boxes across libsodium builds', () => {
  it('opens natively what libsodium-wrappers sealed', () => {
    const { publicKey, privateKey } = generateSealKeyPair();
    const message = text('{"fullName":"Ada Lovelace","note":"sealed by WASM"}');
    const sealed = wasm.crypto_box_seal(message, publicKey);
    expect(openSealed(publicKey, privateKey, sealed)).toEqual(message);
  });

  it('lets libsodium-wrappers open what the native code sealed', () => {
    const { publicKey, privateKey } = wasm.crypto_box_keypair();
    const message = text('{"fullName":"Grace Hopper","note":"sealed natively"}');
    const sealed = sealTo(publicKey, message);
    expect(wasm.crypto_box_seal_open(sealed, publicKey, privateKey)).toEqual(message);
  });
});

describe('a vault sealed by libsodium-wrappers (committed fixture, schema version 3)', () => {
  let copy: string | undefined;
  afterEach(() => {
    if (copy) {
      fs.rmSync(copy, { recursive: true, force: true });
      copy = undefined;
    }
  });

  it('opens after the change with its three payloads intact and its exported state kept', () => {
    // Opening migrates the database: work on a copy, never on the committed files.
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-wasm-vault-'));
    const dataDir = path.join(copy, 'data');
    fs.cpSync(fileURLToPath(WASM_VAULT_DIR), dataDir, { recursive: true });
    const { vault, unlock } = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
    try {
      const rows = vault.listSubmissions();
      expect(rows.map((row) => row.id)).toEqual(WASM_VAULT_SUBMISSIONS.map((s) => s.id));
      for (const [index, row] of rows.entries()) {
        expect(unlock.openSubmission(row.sealed)).toBe(WASM_VAULT_SUBMISSIONS[index]?.payload);
        expect(row.exportedAt).toBe(
          WASM_VAULT_EXPORTED_IDS.includes(row.id) ? WASM_VAULT_EXPORTED_AT : null,
        );
      }
      expect(vault.submissionIds({ notExported: true })).toEqual(
        WASM_VAULT_SUBMISSIONS.map((s) => s.id).filter(
          (id) => !WASM_VAULT_EXPORTED_IDS.includes(id),
        ),
      );
    } finally {
      unlock.wipe();
      vault.close();
    }
  });
});
