/**
 * What the client confirmed and signed, in FHIR R4:
 * - a `DocumentReference` carrying the record's PDF (signed, unless the programme has no
 *   signature step) (the same file the PDF export writes);
 *   Attachment.hash is the base64 SHA-1 of the data, as R4 defines it
 *   (http://hl7.org/fhir/R4/datatypes.html#Attachment);
 * - a `QuestionnaireResponse` of the acknowledgements: one boolean item per statement, with its
 *   text. Most statements say "I understand…": a record of understanding, not a consent;
 * - a `Consent` only for an acknowledge step the pack marks with `consentTo`, the statements
 *   then being consent to that named treatment (http://hl7.org/fhir/R4/consent.html):
 *   - scope `treatment` (http://terminology.hl7.org/CodeSystem/consentscope); ppc-5 then
 *     requires a patient;
 *   - category LOINC 59284-0 ("Patient Consent"), from the R4 value set consent-category;
 *   - policyRule `OPTIN` (v3-ActCode): ppc-1 requires a policy or a policyRule; there is no
 *     policy document to point to, and OPTIN is what R4's own consent examples use;
 *   - provision: a `permit` whose `code.text` names the treatment, with a nested provision per
 *     statement confirmed. R4 defines nested provisions as exceptions to their parent, so a
 *     `permit` under a `permit` adds no rule: they record what was agreed, in order;
 *   - sourceReference: the DocumentReference, so the PDF is in the bundle once;
 * - for a signed record, a `Provenance` carrying the signature over the document and consents.
 */
import { createHash } from 'node:crypto';
import type { RecordDocument } from '../contract';
import { submissionIdentifier, submissionUrl, URI_SYSTEM, type SubmissionRefs } from './fhir-ids';
import { RECORD_TITLES } from './record-document';
import type {
  BundleEntry,
  Consent,
  DocumentReference,
  Identifier,
  Provenance,
  QuestionnaireResponse,
} from './fhir-types';

type Statement = RecordDocument['statements'][number];

/** The signed record, the acknowledgements' response, then a Consent per consent step. */
export function acknowledgementEntries(
  record: RecordDocument,
  pdf: Buffer,
  refs: SubmissionRefs,
): BundleEntry[] {
  const documentUrl = submissionUrl(record.submissionId, 'document');
  const entries: BundleEntry[] = [
    { fullUrl: documentUrl, resource: signedDocument(record, pdf, refs) },
  ];
  if (record.statements.length > 0) {
    const responseUrl = submissionUrl(record.submissionId, 'acknowledgements');
    entries.push({
      fullUrl: responseUrl,
      resource: acknowledgementsResponse(record, refs),
    });
  }
  const consentUrls: string[] = [];
  for (const [stepId, statements] of consentSteps(record)) {
    const consentUrl = submissionUrl(record.submissionId, `consent:${stepId}`);
    consentUrls.push(consentUrl);
    entries.push({
      fullUrl: consentUrl,
      resource: consent(record, statements, refs, { stepId, documentUrl }),
    });
  }
  if (record.signature !== null) {
    entries.push({
      fullUrl: submissionUrl(record.submissionId, 'provenance'),
      resource: signatureProvenance(record, record.signature, refs, [documentUrl, ...consentUrls]),
    });
  }
  return entries;
}

/** The identifier of a submission's signed document: the submission id itself. */
export function documentIdentifier(record: Pick<RecordDocument, 'submissionId'>): Identifier {
  return { system: URI_SYSTEM, value: `urn:uuid:${record.submissionId}` };
}

/**
 * The client's signature over the record and its consents: Provenance.signature typed
 * "Consent Signature" (ASTM E1762-95, http://hl7.org/fhir/R4/valueset-signature-type.html),
 * `who` the Patient, the drawn PNG as `data`; a typed signature has no image, only its time.
 */
