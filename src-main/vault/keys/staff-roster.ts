/**
 * Owns the staff roster in keys.json: who has a passphrase slot (list, add, remove, change a
 * passphrase) and the keychain slot. Every change re-reads keys.json, changes one thing and
 * writes it atomically; a refused change writes nothing. One slot's crypto is passphrase-slot.ts.
 *
 * Removing a slot needs no key (anyone who can write the folder could delete one anyway), so
 * `removeStaff` takes none: deciding who may remove whom is the staff area's job, not the
 * cipher's. Adding a slot or a keychain wrap needs the master key, so those take an unlock.
 */
import { randomUUID } from 'node:crypto';
import { assertVaultFilesExist } from '../data-folder';
import { VaultError } from '../errors';
import { readKeyFile, writeKeyFile, type DatabaseKeyEntry, type KeyFile } from './key-file';
import { createKeychainSlot, type KeychainWrapper } from './keychain-slot';
import { assertMasterKeyOpens, unwrapDatabaseKeyEntry } from './master-key';
import { masterKeyOf, type RecordKeys } from './record-keys';
import {
  assertPassphraseLongEnough,
  couldOpenASlot,
  createPassphraseSlotAsync,
  DEFAULT_SCRYPT_PARAMS,
  staffOf,
  unwrapPassphraseSlotAsync,
  type ScryptParams,
  type StaffIdentity,
} from './passphrase-slot';

export const MAX_STAFF_NAME_LENGTH = 200;

export function listStaff(dataDir: string): StaffIdentity[] {
  return readKeyFile(dataDir).staff.map(staffOf);
}

/**
 * A new staff member with their own passphrase slot. Needs an unlock of this vault. scrypt runs
 * off main's thread; keys.json is read again after it, so nothing written meanwhile is lost.
 */
export async function addStaff(
  dataDir: string,
  unlock: RecordKeys,
  opts: { name: string; passphrase: string; kdf?: ScryptParams },
): Promise<StaffIdentity> {
  const member = newStaffMember(opts.name);
  assertPassphraseLongEnough(opts.passphrase);
  const masterKey = masterKeyOf(unlock);
  try {
    // An unlock of another vault would wrap a key that opens nothing here.
    assertMasterKeyOpens(readKeyFile(dataDir), masterKey);
    const slot = await createPassphraseSlotAsync(
      masterKey,
      member,
      opts.passphrase,
      opts.kdf ?? DEFAULT_SCRYPT_PARAMS,
    );
    const keyFile = readKeyFile(dataDir);
    writeKeyFile(dataDir, { ...keyFile, staff: [...keyFile.staff, slot] }, { replace: true });
  } finally {
    masterKey.fill(0);
  }
  console.info(`addStaff: added staff member ${member.staffId}`);
  return member;
}

/**
 * Removes a staff member's slot. Refuses the last one (LAST_STAFF_SLOT): the recovery slot
 * always stays, but a vault must keep at least one way in that a person remembers.
 */
export function removeStaff(dataDir: string, staffId: string): void {
  const keyFile = readKeyFile(dataDir);
  findStaffSlot(keyFile, staffId);
  const staff = keyFile.staff.filter((slot) => slot.staffId !== staffId);
  if (staff.length === 0) {
    throw new VaultError(
      'LAST_STAFF_SLOT',
      `removeStaff: staff member ${staffId} holds the last staff slot; add another first`,
    );
  }
  writeKeyFile(dataDir, { ...keyFile, staff }, { replace: true });
  console.info(`removeStaff: removed staff member ${staffId}`);
}

/**
 * Re-wraps a staff member's slot under a new passphrase (new salt); needs the current one. Both
 * scrypts run off main's thread; keys.json is read again before it is written.
 */
export async function changeStaffPassphrase(
  dataDir: string,
  staffId: string,
  current: string,
  next: string,
  kdf?: ScryptParams,
): Promise<void> {
  assertPassphraseLongEnough(next);
  const slot = findStaffSlot(readKeyFile(dataDir), staffId);
  const masterKey = couldOpenASlot(current)
    ? await unwrapPassphraseSlotAsync(slot, current)
    : undefined;
  if (!masterKey) {
    throw new VaultError(
      'WRONG_PASSPHRASE',
      `changeStaffPassphrase: the current passphrase of staff member ${staffId} is not that`,
    );
  }
  try {
    const replacement = await createPassphraseSlotAsync(
      masterKey,
      staffOf(slot),
      next,
      kdf ?? DEFAULT_SCRYPT_PARAMS,
    );
    const keyFile = readKeyFile(dataDir);
    // Removed meanwhile (another administrator): not brought back.
    findStaffSlot(keyFile, staffId);
    const staff = keyFile.staff.map((s) => (s.staffId === staffId ? replacement : s));
    writeKeyFile(dataDir, { ...keyFile, staff }, { replace: true });
  } finally {
    masterKey.fill(0);
  }
  console.info(`changeStaffPassphrase: staff member ${staffId} has a new passphrase`);
}

/**
 * Wraps the database key for `keychain`, replacing any keychain slot (there is at most one), so
 * the kiosk can start unattended. During an interrupted rekey the pending key is wrapped too.
 */
export function addKeychainSlot(
  dataDir: string,
  unlock: RecordKeys,
  keychain: KeychainWrapper,
): void {
  assertVaultFilesExist(dataDir);
  const masterKey = masterKeyOf(unlock);
  try {
    wrapDatabaseKeysForKeychain(dataDir, masterKey, keychain);
  } finally {
    masterKey.fill(0);
  }
}

export function wrapDatabaseKeysForKeychain(
  dataDir: string,
  masterKey: Buffer,
  keychain: KeychainWrapper,
): void {
  const keyFile = readKeyFile(dataDir);
  const withKeychain = (entry: DatabaseKeyEntry): DatabaseKeyEntry => {
    const key = unwrapDatabaseKeyEntry(entry, masterKey);
    try {
      return { ...entry, keychain: createKeychainSlot(key, keychain) };
    } finally {
      key.fill(0);
    }
  };
  const next: KeyFile = { ...keyFile, database: withKeychain(keyFile.database) };
  if (keyFile.pendingDatabase) {
    next.pendingDatabase = withKeychain(keyFile.pendingDatabase);
  }
  writeKeyFile(dataDir, next, { replace: true });
  console.info(
    `wrapDatabaseKeysForKeychain: the database key is now wrapped by the "${keychain.backend}" keychain`,
  );
}

/** A new staff member's identity: a random id and the time now. */
export function newStaffMember(name: string): StaffIdentity {
  return {
    staffId: randomUUID(),
    name: checkedStaffName(name),
    createdAt: new Date().toISOString(),
  };
}

/** The name as stored: trimmed, NFC, 1 to 200 characters. */
function checkedStaffName(name: string): string {
  const trimmed = name.normalize('NFC').trim();
  if (trimmed.length === 0 || trimmed.length > MAX_STAFF_NAME_LENGTH) {
    throw new VaultError(
      'INVALID_STAFF_NAME',
      `checkedStaffName: a staff name must have 1 to ${String(MAX_STAFF_NAME_LENGTH)} characters`,
    );
  }
  return trimmed;
}

function findStaffSlot(keyFile: KeyFile, staffId: string) {
  const slot = keyFile.staff.find((s) => s.staffId === staffId);
  if (!slot) {
    throw new VaultError('UNKNOWN_STAFF', `findStaffSlot: there is no staff member ${staffId}`);
  }
  return slot;
}
