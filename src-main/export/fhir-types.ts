/**
 * The few FHIR R4 shapes this export writes, typed here because the installed `@types/fhir`
 * (3.0.x) describes FHIR STU3, whose Consent is a different resource (no `scope`, no
 * `provision`). Field names and cardinalities follow R4 (http://hl7.org/fhir/R4/); the tests
 * validate the output against the official R4 JSON schema.
 */

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference: string;
  identifier?: Identifier;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Attachment {
  contentType: string;
  language?: string;
  /** base64Binary */
  data: string;
  size: number;
  /** base64 of the SHA-1 of `data`'s bytes (R4 Attachment.hash is SHA-1). */
  hash: string;
  title: string;
  creation: string;
}

export interface Organization {
  resourceType: 'Organization';
  name: string;
  telecom?: { system: 'phone' | 'email'; value: string }[];
  address?: { text: string; line: string[] }[];
}

export interface Patient {
  resourceType: 'Patient';
  /** The submission's own (fhir-ids.ts): a visit's patient, never the person across visits. */
  identifier: Identifier[];
  name: { text: string; family?: string; given?: string[] }[];
  birthDate?: string;
}

export interface ConsentProvision {
  type: 'permit' | 'deny';
  period?: { start: string };
  code?: CodeableConcept[];
  provision?: ConsentProvision[];
}

export interface Consent {
  resourceType: 'Consent';
  identifier: Identifier[];
  status: 'active';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer: Reference[];
  organization: Reference[];
  /** The signed record (R4 Consent.source[x]: a DocumentReference among the allowed targets). */
  sourceReference: Reference;
  policyRule: CodeableConcept;
  provision: ConsentProvision;
}

export interface QuestionnaireResponseAnswer {
  valueString?: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueDateTime?: string;
  /** FHIR `time`: `hh:mm:ss`. */
  valueTime?: string;
  valueCoding?: Coding;
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  /** Resource.language: the language the client was shown (http://hl7.org/fhir/R4/resource.html). */
  language?: string;
  identifier: Identifier;
  /** The canonical URL of the Questionnaire answered (LOINC's `http://loinc.org/q/<panel>`). */
  questionnaire?: string;
  status: 'completed';
  subject: Reference;
  source: Reference;
  authored: string;
  item: QuestionnaireResponseItem[];
}

/** A score computed from a QuestionnaireResponse (http://hl7.org/fhir/R4/observation.html). */
export interface Observation {
  resourceType: 'Observation';
  identifier: Identifier[];
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectiveDateTime: string;
  valueInteger: number;
  interpretation?: CodeableConcept[];
  derivedFrom: Reference[];
}

/** The signed PDF record, as a document (http://hl7.org/fhir/R4/documentreference.html). */
export interface DocumentReference {
  resourceType: 'DocumentReference';
  identifier: Identifier[];
  status: 'current';
  type: CodeableConcept;
  subject: Reference;
  /** An instant. */
  date: string;
  author: Reference[];
  custodian: Reference;
  description: string;
  content: { attachment: Attachment }[];
}

/**
 * Who signed what, and the signature itself (http://hl7.org/fhir/R4/provenance.html,
 * http://hl7.org/fhir/R4/datatypes.html#Signature).
 */
export interface Provenance {
  resourceType: 'Provenance';
  /**
   * R4 gives Provenance no `identifier`: its business identifier travels as a tag instead,
   * which every server indexes (`_tag`, http://hl7.org/fhir/R4/search.html#all) and a push
   * conditions on. `target:identifier` would say the same through the signed document's
   * identifier (kept on the first target), but Medplum 4.5's in-memory search does not
   * implement the `:identifier` modifier, and a condition it cannot match creates a duplicate.
   */
  meta: { tag: Coding[] };
  target: Reference[];
  recorded: string;
  agent: { type?: CodeableConcept; who: Reference }[];
  signature: {
    type: Coding[];
    when: string;
    who: Reference;
    /** `image/png` for a drawn signature; absent for a typed one. */
    sigFormat?: string;
    data?: string;
  }[];
}

export type Resource =
  | Organization
  | Patient
  | Consent
  | QuestionnaireResponse
  | Observation
  | DocumentReference
  | Provenance;

export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
  /** A transaction's instruction for this entry (http://hl7.org/fhir/R4/bundle.html#transaction). */
  request?: { method: 'POST' | 'PUT'; url: string; ifNoneExist?: string };
}

export interface Bundle {
  resourceType: 'Bundle';
  identifier: Identifier;
  type: 'collection' | 'transaction';
  timestamp: string;
  entry: BundleEntry[];
}
