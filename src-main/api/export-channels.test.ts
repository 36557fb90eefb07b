import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import { seedDemo } from '../cli/seed-demo';
import { fakeKeychain } from '../vault/vault-test-fixtures';

let kiosk: TestKiosk;
let exportRoot: string;
let chosen: string | undefined;

beforeEach(async () => {
  exportRoot = mkdtempSync(join(tmpdir(), 'kiosk-export-failure-'));
  chosen = exportRoot;
  kiosk = openTestKiosk({ chooseExportFolder: () => Promise.resolve(chosen) });
  await kiosk.setUp();
  await seedDemo(kiosk.app, 1);
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
});

afterEach(() => {
  kiosk.dispose();
  rmSync(exportRoot, { recursive: true, force: true });
});

describe('export.run failures', () => {
  it('says which kind of failure it was, as a code the UI words itself', async () => {
    chosen = join(exportRoot, 'unplugged-usb-stick');
    const result = await kiosk.call('export.run', { format: 'csv' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_FAILED', exportFailure: 'missing_folder' },
    });
    // Main's own words name the folder: they go to the log, never across the boundary.
    expect(result.ok ? '' : result.error.message).not.toContain(exportRoot);
    expect(result.ok ? '' : result.error.message).toContain('<chosen folder> does not exist');
  });

  it('tells a file chosen as the folder apart from a missing one', async () => {
    chosen = join(exportRoot, 'notes.txt');
    writeFileSync(chosen, 'not a folder');
    const result = await kiosk.call('export.run', { format: 'pdf' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_FAILED', exportFailure: 'not_a_folder' },
    });
  });

  it('gives no reason where there was no failure to write', async () => {
    const result = await kiosk.call('export.run', { format: 'fhir', to: '2000-01-01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_EMPTY' } });
    expect(result.ok ? {} : result.error).not.toHaveProperty('exportFailure');
  });
});

describe('export.run selections', () => {
  it('exports only what was never exported with onlyNew, then finds nothing new', async () => {
    const first = await kiosk.call('export.run', { format: 'csv', onlyNew: true, encrypted: true });
    expect(first).toMatchObject({ ok: true, value: { count: 1 } });
    expect(first.ok ? first.value.password : null).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/);
    await seedDemo(kiosk.app, 2);
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const second = await kiosk.call('export.run', { format: 'pdf', onlyNew: true });
    expect(second).toMatchObject({ ok: true, value: { count: 2, password: null } });
    const none = await kiosk.call('export.run', { format: 'csv', onlyNew: true });
    expect(none).toMatchObject({ ok: false, error: { code: 'EXPORT_EMPTY' } });
    expect(none.ok ? '' : none.error.message).toMatch(/not yet exported/);
  });
});

describe('what an export killed part-way left', () => {
  it('is removed, and audited, when the kiosk next starts', async () => {
    kiosk.dispose();
    // A kiosk with a keychain opens its vault at start, as the Electron app does.
    kiosk = openTestKiosk({
      keychain: fakeKeychain('gnome_libsecret'),
      chooseExportFolder: () => Promise.resolve(chosen),
    });
    await kiosk.setUp();
    // As a kill would leave it: the hidden folder with a client file, recorded as unfinished by a
    // process that is gone (a child that has exited).
    const vault = kiosk.app.gate.vault();
    if (!vault) {
      throw new Error('the vault is open after setUp');
    }
    const hidden = join(exportRoot, '.kiosk-export-20261130T203000-0500-0badc0de-pdf.partial');
    mkdirSync(hidden);
    writeFileSync(join(hidden, '2026-11-30-client.pdf'), '%PDF- a client record');
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    vault.setSetting(
      'export.unfinished',
      JSON.stringify([
        {
          exportId: '0badc0de-0000-4000-8000-000000000000',
          temporary: hidden,
          final: hidden.replace('/.', '/').replace(/\.partial$/, ''),
          pid: gone,
        },
      ]),
    );
    // The restart alone: no export, no call.
    kiosk.restart({ keychain: fakeKeychain('gnome_libsecret') });
    await vi.waitFor(() => {
      expect(existsSync(hidden)).toBe(false);
    });
    const reopened = kiosk.app.gate.vault();
    const removal = reopened
      ?.auditRows()
      .map((row) => JSON.parse(row.details) as Record<string, unknown>)
      .find((details) => details.outcome === 'unfinished_removed');
    expect(removal).toMatchObject({
      exportIds: ['0badc0de-0000-4000-8000-000000000000'],
      removed: [basename(hidden)],
    });
    expect(reopened?.getSetting('export.unfinished')).toBeUndefined();
  });
});
