/**
 * The hash that chains the log. Each entry's hash is SHA-256 over the RFC 8785 canonical JSON
 * (https://www.rfc-editor.org/rfc/rfc8785) of one object holding a format tag, the entry's fields
 * and its predecessor's hash:
 *
 *   { "action", "actor", "at", "details": <the details object>, "format": "clinic-kiosk-audit/1",
 *     "prevHash", "seq" }
 *
 * - The format tag separates this from every other hash of canonical JSON in the app (the pack
 *   hash is tagged `clinic-kiosk-pack/1`) and is what a future encoding would bump.
 * - `seq` is inside the hash, so an entry cannot be moved to another position unnoticed.
 * - `prevHash` is inside the hash, so each entry commits to the whole log before it.
 * - `details` is hashed as the JSON object it holds, not as text: the hash is about what was
 *   recorded, so key order or whitespace do not change it. (`verifyChain` separately insists the
 *   stored text be canonical, so a rewrite of the text is still caught.)
 * - Being JSON with quoted strings, the encoding is unambiguous: no two different entries share
 *   one, whatever characters an actor or detail holds.
 */
import { canonicalJson, sha256Hex } from '../content/canonical-hash';

export const AUDIT_ENTRY_FORMAT = 'clinic-kiosk-audit/1';

/** The `prevHash` of the first entry: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: a stored row without its own `hash`. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** A JSON object as text. */
  details: string;
  prevHash: string;
}

/** Why an entry cannot be hashed: its `details` is not the text of a JSON object. */
export class AuditDetailsError extends Error {
  override readonly name = 'AuditDetailsError';
}

/** Lowercase SHA-256 hex of the entry's canonical encoding. Throws `AuditDetailsError`. */
export function entryHash(entry: AuditEntry): string {
  return sha256Hex(
    canonicalJson({
      format: AUDIT_ENTRY_FORMAT,
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      details: parseDetails(entry.details),
      prevHash: entry.prevHash,
    }),
  );
}

/** The object a row's `details` text holds; throws `AuditDetailsError` for anything else. */
export function parseDetails(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AuditDetailsError(
      `parseDetails: details is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AuditDetailsError('parseDetails: details is JSON but not an object');
  }
  const details = value as Record<string, unknown>;
  canonicalDetails(details);
  return details;
}

/**
 * The text `appendAudit` stores for `details`: its RFC 8785 canonical JSON. Throws
 * `AuditDetailsError` when it is not plain JSON data (a `Date`, `undefined`, `NaN`, a number
 * that overflowed to `Infinity` in `JSON.parse`, a lone surrogate).
 */
export function canonicalDetails(details: Record<string, unknown>): string {
  try {
    return canonicalJson(details);
  } catch (error) {
    throw new AuditDetailsError(
      `canonicalDetails: details cannot be recorded as canonical JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
