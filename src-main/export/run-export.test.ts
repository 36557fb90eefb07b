import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditHead, verifyAnchor, verifyChain } from '../audit';
import { submissionMetadataOf, type SubmissionPayload } from '../consent/submission-payload';
import { ExportError } from './export-error';
import { nodeFileSink, type FileSink } from './export-folder';
import { MANIFEST_FILE, runExport, type ExportRequest } from './run-export';
import { unfinishedExports } from './unfinished-exports';
import { localDay } from '../../src-shared/clinic-time';
import { CLINIC, completedPayload, openExportVault, storePayload } from './export-test-fixtures';
import type { RecordKeys, Vault } from '../vault';
import { sampleSubmission, useTempRoot } from '../vault/vault-test-fixtures';

const NOW = new Date('2025-03-10T09:30:00.000Z');
/** NOW in the clinic's time zone (America/New_York, EDT), then part of the export's id. */
const FOLDER_NAME = (format: string) =>
  new RegExp(`^kiosk-export-20250310T053000-0400-[0-9a-f]{8}-${format}$`);
/** The one hidden folder an export writes into until it is complete. */
const HIDDEN_FOLDER = /^\.kiosk-export-[^/]+\.partial$/;

/** The export's audit entries' details, in order. */
function exportAudits(vault: Vault): Record<string, unknown>[] {
  return vault
    .auditRows()
    .filter((row) => row.action === 'export')
    .map((row) => JSON.parse(row.details) as Record<string, unknown>);
}

/** Every file and folder under `dir`, relative, sorted: what an export left behind. */
function tree(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A disk that fills up after `capacity` bytes, across all files (ENOSPC, as write(2) fails);
 * with `inFile`, only once writing that file begins (the others still count).
 */
function fullDiskAfter(capacity: number, inFile?: string): FileSink {
  let left = capacity;
  return {
    ...nodeFileSink,
    async createFile(file) {
      const real = await nodeFileSink.createFile(file);
      const limited = inFile === undefined || path.basename(file) === `.${inFile}.partial`;
      return {
        ...real,
        write: async (chunk) => {
          if (limited && chunk.length > left) {
            await real.write(chunk.subarray(0, left));
            left = 0;
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
            });
          }
          left -= chunk.length;
          await real.write(chunk);
        },
      };
    },
  };
}

/** A folder whose files cannot be created (as a read-only mount or missing permission). */
const readOnlyFiles: FileSink = {
  ...nodeFileSink,
  createFile: (file) =>
    Promise.reject(
      Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' }),
    ),
};

