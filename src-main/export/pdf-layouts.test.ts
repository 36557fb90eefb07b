import { randomInt } from 'node:crypto';
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../contract';
import type { Vault } from '../vault';
import { useTempRoot } from '../vault/vault-test-fixtures';
import {
  completedPayload,
  exportInto,
  openExportVault,
  PACK,
  sampleRecord,
  storePayload,
} from './export-test-fixtures';
import { PdfLayouts } from './pdf-layouts';
import { renderRecordPdf } from './pdf-writer';

/**
 * A client's family name nobody else uses, kept only as character codes: a string of it in the
 * test itself would be found in the heap too.
 */
function uniqueName(): number[] {
  const letters = Array.from({ length: 14 }, () => 0x61 + randomInt(26));
  return [0x5a, 0x71, ...letters];
}

/** Draws a record whose client is `Ada <name>` and keeps nothing of it here. */
async function drawRecord(name: readonly number[], layouts?: PdfLayouts): Promise<number> {
  const fullName = `Ada ${String.fromCharCode(...name)}`;
  const record = sampleRecord(completedPayload({ fullName }), { pack: PACK, verified: true });
  const bytes = await renderRecordPdf(record, layouts);
  // V8 keeps the subject of the last regular expression run (RegExp.lastMatch); pdfkit's last
  // one may be the document's title, with the name. That is no cache of ours: run another.
  /x/.exec('x');
  return bytes.length;
}

/** Stores a submission of `Ada <name>` and keeps nothing of it here. */
function storeRecord(vault: Vault, name: readonly number[]): void {
  const fullName = `Ada ${String.fromCharCode(...name)}`;
  storePayload(vault, completedPayload({ kioskId: vault.kioskId, fullName }));
}

/**
 * Whether any string in the heap contains one of `names`: the heap snapshot (taken after a full garbage
 * collection) lists every string, searched as it streams, never written to disk.
 */
async function heapHolds(...names: (readonly number[])[]): Promise<boolean> {
  // Work still settling (pdfkit's stream lets go of its document a few turns of the event loop
  // after its last byte; an export's last file writes) may hold a record for a moment: a cache
  // holds it in every snapshot, so the first snapshot without it answers.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await snapshotHolds(names))) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

async function snapshotHolds(names: readonly (readonly number[])[]): Promise<boolean> {
  for (let turn = 0; turn < 5; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  const needles = names.map((name) => Buffer.from(name));
  const longest = Math.max(...needles.map((needle) => needle.length));
  let tail = Buffer.alloc(0);
  for await (const chunk of getHeapSnapshot()) {
    const window = Buffer.concat([tail, chunk as Buffer]);
    if (needles.some((needle) => window.includes(needle))) {
      return true;
    }
    tail = window.subarray(Math.max(0, window.length - longest));
  }
  return false;
}

describe("an export's laid-out words", () => {
  const temp = useTempRoot();

  it('keeps nothing of a record after its PDF is drawn outside an export', async () => {
    const name = uniqueName();
    expect(await drawRecord(name)).toBeGreaterThan(10_000);
    expect(await heapHolds(name)).toBe(false);
  }, 60_000);

  it('holds a record’s words while its export runs, and none once the export drops them', async () => {
    const name = uniqueName();
    let layouts: PdfLayouts | undefined = new PdfLayouts();
    await drawRecord(name, layouts);
    // The search finds the name where it is held: the check above is not blind.
    expect(layouts.size).toBeGreaterThan(0);
    expect(await heapHolds(name)).toBe(true);
    layouts = undefined;
    expect(await heapHolds(name)).toBe(false);
  }, 60_000);

  for (const format of ['pdf', 'fhir'] satisfies ExportFormat[]) {
    it(`keeps nothing of the records of a ${format} export once it is done`, async () => {
      const { vault, unlock } = openExportVault(temp.dataDir);
      try {
        const names = [uniqueName(), uniqueName()];
        for (const name of names) {
          storeRecord(vault, name);
        }
        const { result } = await exportInto(
          { vault, unlock },
          temp.root,
          { format },
          new Date('2025-03-10T09:30:00.000Z'),
        );
        expect(result.count).toBe(2);
        /x/.exec('x');
        expect(await heapHolds(...names)).toBe(false);
      } finally {
        unlock.wipe();
        vault.close();
      }
    }, 60_000);
  }
});
