/**
 * Owns the record keys: a staff secret (passphrase or recovery key) opens the master key, which
 * opens the clinic's private key, the one that opens sealed submissions. Held in memory only, by
 * whoever asked for them, until `wipe()`.
 *
 * The master key is not a property of the object: it sits in a module-private WeakMap, so the
 * keys object can be passed around the app (logged, serialised by mistake) without carrying it. Only
 * the vault's own staff functions (`masterKeyOf`) can reach it.
 */
import { openSealed, SealError, wipeBytes } from '../../seal';
import { VaultError } from '../errors';
import { assertSodiumReady } from '../sodium-ready';
import { readKeyFile, type KeyFile } from './key-file';
import { unwrapSealPrivateKey } from './master-key';
import {
  couldOpenASlot,
  staffOf,
  unwrapPassphraseSlot,
  unwrapPassphraseSlotAsync,
  type StaffIdentity,
} from './passphrase-slot';
import { parseRecoveryKey } from './recovery-key';
import { unwrapRecoverySlot } from './recovery-slot';

export type StaffSecret = { passphrase: string } | { recoveryKey: string };

/** The keys that open client records, opened by one staff secret; in memory only. */
export interface RecordKeys {
  readonly via: 'passphrase' | 'recovery-key';
  /** The staff member whose passphrase opened it; undefined when opened with the recovery key. */
  readonly staff: StaffIdentity | undefined;
  /** The payload JSON of a sealed submission. */
  openSubmission(sealed: Uint8Array): string;
  /** Zeroes the master key and the private key; every later call throws KEYS_WIPED. */
  wipe(): void;
}

export interface OpenedMasterKey {
  masterKey: Buffer;
  via: RecordKeys['via'];
  staff: StaffIdentity | undefined;
}

interface UnlockState {
  masterKey: Buffer;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  wiped: boolean;
}

const states = new WeakMap<RecordKeys, UnlockState>();

/**
 * The master key that `secret` opens. Every staff slot is tried (the secret does not say whose
 * it is), so a wrong passphrase costs one scrypt per staff slot. Nothing is written. Synchronous:
 * for tools and tests; the kiosk uses `unwrapMasterKeyAsync`.
 */
export function unwrapMasterKey(keyFile: KeyFile, secret: StaffSecret): OpenedMasterKey {
  const passphrase = passphraseOf(keyFile, secret);
  if (typeof passphrase !== 'string') {
    return passphrase;
  }
  for (const slot of keyFile.staff) {
    const masterKey = unwrapPassphraseSlot(slot, passphrase);
    if (masterKey) {
      return { masterKey, via: 'passphrase', staff: staffOf(slot) };
    }
  }
  throw wrongPassphrase();
}

/** `unwrapMasterKey` with scrypt on libuv's thread pool, so other calls go on meanwhile. */
export async function unwrapMasterKeyAsync(
  keyFile: KeyFile,
  secret: StaffSecret,
): Promise<OpenedMasterKey> {
  const passphrase = passphraseOf(keyFile, secret);
  if (typeof passphrase !== 'string') {
    return passphrase;
  }
  for (const slot of keyFile.staff) {
    const masterKey = await unwrapPassphraseSlotAsync(slot, passphrase);
    if (masterKey) {
      return { masterKey, via: 'passphrase', staff: staffOf(slot) };
    }
  }
  throw wrongPassphrase();
}

/**
 * The cheap part of an unlock: a recovery key is opened here (HKDF, microseconds); a passphrase
 * too short to open any slot is refused here; any other passphrase is returned for scrypt.
 */
function passphraseOf(keyFile: KeyFile, secret: StaffSecret): string | OpenedMasterKey {
  if ('recoveryKey' in secret && typeof secret.recoveryKey === 'string') {
    return openWithRecoveryKey(keyFile, secret.recoveryKey);
  }
  if ('passphrase' in secret && typeof secret.passphrase === 'string') {
    if (!couldOpenASlot(secret.passphrase)) {
      throw wrongPassphrase();
    }
    return secret.passphrase;
  }
  throw new TypeError('unwrapMasterKey: a staff secret is { passphrase } or { recoveryKey }');
}

function openWithRecoveryKey(keyFile: KeyFile, text: string): OpenedMasterKey {
  const recoveryKey = parseRecoveryKey(text);
  try {
    const masterKey = unwrapRecoverySlot(keyFile.recovery, recoveryKey);
    if (!masterKey) {
      throw new VaultError(
        'WRONG_RECOVERY_KEY',
        'unwrapMasterKey: the recovery key does not open this vault',
      );
    }
    return { masterKey, via: 'recovery-key', staff: undefined };
  } finally {
    recoveryKey.fill(0);
  }
}

