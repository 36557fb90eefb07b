/**
 * `npm run bench -- cipher`: where the database cipher's cost goes, for issue 13's submit and
 * open rows. The same 24 KB row (random bytes: no client data) is committed 2,000 times and read
 * back into three databases with the vault's pragmas but `synchronous=OFF`, so that no fsync
 * hides the CPU: SQLCipher v4 as the vault uses it (AES-256-CBC and an HMAC-SHA512 per page),
 * the same cipher with the page HMAC turned off (`hmac_use=0`, a measurement only: the vault
 * never runs without it, since it is what catches a flipped bit on any page), and no cipher.
 * The difference between the first two is what authenticating the pages costs. Figures only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyConnectionPragmas, applyNewDatabasePragmas } from '../src-main/vault/db/pragmas';
import { sqliteOptions } from '../src-main/vault/db/sqlite-binding';

const ROW_BYTES = 24_000;
const WARMUP = 200;
const COMMITS = 2000;

interface Variant {
  label: string;
  cipher: readonly string[] | null;
}

const VARIANTS: readonly Variant[] = [
  { label: "SQLCipher v4, the vault's (AES-256-CBC + HMAC-SHA512 a page)", cipher: ['legacy = 4'] },
  {
    label: 'SQLCipher v4 without the page HMAC (hmac_use=0)',
    cipher: ['legacy = 4', 'hmac_use = 0'],
  },
  { label: 'no cipher', cipher: null },
];

interface Costs {
  commitUs: number;
  readUs: number;
}

export function runCipherBench(): void {
  const parent = process.env.KIOSK_BENCH_DIR ?? os.tmpdir();
  const root = fs.mkdtempSync(path.join(parent, 'kiosk-cipher-bench-'));
  const key = randomBytes(32).toString('hex');
  const row = randomBytes(ROW_BYTES);
  try {
    console.log(
      `cipher: ${String(COMMITS)} commits of a ${String(ROW_BYTES / 1000)} KB row each, then read back; synchronous=OFF (no fsync), so CPU only`,
    );
    const costs = VARIANTS.map((variant, index) =>
      measure(path.join(root, `${String(index)}.db`), variant, key, row),
    );
    VARIANTS.forEach((variant, index) => {
      const cost = costs[index];
      if (cost) {
        console.log(
          `  ${variant.label}: ${cost.commitUs.toFixed(0)} µs a commit, ${cost.readUs.toFixed(0)} µs a row read`,
        );
      }
    });
    const [vault, noHmac, plain] = costs;
    if (vault && noHmac && plain) {
      const share = (whole: number, part: number): string =>
        `${((100 * part) / whole).toFixed(0)} %`;
      console.log(
        `  the page HMAC is ${share(vault.commitUs - plain.commitUs, vault.commitUs - noHmac.commitUs)} of the cipher's cost a commit ` +
          `and ${share(vault.readUs - plain.readUs, vault.readUs - noHmac.readUs)} of it a row read`,
      );
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function measure(file: string, variant: Variant, key: string, row: Buffer): Costs {
  const open = (): Database.Database => {
    const db = new Database(file, sqliteOptions({}));
    if (variant.cipher) {
      db.pragma("cipher = 'sqlcipher'");
      for (const setting of variant.cipher) {
        db.pragma(setting);
      }
      db.pragma(`key = "x'${key}'"`);
    }
    return db;
  };
  const db = open();
  let commitUs: number;
  try {
    applyNewDatabasePragmas(db);
    applyConnectionPragmas(db);
    db.pragma('synchronous = OFF');
    db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY, body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO rows (id, body) VALUES (?, ?)');
    for (let i = 0; i < WARMUP; i++) {
      insert.run(randomUUID(), row);
    }
    const start = process.hrtime.bigint();
    for (let i = 0; i < COMMITS; i++) {
      insert.run(randomUUID(), row);
    }
    commitUs = Number(process.hrtime.bigint() - start) / 1e3 / COMMITS;
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const reader = open();
  try {
    let bytes = 0;
    const start = process.hrtime.bigint();
    for (const { body } of reader.prepare('SELECT body FROM rows').iterate() as Iterable<{
      body: Buffer;
    }>) {
      bytes += body.length;
    }
    const rows = WARMUP + COMMITS;
    if (bytes !== rows * ROW_BYTES) {
      throw new Error(`measure: read ${String(bytes)} bytes, not ${String(rows * ROW_BYTES)}`);
    }
    return { commitUs, readUs: Number(process.hrtime.bigint() - start) / 1e3 / rows };
  } finally {
    reader.close();
  }
}
