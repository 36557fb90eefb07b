/**
 * Reading back the audit anchor an export's `manifest.json` carries (run-export.ts writes it), for
 * `kiosk verify --anchor <manifest>`. The file comes from a USB stick or an archive: it is
 * untrusted input, checked before anything in it is believed.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { AuditAnchor } from '../audit';
import { MANIFEST_FORMAT } from './run-export';

const manifestAnchorSchema = z.looseObject({
  format: z.literal(MANIFEST_FORMAT),
  kioskId: z.string().min(1),
  createdAt: z.iso.datetime(),
  auditHead: z.strictObject({
    seq: z.int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});

export interface ManifestAnchor {
  kioskId: string;
  createdAt: string;
  anchor: AuditAnchor;
}

/** Why a manifest's anchor cannot be used; the message names the file and the field. */
export class ManifestAnchorError extends Error {
  override readonly name = 'ManifestAnchorError';
}

export function readManifestAnchor(file: string): ManifestAnchor {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ManifestAnchorError(`readManifestAnchor: ${file} cannot be read (${String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestAnchorError(`readManifestAnchor: ${file} is not valid JSON`);
  }
  const parsed = manifestAnchorSchema.safeParse(json);
  if (!parsed.success) {
    throw new ManifestAnchorError(
      `readManifestAnchor: ${file} is not an export manifest with an audit anchor: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { kioskId, createdAt, auditHead } = parsed.data;
  return { kioskId, createdAt, anchor: { seq: auditHead.seq, hash: auditHead.hash } };
}
