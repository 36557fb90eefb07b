import { describe, expect, it } from 'vitest';
import {
  addStaff,
  changeStaffPassphrase,
  listStaff,
  openVaultWithSecret,
  removeStaff,
  openRecordKeys,
  type RecordKeys,
  type StaffSecret,
} from '../index';
import {
  ADMIN_NAME,
  codeOf,
  codeOfAsync,
  FAST_KDF,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
  useTempRoot,
  WRONG_PASSPHRASE,
} from '../vault-test-fixtures';

const SECOND = { name: 'Blake Nurse', passphrase: 'second staff member passphrase', kdf: FAST_KDF };

describe('staff slots', () => {
  const temp = useTempRoot();

  async function withUnlock<T>(
    secret: StaffSecret,
    use: (unlock: RecordKeys) => T | Promise<T>,
  ): Promise<T> {
    const unlock = openRecordKeys(temp.dataDir, secret);
    try {
      return await use(unlock);
    } finally {
      unlock.wipe();
    }
  }

  /** Every submission opens with `secret` to the payload it was written with. */
  function expectAllOpen(secret: StaffSecret, payloads: string[]): void {
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, secret);
    try {
      expect(vault.listSubmissions().map((row) => unlock.openSubmission(row.sealed))).toEqual(
        payloads,
      );
    } finally {
      unlock.wipe();
      vault.close();
    }
  }

  function setUp(): { recoveryKey: string; adminId: string; payloads: string[] } {
    const { vault, recoveryKey, admin } = initTestVault(temp.dataDir);
    const submissions = [sampleSubmission({ n: 1 }), sampleSubmission({ n: 2 })];
    for (const s of submissions) {
      vault.insertSubmission(s);
    }
    vault.close();
    return { recoveryKey, adminId: admin.staffId, payloads: submissions.map((s) => s.payload) };
  }

  it('lists the admin created with the vault', () => {
    const { adminId } = setUp();
    const [admin] = listStaff(temp.dataDir);
    expect(admin && Object.keys(admin).sort()).toEqual(['createdAt', 'name', 'staffId']);
    expect(admin).toMatchObject({ staffId: adminId, name: ADMIN_NAME });
    expect(Date.parse(admin?.createdAt ?? '')).not.toBeNaN();
  });

  it('adds a staff member with an unlock; their passphrase then opens every record', async () => {
    const { payloads } = setUp();
    const added = await withUnlock({ passphrase: PASSPHRASE }, (unlock) =>
      addStaff(temp.dataDir, unlock, SECOND),
    );
    expect(added.name).toBe(SECOND.name);
    expect(listStaff(temp.dataDir).map((s) => s.name)).toEqual([ADMIN_NAME, SECOND.name]);
    expectAllOpen({ passphrase: SECOND.passphrase }, payloads);
    const unlock = openRecordKeys(temp.dataDir, { passphrase: SECOND.passphrase });
    expect(unlock.staff).toEqual(added);
    unlock.wipe();
  });

  it('adding refuses a short passphrase, a bad name, a wiped unlock or another vault’s unlock', async () => {
    setUp();
    const before = snapshotFolder(temp.dataDir);
    await withUnlock({ passphrase: PASSPHRASE }, async (unlock) => {
      expect(
        await codeOfAsync(() => addStaff(temp.dataDir, unlock, { ...SECOND, passphrase: 'short' })),
      ).toBe('PASSPHRASE_TOO_SHORT');
      expect(await codeOfAsync(() => addStaff(temp.dataDir, unlock, { ...SECOND, name: '' }))).toBe(
        'INVALID_STAFF_NAME',
      );
    });
    const wiped = openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE });
    wiped.wipe();
    expect(await codeOfAsync(() => addStaff(temp.dataDir, wiped, SECOND))).toBe('KEYS_WIPED');
    expect(codeOf(() => wiped.openSubmission(new Uint8Array(64)))).toBe('KEYS_WIPED');

    // An unlock of another vault holds a master key that opens nothing here.
    const otherDir = `${temp.dataDir}-other`;
    initTestVault(otherDir).vault.close();
    const foreign = openRecordKeys(otherDir, { passphrase: PASSPHRASE });
    expect(await codeOfAsync(() => addStaff(temp.dataDir, foreign, SECOND))).toBe('WRONG_KEY');
    foreign.wipe();
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('removes a staff member; removing never loses data while another slot remains', async () => {
    const { adminId, recoveryKey, payloads } = setUp();
    const second = await withUnlock({ passphrase: PASSPHRASE }, (unlock) =>
      addStaff(temp.dataDir, unlock, SECOND),
    );
    removeStaff(temp.dataDir, adminId);
    expect(listStaff(temp.dataDir)).toEqual([second]);
    expect(codeOf(() => openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expectAllOpen({ passphrase: SECOND.passphrase }, payloads);
    expectAllOpen({ recoveryKey }, payloads);
  });

  it('refuses to remove the last staff slot or an unknown one, changing nothing', () => {
    const { adminId, recoveryKey, payloads } = setUp();
    const before = snapshotFolder(temp.dataDir);
    expect(
      codeOf(() => {
        removeStaff(temp.dataDir, adminId);
      }),
    ).toBe('LAST_STAFF_SLOT');
    expect(
      codeOf(() => {
        removeStaff(temp.dataDir, '00000000-0000-4000-8000-000000000000');
      }),
    ).toBe('UNKNOWN_STAFF');
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
    expectAllOpen({ passphrase: PASSPHRASE }, payloads);
    expectAllOpen({ recoveryKey }, payloads);
  });

  it('changes a passphrase: the old one stops working, the new one opens every record', async () => {
    const { adminId, payloads } = setUp();
    const next = 'an entirely new admin passphrase';
    await changeStaffPassphrase(temp.dataDir, adminId, PASSPHRASE, next, FAST_KDF);
    expect(codeOf(() => openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expectAllOpen({ passphrase: next }, payloads);
    // Same staff member, same id and name.
    const staff = listStaff(temp.dataDir);
    expect(staff).toHaveLength(1);
    expect(staff[0]).toMatchObject({ staffId: adminId, name: ADMIN_NAME });
  });

  it('changing with a wrong current passphrase, a short new one or an unknown id changes nothing', async () => {
    const { adminId } = setUp();
    const second = await withUnlock({ passphrase: PASSPHRASE }, (unlock) =>
      addStaff(temp.dataDir, unlock, SECOND),
    );
    const before = snapshotFolder(temp.dataDir);
    const change = (staffId: string, current: string, next: string) => () =>
      changeStaffPassphrase(temp.dataDir, staffId, current, next, FAST_KDF);
    expect(await codeOfAsync(change(adminId, WRONG_PASSPHRASE, 'a long enough new one'))).toBe(
      'WRONG_PASSPHRASE',
    );
    // Another staff member's passphrase is not this one's current passphrase.
    expect(await codeOfAsync(change(adminId, SECOND.passphrase, 'a long enough new one'))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(await codeOfAsync(change(second.staffId, SECOND.passphrase, 'short'))).toBe(
      'PASSPHRASE_TOO_SHORT',
    );
    expect(
      await codeOfAsync(
        change('00000000-0000-4000-8000-000000000000', PASSPHRASE, 'a long enough one'),
      ),
    ).toBe('UNKNOWN_STAFF');
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
    await withUnlock({ passphrase: PASSPHRASE }, (unlock) => {
      expect(unlock.staff?.staffId).toBe(adminId);
    });
  });
});
