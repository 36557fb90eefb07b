/**
 * The FHIR export: one R4 `Bundle` of type `collection` per export, holding the clinic's
 * `Organization` once and, per submission, a `Patient`, a `Consent` with the signed PDF
 * attached, and a `QuestionnaireResponse` with every comprehension attempt. Entries are
 * referenced by `urn:uuid:` fullUrls inside the bundle (http://hl7.org/fhir/R4/bundle.html#references).
 *
 * The bundle is written in pieces (`bundleStart`, one `bundleEntries` per submission,
 * `BUNDLE_END`) so that 10,000 submissions, each with a PDF, never sit in memory together.
 *
 * Modelling choices (R4, http://hl7.org/fhir/R4/consent.html):
 * - Consent.scope `treatment` from http://terminology.hl7.org/CodeSystem/consentscope: this is
 *   consent to undergo a treatment, not a privacy directive; ppc-5 then requires a patient.
 * - Consent.category LOINC 59284-0 (LOINC's "Patient Consent", formerly "Consent Document"),
 *   from the R4 value set http://hl7.org/fhir/ValueSet/consent-category.
 * - Consent.policyRule `OPTIN` from http://terminology.hl7.org/CodeSystem/v3-ActCode: ppc-1
 *   requires a policy or a policyRule; there is no policy document to point to, and OPTIN
 *   ("the grantor has opted in") is what R4's own consent examples use.
 * - Consent.provision: a `permit` whose nested provisions are the statements confirmed, each
 *   with `code.text` = the statement. R4 defines nested provisions as exceptions to their
 *   parent, so a `permit` under a `permit` adds no rule: they record what was agreed, in order.
 * - Consent.sourceAttachment: the same PDF the PDF export writes; Attachment.hash is the base64
 *   SHA-1 of the data, as R4 defines it (http://hl7.org/fhir/R4/datatypes.html#Attachment).
 * - Ids: name-based UUIDs (RFC 9562 section 5.5, version 5) of the submission id, so the same
 *   submission always gets the same fullUrls and a re-export can be matched to the first.
 */
import { createHash } from 'node:crypto';
import type { ClinicInfo, RecordDocument } from '../contract';
import type {
  Bundle,
  BundleEntry,
  Consent,
  Organization,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from './fhir-types';

export const FHIR_BUNDLE_FILE = 'bundle.json';

/** Our namespace for version-5 UUIDs; random, fixed forever. */
const UUID_NAMESPACE = Buffer.from('244919fc4bad4c5f922c3c5e70807bf8', 'hex');
const URI_SYSTEM = 'urn:ietf:rfc:3986';

export interface BundleHeader {
  /** The bundle's identifier (a UUID); one per export. */
  bundleId: string;
  /** When the export was made (Bundle.timestamp, an instant). */
  timestamp: string;
  clinic: ClinicInfo;
}

/** The bundle's opening up to and including its first entry (the clinic's Organization). */
export function bundleStart(header: BundleHeader): string {
  const bundle: Omit<Bundle, 'entry'> = {
    resourceType: 'Bundle',
    identifier: { system: URI_SYSTEM, value: `urn:uuid:${header.bundleId}` },
    type: 'collection',
    timestamp: header.timestamp,
  };
  const opening = JSON.stringify(bundle).slice(0, -1);
  return `${opening},"entry":[\n${JSON.stringify(organizationEntry(header))}`;
}

/** Each entry of one submission, preceded by the separator that follows the previous entry. */
export function bundleEntries(header: BundleHeader, record: RecordDocument, pdf: Buffer): string {
  return submissionEntries(header, record, pdf)
    .map((entry) => `,\n${JSON.stringify(entry)}`)
    .join('');
}

export const BUNDLE_END = '\n]}\n';

function organizationEntry(header: BundleHeader): BundleEntry {
  const { clinic } = header;
  const telecom: NonNullable<Organization['telecom']> = [];
  if (clinic.phone !== undefined) {
    telecom.push({ system: 'phone', value: clinic.phone });
  }
  if (clinic.email !== undefined) {
    telecom.push({ system: 'email', value: clinic.email });
  }
  const organization: Organization = {
    resourceType: 'Organization',
    name: clinic.name,
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(clinic.addressLines.length > 0
      ? { address: [{ text: clinic.addressLines.join(', '), line: [...clinic.addressLines] }] }
      : {}),
  };
  return { fullUrl: organizationUrl(header), resource: organization };
}

function organizationUrl(header: BundleHeader): string {
  return `urn:uuid:${nameUuid(`bundle:${header.bundleId}:organization`)}`;
}

export function submissionEntries(
  header: BundleHeader,
  record: RecordDocument,
  pdf: Buffer,
): BundleEntry[] {
  const patientUrl = `urn:uuid:${nameUuid(`submission:${record.submissionId}:patient`)}`;
  const consentUrl = `urn:uuid:${nameUuid(`submission:${record.submissionId}:consent`)}`;
  const entries: BundleEntry[] = [
    { fullUrl: patientUrl, resource: patient(record) },
    { fullUrl: consentUrl, resource: consent(record, pdf, patientUrl, organizationUrl(header)) },
  ];
  if (record.checks.length > 0) {
    const responseId = nameUuid(`submission:${record.submissionId}:comprehension`);
    entries.push({
      fullUrl: `urn:uuid:${responseId}`,
      resource: questionnaireResponse(record, patientUrl, responseId),
    });
  }
  return entries;
}

/**
 * The name as typed is `text`, always. Family and given names are a best-effort split (the last
 * word, the words before it), offered only for two words or more: it is wrong for names written
 * family-name first, and for many others, which is why `text` is the authoritative value.
 */
function patient(record: RecordDocument): Patient {
  const fullName = record.client.fullName;
  const words = fullName
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '');
  const family = words.length >= 2 ? words.at(-1) : undefined;
  return {
    resourceType: 'Patient',
    name: [
      {
        text: fullName,
        ...(family === undefined ? {} : { family, given: words.slice(0, -1) }),
      },
    ],
    ...(/^\d{4}-\d{2}-\d{2}$/.test(record.client.dateOfBirth)
      ? { birthDate: record.client.dateOfBirth }
      : {}),
  };
}

