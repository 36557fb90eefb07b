/**
 * The stolen kiosk: an attacker holds the running machine, so they have its data folder and
 * whatever its OS keychain gives (the database key). They open the database, dump every row of
 * every table and read every file, and find no client's name, date of birth or signature. Staff
 * secrets (a passphrase or the recovery key) still open every record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultWithSecret, type StaffSecret, type Vault } from '../../src-main/vault';
import { openRawDatabase } from '../../src-main/vault/db/open-database';
import { unwrapDatabaseKeyWithKeychain } from '../../src-main/vault/keys/keychain-slot';
import { openVaultWithKeychain } from '../../src-main/vault/open-existing-vault';
import {
  bytesContainText,
  codeOf,
  copyFolder,
  fakeKeychain,
  filesOf,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
  useTempRoot,
  WRONG_PASSPHRASE,
} from '../../src-main/vault/vault-test-fixtures';
import { reportFigures } from '../support/figures';

const BACKEND = 'kiosk-login-keychain';

const CLIENTS = [
  { fullName: 'Philippa Quixote-Marlowe', dateOfBirth: '1957-11-23' },
  { fullName: 'Ignatius Wrexham-Delacroix', dateOfBirth: '1990-02-29' },
  { fullName: 'Saoirse Ní Bhraonáin', dateOfBirth: '2001-07-04' },
];

interface Client {
  fullName: string;
  dateOfBirth: string;
  signature: string;
}

function clientPayload(client: Client): object {
  return {
    identity: { fullName: client.fullName, dateOfBirth: client.dateOfBirth },
    answers: [{ stepId: 'check-1', optionId: 'b', correct: true }],
    acknowledged: ['risks', 'alternatives'],
    signature: {
      imageDataUrl: `data:image/png;base64,${client.signature}`,
      typedName: client.fullName,
    },
  };
}

/** What the attacker extracts: every row of every table, blobs as raw bytes, hex and UTF-8. */
function dumpDatabase(dataDir: string, databaseKey: Buffer): { text: string; blobs: Buffer } {
  const db = openRawDatabase(dataDir, databaseKey);
  try {
    const master = db
      .prepare<[], { type: string; name: string; sql: string | null }>(
        'SELECT type, name, sql FROM sqlite_master',
      )
      .all();
    const text: string[] = master.map((entry) => `${entry.type} ${entry.name} ${entry.sql ?? ''}`);
    const blobs: Buffer[] = [];
    for (const { name } of master.filter((entry) => entry.type === 'table')) {
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<
        string,
        unknown
      >[];
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (Buffer.isBuffer(value)) {
            blobs.push(value);
            text.push(`${name}.${column} hex ${value.toString('hex')}`);
            text.push(`${name}.${column} utf8 ${value.toString('utf8')}`);
            text.push(`${name}.${column} utf16le ${value.toString('utf16le')}`);
          } else {
            text.push(`${name}.${column} ${String(value)}`);
          }
        }
      }
    }
    return { text: text.join('\n'), blobs: Buffer.concat(blobs) };
  } finally {
    db.close();
  }
}

/** The needles found anywhere the attacker can look, in UTF-8 or UTF-16LE, raw or as hex. */
function findLeaks(dataDir: string, needles: string[]): string[] {
  // The files first, as taken: opening the database for the dump checkpoints a copy's -wal into
  // kiosk.db and deletes it, so read after, the live WAL's own bytes would never be searched.
  const files = filesOf(dataDir).map((file) => ({ file, bytes: fs.readFileSync(file) }));
  const databaseKey = unwrapDatabaseKeyWithKeychain(dataDir, fakeKeychain(BACKEND));
  const dump = dumpDatabase(dataDir, databaseKey);
  const leaks: string[] = [];
  for (const needle of needles) {
    const hexes = [
      Buffer.from(needle, 'utf8').toString('hex'),
      Buffer.from(needle, 'utf16le').toString('hex'),
    ];
    if (bytesContainText(Buffer.from(dump.text, 'utf8'), needle)) {
      leaks.push(`${needle} in the database dump`);
    }
    if (hexes.some((hex) => dump.text.includes(hex))) {
      leaks.push(`${needle} in the dump's hex`);
    }
    if (bytesContainText(dump.blobs, needle)) {
      leaks.push(`${needle} in a blob`);
    }
    for (const { file, bytes } of files) {
      if (bytesContainText(bytes, needle)) {
        leaks.push(`${needle} in ${path.basename(file)}`);
      }
    }
  }
  return leaks;
}

