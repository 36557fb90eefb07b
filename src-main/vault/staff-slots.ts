/**
 * Managing the slots in keys.json: staff passphrases and the keychain. Every change re-reads
 * keys.json, changes one thing and writes it atomically; a refused change writes nothing.
 *
 * Removing a slot needs no key (anyone who can write the folder could delete one anyway), so
 * `removeStaff` takes none: deciding who may remove whom is the staff area's job, not the
 * cipher's. Adding a slot or a keychain wrap needs the master key, so those take an unlock.
 */
import { assertVaultFilesExist } from './data-folder';
import { VaultError } from './errors';
import { readKeyFile, writeKeyFile, type DatabaseKeyEntry, type KeyFile } from './key-file';
import { createKeychainSlot, type KeychainWrapper } from './keychain-slot';
import { assertMasterKeyOpens, unwrapDatabaseKeyEntry } from './master-key';
import { masterKeyOf, type MasterUnlock } from './master-unlock';
import {
  assertPassphraseLongEnough,
  createStaffSlot,
  DEFAULT_SCRYPT_PARAMS,
  newStaffMember,
  staffOf,
  unwrapStaffSlot,
  type ScryptParams,
  type StaffSlot,
} from './staff-slot';

export function listStaff(dataDir: string): StaffSlot[] {
  return readKeyFile(dataDir, 'listStaff').staff.map(staffOf);
}

/** A new staff member with their own passphrase slot. Needs an unlock of this vault. */
export function addStaff(
  dataDir: string,
  unlock: MasterUnlock,
  opts: { name: string; passphrase: string; kdf?: ScryptParams },
): StaffSlot {
  const caller = 'addStaff';
  const member = newStaffMember(opts.name, caller);
  assertPassphraseLongEnough(opts.passphrase, caller);
  const keyFile = readKeyFile(dataDir, caller);
  const masterKey = masterKeyOf(unlock, caller);
  try {
    // An unlock of another vault would wrap a key that opens nothing here.
    assertMasterKeyOpens(keyFile, masterKey, caller);
    const slot = createStaffSlot(
      masterKey,
      member,
      opts.passphrase,
      opts.kdf ?? DEFAULT_SCRYPT_PARAMS,
    );
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
  const caller = 'removeStaff';
  const keyFile = readKeyFile(dataDir, caller);
  findStaffSlot(keyFile, staffId, caller);
  const staff = keyFile.staff.filter((slot) => slot.staffId !== staffId);
  if (staff.length === 0) {
    throw new VaultError(
      'LAST_STAFF_SLOT',
      `${caller}: staff member ${staffId} holds the last staff slot; add another first`,
    );
  }
  writeKeyFile(dataDir, { ...keyFile, staff }, { replace: true });
  console.info(`removeStaff: removed staff member ${staffId}`);
}

/** Re-wraps a staff member's slot under a new passphrase (new salt); needs the current one. */
export function changeStaffPassphrase(
  dataDir: string,
  staffId: string,
  current: string,
  next: string,
  kdf?: ScryptParams,
): void {
  const caller = 'changeStaffPassphrase';
  assertPassphraseLongEnough(next, caller);
  const keyFile = readKeyFile(dataDir, caller);
  const slot = findStaffSlot(keyFile, staffId, caller);
  const masterKey = unwrapStaffSlot(slot, current);
  if (!masterKey) {
    throw new VaultError(
      'WRONG_PASSPHRASE',
      `${caller}: the current passphrase of staff member ${staffId} is not that`,
    );
  }
  try {
    const replacement = createStaffSlot(
      masterKey,
      staffOf(slot),
      next,
      kdf ?? DEFAULT_SCRYPT_PARAMS,
    );
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
  unlock: MasterUnlock,
  keychain: KeychainWrapper,
): void {
  const caller = 'addKeychainSlot';
  assertVaultFilesExist(dataDir, caller);
  const masterKey = masterKeyOf(unlock, caller);
  try {
    wrapDatabaseKeysForKeychain(dataDir, masterKey, keychain, caller);
  } finally {
    masterKey.fill(0);
  }
}

export function wrapDatabaseKeysForKeychain(
  dataDir: string,
  masterKey: Buffer,
  keychain: KeychainWrapper,
  caller: string,
): void {
  const keyFile = readKeyFile(dataDir, caller);
  const withKeychain = (entry: DatabaseKeyEntry): DatabaseKeyEntry => {
    const key = unwrapDatabaseKeyEntry(entry, masterKey, caller);
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
  console.info(`${caller}: the database key is now wrapped by the "${keychain.backend}" keychain`);
}

function findStaffSlot(keyFile: KeyFile, staffId: string, caller: string) {
  const slot = keyFile.staff.find((s) => s.staffId === staffId);
  if (!slot) {
    throw new VaultError('UNKNOWN_STAFF', `${caller}: there is no staff member ${staffId}`);
  }
  return slot;
}
