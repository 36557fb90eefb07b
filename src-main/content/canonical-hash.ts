import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A canonical JSON encoding: object keys sorted (by UTF-16 code unit, recursively), no
 * whitespace, strings and numbers as `JSON.stringify` writes them. Two JSON documents that differ
 * only in whitespace or key order encode identically.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError('canonicalJson: numbers must be finite');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a value of type ${typeof value}`);
}

/**
 * Bumped if the encoding below ever changes, so that an old and a new encoding of the same pack
 * can never be mistaken for each other.
 */
const PACK_HASH_FORMAT = 'clinic-kiosk-pack/1';

/**
 * The pack's version identity: SHA-256 over one canonical JSON document holding the parsed
 * manifest and every page file's text (line endings already normalised to `\n`), keyed by
 * `<locale>/<page-id>`. Because the pages sit in a JSON object, their order is fixed by the
 * sorted keys and each text is length-delimited by its quotes: no two packs share an encoding.
 */
export function packHash(manifest: unknown, pages: ReadonlyMap<string, string>): string {
  return sha256Hex(
    canonicalJson({ format: PACK_HASH_FORMAT, manifest, pages: Object.fromEntries(pages) }),
  );
}
