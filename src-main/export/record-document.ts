/**
 * One submission as evidence (`RecordDocument`): what the client saw, answered, confirmed and
 * signed. The PDF, the FHIR DocumentReference's PDF and the staff record view are all drawn from
 * this one document, so they cannot disagree.
 *
 * A client may switch language during a session: each page's text is read from the stored pack
 * in every language the record says it was shown in, and everything else keeps the words and
 * language sealed with it.
 */
import type {
  QuestionnaireRecord,
  StepTiming,
  SubmissionPayload,
} from '../consent/submission-payload';
import {
  snapshotPages,
  snapshotQuestionnaires,
  snapshotTitle,
  verifySnapshot,
  type SnapshotPage,
  type SnapshotQuestionnaire,
} from '../content';
import type {
  ClinicInfo,
  PageBlock,
  RecordDocument,
  RecordPage,
  RecordQuestionnaire,
} from '../contract';
import type { SubmissionRow } from '../vault';
import { canonicalJson, sha256Hex } from '../content/canonical-hash';
import { DEFAULT_READING_WORDS_PER_MINUTE, readingOf } from './reading-time';

/** The heading of a record of each kind, in the PDF and the FHIR export (the screen's is en.json). */
export const RECORD_TITLES: Readonly<Record<RecordDocument['kind'], string>> = {
  consent: 'Consent record',
  'check-in': 'Check-in record',
};

export interface RecordSource {
  /** The stored row's clear columns (a submission just sealed: its metadata, not yet exported). */
  row: Omit<SubmissionRow, 'sealed' | 'kioskId'>;
  /** The clinic's reading speed (kiosk.json); the default when left out. */
  readingWordsPerMinute?: number;
  payload: SubmissionPayload;
  /** The vault's copy of the pack content the row names (`vault.contentSnapshot(row.packHash)`). */
  snapshot: { content: string; hash: string } | undefined;
  clinic: ClinicInfo;
}

/**
 * The sealed payload and the row's clear metadata were written together; they can differ only
 * if someone holding the database key moved sealed blobs between rows or edited the metadata.
 * Such a record is refused, not shown with one side's values.
 */
export class RecordMismatchError extends Error {
  override readonly name = 'RecordMismatchError';
}

export function buildRecordDocument(source: RecordSource): RecordDocument {
  const { row, payload, clinic } = source;
  assertRowMatchesPayload(row, payload);
  const contentIn = (locale: string): PackContent => readContent(source, locale);
  const content = contentIn(payload.locale);
  const wordsPerMinute = source.readingWordsPerMinute ?? DEFAULT_READING_WORDS_PER_MINUTE;
  let recordSha256: string | undefined;
  return {
    kind: payload.signature ? 'consent' : 'check-in',
    submissionId: row.id,
    // Computed when first read (an enumerable getter, so copies and JSON carry the value): the
    // canonical JSON of a whole record was a third of a CSV export's time, and a CSV never
    // reads it.
    get recordSha256(): string {
      recordSha256 ??= sealedRecordSha256(payload);
      return recordSha256;
    },
    kioskId: payload.kioskId,
    clinic,
    client: { fullName: payload.identity.fullName, dateOfBirth: payload.identity.dateOfBirth },
    locale: payload.locale,
    locales: localesShown(payload),
    startedAt: payload.startedAt,
    submittedAt: payload.submittedAt,
    exportedAt: row.exportedAt,
    pack: { ...payload.pack, title: content.title, contentVerified: content.verified },
    pages: payload.steps
      .filter((step) => step.kind === 'page')
      .map((step) => recordPage(step, contentIn, wordsPerMinute)),
    checks: payload.checks.map((check) => ({
      stepId: check.stepId,
      question: check.question,
      attempts: check.attempts.map((attempt) => ({
        answer: attempt.optionLabel,
        correct: attempt.correct,
        at: attempt.at,
        locale: attempt.locale,
        question: attempt.question,
      })),
    })),
    statements: payload.acknowledgements.map((statement) => ({
      stepId: statement.stepId,
      statementId: statement.statementId,
      locale: statement.locale,
      text: statement.text,
      textSha256: statement.textSha256,
      confirmedAt: statement.confirmedAt,
      ...(statement.consentTo === undefined ? {} : { consentTo: statement.consentTo }),
    })),
    questionnaires: payload.questionnaires.map((questionnaire) =>
      recordQuestionnaire(
        questionnaire,
        contentIn(questionnaire.locale).questionnaires?.get(questionnaire.stepId),
      ),
    ),
    videos: payload.videos.map((video) => {
      const timing = payload.steps.find((step) => step.stepId === video.stepId);
      return {
        ...video,
        // As for a page: the title recorded when the client opened the step.
        title: timing?.title ?? video.stepId,
        msOnScreen: timing?.msOnScreen ?? 0,
        visits: timing?.visits ?? 0,
      };
    }),
    signature: payload.signature && {
      method: payload.signature.method,
      pngBase64: payload.signature.pngBase64,
      typedName: payload.signature.typedName,
      signedAt: payload.signature.signedAt,
      ...(payload.signature.intent ? { intent: payload.signature.intent.text } : {}),
      ...(payload.signature.intent?.locale
        ? { intentLocale: payload.signature.intent.locale }
        : {}),
      ...(payload.signature.meaning ? { meaning: { ...payload.signature.meaning } } : {}),
      ...(payload.signature.agreement ? { agreement: { ...payload.signature.agreement } } : {}),
    },
  };
}

