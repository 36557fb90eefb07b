/**
 * Owns `audit-head.json`: the audit log's head counter, kept beside the database and outside it.
 * The hash chain inside the database cannot show entries cut off its end, a log emptied, or an
 * older copy of `kiosk.db` put back; a counter the database does not hold can, because whoever
 * edits the database with its key (a SQLCipher shell, a restored copy) leaves the counter where
 * it was. It is its own file rather than a field of keys.json so that the write after every audit
 * entry can never race a rekey's writes of the key file.
 *
 * The counter only moves forward, and only from a head that still holds: once the entry it
 * recorded is gone or changed, it stays put as the evidence `kiosk verify` reports. Someone who
 * can write the data folder can replace it too; the README says what that leaves undetected.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { auditHeadPath, writeFileAtomically } from './data-folder';

export const AUDIT_HEAD_FORMAT = 'clinic-kiosk-audit-head/1';

const headFileSchema = z.strictObject({
  format: z.literal(AUDIT_HEAD_FORMAT),
  seq: z.int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
});

/** What the counter file says, read as untrusted input. */
export type AuditHeadCounter =
  | { state: 'present'; seq: number; hash: string; at: string }
  | { state: 'missing' }
  | { state: 'unreadable'; message: string };

export function readAuditHeadFile(dataDir: string): AuditHeadCounter {
  const file = auditHeadPath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      return { state: 'missing' };
    }
    return { state: 'unreadable', message: `${file} cannot be read (${String(error)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'unreadable', message: `${file} is not valid JSON` };
  }
  const parsed = headFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      state: 'unreadable',
      message: `${file} is not an audit head counter: ${z.prettifyError(parsed.error)}`,
    };
  }
  const { seq, hash, at } = parsed.data;
  return { state: 'present', seq, hash, at };
}

/**
 * Moves the counter to `head` (the log's newest entry, once committed) when that is further on
 * and the entry the counter holds is still in the log unchanged (`hashAt` gives the stored hash
 * of a seq). Returns why it did not move, for the caller's warning, or undefined.
 */
export function advanceAuditHeadFile(
  dataDir: string,
  head: { seq: number; hash: string },
  hashAt: (seq: number) => string | undefined,
  now: Date = new Date(),
): string | undefined {
  const counter = readAuditHeadFile(dataDir);
  if (counter.state === 'unreadable') {
    return `${counter.message}; left as it is for kiosk verify`;
  }
  if (counter.state === 'present') {
    if (head.seq <= counter.seq) {
      return head.seq < counter.seq
        ? `the log ends at seq ${head.seq} but the counter recorded seq ${counter.seq}; left as it is for kiosk verify`
        : undefined;
    }
    if (counter.seq > 0 && hashAt(counter.seq) !== counter.hash) {
      return `entry ${counter.seq} is not the one the counter recorded; left as it is for kiosk verify`;
    }
  }
  const content = {
    format: AUDIT_HEAD_FORMAT,
    seq: head.seq,
    hash: head.hash,
    at: now.toISOString(),
  };
  writeFileAtomically(auditHeadPath(dataDir), `${JSON.stringify(content, null, 2)}\n`, {
    replace: true,
  });
  return undefined;
}
