import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../src-shared/clinic-time';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import { seedDemo } from '../cli/seed-demo';
import { submissionMetadataOf } from '../consent';
import type { ErrorCode, Result } from '../contract';
import { completedPayload } from '../export/sample-records';
import type { Vault } from '../vault';

let kiosk: TestKiosk;
let exportRoot: string;
let chosen: string | undefined;

beforeEach(async () => {
  exportRoot = mkdtempSync(join(tmpdir(), 'kiosk-export-'));
  chosen = exportRoot;
  kiosk = openTestKiosk({ chooseExportFolder: () => Promise.resolve(chosen) });
  await kiosk.setUp();
  await seedDemo(kiosk.app, 3);
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
});

afterEach(() => {
  kiosk.dispose();
  rmSync(exportRoot, { recursive: true, force: true });
});

function auditActions(): string[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? []).map((row) => row.action);
}

describe('submissions for an administrator', () => {
  it('searches by name, case and accents aside, and by date', async () => {
    const all = await kiosk.ok('submissions.list', {});
    expect(all).toHaveLength(3);
    expect(all.every((row) => row.exportedAt === null)).toBe(true);
    const one = await kiosk.ok('submissions.list', { query: 'CLIENT b' });
    expect(one.map((row) => row.fullName)).toEqual(['Fake Demo-Client B']);
    // Days are the clinic's: at 01:00 UTC it is still yesterday in New Hampshire.
    const { clinic } = await kiosk.ok('app.info', {});
    const today = localDay(new Date().toISOString(), clinic.timeZone);
    expect(await kiosk.ok('submissions.list', { from: today, to: today })).toHaveLength(3);
    expect(await kiosk.ok('submissions.list', { to: '2000-01-01' })).toEqual([]);
    expect(
      await kiosk.call('submissions.list', { from: '2026-02-01', to: '2026-01-01' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { from: 'invalid_range' } },
    });
  });

  it('opens one record as evidence: the exact page text, answers, statements and signature', async () => {
    const [first] = await kiosk.ok('submissions.list', {});
    const doc = await kiosk.ok('submissions.get', {
      submissionId: first?.submissionId ?? '',
    });
    expect(doc.client.fullName).toBe(first?.fullName);
    expect(doc.pack).toMatchObject({
      id: 'ketamine-education',
      hash: kiosk.app.programmes.first.hash,
      contentVerified: true,
    });
    const pages = kiosk.app.programmes.first.steps.filter((step) => step.kind === 'page');
    expect(doc.pages.map((page) => page.stepId)).toEqual(pages.map((page) => page.id));
    expect(doc.pages[0]?.shown[0]?.blocks.length).toBeGreaterThan(0);
    expect(JSON.stringify(doc.pages)).toContain('off-label');
    expect(doc.statements.length).toBeGreaterThanOrEqual(5);
    expect(doc.signature?.pngBase64?.length).toBeGreaterThan(20);
    expect(
      await kiosk.call('submissions.get', { submissionId: '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('audits each submission stored, and every list and record view, without a client name', async () => {
    const vault = kiosk.app.gate.vault();
    const rowsNow = (): { action: string; details: string; actor: string }[] =>
      vault?.auditRows() ?? [];
    const created = rowsNow().filter((row) => row.action === 'submission_created');
    const ids = (vault?.listSubmissions() ?? []).map((row) => row.id);
    expect(created.map((row) => JSON.parse(row.details) as { submissionId: string })).toEqual(
      ids.map((id) => ({ submissionId: id, submittedAt: expect.any(String) as string })),
    );
    await kiosk.ok('submissions.list', { query: 'Client B', from: '2000-01-01' });
    const [first] = await kiosk.ok('submissions.list', {});
    await kiosk.ok('submissions.get', { submissionId: first?.submissionId ?? '' });
    const reads = rowsNow()
      .filter((row) => row.action !== 'submission_created')
      .slice(-3);
    expect(reads.map((row) => [row.action, JSON.parse(row.details) as unknown])).toEqual([
      ['records_listed', { from: '2000-01-01', to: null, nameSearched: true, shown: 1 }],
      ['records_listed', { from: null, to: null, nameSearched: false, shown: 3 }],
      ['record_viewed', { submissionId: first?.submissionId }],
    ]);
    expect(reads.every((row) => row.actor.startsWith('staff:'))).toBe(true);
    expect(JSON.stringify(rowsNow())).not.toContain('Client B');
  });

  it('shows nothing once locked', async () => {
    await kiosk.ok('admin.lock', {});
    expect(await kiosk.call('submissions.list', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    expect(await kiosk.call('export.run', { format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
  });
});

/** The call failed with `code`, its message matching `message`. */
function expectRefusal(result: Result<unknown>, code: ErrorCode, message: RegExp): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(result.ok ? 'the call succeeded' : result.error.message).toMatch(message);
}

function openVault(): Vault {
  const vault = kiosk.app.gate.vault();
  if (!vault) {
    throw new Error('no vault');
  }
  return vault;
}

describe('a stored record that is not a submission of this app', () => {
  it('is refused by the list, the record view and an export, naming it and the field at fault', async () => {
    const vault = openVault();
    // Valid JSON, sealed as the kiosk seals, but missing what every reader needs.
    const genuine = completedPayload({ kioskId: vault.kioskId });
    const forged = { ...genuine, identity: { fullName: 'Forged Client' } };
    vault.insertSubmission({ ...submissionMetadataOf(genuine), payload: JSON.stringify(forged) });
    const named = new RegExp(
      `submission ${genuine.submissionId} is not a clinic-kiosk/submission@1 record: identity\\.dateOfBirth: `,
    );

    expectRefusal(await kiosk.call('submissions.list', {}), 'INTERNAL', named);
    expectRefusal(await kiosk.call('submissions.list', { query: 'Fake' }), 'INTERNAL', named);
    expectRefusal(
      await kiosk.call('submissions.get', { submissionId: genuine.submissionId }),
      'INTERNAL',
      named,
    );
    expectRefusal(await kiosk.call('export.run', { format: 'csv' }), 'EXPORT_FAILED', named);
    expect(readdirSync(exportRoot)).toEqual([]);

    // The genuine records stay readable one by one.
    const [seeded] = vault.listSubmissions().filter((row) => row.id !== genuine.submissionId);
    const doc = await kiosk.ok('submissions.get', { submissionId: seeded?.id ?? '' });
    expect(doc.client.fullName).toMatch(/^Fake Demo-Client /);
  });

  it('is refused by name when its sealed payload and clear metadata disagree', async () => {
    const vault = openVault();
    const genuine = completedPayload({ kioskId: vault.kioskId });
    vault.insertSubmission({
      ...submissionMetadataOf(genuine),
      locale: 'fr',
      payload: JSON.stringify(genuine),
    });
    expectRefusal(
      await kiosk.call('submissions.get', { submissionId: genuine.submissionId }),
      'INTERNAL',
      new RegExp(`submission ${genuine.submissionId}: .* disagree on locale`),
    );
  });
});

describe('export', () => {
  it('writes the files to the chosen folder, marks the submissions exported and audits it', async () => {
    const result = await kiosk.ok('export.run', { format: 'csv' });
    expect(result.count).toBe(3);
    expect(result.files).toEqual(
      expect.arrayContaining(['submissions.csv', 'statements.csv', 'manifest.json']),
    );
    expect(readdirSync(join(exportRoot, result.folderName)).sort()).toEqual(
      [...result.files].sort(),
    );
    expect(result.folderName).not.toContain(exportRoot);
    const after = await kiosk.ok('submissions.list', {});
    expect(after.every((row) => row.exportedAt !== null)).toBe(true);
    expect(auditActions()).toContain('export');
  });

  it('exports only the selection or the range asked for', async () => {
    const [first] = await kiosk.ok('submissions.list', {});
    const selected = await kiosk.ok('export.run', {
      format: 'pdf',
      submissionIds: [first?.submissionId ?? ''],
    });
    expect(selected.count).toBe(1);
    expect(selected.files.filter((file) => file.endsWith('.pdf'))).toHaveLength(1);
    expect(await kiosk.call('export.run', { format: 'fhir', to: '2000-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_EMPTY' },
    });
  });

  it('does nothing when staff cancel the folder dialog', async () => {
    chosen = undefined;
    expect(await kiosk.call('export.run', { format: 'fhir' })).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_CANCELLED' },
    });
    expect(readdirSync(exportRoot)).toEqual([]);
    expect(auditActions()).not.toContain('export');
  });

  it('fails clearly on a folder that is not there, marking nothing', async () => {
    chosen = join(exportRoot, 'unplugged-usb-stick');
    const result = await kiosk.call('export.run', { format: 'csv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(existsSync(chosen)).toBe(false);
    const rows = await kiosk.ok('submissions.list', {});
    expect(rows.every((row) => row.exportedAt === null)).toBe(true);
  });
});