/** Every language the record names, the starting one first, then as they appear in it. */
function localesShown(payload: SubmissionPayload): string[] {
  return [
    ...new Set([
      payload.locale,
      ...payload.steps.flatMap((step) => step.shownIn.map((shown) => shown.locale)),
    ]),
  ];
}

/** A page as the client saw it: its text in each language it was on screen in. */
function recordPage(
  step: StepTiming,
  contentIn: (locale: string) => PackContent,
  wordsPerMinute: number,
): RecordPage {
  const shown = step.shownIn.map((shown) => {
    const content = contentIn(shown.locale);
    return {
      locale: shown.locale,
      // The title recorded when the client saw the page in this language: the one on screen.
      title: shown.title,
      blocks: content.pages?.get(step.stepId)?.blocks ?? [unavailable(content, step.stepId)],
      msOnScreen: shown.msOnScreen,
    };
  });
  return {
    stepId: step.stepId,
    title: step.title,
    msOnScreen: step.msOnScreen,
    visits: step.visits,
    shown,
    reading: readingOf({ msOnScreen: step.msOnScreen, shown }, wordsPerMinute),
  };
}

/**
 * The fingerprint of the sealed record: SHA-256 over its RFC 8785 canonical JSON, so anyone
 * holding the record (or the vault, through `kiosk verify-record`) can recompute it.
 */
export function sealedRecordSha256(payload: SubmissionPayload): string {
  return sha256Hex(canonicalJson(payload));
}

/**
 * The scored questionnaire as sealed, named with the pack's words: the title and copyright line
 * come from the verified snapshot, so they are the ones the client saw, or are left out.
 */
function recordQuestionnaire(
  questionnaire: QuestionnaireRecord,
  shown: SnapshotQuestionnaire | undefined,
): RecordQuestionnaire {
  const { stepId, locale, instrument, answeredAt, items, totals, rulesFired } = questionnaire;
  return {
    stepId,
    locale,
    title: shown?.title ?? instrument.id,
    instrument,
    answeredAt,
    items,
    totals,
    alerts: rulesFired,
    ...(shown?.copyright === undefined ? {} : { copyright: shown.copyright }),
  };
}

interface PackContent {
  verified: boolean;
  /** Why the page text is missing, when it is. */
  problem: 'no-snapshot' | 'not-verified' | 'unreadable' | undefined;
  title: string;
  pages: Map<string, SnapshotPage> | undefined;
  questionnaires: Map<string, SnapshotQuestionnaire> | undefined;
}

