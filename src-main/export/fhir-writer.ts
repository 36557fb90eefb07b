/**
 * The FHIR resources of a submission, as R4 `Bundle` entries: the clinic's `Organization` and,
 * per submission: a `Patient`; the signed PDF as a `DocumentReference`,
 * the acknowledgements as a `QuestionnaireResponse`, and a `Consent` only where the pack marks
 * a step as consent to a named treatment (fhir-acknowledgements.ts); a `QuestionnaireResponse`
 * with every comprehension attempt; one of the videos watched, for a pack with video; and per
 * questionnaire answered, its `QuestionnaireResponse` and an `Observation` per total
 * (fhir-instruments.ts). Entries are referenced by `urn:uuid:`
 * fullUrls inside the bundle (http://hl7.org/fhir/R4/bundle.html#references), name-based on the
 * submission id (fhir-ids.ts).
 *
 * An export writes them in the FHIR Bulk Data layout (fhir-bulk.ts); `transactionBundle` puts one
 * submission's in a `transaction` Bundle, as a FHIR server takes them in one go (the push).
 */
import type { ClinicInfo, RecordDocument } from '../contract';
import { acknowledgementEntries } from './fhir-acknowledgements';
import {
  identifierQuery,
  nameUuid,
  submissionIdentifier,
  submissionUrl,
  URI_SYSTEM,
  type SubmissionRefs,
} from './fhir-ids';
import { instrumentEntries } from './fhir-instruments';
import type {
  Bundle,
  BundleEntry,
  Organization,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from './fhir-types';

export { nameUuid } from './fhir-ids';

export interface BundleHeader {
  /** The identifier (a UUID) of what the resources are written into: an export, or a push. */
  bundleId: string;
  /** When the export was made (Bundle.timestamp, an instant). */
  timestamp: string;
  clinic: ClinicInfo;
}

/**
 * One submission's resources as a `transaction` Bundle (http://hl7.org/fhir/R4/bundle.html#transaction):
 * every entry a `POST` of its type, references between them by their `urn:uuid:` fullUrls, which
 * the server replaces with the ids it assigns. Every entry is a conditional create
 * (http://hl7.org/fhir/R4/http.html#ccreate, `ifNoneExist`) on its business identifier, derived
 * from the submission id (fhir-ids.ts), so a second push of the same record creates nothing;
 * the clinic's Organization only if the server has none with the same name.
 */
export function transactionBundle(
  header: BundleHeader,
  record: RecordDocument,
  pdf: Buffer,
): Bundle {
  const organization = organizationEntry(header);
  return {
    resourceType: 'Bundle',
    identifier: { system: URI_SYSTEM, value: `urn:uuid:${header.bundleId}` },
    type: 'transaction',
    timestamp: header.timestamp,
    entry: [
      {
        ...organization,
        request: {
          method: 'POST',
          url: 'Organization',
          ifNoneExist: `name=${encodeURIComponent(header.clinic.name)}`,
        },
      },
      ...submissionEntries(header, record, pdf).map((entry) => ({
        ...entry,
        request: {
          method: 'POST' as const,
          url: entry.resource.resourceType,
          ifNoneExist: conditionOf(entry.resource),
        },
      })),
    ],
  };
}

/**
 * What makes an entry the same resource at a second push: its business identifier; for a
 * Provenance (R4 gives it none), the same value as its tag (fhir-types.ts).
 */
function conditionOf(resource: BundleEntry['resource']): string {
  switch (resource.resourceType) {
    case 'Provenance': {
      const [tag] = resource.meta.tag;
      if (tag === undefined) {
        throw new TypeError('conditionOf: a Provenance without its identifying tag');
      }
      return `_tag=${encodeURIComponent(`${tag.system}|${tag.code}`)}`;
    }
    case 'QuestionnaireResponse':
      return identifierQuery(resource.identifier);
    case 'Organization':
      throw new TypeError('conditionOf: the Organization is the bundle header, not the submission');
    case 'Patient':
    case 'Consent':
    case 'Observation':
    case 'DocumentReference': {
      const [identifier] = resource.identifier;
      if (identifier === undefined) {
        throw new TypeError(`conditionOf: a ${resource.resourceType} without an identifier`);
      }
      return identifierQuery(identifier);
    }
    default:
      return resource satisfies never;
  }
}

export function organizationEntry(header: BundleHeader): BundleEntry {
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
  const refs: SubmissionRefs = {
    patientUrl: submissionUrl(record.submissionId, 'patient'),
    organizationUrl: organizationUrl(header),
  };
  return [
    { fullUrl: refs.patientUrl, resource: patient(record) },
    ...acknowledgementEntries(record, pdf, refs),
    ...comprehensionEntries(record, refs),
    ...videoEntries(record, refs),
    ...instrumentEntries(record, refs),
  ];
}

/**
 * The videos as answers to the kiosk's own questions: per video step, the seconds of video
 * played (`valueDecimal`) and whether it was watched to the end (`valueBoolean`), as main
 * counted them. Linked by step id, like the comprehension attempts.
 */
function videoEntries(record: RecordDocument, refs: SubmissionRefs): BundleEntry[] {
  if (record.videos.length === 0) {
    return [];
  }
  const responseId = nameUuid(`submission:${record.submissionId}:videos`);
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    identifier: submissionIdentifier(record.submissionId, 'videos'),
    status: 'completed',
    subject: { reference: refs.patientUrl },
    source: { reference: refs.patientUrl },
    authored: record.submittedAt,
    item: record.videos.map((video) => ({
      linkId: video.stepId,
      text: video.title,
      item: [
        {
          linkId: `${video.stepId}.seconds-watched`,
          text: 'Seconds of the video watched',
          answer: [{ valueDecimal: video.secondsWatched }],
        },
        {
          linkId: `${video.stepId}.watched-to-end`,
          text: 'Watched to the end',
          answer: [{ valueBoolean: video.watchedToEnd }],
        },
      ],
    })),
  };
  return [{ fullUrl: `urn:uuid:${responseId}`, resource: response }];
}

function comprehensionEntries(record: RecordDocument, refs: SubmissionRefs): BundleEntry[] {
  if (record.checks.length === 0) {
    return [];
  }
  const responseId = nameUuid(`submission:${record.submissionId}:comprehension`);
  return [
    {
      fullUrl: `urn:uuid:${responseId}`,
      resource: questionnaireResponse(record, refs.patientUrl),
    },
  ];
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
    identifier: [submissionIdentifier(record.submissionId, 'patient')],
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

function questionnaireResponse(record: RecordDocument, patientUrl: string): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: submissionIdentifier(record.submissionId, 'comprehension'),
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