describe('a stolen, running kiosk yields no client data', () => {
  const temp = useTempRoot();

  function setUp(): { recoveryKey: string; clients: Client[]; payloads: Map<string, string> } {
    const { vault, recoveryKey } = initTestVault(temp.dataDir, {
      keychain: fakeKeychain(BACKEND),
    });
    vault.close();
    // From here on the kiosk runs as it does every day: unattended, with the keychain.
    const kiosk = openVaultWithKeychain(temp.dataDir, fakeKeychain(BACKEND));
    const clients = CLIENTS.map((c) => ({ ...c, signature: randomBytes(3000).toString('base64') }));
    const payloads = new Map<string, string>();
    for (const client of clients) {
      const submission = sampleSubmission(clientPayload(client));
      kiosk.insertSubmission(submission);
      payloads.set(submission.id, submission.payload);
    }
    kiosk.appendAuditRow({
      seq: 1,
      at: new Date().toISOString(),
      actor: 'kiosk',
      action: 'kiosk-start',
      details: '{"marker":"audit-details-are-visible"}',
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    });
    kiosks.push(kiosk);
    return { recoveryKey, clients, payloads };
  }
  const kiosks: Vault[] = [];
  const stopKiosks = () => {
    for (const kiosk of kiosks.splice(0)) {
      kiosk.close();
    }
  };

  /** What is in each payload as written: the control finds exactly these. */
  const needlesOf = (clients: Client[]) =>
    clients.flatMap((c) => [c.fullName, c.dateOfBirth, c.signature.slice(1000, 1040)]);
  /** Plus forms a careless export might have used. */
  const allNeedlesOf = (clients: Client[]) => [
    ...needlesOf(clients),
    ...clients.map((c) => c.fullName.toUpperCase()),
    ...clients.map((c) => Buffer.from(c.signature, 'base64').subarray(500, 540).toString('hex')),
  ];

  it('the attacker finds nothing, with the kiosk running (live WAL) and after it stops', () => {
    const { clients } = setUp();
    const needles = allNeedlesOf(clients);
    // Taken while running: the folder as it is on disk, -wal and -shm included.
    const taken = path.join(temp.root, 'taken-while-running');
    let whileRunning: string[];
    let takenFiles: number;
    try {
      copyFolder(temp.dataDir, taken);
      expect(fs.readdirSync(taken).sort()).toEqual([
        // The audit log's head counter: a seq and a hash, searched like every other file.
        'audit-head.json',
        'keys.json',
        'kiosk.db',
        'kiosk.db-shm',
        'kiosk.db-wal',
      ]);
      takenFiles = filesOf(taken).length;
      whileRunning = findLeaks(taken, needles);
    } finally {
      stopKiosks();
    }
    const stoppedFiles = filesOf(temp.dataDir).length;
    const afterStop = findLeaks(temp.dataDir, needles);
    reportFigures('stolen-kiosk search', {
      'files searched': takenFiles + stoppedFiles,
      'database dumps searched': 2,
      'client data searched for': needles.length,
      'client data found': whileRunning.length + afterStop.length,
    });
    expect(whileRunning).toEqual([]);
    expect(afterStop).toEqual([]);
  });

  it('control: the same search finds what is unsealed, and would find a payload stored unsealed', () => {
    const { clients } = setUp();
    stopKiosks();
    // Unsealed by design: operating metadata and the audit log. The dump reaches them.
    const visible = findLeaks(temp.dataDir, ['general-consent', 'audit-details-are-visible']);
    expect(visible.some((leak) => leak.startsWith('general-consent in the database dump'))).toBe(
      true,
    );
    expect(visible.some((leak) => leak.startsWith('audit-details-are-visible in the'))).toBe(true);

    // Were a payload stored as it is, every needle would be found.
    const key = unwrapDatabaseKeyWithKeychain(temp.dataDir, fakeKeychain(BACKEND));
    const db = openRawDatabase(temp.dataDir, key);
    const update = db.prepare('UPDATE submissions SET sealed = ? WHERE rowid = ?');
    clients.forEach((client, index) => {
      update.run(Buffer.from(JSON.stringify(clientPayload(client)), 'utf8'), index + 1);
    });
    db.close();
    const leaks = findLeaks(temp.dataDir, needlesOf(clients));
    for (const needle of needlesOf(clients)) {
      expect(
        leaks.some((leak) => leak.startsWith(`${needle} in a blob`)),
        needle,
      ).toBe(true);
      expect(
        leaks.some((leak) => leak.startsWith(`${needle} in the dump's hex`)),
        needle,
      ).toBe(true);
    }
  });

  it('a staff passphrase and the recovery key open every submission to its original payload', () => {
    const { recoveryKey, payloads } = setUp();
    stopKiosks();
    for (const secret of [{ passphrase: PASSPHRASE }, { recoveryKey }] as StaffSecret[]) {
      const { vault, unlock } = openVaultWithSecret(temp.dataDir, secret);
      const opened = new Map(
        vault.listSubmissions().map((row) => [row.id, unlock.openSubmission(row.sealed)]),
      );
      expect(opened).toEqual(payloads);
      unlock.wipe();
      vault.close();
    }
  });

  it('a wrong passphrase or recovery key is refused by name and changes no file', () => {
    const { recoveryKey } = setUp();
    stopKiosks();
    const before = snapshotFolder(temp.dataDir);
    const wrongKey = `${recoveryKey.slice(0, -1)}${recoveryKey.endsWith('A') ? 'B' : 'A'}`;
    const attempts: [StaffSecret, string][] = [
      [{ passphrase: WRONG_PASSPHRASE }, 'WRONG_PASSPHRASE'],
      [{ recoveryKey: wrongKey }, 'WRONG_RECOVERY_KEY'],
      [{ recoveryKey: recoveryKey.slice(0, -2) }, 'BAD_RECOVERY_KEY_FORMAT'],
    ];
    for (const [secret, code] of attempts) {
      expect(codeOf(() => openVaultWithSecret(temp.dataDir, secret))).toBe(code);
    }
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });
});