function wrongPassphrase(): VaultError {
  return new VaultError(
    'WRONG_PASSPHRASE',
    'unwrapMasterKey: the passphrase does not open this vault',
  );
}

/**
 * Builds the unlock from an opened master key. Takes a copy of the master key; the caller still
 * zeroes its own.
 */
export function createRecordKeys(keyFile: KeyFile, opened: OpenedMasterKey): RecordKeys {
  assertSodiumReady();
  const state: UnlockState = {
    masterKey: Buffer.from(opened.masterKey),
    privateKey: unwrapSealPrivateKey(keyFile, opened.masterKey),
    publicKey: Uint8Array.from(Buffer.from(keyFile.seal.publicKey, 'base64')),
    wiped: false,
  };
  const staff = opened.staff ? { ...opened.staff } : undefined;
  const unlock: RecordKeys = Object.freeze({
    via: opened.via,
    staff: staff ? Object.freeze(staff) : undefined,
    openSubmission(sealed: Uint8Array): string {
      return openSealedSubmission(liveUnlockState(unlock), sealed);
    },
    wipe(): void {
      if (!state.wiped) {
        state.wiped = true;
        state.masterKey.fill(0);
        wipeBytes(state.privateKey);
      }
    },
  });
  states.set(unlock, state);
  return unlock;
}

/** The clinic's seal key pair, as an opening worker holds a copy of it (../../consent/open-worker.ts). */
export interface SealKeyCopies {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/**
 * Copies of the unlock's seal key pair, for the worker threads that open many records on every
 * core (consent/parallel-open.ts): the caller hands them to the worker and wipes its own copy;
 * the worker wipes its copy when it ends. Nothing else may ask for them.
 */
export function sealKeyCopiesOf(unlock: RecordKeys): SealKeyCopies {
  const live = liveUnlockState(unlock);
  return {
    publicKey: Uint8Array.from(live.publicKey),
    privateKey: Uint8Array.from(live.privateKey),
  };
}

/**
 * The payload JSON of one sealed submission: `RecordKeys.openSubmission`'s body, shared with the
 * opening workers so a record that does not open is refused in the same words in both.
 */
export function openSealedSubmission(keys: SealKeyCopies, sealed: Uint8Array): string {
  let plaintext: Uint8Array;
  try {
    plaintext = openSealed(keys.publicKey, keys.privateKey, sealed);
  } catch (error) {
    if (error instanceof SealError && error.code === 'CANNOT_OPEN') {
      throw new VaultError(
        'SEALED_DATA_INVALID',
        "openSubmission: the sealed submission does not open with this vault's private key (altered, or from another vault)",
        { cause: error },
      );
    }
    throw error;
  }
  try {
    return Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.length).toString('utf8');
  } finally {
    wipeBytes(plaintext);
  }
}

/** A copy of the unlock's master key, for staff functions; the caller zeroes it. */
export function masterKeyOf(unlock: RecordKeys): Buffer {
  return Buffer.from(liveUnlockState(unlock).masterKey);
}

/** Checks `secret` against the slots and returns the unlock; opens no database. Tools, tests. */
export function openRecordKeys(dataDir: string, secret: StaffSecret): RecordKeys {
  assertSodiumReady();
  const keyFile = readKeyFile(dataDir);
  return recordKeysOf(keyFile, unwrapMasterKey(keyFile, secret));
}

/** `openRecordKeys` with scrypt off main's thread: the kiosk's staff unlock. */
export async function openRecordKeysAsync(
  dataDir: string,
  secret: StaffSecret,
): Promise<RecordKeys> {
  assertSodiumReady();
  const keyFile = readKeyFile(dataDir);
  return recordKeysOf(keyFile, await unwrapMasterKeyAsync(keyFile, secret));
}

function recordKeysOf(keyFile: KeyFile, opened: OpenedMasterKey): RecordKeys {
  try {
    return createRecordKeys(keyFile, opened);
  } finally {
    opened.masterKey.fill(0);
  }
}

function liveUnlockState(unlock: RecordKeys): UnlockState {
  const state = states.get(unlock);
  if (!state) {
    throw new TypeError('liveUnlockState: not an unlock made by this vault');
  }
  if (state.wiped) {
    throw new VaultError('KEYS_WIPED', 'liveUnlockState: this unlock was wiped; unlock again');
  }
  return state;
}
