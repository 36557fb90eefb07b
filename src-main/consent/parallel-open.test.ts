import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { completedPayload, openExportVault } from '../export/export-test-fixtures';
import { useTempRoot } from '../vault/vault-test-fixtures';
import type { RecordKeys, Vault } from '../vault';
import { openOutlines, PARALLEL_FROM } from './parallel-open';
import {
  openSubmissionPayload,
  outlineOf,
  submissionMetadataOf,
  submissionRowOf,
  type SubmissionPayload,
} from './submission-payload';

const temp = useTempRoot();
const MANY = PARALLEL_FROM + 40;

/** `count` distinct records, each sealed as the kiosk seals; `forgeAt` stores one without a date of birth. */
function store(vault: Vault, count: number, forgeAt?: number): SubmissionPayload[] {
  const base = completedPayload({ kioskId: vault.kioskId });
  const stored: SubmissionPayload[] = [];
  vault.atomically(() => {
    for (let index = 0; index < count; index++) {
      const payload: SubmissionPayload = {
        ...base,
        submissionId: randomUUID(),
        identity: { ...base.identity, fullName: `Client ${String(index)}` },
      };
      if (index === forgeAt) {
        const forged = { ...payload, identity: { fullName: payload.identity.fullName } };
        vault.insertSubmission({
          ...submissionMetadataOf(payload),
          payload: JSON.stringify(forged),
        });
      } else {
        vault.insertSubmission(submissionRowOf(payload));
      }
      stored.push(payload);
    }
  });
  return stored;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

/** What a loop over `items` gave before it threw, and the message it threw. */
async function untilRefused<T>(
  items: AsyncIterable<T>,
): Promise<{ seen: number; message: string }> {
  let seen = 0;
  try {
    for await (const item of items) {
      if (item !== undefined) {
        seen += 1;
      }
    }
  } catch (error) {
    return { seen, message: error instanceof Error ? error.message : String(error) };
  }
  return { seen, message: '(nothing was refused)' };
}

function withVault(test: (vault: Vault, unlock: RecordKeys) => Promise<void>): () => Promise<void> {
  return async () => {
    const { vault, unlock } = openExportVault(temp.dataDir);
    // The pool warns when it falls back to main's thread: these records are opened in workers.
    const warn = vi.spyOn(console, 'warn');
    try {
      await test(vault, unlock);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      unlock.wipe();
      vault.close();
    }
  };
}

describe('opening many records on every core', () => {
  it(
    'gives, in order, the outlines that opening them one by one gives',
    withVault(async (vault, unlock) => {
      const stored = store(vault, MANY);
      const oneByOne = [...vault.iterateSubmissions()].map((row) =>
        openSubmissionPayload(row, unlock),
      );
      expect(oneByOne.map((payload) => payload.submissionId)).toEqual(
        stored.map((payload) => payload.submissionId),
      );
      const outlined = await all(
        openOutlines(vault.iterateSubmissions(), unlock, { count: MANY, workers: 2 }),
      );
      expect(outlined.map(({ outline }) => outline)).toEqual(oneByOne.map(outlineOf));
      expect(outlined.map(({ row }) => row.id)).toEqual(stored.map((p) => p.submissionId));
      expect(outlined[7]?.outline.fullName).toBe('Client 7');
    }),
  );

  it(
    'refuses a record that is not a submission of this app in the same words, where it stands',
    withVault(async (vault, unlock) => {
      const forgeAt = 123;
      const stored = store(vault, MANY, forgeAt);
      const oneByOne = await untilRefused(
        openOutlines(vault.iterateSubmissions(), unlock, { workers: 0 }),
      );
      const named = `submission ${stored[forgeAt]?.submissionId ?? ''} is not a clinic-kiosk/submission@1 record: identity.dateOfBirth`;
      expect(oneByOne).toMatchObject({ seen: forgeAt });
      expect(oneByOne.message).toContain(named);
      const options = { count: MANY, workers: 2 };
      expect(await untilRefused(openOutlines(vault.iterateSubmissions(), unlock, options))).toEqual(
        oneByOne,
      );
    }),
  );

  it(
    'opens a few records on this thread, and a wiped unlock opens none',
    withVault(async (vault, unlock) => {
      store(vault, 3);
      const few = await all(openOutlines(vault.iterateSubmissions(), unlock, { count: 3 }));
      expect(few.map(({ outline }) => outline.fullName)).toEqual([
        'Client 0',
        'Client 1',
        'Client 2',
      ]);
      unlock.wipe();
      await expect(
        all(openOutlines(vault.iterateSubmissions(), unlock, { workers: 2 })),
      ).rejects.toThrow(/wiped/);
    }),
  );
});