function consent(
  record: RecordDocument,
  pdf: Buffer,
  patientUrl: string,
  organizationUrl: string,
): Consent {
  return {
    resourceType: 'Consent',
    identifier: [{ system: URI_SYSTEM, value: `urn:uuid:${record.submissionId}` }],
    status: 'active',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: 'treatment',
          display: 'Treatment',
        },
      ],
    },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
    ],
    patient: { reference: patientUrl },
    dateTime: record.submittedAt,
    performer: [{ reference: patientUrl }],
    organization: [{ reference: organizationUrl }],
    sourceAttachment: {
      contentType: 'application/pdf',
      language: record.locale,
      data: pdf.toString('base64'),
      size: pdf.length,
      hash: createHash('sha1').update(pdf).digest('base64'),
      title: `Consent record ${record.submissionId} (${record.pack.id} ${record.pack.version})`,
      creation: record.submittedAt,
    },
    policyRule: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'OPTIN',
          display: 'opt-in',
        },
      ],
    },
    provision: {
      type: 'permit',
      period: { start: record.submittedAt },
      ...(record.statements.length > 0
        ? {
            provision: record.statements.map((statement) => ({
              type: 'permit' as const,
              code: [{ text: statement.text }],
            })),
          }
        : {}),
    },
  };
}

function questionnaireResponse(
  record: RecordDocument,
  patientUrl: string,
  responseId: string,
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: { system: URI_SYSTEM, value: `urn:uuid:${responseId}` },
    status: 'completed',
    subject: { reference: patientUrl },
    source: { reference: patientUrl },
    authored: record.submittedAt,
    item: record.checks.map((check): QuestionnaireResponseItem => ({
      linkId: check.stepId,
      text: check.question,
      item: check.attempts.map((attempt, index) => {
        const linkId = `${check.stepId}.attempt-${index + 1}`;
        return {
          linkId,
          text: `Attempt ${index + 1}`,
          answer: [
            {
              valueString: attempt.answer,
              item: [
                {
                  linkId: `${linkId}.correct`,
                  text: 'Correct',
                  answer: [{ valueBoolean: attempt.correct }],
                },
                {
                  linkId: `${linkId}.at`,
                  text: 'Answered at',
                  answer: [{ valueDateTime: attempt.at }],
                },
              ],
            },
          ],
        };
      }),
    })),
  };
}

/** A version-5 (SHA-1, name-based) UUID of `name` in our namespace (RFC 9562 section 5.5). */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(UUID_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
