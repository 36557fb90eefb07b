/**
 * A scored questionnaire (PHQ-9, GAD-7, a clinic's own) in FHIR R4: a `QuestionnaireResponse`
 * of the answers, and an `Observation` per total derived from it.
 *
 * - QuestionnaireResponse.questionnaire: LOINC publishes its panels as Questionnaires at
 *   `http://loinc.org/q/<panel code>` (https://loinc.org/fhir/), so a LOINC-coded instrument
 *   points there; `linkId` is the item's LOINC code, as in LOINC's own Questionnaires.
 * - Coded choices are `valueCoding` in the instrument's code system (LOINC answer codes LA…).
 * - Observation.category `survey` (http://terminology.hl7.org/CodeSystem/observation-category),
 *   `valueInteger` the total, `interpretation.text` its band, `derivedFrom` the response, as the
 *   US Core screening-assessment profile models a PHQ-9 score.
 */
import type { RecordDocument, RecordQuestionnaire } from '../contract';
import { submissionIdentifier, submissionUrl, type SubmissionRefs } from './fhir-ids';
import type {
  BundleEntry,
  CodeableConcept,
  Identifier,
  Observation,
  QuestionnaireResponse,
  QuestionnaireResponseAnswer,
  QuestionnaireResponseItem,
} from './fhir-types';

const LOINC = 'http://loinc.org';
const SURVEY: CodeableConcept = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'survey',
      display: 'Survey',
    },
  ],
};

type RecordItem = RecordQuestionnaire['items'][number];
type RecordTotal = RecordQuestionnaire['totals'][number];

/** Every instrument's response, each followed by the Observations of its totals. */
export function instrumentEntries(record: RecordDocument, refs: SubmissionRefs): BundleEntry[] {
  return record.questionnaires.flatMap((questionnaire) => {
    const role = `questionnaire:${questionnaire.stepId}`;
    const responseUrl = submissionUrl(record.submissionId, role);
    return [
      {
        fullUrl: responseUrl,
        resource: instrumentResponse(
          questionnaire,
          refs,
          submissionIdentifier(record.submissionId, role),
        ),
      },
      ...questionnaire.totals.map((total) => {
        const totalRole = `${role}:total:${total.totalId}`;
        return {
          fullUrl: submissionUrl(record.submissionId, totalRole),
          resource: totalObservation(questionnaire, total, refs, responseUrl, {
            identifier: submissionIdentifier(record.submissionId, totalRole),
          }),
        };
      }),
    ];
  });
}

function instrumentResponse(
  questionnaire: RecordQuestionnaire,
  refs: SubmissionRefs,
  identifier: Identifier,
): QuestionnaireResponse {
  const { code, system } = questionnaire.instrument;
  return {
    resourceType: 'QuestionnaireResponse',
    // The language on screen when the client finished it (an item answered before a switch of
    // language keeps that language's words in its text).
    language: questionnaire.locale,
    identifier,
    ...(system === LOINC && code !== undefined ? { questionnaire: `${LOINC}/q/${code}` } : {}),
    status: 'completed',
    subject: { reference: refs.patientUrl },
    source: { reference: refs.patientUrl },
    authored: questionnaire.answeredAt,
    // An optional item left unanswered is left out, as FHIR expects of an empty answer.
    item: questionnaire.items.flatMap((item): QuestionnaireResponseItem[] =>
      item.answer === null
        ? []
        : [
            {
              linkId: item.code ?? item.itemId,
              text: item.text,
              answer: [answerOf(item, item.answer, system)],
            },
          ],
    ),
  };
}

function answerOf(
  item: RecordItem,
  answer: NonNullable<RecordItem['answer']>,
  system: string | undefined,
): QuestionnaireResponseAnswer {
  const { value, label, code } = answer;
  switch (item.type) {
    case 'choice':
      // A code means nothing without its system; without one the label is the answer.
      return code !== undefined && system !== undefined
        ? { valueCoding: { system, code, ...(label === undefined ? {} : { display: label }) } }
        : { valueString: label ?? String(value) };
    case 'boolean':
      return { valueBoolean: value === true };
    case 'time':
      // FHIR `time` has seconds (hh:mm:ss); the kiosk asks for hours and minutes.
      return { valueTime: `${String(value)}:00` };
    case 'text':
      return { valueString: String(value) };
    default:
      return item.type satisfies never;
  }
}

function totalObservation(
  questionnaire: RecordQuestionnaire,
  total: RecordTotal,
  refs: SubmissionRefs,
  responseUrl: string,
  { identifier }: { identifier: Identifier },
): Observation {
  const { system } = questionnaire.instrument;
  return {
    resourceType: 'Observation',
    identifier: [identifier],
    status: 'final',
    category: [SURVEY],
    code: {
      ...(total.code === undefined || system === undefined
        ? {}
        : { coding: [{ system, code: total.code, display: total.label }] }),
      text: total.label,
    },
    subject: { reference: refs.patientUrl },
    effectiveDateTime: questionnaire.answeredAt,
    valueInteger: total.score,
    ...(total.band === '' ? {} : { interpretation: [{ text: total.band }] }),
    derivedFrom: [{ reference: responseUrl }],
  };
}
