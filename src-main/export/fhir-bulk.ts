/**
 * The FHIR export at scale, in the FHIR Bulk Data layout
 * (https://hl7.org/fhir/uv/bulkdata/STU2/export.html#file-request): one NDJSON file per resource
 * type (`Patient.ndjson`, `DocumentReference.ndjson`, …; one resource a line, each valid R4 on
 * its own), with each signed PDF a separate file that its `DocumentReference` names by
 * `attachment.url` instead of carrying it in base64. No file grows past `NDJSON_MAX_BYTES`: a
 * type that would is continued in `<Type>.2.ndjson`, `<Type>.3.ndjson`, as Bulk Data allows
 * several files per type. A 10,000-record export is then a few small NDJSON files and 10,000
 * PDFs, where one Bundle was 665 MB.
 *
 * The resources are those of the Bundle writer (fhir-writer.ts), turned from `urn:uuid:` entries
 * into resources with ids: `id` is the entry's UUID, and a reference to another entry becomes
 * `<Type>/<id>` (http://hl7.org/fhir/R4/references.html#literal).
 */
import type { RecordDocument } from '../contract';
import type { ExportFile, ExportTarget } from './export-folder';
import { FileWindow } from './file-window';
import { organizationEntry, submissionEntries, type BundleHeader } from './fhir-writer';
import type { BundleEntry } from './fhir-types';

/** Each NDJSON file stays under this size (the auditor's limit is 100 MB). */
export const NDJSON_MAX_BYTES = 64 * 1024 * 1024;
/** Lines gathered per type before each write: a few writes per file instead of one per resource. */
const WRITE_BYTES = 256 * 1024;

const URN = /^urn:uuid:([0-9a-f-]{36})$/;

/** Writes resources into per-type NDJSON files of `target`, and PDFs beside them. */
export class BulkDataWriter {
  private readonly files = new Map<string, OpenNdjson>();
  /** The PDFs, written while the next record is drawn. */
  private readonly pdfs: FileWindow;

  private constructor(
    private readonly target: ExportTarget,
    private readonly header: BundleHeader,
    private readonly maxBytes: number,
  ) {
    this.pdfs = new FileWindow(target);
  }

  /** Opens the writer and writes the clinic's Organization. */
  static async start(
    target: ExportTarget,
    header: BundleHeader,
    maxBytes = NDJSON_MAX_BYTES,
  ): Promise<BulkDataWriter> {
    const writer = new BulkDataWriter(target, header, maxBytes);
    const organization = organizationEntry(header);
    await writer.writeResources([organization], typesOf([organization]));
    return writer;
  }

  /** One submission: its PDF as `pdfName`, then each of its resources on its type's line. */
  async add(record: RecordDocument, pdf: Buffer, pdfName: string): Promise<void> {
    await this.pdfs.writeFile(pdfName, pdf);
    const entries = submissionEntries(this.header, record, pdf);
    const types = typesOf([organizationEntry(this.header), ...entries]);
    await this.writeResources(entries, types, pdfName);
  }

  /** Writes what is gathered and commits every file. */
  async finish(): Promise<void> {
    await this.pdfs.drain();
    for (const open of this.files.values()) {
      await flush(open);
      await open.file.commit();
    }
    this.files.clear();
  }

  /** After a failure: waits for the PDFs being written, so that none is written after removal. */
  async abandon(): Promise<void> {
    await this.pdfs.settle();
  }

  private async writeResources(
    entries: readonly BundleEntry[],
    types: ReadonlyMap<string, string>,
    pdfName?: string,
  ): Promise<void> {
    for (const entry of entries) {
      const resource = bulkResource(entry, types, pdfName);
      await this.writeLine(entry.resource.resourceType, `${JSON.stringify(resource)}\n`);
    }
  }

  private async writeLine(type: string, line: string): Promise<void> {
    const bytes = Buffer.from(line, 'utf8');
    let open = this.files.get(type);
    if (open && open.bytes > 0 && open.bytes + bytes.length > this.maxBytes) {
      await flush(open);
      await open.file.commit();
      open = await this.openPart(type, open.part + 1);
    }
    open ??= await this.openPart(type, 1);
    open.pending.push(bytes);
    open.pendingBytes += bytes.length;
    open.bytes += bytes.length;
    if (open.pendingBytes >= WRITE_BYTES) {
      await flush(open);
    }
  }

  private async openPart(type: string, part: number): Promise<OpenNdjson> {
    const open = {
      file: await this.target.openFile(ndjsonName(type, part)),
      bytes: 0,
      part,
      pending: [],
      pendingBytes: 0,
    };
    this.files.set(type, open);
    return open;
  }
}

interface OpenNdjson {
  file: ExportFile;
  /** Bytes in this part, written or gathered. */
  bytes: number;
  part: number;
  /** Lines gathered, not yet written. */
  pending: Buffer[];
  pendingBytes: number;
}

async function flush(open: OpenNdjson): Promise<void> {
  if (open.pending.length > 0) {
    const chunk = Buffer.concat(open.pending, open.pendingBytes);
    open.pending = [];
    open.pendingBytes = 0;
    await open.file.write(chunk);
  }
}

/** `Patient.ndjson`, then `Patient.2.ndjson`… */
export function ndjsonName(type: string, part: number): string {
  return part === 1 ? `${type}.ndjson` : `${type}.${String(part)}.ndjson`;
}

/** Each entry's fullUrl → its resource type, for rewriting references. */
function typesOf(entries: readonly BundleEntry[]): Map<string, string> {
  return new Map(entries.map((entry) => [entry.fullUrl, entry.resource.resourceType]));
}

/**
 * The entry's resource with its id, its references as `<Type>/<id>`, and a PDF attachment named
 * by `pdfName` instead of carried in base64.
 */
export function bulkResource(
  entry: BundleEntry,
  types: ReadonlyMap<string, string>,
  pdfName?: string,
): Record<string, unknown> {
  const id = URN.exec(entry.fullUrl)?.[1];
  if (id === undefined) {
    throw new TypeError(`bulkResource: ${entry.fullUrl} is not a urn:uuid: fullUrl`);
  }
  const rewritten = rewriteReferences(entry.resource, types) as Record<string, unknown>;
  const resource: Record<string, unknown> = { resourceType: entry.resource.resourceType, id };
  for (const [key, value] of Object.entries(rewritten)) {
    if (key !== 'resourceType') {
      resource[key] = value;
    }
  }
  if (entry.resource.resourceType === 'DocumentReference' && pdfName !== undefined) {
    resource.content = (resource.content as { attachment: Record<string, unknown> }[]).map(
      ({ attachment, ...rest }) => {
        const kept: Record<string, unknown> = { ...attachment, url: pdfName };
        delete kept.data;
        return { ...rest, attachment: kept };
      },
    );
  }
  return resource;
}

function rewriteReferences(value: unknown, types: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => rewriteReferences(item, types));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const type = key === 'reference' && typeof item === 'string' ? types.get(item) : undefined;
    const id = type === undefined ? undefined : URN.exec(item as string)?.[1];
    out[key] =
      type !== undefined && id !== undefined ? `${type}/${id}` : rewriteReferences(item, types);
  }
  return out;
}
