/**
 * What one client's submission holds: the evidence an auditor needs to see exactly what the
 * client saw, answered, confirmed and signed. Sealed as JSON in the vault's submission rows.
 *
 * This file is the payload's one owner: its shape (the schema below, which the types are
 * derived from), the row `vault.insertSubmission` takes for it (`submissionRowOf`), and the
 * checked way back from a stored row (`openSubmissionPayload`). A record that fails the check
 * is refused by its id and the fields at fault, never shown or exported in part.
 *
 * Note what a sealed box does not prove: anyone with the clinic's public key (stored in clear)
 * can seal a payload, so whoever holds the database key could insert a forged submission. The
 * check keeps such a record from breaking its readers (file names, shapes); it cannot tell it
 * from a real one.
 */
import { z } from 'zod';
import type { RecordKeys, NewSubmission, SubmissionRow } from '../vault';
import type { Identity } from './identity';
import type { Signature } from './signature';

export const PAYLOAD_FORMAT = 'clinic-kiosk/submission@1';

/** Times as `Date.prototype.toISOString` writes them (the submission date names a PDF file). */
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'not a UTC instant as toISOString writes',
  );
/** Submission ids are UUIDs; anything else in a row is refused (it also names a PDF file). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One language a step was on screen in: its title there, and the time spent in it. */
const stepShowingSchema = z.object({
  locale: z.string(),
  title: z.string(),
  msOnScreen: z.number(),
});

const stepTimingSchema = z.object({
  stepId: z.string(),
  /** A step kind of the pack; a string, so records of a kind since retired still open. */
  kind: z.string(),
  /** The title as first shown (in `shownIn[0].locale`). */
  title: z.string(),
  visits: z.number(),
  /** Milliseconds on screen, measured by main's clock between step changes. */
  msOnScreen: z.number(),
  /**
   * Each language the step was on screen in, in the order first shown; their times add up to
   * `msOnScreen`. More than one when the client switched language on this step, or came back
   * to it after switching. Records sealed before a client could switch have none: they were
   * shown in the payload's `locale` only (filled in by `inStartLocale` below).
   */
  shownIn: z.array(stepShowingSchema).optional(),
});

const checkAttemptSchema = z.object({
  optionId: z.string(),
  /** The answer's label and the question, as shown at this attempt, in `locale`. */
  optionLabel: z.string(),
  correct: z.boolean(),
  at: z.string(),
  /** Absent from records sealed before a client could switch language (see `inStartLocale`). */
  locale: z.string().optional(),
  question: z.string().optional(),
});

const checkRecordSchema = z.object({
  stepId: z.string(),
  /** The question as shown at the first attempt; each attempt has its own. */
  question: z.string(),
  attempts: z.array(checkAttemptSchema),
});

const acknowledgementRecordSchema = z.object({
  stepId: z.string(),
  statementId: z.string(),
  /**
   * The exact text shown when the client confirmed it, in `locale`, and its SHA-256, so a later
   * edit of the pack cannot change it.
   */
  text: z.string(),
  textSha256: z.string(),
  confirmedAt: z.string(),
  /** Absent from records sealed before a client could switch language (see `inStartLocale`). */
  locale: z.string().optional(),
  /** The treatment the step's statements consent to, as shown; absent when they record understanding. */
  consentTo: z.string().optional(),
});

const answerValue = z.union([z.string(), z.boolean()]);

/**
 * A questionnaire as scored by main (intake/), with the exact text of each item shown, in the
 * language its answer was chosen in (`items[].locale`). `locale` is the language on screen when
 * the client finished it: that of the totals' and bands' words. Both absent from records sealed
 * before a client could switch language (see `inStartLocale`).
 */
const questionnaireRecordSchema = z.object({
  stepId: z.string(),
  locale: z.string().optional(),
  instrument: z.object({
    id: z.string(),
    code: z.string().optional(),
    system: z.string().optional(),
  }),
  answeredAt: instant,
  items: z.array(
    z.object({
      itemId: z.string(),
      code: z.string().optional(),
      locale: z.string().optional(),
      text: z.string(),
      textSha256: z.string(),
      type: z.enum(['choice', 'boolean', 'time', 'text']),
      answer: z
        .object({
          value: answerValue,
          label: z.string().optional(),
          code: z.string().optional(),
          score: z.number().optional(),
        })
        .nullable(),
    }),
  ),
  totals: z.array(
    z.object({
      totalId: z.string(),
      code: z.string().optional(),
      label: z.string(),
      score: z.number(),
      band: z.string(),
    }),
  ),
  rulesFired: z.array(
    z.object({ ruleId: z.string(), alert: z.enum(['clinician-now', 'front-desk']) }),
  ),
});