function signatureProvenance(
  record: RecordDocument,
  signature: NonNullable<RecordDocument['signature']>,
  refs: SubmissionRefs,
  targets: readonly string[],
): Provenance {
  const [documentUrl, ...others] = targets;
  const { system, value } = submissionIdentifier(record.submissionId, 'provenance');
  return {
    resourceType: 'Provenance',
    meta: { tag: [{ system, code: value }] },
    target: [
      { reference: documentUrl ?? '', identifier: documentIdentifier(record) },
      ...others.map((reference) => ({ reference })),
    ],
    recorded: record.submittedAt,
    agent: [{ who: { reference: refs.patientUrl } }],
    signature: [
      {
        type: [
          {
            system: 'urn:iso-astm:E1762-95:2013',
            code: '1.2.840.10065.1.12.1.7',
            display: 'Consent Signature',
          },
        ],
        when: signature.signedAt,
        who: { reference: refs.patientUrl },
        ...(signature.pngBase64 === null
          ? {}
          : { sigFormat: 'image/png', data: signature.pngBase64 }),
      },
    ],
  };
}

/** Statements of marked steps, by step id, in pack order. */
function consentSteps(record: RecordDocument): Map<string, Statement[]> {
  const steps = new Map<string, Statement[]>();
  for (const statement of record.statements) {
    if (statement.consentTo !== undefined) {
      steps.set(statement.stepId, [...(steps.get(statement.stepId) ?? []), statement]);
    }
  }
  return steps;
}

function signedDocument(
  record: RecordDocument,
  pdf: Buffer,
  refs: SubmissionRefs,
): DocumentReference {
  // A check-in has no signature: its PDF is a record of answers, and is not called signed.
  const signed = record.kind === 'consent';
  const title = `${RECORD_TITLES[record.kind]} ${record.submissionId} (${record.pack.id} ${record.pack.version})`;
  return {
    resourceType: 'DocumentReference',
    identifier: [documentIdentifier(record)],
    status: 'current',
    type: {
      text: signed
        ? 'Signed kiosk record: education, acknowledgements and signature'
        : 'Kiosk record: answers, without a signature',
    },
    subject: { reference: refs.patientUrl },
    date: record.submittedAt,
    author: [{ reference: refs.patientUrl }],
    custodian: { reference: refs.organizationUrl },
    description: title,
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          language: record.locale,
          data: pdf.toString('base64'),
          size: pdf.length,
          hash: createHash('sha1').update(pdf).digest('base64'),
          title,
          creation: record.submittedAt,
        },
      },
    ],
  };
}

function acknowledgementsResponse(
  record: RecordDocument,
  refs: SubmissionRefs,
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: submissionIdentifier(record.submissionId, 'acknowledgements'),
    status: 'completed',
    subject: { reference: refs.patientUrl },
    source: { reference: refs.patientUrl },
    authored: record.submittedAt,
    item: record.statements.map((statement) => ({
      // Statement ids are unique only within their step.
      linkId: `${statement.stepId}.${statement.statementId}`,
      text: statement.text,
      answer: [{ valueBoolean: statement.confirmedAt !== '' }],
    })),
  };
}

function consent(
  record: RecordDocument,
  statements: readonly Statement[],
  refs: SubmissionRefs,
  urls: { stepId: string; documentUrl: string },
): Consent {
  const treatment = statements[0]?.consentTo ?? '';
  const confirmed = statements.filter((statement) => statement.confirmedAt !== '');
  return {
    resourceType: 'Consent',
    identifier: [submissionIdentifier(record.submissionId, `consent:${urls.stepId}`)],
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
    patient: { reference: refs.patientUrl },
    dateTime: record.submittedAt,
    performer: [{ reference: refs.patientUrl }],
    organization: [{ reference: refs.organizationUrl }],
    sourceReference: { reference: urls.documentUrl },
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
      code: [{ text: treatment }],
      ...(confirmed.length > 0
        ? {
            provision: confirmed.map((statement) => ({
              type: 'permit' as const,
              code: [{ text: statement.text }],
            })),
          }
        : {}),
    },
  };
}