describe('runExport', () => {
  const temp = useTempRoot();

  interface Setup {
    vault: Vault;
    unlock: RecordKeys;
    payloads: SubmissionPayload[];
    out: string;
    run: (
      request: ExportRequest,
      extra?: { sink?: FileSink; now?: Date; folder?: string; vault?: Vault },
    ) => ReturnType<typeof runExport>;
  }

  async function withExport(test: (setup: Setup) => Promise<void>): Promise<void> {
    const { vault, unlock } = openExportVault(temp.dataDir);
    try {
      const payloads = [
        completedPayload({ kioskId: vault.kioskId, startedAt: '2025-03-01T10:00:00.000Z' }),
        completedPayload({ kioskId: vault.kioskId, startedAt: '2025-03-02T23:58:00.000Z' }),
        completedPayload({ kioskId: vault.kioskId, startedAt: '2025-03-04T08:00:00.000Z' }),
      ];
      payloads.forEach((payload) => {
        storePayload(vault, payload);
      });
      const out = path.join(temp.root, 'out');
      fs.mkdirSync(out);
      await test({
        vault,
        unlock,
        payloads,
        out,
        run: (request, extra = {}) =>
          runExport({
            vault: extra.vault ?? vault,
            unlock,
            clinic: CLINIC,
            request,
            folder: extra.folder ?? out,
            actor: 'staff:1f0c2f1e-0000-4000-8000-000000000001',
            now: extra.now ?? NOW,
            ...(extra.sink ? { sink: extra.sink } : {}),
          }),
      });
    } finally {
      unlock.wipe();
      vault.close();
    }
  }

  /** The export failed cleanly: a clear ExportError, no file left, nothing marked, no success audited. */
  async function expectCleanFailure(
    setup: Setup,
    attempt: Promise<unknown>,
    message: RegExp,
    reason: string,
    before: string[] = [],
  ): Promise<ExportError> {
    const error = await attempt.then(
      () => {
        throw new Error('the export succeeded');
      },
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ExportError);
    const failure = error as ExportError;
    expect(failure.code).toBe('EXPORT_FAILED');
    expect(failure.reason).toBe(reason);
    expect(failure.message).toMatch(message);
    expect(tree(setup.out)).toEqual(before);
    expect(setup.vault.listSubmissions().every((row) => row.exportedAt === null)).toBe(true);
    expect(setup.vault.lastExportAt()).toBeNull();
    const [started, failed, ...rest] = exportAudits(setup.vault);
    expect(rest).toEqual([]);
    expect(started).toMatchObject({ outcome: 'started', encrypted: 'no' });
    expect(failed).toMatchObject({ outcome: 'failed', reason, exportId: started?.exportId });
    expect(verifyChain(setup.vault.auditRows()).ok).toBe(true);
    return failure;
  }

  it('writes the files and a manifest, then marks and audits exactly what it wrote', async () => {
    await withExport(async ({ vault, payloads, out, run }) => {
      appendAudit(vault, { actor: 'cli', action: 'unlock' }, new Date('2025-03-10T09:00:00.000Z'));
      const headBefore = auditHead(vault);
      const result = await run({ format: 'csv' });

      expect(result.folderName).toMatch(FOLDER_NAME('csv'));
      expect(result.password).toBeNull();
      expect(result.count).toBe(3);
      const folder = path.join(out, result.folderName);
      expect(tree(out)).toEqual([
        result.folderName,
        ...['answers.csv', 'manifest.json', 'statements.csv', 'submissions.csv', 'videos.csv'].map(
          (name) => path.join(result.folderName, name),
        ),
      ]);
      const manifestBytes = fs.readFileSync(path.join(folder, 'manifest.json'));
      expect(result.manifestSha256).toBe(sha256(manifestBytes));
      const manifest = JSON.parse(manifestBytes.toString('utf8')) as Record<string, unknown>;
      const startedRow = vault.auditRows().find((row) => row.action === 'export');
      expect(manifest).toEqual({
        format: 'clinic-kiosk/export-manifest@1',
        exportFormat: 'csv',
        createdAt: NOW.toISOString(),
        actor: 'staff:1f0c2f1e-0000-4000-8000-000000000001',
        kioskId: vault.kioskId,
        count: 3,
        // The log's head once the export's "started" entry is in: the anchor covers it too.
        auditHead: { seq: headBefore.seq + 1, hash: startedRow?.hash },
        files: ['submissions.csv', 'statements.csv', 'answers.csv', 'videos.csv'].map((name) => {
          const bytes = fs.readFileSync(path.join(folder, name));
          return { name, bytes: bytes.length, sha256: sha256(bytes) };
        }),
        submissionIds: payloads.map((payload) => payload.submissionId),
      });
      expect(fs.statSync(path.join(folder, 'submissions.csv')).mode & 0o777).toBe(0o600);

      expect(vault.listSubmissions().map((row) => row.exportedAt)).toEqual([
        NOW.toISOString(),
        NOW.toISOString(),
        NOW.toISOString(),
      ]);
      expect(vault.lastExportAt()).toBe(NOW.toISOString());
      const last = vault.lastAuditRow();
      expect(last?.action).toBe('export');
      expect(last?.actor).toBe('staff:1f0c2f1e-0000-4000-8000-000000000001');
      const [started, completed, ...rest] = exportAudits(vault);
      expect(rest).toEqual([]);
      expect(started).toEqual({
        outcome: 'started',
        exportId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        format: 'csv',
        requested: 3,
        folder: result.folderName,
        encrypted: 'no',
      });
      expect(completed).toEqual({
        outcome: 'completed',
        exportId: started?.exportId,
        format: 'csv',
        count: 3,
        submissionIds: payloads.map((payload) => payload.submissionId),
        manifestSha256: result.manifestSha256,
        folder: result.folderName,
        encrypted: 'no',
      });
      // The manifest's anchor still holds against the log, and the log's chain is intact.
      expect(verifyAnchor(vault.auditRows(), headBefore)).toEqual({ ok: true });
      expect(verifyChain(vault.auditRows()).ok).toBe(true);
    });
  });

  it('names one PDF per submission by date and id', async () => {
    await withExport(async ({ payloads, out, run }) => {
      const result = await run({ format: 'pdf' });
      // The clinic's day: 2025-03-02T23:58Z was still 1 March in New York.
      const names = payloads.map(
        (payload) =>
          `${localDay(payload.submittedAt, CLINIC.timeZone)}-${payload.submissionId}.pdf`,
      );
      expect(names[1]).toMatch(/^2025-03-02-/);
      expect(result.files).toEqual([...names, 'manifest.json']);
      for (const name of names) {
        const bytes = fs.readFileSync(path.join(out, result.folderName, name));
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    });
  });

  it("selects by the clinic's days and by ids; an empty selection touches neither disk nor log", async () => {
    await withExport(async ({ vault, payloads, out, run }) => {
      const ids = (p: SubmissionPayload[]) => p.map((payload) => payload.submissionId);
      // The second was submitted on 2 March a few minutes after 23:58 UTC: 2 March in New York.
      const byRange = await run({ format: 'csv', from: '2025-03-02', to: '2025-03-03' });
      expect(byRange.count).toBe(1);
      const manifest = (name: string) =>
        JSON.parse(fs.readFileSync(path.join(out, name, 'manifest.json'), 'utf8')) as {
          submissionIds: string[];
        };
      const [first, second, third] = payloads;
      if (!first || !second || !third) {
        throw new Error('three payloads expected');
      }
      expect(manifest(byRange.folderName).submissionIds).toEqual(ids([second]));
      const byIds = await run(
        { format: 'fhir', submissionIds: ids([third, first]) },
        { now: new Date('2025-03-10T09:31:00.000Z') },
      );
      expect(manifest(byIds.folderName).submissionIds).toEqual(ids([first, third]));

      const before = tree(out);
      const auditRows = vault.auditRows().length;
      for (const request of [
        { format: 'pdf', from: '2026-01-01' },
        { format: 'csv', submissionIds: ['00000000-0000-4000-8000-000000000000'] },
        { format: 'csv', from: '2025-03-05', to: '2025-03-04' },
      ] as ExportRequest[]) {
        const error = await run(request, { now: new Date('2025-03-10T10:00:00.000Z') }).catch(
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ExportError);
        expect((error as ExportError).code).toBe('EXPORT_EMPTY');
      }
      expect(tree(out)).toEqual(before);
      expect(vault.auditRows()).toHaveLength(auditRows);
    });
  });

  it('fails cleanly when the chosen folder does not exist', async () => {
    await withExport(async (setup) => {
      const missing = path.join(setup.out, 'unplugged-usb');
      await expectCleanFailure(
        setup,
        setup.run({ format: 'csv' }, { folder: missing }),
        new RegExp(`The folder ${missing} does not exist`),
        'missing_folder',
      );
    });
  });

  it('fails cleanly when the chosen folder is a file (cannot hold an export)', async () => {
    await withExport(async (setup) => {
      const file = path.join(setup.out, 'notes.txt');
      fs.writeFileSync(file, 'not a folder');
      const failure = await expectCleanFailure(
        setup,
        setup.run({ format: 'pdf' }, { folder: file }),
        /is not a folder/,
        'not_a_folder',
        ['notes.txt'],
      );
      expect(failure.message).toContain(file);
      expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
    });
  });

  it('fails cleanly, removing its own folder, when files cannot be created there', async () => {
    await withExport(async (setup) => {
      await expectCleanFailure(
        setup,
        setup.run({ format: 'csv' }, { sink: readOnlyFiles }),
        /cannot be written to \(EACCES\)/,
        'not_writable',
      );
    });
  });

  it('fails cleanly when the disk fills up, in every format, wherever it happens', async () => {
    await withExport(async (setup) => {
      // Inside the first file, between files, inside the manifest (CSV ~8 KB, PDFs ~50 KB each).
      const cases: [ExportRequest['format'], number, string?][] = [
        ['csv', 10],
        ['csv', 4000],
        ['csv', 100, 'manifest.json'],
        ['pdf', 60_000],
        ['pdf', 120_000],
        ['pdf', 0, 'manifest.json'],
        ['fhir', 1000],
        ['fhir', 150_000],
      ];
      for (const [format, capacity, inFile] of cases) {
        const attempt = setup.run({ format }, { sink: fullDiskAfter(capacity, inFile) });
        const error = await attempt.catch((caught: unknown) => caught);
        expect(error, `${format} after ${capacity} bytes`).toBeInstanceOf(ExportError);
        expect((error as ExportError).reason).toBe('disk_full');
        expect((error as ExportError).message).toMatch(
          new RegExp(
            `The disk is full: could not write ${setup.out}/\\.kiosk-export-[^/]+-${format}\\.partial/`,
          ),
        );
        expect(tree(setup.out), `${format} after ${capacity} bytes`).toEqual([]);
      }
      expect(setup.vault.listSubmissions().every((row) => row.exportedAt === null)).toBe(true);
      const outcomes = exportAudits(setup.vault).map((details) => details.outcome);
      expect(outcomes).toEqual(cases.flatMap(() => ['started', 'failed']));
    });
  });

  it('never replaces a folder that appears under its final name while it writes', async () => {
    await withExport(async (setup) => {
      // Names are unique, so only another program could make one: it does, once every file is written.
      let existing = '';
      const racing: FileSink = {
        ...nodeFileSink,
        syncFolder: async (dir) => {
          if (HIDDEN_FOLDER.test(path.basename(dir))) {
            existing = path.join(path.dirname(dir), path.basename(dir).slice(1, -8));
            fs.mkdirSync(existing);
            fs.writeFileSync(path.join(existing, 'submissions.csv'), 'earlier export');
          }
          await nodeFileSink.syncFolder(dir);
        },
      };
      const error = await setup.run({ format: 'csv' }, { sink: racing }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).reason).toBe('exists');
      expect((error as ExportError).message).toMatch(
        /already exists; an export never replaces an existing file or folder/,
      );
      // Theirs is untouched; ours (the hidden folder) is gone; nothing marked; audited.
      const name = path.basename(existing);
      expect(tree(setup.out)).toEqual([name, path.join(name, 'submissions.csv')]);
      expect(fs.readFileSync(path.join(existing, 'submissions.csv'), 'utf8')).toBe(
        'earlier export',
      );
      expect(setup.vault.listSubmissions().every((row) => row.exportedAt === null)).toBe(true);
      expect(exportAudits(setup.vault).map((details) => details.outcome)).toEqual([
        'started',
        'failed',
      ]);
      expect(unfinishedExports(setup.vault)).toEqual([]);
    });
  });

  it('keeps a recorded export whose name is taken at the last moment, and publishes it once the name is free', async () => {
    await withExport(async (setup) => {
      // Between the "completed" record and the rename: the export is kept, never removed.
      let existing = '';
      const racing: FileSink = {
        ...nodeFileSink,
        rename: async (from, to) => {
          if (HIDDEN_FOLDER.test(path.basename(from))) {
            existing = to;
            fs.mkdirSync(to);
          }
          await nodeFileSink.rename(from, to);
        },
      };
      const error = await setup.run({ format: 'csv' }, { sink: racing }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).reason).toBe('exists');
      expect((error as ExportError).message).toMatch(
        /complete and recorded, but could not be moved into place: .* Its files are kept in .*\.partial; the kiosk moves them into place/,
      );
      expect(
        setup.vault.listSubmissions().every((row) => row.exportedAt === NOW.toISOString()),
      ).toBe(true);
      expect(exportAudits(setup.vault).map((details) => details.outcome)).toEqual([
        'started',
        'completed',
      ]);
      expect(unfinishedExports(setup.vault)).toMatchObject([{ completed: true }]);
      // The other program's folder goes; the next export to this folder publishes ours first.
      fs.rmdirSync(existing);
      await setup.run({ format: 'pdf' });
      const name = path.basename(existing);
      expect(fs.readdirSync(path.join(setup.out, name)).sort()).toEqual([
        'answers.csv',
        'manifest.json',
        'statements.csv',
        'submissions.csv',
        'videos.csv',
      ]);
      expect(tree(setup.out).filter((entry) => HIDDEN_FOLDER.test(entry))).toEqual([]);
      expect(unfinishedExports(setup.vault)).toEqual([]);
      expect(exportAudits(setup.vault).map((details) => details.outcome)).toEqual([
        'started',
        'completed',
        'unfinished_published',
        'started',
        'completed',
      ]);
    });
  });

  it('fsyncs every file it wrote, then its folder, before recording or publishing anything', async () => {
    await withExport(async (setup) => {
      const calls: string[] = [];
      const watching: FileSink = {
        ...nodeFileSink,
        syncFile: async (file) => {
          calls.push(`syncFile ${path.basename(file)}`);
          await nodeFileSink.syncFile(file);
        },
        syncFolder: async (dir) => {
          calls.push(`syncFolder ${HIDDEN_FOLDER.test(path.basename(dir)) ? 'hidden' : 'chosen'}`);
          await nodeFileSink.syncFolder(dir);
        },
        rename: async (from, to) => {
          if (path.dirname(to) === setup.out) {
            calls.push(`publish, ${exportAudits(setup.vault).at(-1)?.outcome as string} recorded`);
          }
          await nodeFileSink.rename(from, to);
        },
      };
      const result = await setup.run({ format: 'pdf' }, { sink: watching });
      const synced = calls.filter((call) => call.startsWith('syncFile')).sort();
      expect(result.files).toContain(MANIFEST_FILE);
      expect(synced).toEqual(result.files.map((name) => `syncFile ${name}`).sort());
      expect(calls.slice(synced.length)).toEqual([
        'syncFolder hidden',
        'publish, completed recorded',
        'syncFolder chosen',
      ]);
    });
  });

  it('gives two exports in the same second different names', async () => {
    await withExport(async ({ run }) => {
      const first = await run({ format: 'csv' });
      const second = await run({ format: 'csv' });
      expect(first.folderName).toMatch(FOLDER_NAME('csv'));
      expect(second.folderName).toMatch(FOLDER_NAME('csv'));
      expect(second.folderName).not.toBe(first.folderName);
    });
  });

  it('never replaces a file that appears in its folder while it writes', async () => {
    await withExport(async (setup) => {
      // Another program drops a file of the same name into the export's folder mid-export.
      const racing: FileSink = {
        ...nodeFileSink,
        rename: async (from, to) => {
          if (!HIDDEN_FOLDER.test(path.basename(from))) {
            fs.writeFileSync(to, 'not ours');
          }
          await nodeFileSink.rename(from, to);
        },
      };
      const error = await setup.run({ format: 'csv' }, { sink: racing }).catch((e: unknown) => e);
      expect((error as ExportError).reason).toBe('exists');
      // Its file is not ours to delete; everything we wrote is gone, and nothing was published.
      const [hidden, ...rest] = tree(setup.out);
      expect(hidden).toMatch(HIDDEN_FOLDER);
      expect(rest).toEqual([path.join(hidden ?? '', 'submissions.csv')]);
      expect((error as ExportError).message).toContain('could not be removed');
      expect(fs.readFileSync(path.join(setup.out, hidden ?? '', 'submissions.csv'), 'utf8')).toBe(
        'not ours',
      );
      // The export stays on record as unfinished, so the next one removes its folder.
      expect(unfinishedExports(setup.vault)).toHaveLength(1);
      await setup.run({ format: 'pdf' });
      expect(tree(setup.out).filter((name) => HIDDEN_FOLDER.test(name))).toEqual([]);
      expect(unfinishedExports(setup.vault)).toEqual([]);
      expect(exportAudits(setup.vault).map((details) => details.outcome)).toEqual([
        'started',
        'failed',
        'unfinished_removed',
        'started',
        'completed',
      ]);
    });
  });

  it('undoes everything when the export cannot be audited', async () => {
    await withExport(async (setup) => {
      const unauditable: Vault = {
        ...setup.vault,
        appendAuditRow: () => {
          throw new Error('disk I/O error');
        },
      };
      const error = await setup
        .run({ format: 'pdf' }, { vault: unauditable })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).reason).toBe('record_keeping');
      expect((error as ExportError).message).toMatch(/nothing was written/);
      expect(tree(setup.out)).toEqual([]);
      expect(setup.vault.listSubmissions().every((row) => row.exportedAt === null)).toBe(true);
      expect(setup.vault.lastExportAt()).toBeNull();
      expect(setup.vault.auditRows().filter((row) => row.action === 'export')).toEqual([]);
    });
  });

  it('keeps taking submissions while it writes, and marks only what it exported', async () => {
    await withExport(async (setup) => {
      let arrived: SubmissionPayload | undefined;
      const busyKiosk: FileSink = {
        ...nodeFileSink,
        async createFile(file) {
          // A client submits at the kiosk while the export is writing its files.
          if (!arrived) {
            arrived = completedPayload({ kioskId: setup.vault.kioskId });
            storePayload(setup.vault, arrived);
          }
          return nodeFileSink.createFile(file);
        },
      };
      const result = await setup.run({ format: 'pdf' }, { sink: busyKiosk });
      expect(result.count).toBe(3);
      const rows = setup.vault.listSubmissions();
      expect(rows).toHaveLength(4);
      expect(rows.find((row) => row.id === arrived?.submissionId)?.exportedAt).toBeNull();
      expect(rows.filter((row) => row.exportedAt === NOW.toISOString())).toHaveLength(3);
    });
  });

  it('refuses a forged record whose date would name a file outside the export folder', async () => {
    await withExport(async (setup) => {
      const forged = {
        ...completedPayload({ kioskId: setup.vault.kioskId }),
        submittedAt: '../../escaped',
      };
      storePayload(setup.vault, forged);
      await expectCleanFailure(
        setup,
        setup.run({ format: 'pdf' }),
        new RegExp(
          `submission ${forged.submissionId} is not a clinic-kiosk/submission@1 record: submittedAt: `,
        ),
        'record_invalid',
      );
      expect(fs.existsSync(path.join(temp.root, 'escaped'))).toBe(false);
    });
  });

  it('refuses a record whose sealed JSON has the wrong shape, naming the field at fault', async () => {
    await withExport(async (setup) => {
      const genuine = completedPayload({ kioskId: setup.vault.kioskId });
      const forged = { ...genuine, signature: { ...genuine.signature, pngBase64: 42 } };
      setup.vault.insertSubmission({
        ...submissionMetadataOf(genuine),
        payload: JSON.stringify(forged),
      });
      await expectCleanFailure(
        setup,
        setup.run({ format: 'fhir' }),
        new RegExp(
          `submission ${genuine.submissionId} is not a clinic-kiosk/submission@1 record: signature\\.pngBase64: `,
        ),
        'record_invalid',
      );
    });
  });

  it('refuses the whole export, naming it, when one stored record is not a submission', async () => {
    await withExport(async (setup) => {
      const odd = sampleSubmission({ answers: ['yes'] });
      setup.vault.insertSubmission(odd);
      await expectCleanFailure(
        setup,
        setup.run({ format: 'csv' }),
        new RegExp(`submission ${odd.id} is not a clinic-kiosk/submission@1 record`),
        'record_invalid',
      );
    });
  });
});
