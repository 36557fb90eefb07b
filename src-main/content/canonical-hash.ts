import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The JSON Canonicalization Scheme of RFC 8785 (https://www.rfc-editor.org/rfc/rfc8785): object
 * keys sorted by UTF-16 code units, recursively; no whitespace; strings and numbers as ECMAScript
 * `JSON.stringify` writes them (§3.2.2). Two JSON documents that differ only in whitespace or key
 * order encode identically. The pack hash and the audit chain both hash this encoding.
 *
 * The `canonicalize` package does the encoding. It is lenient where a hash must not be: it drops
 * `undefined` members, calls `toJSON` (a `Date` becomes a string), and writes a function member
 * as the non-JSON text `undefined`. So the value is first checked to be plain JSON data in the
 * I-JSON subset RFC 8785 requires (RFC 7493 §2.1: no lone surrogates; finite numbers), and
 * anything else is refused with a `TypeError` naming where it sits, rather than hashed as
 * something it is not.
 */
export function canonicalJson(value: unknown): string {
  assertJsonData(value, '$', new Set());
  const text = canonicalize(value);
  if (text === undefined) {
    throw new TypeError('canonicalJson: the value has no JSON encoding');
  }
  return text;
}

/** A UTF-16 surrogate not part of a pair: not Unicode text, so not I-JSON (RFC 7493 §2.1). */
const LONE_SURROGATE = /\p{Surrogate}/u;

function assertJsonData(value: unknown, path: string, ancestors: Set<object>): void {
  if (value === null || typeof value === 'boolean') {
    return;
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) {
      throw new TypeError(`canonicalJson: ${path} holds a lone UTF-16 surrogate`);
    }
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: numbers must be finite (${path} is ${String(value)})`);
    }
    return;
  }
  if (typeof value !== 'object') {
    throw new TypeError(`canonicalJson: cannot encode a value of type ${typeof value} at ${path}`);
  }
  if (ancestors.has(value)) {
    throw new TypeError(`canonicalJson: ${path} refers back to itself`);
  }
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      // `canonicalize` walks arrays with `reduce`, which skips holes: refuse them here.
      if (!(index in value)) {
        throw new TypeError(`canonicalJson: ${path} has a hole at index ${String(index)}`);
      }
      assertJsonData(value[index], `${path}[${String(index)}]`, ancestors);
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`canonicalJson: ${path} is not a plain object`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new TypeError(`canonicalJson: ${path} has symbol keys`);
    }
    for (const [key, member] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) {
        throw new TypeError(`canonicalJson: a key in ${path} holds a lone UTF-16 surrogate`);
      }
      assertJsonData(member, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}

/**
 * Bumped if the encoding below ever changes, so that an old and a new encoding of the same pack
 * can never be mistaken for each other.
 */
const PACK_HASH_FORMAT = 'clinic-kiosk-pack/1';

/**
 * The pack's version identity: SHA-256 over one canonical JSON document holding the parsed
 * manifest, every page file's text (line endings already normalised to `\n`), keyed by
 * `<locale>/<page-id>`, and, when the pack has any, the SHA-256 of every media file (video,
 * captions, pictures), keyed by its path in the pack. Because the pages sit in a JSON object,
 * their order is fixed by the sorted keys and each text is length-delimited by its quotes: no
 * two packs share an encoding. A pack without media has no `media` member, so its hash is the
 * one it had before packs could carry media; one with media cannot be encoded without it.
 */
export function packHash(
  manifest: unknown,
  pages: ReadonlyMap<string, string>,
  media: ReadonlyMap<string, string> = new Map(),
): string {
  return sha256Hex(canonicalJson(packContent(manifest, pages, media)));
}

/** The document `packHash` hashes (and snapshot.ts stores). */
export function packContent(
  manifest: unknown,
  pages: ReadonlyMap<string, string>,
  media: ReadonlyMap<string, string>,
): Record<string, unknown> {
  return {
    format: PACK_HASH_FORMAT,
    manifest,
    pages: Object.fromEntries(pages),
    ...(media.size === 0 ? {} : { media: Object.fromEntries(media) }),
  };
}
