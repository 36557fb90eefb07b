import { describe, expect, it } from 'vitest';
import { completedPayload } from '../export/sample-records';
import {
  decodeSubmissionPayload,
  InvalidSubmissionError,
  PAYLOAD_FORMAT,
  submissionRowOf,
  type SubmissionPayload,
} from './submission-payload';

function refusalOf(submissionId: string, json: unknown): InvalidSubmissionError {
  try {
    decodeSubmissionPayload(submissionId, json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSubmissionError);
    return error as InvalidSubmissionError;
  }
  throw new Error('the payload was accepted');
}

describe('the submission payload', () => {
  it('maps its clear metadata in one place, and decodes back to the payload it encoded', () => {
    const payload = completedPayload({ wrongFirst: true });
    const row = submissionRowOf(payload);
    expect(row).toEqual({
      id: payload.submissionId,
      packId: payload.pack.id,
      packVersion: payload.pack.version,
      packHash: payload.pack.hash,
      locale: payload.locale,
      startedAt: payload.startedAt,
      submittedAt: payload.submittedAt,
      payload: row.payload,
    });
    expect(decodeSubmissionPayload(row.id, JSON.parse(row.payload))).toEqual(payload);
  });

  it('opens a record sealed before packs had videos, with no videos', () => {
    const { videos, ...older } = completedPayload();
    expect(videos).toEqual([]);
    expect(decodeSubmissionPayload(older.submissionId, older).videos).toEqual([]);
  });

  it('opens a record sealed before the signature had a meaning and a disclosure, without them', () => {
    const payload = completedPayload();
    expect(payload.signature?.meaning?.text).toMatch(/^By signing, I confirm/);
    const older = structuredClone(payload);
    delete older.signature?.meaning;
    delete older.signature?.agreement;
    const opened = decodeSubmissionPayload(older.submissionId, older);
    expect(opened.signature).not.toHaveProperty('meaning');
    expect(opened.signature).not.toHaveProperty('agreement');
    // A meaning without its hash or language is refused, by the field at fault.
    const broken = structuredClone(payload);
    if (broken.signature?.meaning) {
      broken.signature.meaning = { text: 'x' } as never;
    }
    expect(refusalOf(payload.submissionId, broken).fields).toEqual([
      'signature.meaning.textSha256',
      'signature.meaning.locale',
    ]);
  });

  it('refuses JSON of the wrong shape, naming the submission and each field at fault', () => {
    const payload = completedPayload();
    const forged = {
      ...payload,
      submittedAt: '../../escaped',
      identity: { fullName: 'Forged Name' },
      signature: { ...payload.signature, pngBase64: 42 },
    };
    const error = refusalOf(payload.submissionId, forged);
    expect(error.submissionId).toBe(payload.submissionId);
    expect([...error.fields].sort()).toEqual([
      'identity.dateOfBirth',
      'signature.pngBase64',
      'submittedAt',
    ]);
    expect(error.message).toMatch(
      new RegExp(`^submission ${payload.submissionId} is not a ${PAYLOAD_FORMAT} record: `),
    );
    for (const field of error.fields) {
      expect(error.message).toContain(`${field}: `);
    }
    // What was expected, never what was found: a forged record may hold a client's data.
    expect(error.message).not.toContain('Forged Name');
    expect(error.message).not.toContain('escaped');
  });

  it('refuses another format, a non-object and an empty object, listing at most five fields', () => {
    const payload: SubmissionPayload = completedPayload();
    expect(refusalOf('a', { ...payload, format: 'clinic-kiosk/submission@2' }).fields).toEqual([
      'format',
    ]);
    expect(refusalOf('b', ['not', 'a', 'record']).fields).toEqual(['(payload)']);
    const empty = refusalOf('c', {});
    expect(empty.fields).toHaveLength(12);
    expect(empty.message).toMatch(/^submission c is not a .* record: format: .* \(and 7 more\)$/);
  });
});