/**
 * Verified and parsed pack content by hash and locale: an export of 10,000 submissions of one
 * pack hashes and parses its text once, not 10,000 times. The blocks are frozen, since every
 * record of that pack shares them. Bounded, as a kiosk only ever has a few pack versions.
 */
const contentCache = new Map<string, { content: string; parsed: PackContent }>();
const CONTENT_CACHE_SIZE = 16;

function readContent(source: RecordSource, locale: string): PackContent {
  const { snapshot, payload } = source;
  if (snapshot === undefined) {
    return parseContent(source, locale);
  }
  const key = `${snapshot.hash}\u0000${payload.pack.hash}\u0000${locale}`;
  const cached = contentCache.get(key);
  if (cached?.content === snapshot.content) {
    return cached.parsed;
  }
  const parsed = freezeContent(parseContent(source, locale));
  if (contentCache.size >= CONTENT_CACHE_SIZE) {
    contentCache.clear();
  }
  contentCache.set(key, { content: snapshot.content, parsed });
  return parsed;
}

function freezeContent(content: PackContent): PackContent {
  for (const page of content.pages?.values() ?? []) {
    page.blocks.forEach((block) => Object.freeze(block));
    Object.freeze(page.blocks);
  }
  return content;
}

function parseContent({ payload, snapshot }: RecordSource, locale: string): PackContent {
  const fallbackTitle = payload.pack.id;
  if (snapshot === undefined) {
    return {
      verified: false,
      problem: 'no-snapshot',
      title: fallbackTitle,
      pages: undefined,
      questionnaires: undefined,
    };
  }
  // Verified against the hash sealed in the client's own record, not only the row's key.
  if (snapshot.hash !== payload.pack.hash || !verifySnapshot(snapshot.content, payload.pack.hash)) {
    return {
      verified: false,
      problem: 'not-verified',
      title: fallbackTitle,
      pages: undefined,
      questionnaires: undefined,
    };
  }
  // The default locale is inside the snapshot; the record's locales are ones the pack has.
  try {
    return {
      verified: true,
      problem: undefined,
      title: snapshotTitle(snapshot.content, locale, locale),
      pages: snapshotPages(snapshot.content, locale, locale),
      questionnaires: snapshotQuestionnaires(snapshot.content, locale, locale),
    };
  } catch {
    return {
      verified: true,
      problem: 'unreadable',
      title: fallbackTitle,
      pages: undefined,
      questionnaires: undefined,
    };
  }
}

/** Said plainly in place of a page's text: never a guess at what it said. */
function unavailable(content: PackContent, stepId: string): PageBlock {
  switch (content.problem) {
    case 'no-snapshot':
      return {
        kind: 'paragraph',
        text: 'The text of this page is not available: this kiosk holds no copy of the content pack version named above.',
      };
    case 'not-verified':
      return {
        kind: 'paragraph',
        text: "The text of this page is not shown: the kiosk's stored copy of the content pack does not match the SHA-256 named above, so it may not be the text the client saw.",
      };
    case 'unreadable':
    case undefined:
      return {
        kind: 'paragraph',
        text: `The text of this page is not available: the content pack named above has no readable page "${stepId}".`,
      };
  }
}

function assertRowMatchesPayload(row: RecordSource['row'], payload: SubmissionPayload): void {
  const pairs: [string, string, string][] = [
    ['submission id', row.id, payload.submissionId],
    ['pack id', row.packId, payload.pack.id],
    ['pack version', row.packVersion, payload.pack.version],
    ['pack hash', row.packHash, payload.pack.hash],
    ['locale', row.locale, payload.locale],
    ['start time', row.startedAt, payload.startedAt],
    ['submission time', row.submittedAt, payload.submittedAt],
  ];
  const differing = pairs.filter(([, stored, sealed]) => stored !== sealed);
  if (differing.length > 0) {
    throw new RecordMismatchError(
      `buildRecordDocument: submission ${row.id}: the sealed record and the stored row disagree on ${differing
        .map(([name]) => name)
        .join(', ')}; the record may have been tampered with`,
    );
  }
}
