/**
 * "NDJSON export of 10,000 records validates; no file over 100 MB." The records are the
 * export bench's (bench/export-bench.ts): a few real sealed submissions copied with new ids and
 * times. Every NDJSON line is validated against the official R4 schema of its type.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seed } from '../../bench/export-bench';
import { openVaultWithSecret } from '../vault';
import { PASSPHRASE, useTempRoot } from '../vault/vault-test-fixtures';
import { fhirValidator, readBulkExport } from './fhir-test-fixtures';
import { exportInto } from './export-test-fixtures';

const RECORDS = 10_000;
const MAX_FILE_BYTES = 100 * 1024 * 1024;

describe('FHIR Bulk Data export at scale', () => {
  const temp = useTempRoot();

  it(`exports ${RECORDS.toLocaleString('en-US')} records as NDJSON that validates line by line, no file over 100 MB`, async () => {
    seed(temp.dataDir, RECORDS);
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    try {
      const { result, out } = await exportInto(
        { vault, unlock },
        temp.root,
        { format: 'fhir' },
        new Date(),
      );
      expect(result.count).toBe(RECORDS);
      const exported = readBulkExport(path.join(out, result.folderName), fhirValidator());
      const types = exported.bundle.entry.map((entry) => entry.resource.resourceType);
      expect(types.filter((type) => type === 'Patient')).toHaveLength(RECORDS);
      expect(types.filter((type) => type === 'DocumentReference')).toHaveLength(RECORDS);
      expect(exported.largestFile).toBeLessThanOrEqual(MAX_FILE_BYTES);
      console.log(
        `fhir soak: ${RECORDS} records, ${exported.bundle.entry.length} resources in ${exported.ndjson.join(', ')}; largest file ${(exported.largestFile / 1024 / 1024).toFixed(1)} MB`,
      );
    } finally {
      unlock.wipe();
      vault.close();
    }
  });
});
