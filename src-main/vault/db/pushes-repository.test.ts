import { describe, expect, it } from 'vitest';
import { openRecordKeys } from '../index';
import {
  databaseKeyOf,
  fileContainsText,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  useTempRoot,
} from '../vault-test-fixtures';
import { databasePath } from '../data-folder';
import { openRawDatabase } from './open-database';

describe('vault: the pushed state of each submission (submission_pushes)', () => {
  const temp = useTempRoot();

  it('never lets a later retry or rejected overwrite a pushed row, nor count its attempt', () => {
    const { vault } = initTestVault(temp.dataDir);
    try {
      const submission = sampleSubmission();
      vault.insertSubmission(submission);
      const server = 'https://fhir.example.org/r4';
      const at = '2025-03-05T00:00:00.000Z';
      vault.recordPush({ submissionId: submission.id, server, at, outcome: { state: 'pushed' } });
      vault.recordPush({
        submissionId: submission.id,
        server,
        at: '2025-03-05T00:00:01.000Z',
        outcome: { state: 'retry', httpStatus: 503, reason: 'server error' },
      });
      vault.recordPush({
        submissionId: submission.id,
        server,
        at: '2025-03-05T00:00:02.000Z',
        outcome: { state: 'rejected', httpStatus: 422, reason: 'rejected', detail: 'late' },
      });
      expect(vault.pushState(submission.id)).toMatchObject({
        state: 'pushed',
        attempts: 1,
        lastAttemptAt: at,
        pushedAt: at,
        httpStatus: null,
        reason: null,
        detailSealed: null,
      });
      expect(vault.pushCounts()).toEqual({ notPushed: 0, rejected: 0, pushed: 1 });
    } finally {
      vault.close();
    }
  });

  it('counts never tried, retry and rejected as not pushed; lists them oldest first', () => {
    const { vault } = initTestVault(temp.dataDir);
    try {
      const ids = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'].map((day) => {
        const submission = {
          ...sampleSubmission(),
          submittedAt: `${day}T10:00:00.000Z`,
          startedAt: `${day}T09:50:00.000Z`,
        };
        vault.insertSubmission(submission);
        return submission.id;
      });
      const [a, b, c, d] = ids as [string, string, string, string];
      const server = 'https://fhir.example.org/r4';
      expect(vault.pushCounts()).toEqual({ notPushed: 4, rejected: 0, pushed: 0 });

      vault.recordPush({
        submissionId: b,
        server,
        at: '2025-03-05T00:00:00.000Z',
        outcome: { state: 'pushed' },
      });
      vault.recordPush({
        submissionId: c,
        server,
        at: '2025-03-05T00:00:01.000Z',
        outcome: { state: 'retry', httpStatus: 503, reason: 'server error' },
      });
      vault.recordPush({
        submissionId: d,
        server,
        at: '2025-03-05T00:00:02.000Z',
        outcome: {
          state: 'rejected',
          httpStatus: 422,
          reason: 'rejected',
          detail: 'Patient.birthDate: bad',
        },
      });
      expect(vault.pushCounts()).toEqual({ notPushed: 3, rejected: 1, pushed: 1 });
      expect(vault.notPushedIds()).toEqual([a, c]);
      expect(vault.notPushedIds({ includeRejected: true })).toEqual([a, c, d]);
      expect(vault.notPushedIds({ limit: 1 })).toEqual([a]);

      vault.recordPush({
        submissionId: c,
        server,
        at: '2025-03-05T01:00:00.000Z',
        outcome: { state: 'pushed' },
      });
      expect(vault.pushState(c)).toMatchObject({
        state: 'pushed',
        attempts: 2,
        pushedAt: '2025-03-05T01:00:00.000Z',
        httpStatus: null,
        reason: null,
        detailSealed: null,
      });
      // An id not stored is not recorded (and cannot be counted as pushed).
      vault.recordPush({
        submissionId: 'nope',
        server,
        at: '2025-03-05T01:00:00.000Z',
        outcome: { state: 'pushed' },
      });
      expect(vault.pushState('nope')).toBeUndefined();
      expect(vault.pushCounts()).toEqual({ notPushed: 2, rejected: 1, pushed: 2 });
      expect(() => {
        vault.recordPush({
          submissionId: a,
          server,
          at: 'yesterday',
          outcome: { state: 'pushed' },
        });
      }).toThrow();
      expect(vault.pushState(a)).toBeUndefined();
    } finally {
      vault.close();
    }
  });

  it("seals the server's words about a failure: staff open them, the database file never holds them", () => {
    const { vault } = initTestVault(temp.dataDir);
    const detail = 'Patient.name Zebulon-Quartz-Unique rejected';
    try {
      const submission = sampleSubmission();
      vault.insertSubmission(submission);
      vault.recordPush({
        submissionId: submission.id,
        server: 'https://fhir.example.org/r4',
        at: '2025-03-05T00:00:00.000Z',
        outcome: { state: 'rejected', httpStatus: 400, reason: 'rejected', detail },
      });
      const row = vault.pushState(submission.id);
      expect(row?.detailSealed).toBeInstanceOf(Uint8Array);
      const keys = openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE });
      try {
        expect(keys.openSubmission(row?.detailSealed ?? new Uint8Array())).toBe(detail);
      } finally {
        keys.wipe();
      }
    } finally {
      vault.close();
    }
    const raw = openRawDatabase(temp.dataDir, databaseKeyOf(temp.dataDir));
    try {
      const sealed = raw.prepare('SELECT detail_sealed FROM submission_pushes').pluck().get();
      expect(Buffer.from(sealed as Uint8Array).includes(Buffer.from('Zebulon'))).toBe(false);
    } finally {
      raw.close();
    }
    expect(fileContainsText(databasePath(temp.dataDir), 'Zebulon')).toBe(false);
  });
});
