import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../src-shared/clinic-time';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import { seedDemo } from '../cli/seed-demo';
import { AUDIT_LOG_COLUMNS } from '../export';

let kiosk: TestKiosk;
let exportRoot: string;
let chosen: string | undefined;

beforeEach(async () => {
  exportRoot = mkdtempSync(join(tmpdir(), 'kiosk-audit-export-'));
  chosen = exportRoot;
  kiosk = openTestKiosk({ chooseExportFolder: () => Promise.resolve(chosen) });
  await kiosk.setUp();
  await seedDemo(kiosk.app, 2);
});

afterEach(() => {
  kiosk.dispose();
  rmSync(exportRoot, { recursive: true, force: true });
});

function lastAction(): string | undefined {
  return kiosk.app.gate.vault()?.lastAuditRow()?.action;
}

describe('the audit log for an administrator', () => {
  it('is shown only once unlocked, newest first, with staff named', async () => {
    expect(await kiosk.call('admin.auditLog', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    const status = await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const view = await kiosk.ok('admin.auditLog', {});
    expect(view.entries.map((entry) => entry.action)).toEqual([
      'unlock',
      'submission_created',
      'submission_created',
      'vault_created',
    ]);
    expect(view.matching).toBe(4);
    expect(view.actions).toContain('record_viewed');
    const me = `staff:${status.unlocked?.staffId ?? ''}`;
    expect(view.entries[0]).toMatchObject({ actor: me, actorName: 'Jane Roe' });
    expect(view.actors).toEqual(expect.arrayContaining([{ actor: 'kiosk', name: null }]));
    // The read is audited after it, so it shows in the next one.
    expect(lastAction()).toBe('audit_log_viewed');
  });

  it('filters by action, staff member and the clinic’s day, and refuses what is not a filter', async () => {
    const status = await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const created = await kiosk.ok('admin.auditLog', { action: 'submission_created' });
    expect(created.entries.map((entry) => entry.action)).toEqual([
      'submission_created',
      'submission_created',
    ]);
    const mine = await kiosk.ok('admin.auditLog', {
      actor: `staff:${status.unlocked?.staffId ?? ''}`,
    });
    expect(new Set(mine.entries.map((entry) => entry.action))).toEqual(
      new Set(['vault_created', 'unlock', 'audit_log_viewed']),
    );
    // Days are the clinic's: at 01:00 UTC it is still yesterday in New Hampshire.
    const { clinic } = await kiosk.ok('app.info', {});
    const today = localDay(new Date().toISOString(), clinic.timeZone);
    expect((await kiosk.ok('admin.auditLog', { from: today, to: today })).matching).toBe(6);
    expect((await kiosk.ok('admin.auditLog', { to: '2000-01-01' })).entries).toEqual([]);
    expect(await kiosk.call('admin.auditLog', { action: 'not_an_action' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await kiosk.call('admin.auditLog', { from: '2026-02-01', to: '2026-01-01' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports the matching entries as CSV to the chosen folder, audited', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const result = await kiosk.ok('admin.exportAuditLog', { action: 'submission_created' });
    expect(result).toMatchObject({ fileName: 'audit-log.csv', entries: 2 });
    const csv = readFileSync(join(exportRoot, result.folderName, 'audit-log.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...AUDIT_LOG_COLUMNS]);
    expect(rows.map((row) => row.action)).toEqual(['submission_created', 'submission_created']);
    const ids = (kiosk.app.gate.vault()?.listSubmissions() ?? []).map((row) => row.id).sort();
    expect(
      rows
        .map((row) => (JSON.parse(row.details ?? '') as { submissionId: string }).submissionId)
        .sort(),
    ).toEqual(ids);
    expect(lastAction()).toBe('audit_log_exported');
  });

  it('writes nothing and audits nothing when staff cancel the folder dialog', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    chosen = undefined;
    expect(await kiosk.call('admin.exportAuditLog', {})).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_CANCELLED' },
    });
    expect(readdirSync(exportRoot)).toEqual([]);
    expect(lastAction()).toBe('unlock');
  });

  it('refuses an actor that is not well-formed text, and the log goes on being written', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    // A lone surrogate has no canonical JSON: audited, the view's entry could never be written.
    for (const channel of ['admin.auditLog', 'admin.exportAuditLog'] as const) {
      expect(await kiosk.call(channel, { actor: 'staff:\uD800' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(lastAction()).toBe('unlock');
    expect((await kiosk.ok('admin.auditLog', { actor: 'kiosk' })).matching).toBe(2);
    expect(lastAction()).toBe('audit_log_viewed');
  });
});
