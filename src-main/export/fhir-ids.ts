/**
 * Identity in the FHIR export: name-based UUIDs (RFC 9562 section 5.5, version 5) of the
 * submission id and the resource's role, so the same submission always gets the same fullUrls
 * and a re-export can be matched to the first.
 */
import { createHash } from 'node:crypto';
import type { Identifier } from './fhir-types';

/** Our namespace for version-5 UUIDs; random, fixed forever. */
const UUID_NAMESPACE = Buffer.from('244919fc4bad4c5f922c3c5e70807bf8', 'hex');

/** Identifier.system for an identifier that is itself a URI (`urn:uuid:…`). */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';

/** A version-5 (SHA-1, name-based) UUID of `name` in our namespace (RFC 9562 section 5.5). */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(UUID_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `urn:uuid:` fullUrl of one resource of submission `submissionId` (`role`: `patient`…). */
export function submissionUrl(submissionId: string, role: string): string {
  return `urn:uuid:${nameUuid(`submission:${submissionId}:${role}`)}`;
}

/**
 * The business identifier of one resource of a submission (`role` as in `submissionUrl`), the
 * same at every export and push, so a server can find it again (`ifNoneExist`). A name-based
 * UUID of its own, never the entry's fullUrl: a fullUrl is a placeholder the server replaces
 * (http://hl7.org/fhir/R4/bundle.html#references), and Medplum replaces the placeholder's
 * string wherever it occurs in the resource, identifiers included, so an identifier equal to
 * the fullUrl would not survive the transaction. Carries no client data, only the submission id.
 */
export function submissionIdentifier(submissionId: string, role: string): Identifier {
  return {
    system: URI_SYSTEM,
    value: `urn:uuid:${nameUuid(`identifier:submission:${submissionId}:${role}`)}`,
  };
}

/** A transaction's condition on an identifier (http://hl7.org/fhir/R4/http.html#ccreate). */
export function identifierQuery(identifier: Identifier): string {
  return `identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`;
}

/** Where one submission's resources point: its patient and the clinic. */
export interface SubmissionRefs {
  patientUrl: string;
  organizationUrl: string;
}