/** A video step as the client watched it (video-watch.ts): what main counted, not the player's claim. */
const videoRecordSchema = z.object({
  stepId: z.string(),
  secondsWatched: z.number(),
  durationSeconds: z.number().nullable(),
  watchedToEnd: z.boolean(),
  /** SHA-256 of the video file shown, as in the pack hash. */
  fileSha256: z.string(),
});

/** The name rules are the consent flow's (identity.ts); a stored record is read as it was sealed. */
const identitySchema = z.object({
  fullName: z.string(),
  dateOfBirth: z.string(),
}) satisfies z.ZodType<Identity>;

/** A text shown at signing, word for word, with its SHA-256 and language (signature.ts). */
const signedTextSchema = z.object({ text: z.string(), textSha256: z.string(), locale: z.string() });

const signedSignatureSchema = z.object({
  /** Records sealed before typed signatures existed were all drawn. */
  method: z.enum(['drawn', 'typed']).default('drawn'),
  pngBase64: z.string().nullable(),
  inkLength: z.number(),
  typedName: z.string(),
  // Records sealed before the statement's language was kept do not say it.
  intent: z
    .object({ text: z.string(), textSha256: z.string(), locale: z.string().optional() })
    .optional(),
  /**
   * What signing meant (the pack's words above the pad) and the electronic-signing disclosure
   * the client accepted. Records sealed before either was shown have neither.
   */
  meaning: signedTextSchema.optional(),
  agreement: signedTextSchema.optional(),
  signedAt: z.string(),
}) satisfies z.ZodType<Signature & { signedAt: string }>;

const storedPayloadSchema = z.object({
  format: z.literal(PAYLOAD_FORMAT),
  submissionId: z.string(),
  kioskId: z.string(),
  pack: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  /**
   * The language the session started in (the one the client chose on the attract screen, as the
   * pack resolved it), also the row's clear `locale`. A client may switch language at any step
   * since; each step, attempt, statement and answer below names the language it was shown in.
   */
  locale: z.string(),
  startedAt: instant,
  submittedAt: instant,
  steps: z.array(stepTimingSchema),
  checks: z.array(checkRecordSchema),
  acknowledgements: z.array(acknowledgementRecordSchema),
  /** Records sealed before questionnaires existed have none. */
  questionnaires: z.array(questionnaireRecordSchema).default([]),
  /** Records sealed before packs had videos have none. */
  videos: z.array(videoRecordSchema).default([]),
  identity: identitySchema,
  /** Null for a programme with no signature step (a treatment-day check-in). */
  signature: signedSignatureSchema.nullable(),
});

/**
 * A record sealed before a client could switch language was shown in one language, its start
 * `locale`, throughout: the languages it does not name are that one. Readers then always see
 * every language named, whatever the record's age.
 */
function inStartLocale(payload: z.output<typeof storedPayloadSchema>) {
  const { locale } = payload;
  return {
    ...payload,
    steps: payload.steps.map((step) => ({
      ...step,
      shownIn: step.shownIn ?? [{ locale, title: step.title, msOnScreen: step.msOnScreen }],
    })),
    checks: payload.checks.map((check) => ({
      ...check,
      attempts: check.attempts.map((attempt) => ({
        ...attempt,
        locale: attempt.locale ?? locale,
        question: attempt.question ?? check.question,
      })),
    })),
    acknowledgements: payload.acknowledgements.map((statement) => ({
      ...statement,
      locale: statement.locale ?? locale,
    })),
    questionnaires: payload.questionnaires.map((questionnaire) => ({
      ...questionnaire,
      locale: questionnaire.locale ?? locale,
      items: questionnaire.items.map((item) => ({ ...item, locale: item.locale ?? locale })),
    })),
  };
}

