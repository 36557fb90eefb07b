import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import { fakeName, seedDemo } from '../cli/seed-demo';
import { completedPayload, storePayload } from '../export/sample-records';
import type { Vault } from '../vault';

let kiosk: TestKiosk;
/** The three seeded visits of one fake client, oldest first. */
let visitIds: string[];

function openVault(): Vault {
  const vault = kiosk.app.gate.vault();
  if (!vault) {
    throw new Error('no vault');
  }
  return vault;
}

/** A stored submission of `fullName`, born `dateOfBirth`, started at `startedAt`; its id. */
function storeVisit(fullName: string, dateOfBirth: string, startedAt: string): string {
  const vault = openVault();
  const payload = completedPayload({ fullName, dateOfBirth, startedAt, kioskId: vault.kioskId });
  storePayload(vault, payload);
  return payload.submissionId;
}

beforeEach(async () => {
  kiosk = openTestKiosk();
  await kiosk.setUp();
  visitIds = await seedDemo(kiosk.app, 3, { sameClient: true });
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
});

afterEach(() => {
  kiosk.dispose();
});

describe("a client's progress across visits", () => {
  it('lists every visit of the same client in time order, with totals, bands and marks', async () => {
    // Same name, another birthday: another person, who must not appear.
    storeVisit(fakeName(0), '1990-05-05', '2030-01-01T09:00:00.000Z');
    const progress = await kiosk.ok('submissions.progress', { submissionId: visitIds[1] ?? '' });
    expect(progress.visits.map((visit) => visit.submissionId)).toEqual(visitIds);
    // seed-demo's answers are deterministic: unwell, then much better, then well.
    expect(progress.visits.map(({ phq9, gad7 }) => [phq9, gad7])).toEqual([
      [
        { total: 21, band: 'Severe' },
        { total: 19, band: 'Severe' },
      ],
      [
        { total: 7, band: 'Mild' },
        { total: 6, band: 'Mild' },
      ],
      [
        { total: 1, band: 'Minimal' },
        { total: 1, band: 'Minimal' },
      ],
    ]);
    expect(
      progress.visits.map(({ baseline, response, remission }) => ({
        baseline,
        response,
        remission,
      })),
    ).toEqual([
      { baseline: true, response: false, remission: false },
      { baseline: false, response: true, remission: false },
      { baseline: false, response: false, remission: true },
    ]);
  });

  it('matches the name whatever its spacing and case, and gives the same course from any visit', async () => {
    const later = storeVisit(
      `  ${fakeName(0).replace(' ', '   ').toUpperCase()} `,
      '1900-01-01',
      '2030-01-01T09:00:00.000Z',
    );
    const fromLast = await kiosk.ok('submissions.progress', { submissionId: later });
    const fromFirst = await kiosk.ok('submissions.progress', { submissionId: visitIds[0] ?? '' });
    expect(fromLast.visits.map((visit) => visit.submissionId)).toEqual([...visitIds, later]);
    expect(fromFirst).toEqual(fromLast);
  });

  it('is audited with the record and the number of visits, never the client', async () => {
    await kiosk.ok('submissions.progress', { submissionId: visitIds[2] ?? '' });
    const entry = openVault()
      .auditRows()
      .find((row) => row.action === 'progress_viewed');
    expect(entry?.actor).toMatch(/^staff:/);
    expect(JSON.parse(entry?.details ?? 'null')).toEqual({
      submissionId: visitIds[2],
      visits: 3,
    });
    expect(entry?.details).not.toContain('Fake');
    expect(entry?.details).not.toContain('1900');
  });

  it('is for an administrator only, and names a record that is not there', async () => {
    expect(
      await kiosk.call('submissions.progress', {
        submissionId: '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await kiosk.ok('admin.lock', {});
    expect(
      await kiosk.call('submissions.progress', { submissionId: visitIds[0] ?? '' }),
    ).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED' } });
    const viewed = openVault()
      .auditRows()
      .filter((row) => row.action === 'progress_viewed');
    expect(viewed).toEqual([]);
  });
});
