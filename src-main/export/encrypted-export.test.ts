/**
 * Encrypted exports: one AES-256 zip that Debian's 7-Zip (`7z`/`7zz`, the engine of the free
 * 7-Zip a clinic's Windows PC runs) opens with the password and refuses without it, and whose
 * plaintext never touches the disk: the only file the export ever creates is the archive.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSink, type FileSink } from './export-folder';
import { runExport } from './run-export';
import { CLINIC, completedPayload, openExportVault, storePayload } from './export-test-fixtures';
import { useTempRoot } from '../vault/vault-test-fixtures';

/** Debian's 7zip package installs `7zz` (and, in newer releases, `7z`); CI installs it. */
function sevenZip(): string {
  for (const name of ['7z', '7zz']) {
    if (spawnSync(name, ['i'], { stdio: 'ignore' }).status === 0) {
      return name;
    }
  }
  throw new Error('7-Zip is not installed: apt-get install 7zip (see .ci/run)');
}

describe('encrypted export', () => {
  const temp = useTempRoot();

  it('opens with 7z x -p<password>, fails with a wrong one, and never writes plaintext to disk', async () => {
    const { vault, unlock } = openExportVault(temp.dataDir);
    try {
      const payloads = [1, 2].map(() => completedPayload({ kioskId: vault.kioskId }));
      payloads.forEach((payload) => {
        storePayload(vault, payload);
      });
      const out = path.join(temp.root, 'usb');
      fs.mkdirSync(out);
      const created: string[] = [];
      const watching: FileSink = {
        ...nodeFileSink,
        createFile: (file) => {
          created.push(path.relative(out, file));
          return nodeFileSink.createFile(file);
        },
      };
      const result = await runExport({
        vault,
        unlock,
        clinic: CLINIC,
        request: { format: 'pdf', encrypted: true },
        folder: out,
        actor: 'cli',
        now: new Date('2025-03-10T09:30:00.000Z'),
        sink: watching,
      });

      expect(result.folderName).toMatch(/^kiosk-export-20250310T053000-0400-[0-9a-f]{8}-pdf\.zip$/);
      expect(result.password).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/);
      const password = result.password ?? '';
      // The one file written: the archive, under its temporary name in the hidden folder.
      expect(created).toEqual([
        path.join(`.${result.folderName.slice(0, -4)}.partial`, `.${result.folderName}.partial`),
      ]);
      expect(fs.readdirSync(out)).toEqual([result.folderName]);
      const archive = path.join(out, result.folderName);
      const bytes = fs.readFileSync(archive);
      for (const payload of payloads) {
        expect(bytes.includes(Buffer.from(payload.identity.fullName))).toBe(false);
      }
      expect(bytes.includes(Buffer.from('%PDF-'))).toBe(false);

      const zip = sevenZip();
      const listing = execFileSync(zip, ['l', '-slt', `-p${password}`, archive], {
        encoding: 'utf8',
      });
      expect(listing).toMatch(/Method = AES-256/);
      const opened = path.join(temp.root, 'opened');
      execFileSync(zip, ['x', `-p${password}`, `-o${opened}`, archive], { stdio: 'ignore' });
      expect(fs.readdirSync(opened).sort()).toEqual([...result.files].sort());
      for (const name of result.files.filter((file) => file.endsWith('.pdf'))) {
        expect(fs.readFileSync(path.join(opened, name)).subarray(0, 5).toString('latin1')).toBe(
          '%PDF-',
        );
      }
      const manifest = JSON.parse(fs.readFileSync(path.join(opened, 'manifest.json'), 'utf8')) as {
        submissionIds: string[];
      };
      expect(manifest.submissionIds.sort()).toEqual(payloads.map((p) => p.submissionId).sort());

      const refused = path.join(temp.root, 'refused');
      const wrong = spawnSync(zip, ['x', '-pNOT-THE-PASSWORD', `-o${refused}`, '-y', archive], {
        encoding: 'utf8',
      });
      expect(wrong.status).not.toBe(0);
      expect(`${wrong.stdout}${wrong.stderr}`).toMatch(/Wrong password/);

      // Audited as encrypted, with the archive's hash; the password is nowhere in the vault.
      const completed = vault
        .auditRows()
        .map((row) => JSON.parse(row.details) as Record<string, unknown>)
        .find((details) => details.outcome === 'completed');
      expect(completed).toMatchObject({
        encrypted: 'yes',
        folder: result.folderName,
        archiveSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      });
      const everything = JSON.stringify(vault.auditRows());
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(password.replace(/-/g, ''));
    } finally {
      unlock.wipe();
      vault.close();
    }
  });
});