const submissionPayloadSchema = storedPayloadSchema.transform(inStartLocale);

export type SubmissionPayload = z.output<typeof submissionPayloadSchema>;
export type StepTiming = SubmissionPayload['steps'][number];
export type CheckRecord = SubmissionPayload['checks'][number];
export type CheckAttempt = CheckRecord['attempts'][number];
export type AcknowledgementRecord = SubmissionPayload['acknowledgements'][number];
export type QuestionnaireRecord = SubmissionPayload['questionnaires'][number];
export type VideoRecord = SubmissionPayload['videos'][number];

/** The row's clear columns: only what the kiosk needs to operate (ARCHITECTURE.md, Data). */
export type SubmissionMetadata = Omit<NewSubmission, 'payload'>;

export function submissionMetadataOf(payload: SubmissionPayload): SubmissionMetadata {
  return {
    id: payload.submissionId,
    packId: payload.pack.id,
    packVersion: payload.pack.version,
    packHash: payload.pack.hash,
    locale: payload.locale,
    startedAt: payload.startedAt,
    submittedAt: payload.submittedAt,
  };
}

/** What `vault.insertSubmission` takes for `payload`: its clear metadata and its JSON to seal. */
export function submissionRowOf(payload: SubmissionPayload): NewSubmission {
  return { ...submissionMetadataOf(payload), payload: JSON.stringify(payload) };
}

/** A stored submission that cannot be read as a payload of this app: named by its id. */
export class InvalidSubmissionError extends Error {
  override readonly name = 'InvalidSubmissionError';

  constructor(
    readonly submissionId: string,
    message: string,
    /** The payload's fields at fault (`signature.pngBase64`), when it opened but had the wrong shape. */
    readonly fields: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Unseals `row` and checks its payload: the payload, or an `InvalidSubmissionError`. */
export function openSubmissionPayload(row: SubmissionRow, unlock: RecordKeys): SubmissionPayload {
  return openPayloadWith(row.id, () => unlock.openSubmission(row.sealed));
}

/**
 * The checked payload of submission `submissionId`, whose JSON `open` unseals: shared by
 * `openSubmissionPayload` and the opening workers (open-worker.ts), so both refuse alike.
 */
export function openPayloadWith(submissionId: string, open: () => string): SubmissionPayload {
  if (!UUID.test(submissionId)) {
    throw new InvalidSubmissionError(
      submissionId,
      `a stored submission has the id ${JSON.stringify(submissionId)}, which is not a UUID`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(open());
  } catch (error) {
    throw new InvalidSubmissionError(
      submissionId,
      `submission ${submissionId} cannot be opened: ${messageOf(error)}`,
      [],
      { cause: error },
    );
  }
  return decodeSubmissionPayload(submissionId, json);
}

/** What a list of records shows of a payload: who, and how many comprehension attempts. */
export interface PayloadOutline {
  fullName: string;
  dateOfBirth: string;
  comprehensionAttempts: number;
}

export function outlineOf(payload: SubmissionPayload): PayloadOutline {
  return {
    fullName: payload.identity.fullName,
    dateOfBirth: payload.identity.dateOfBirth,
    comprehensionAttempts: payload.checks.reduce((sum, check) => sum + check.attempts.length, 0),
  };
}

/** Issues listed in an error message; the rest are counted. */
const LISTED_ISSUES = 5;

/** The payload in `json` (the parsed JSON of submission `submissionId`), checked field by field. */
export function decodeSubmissionPayload(submissionId: string, json: unknown): SubmissionPayload {
  const parsed = submissionPayloadSchema.safeParse(json);
  if (parsed.success) {
    return parsed.data;
  }
  // Paths and zod's messages only: they name what was expected, never the value found.
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(payload)',
    message: issue.message,
  }));
  const listed = issues
    .slice(0, LISTED_ISSUES)
    .map(({ field, message }) => `${field}: ${message}`)
    .join('; ');
  const more = issues.length > LISTED_ISSUES ? ` (and ${issues.length - LISTED_ISSUES} more)` : '';
  throw new InvalidSubmissionError(
    submissionId,
    `submission ${submissionId} is not a ${PAYLOAD_FORMAT} record: ${listed}${more}`,
    issues.map(({ field }) => field),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
