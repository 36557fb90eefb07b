/**
 * The client's own copy (21 CFR 50.27(a): "a copy shall be given to the person signing"): what
 * they confirmed, answered and signed, with what signing meant and the electronic-signing
 * disclosure they accepted, in the words and languages they saw. Made from the one record
 * document (`export/record-document.ts`), so it cannot disagree with the staff PDF; it leaves
 * out what a client is not shown (scores, bands, alerts, times on screen, the pack's hash).
 */
import type { ClinicInfo, RecordDocument } from '../contract';
import { copyLocale, copyWords, type CopyLocale } from './copy-words';

export interface ClientCopy {
  /** The language of the copy's own headings: the one the client signed in, else the start's. */
  locale: CopyLocale;
  submissionId: string;
  clinic: ClinicInfo;
  client: { fullName: string; dateOfBirth: string };
  programme: string;
  submittedAt: string;
  /** Only the statements confirmed, each as shown. */
  statements: { text: string; locale: string }[];
  /** Each questionnaire's items and the answer chosen, in the words shown: no score. */
  questionnaires: {
    title: string;
    locale: string;
    items: { text: string; locale: string; answer: string | null }[];
  }[];
  /** The signature as the record holds it, without how it was made (the copy shows it). */
  signature: Omit<NonNullable<RecordDocument['signature']>, 'method'> | null;
}

export function clientCopyOf(record: RecordDocument): ClientCopy {
  const { signature } = record;
  const locale = copyLocale(
    signature?.agreement?.locale ?? signature?.meaning?.locale ?? record.locale,
  );
  const words = copyWords(locale);
  return {
    locale,
    submissionId: record.submissionId,
    clinic: record.clinic,
    client: { ...record.client },
    programme: record.pack.title,
    submittedAt: record.submittedAt,
    statements: record.statements
      .filter((statement) => statement.confirmedAt !== '')
      .map(({ text, locale: shownIn }) => ({ text, locale: shownIn })),
    questionnaires: record.questionnaires.map((questionnaire) => ({
      title: questionnaire.title,
      locale: questionnaire.locale,
      items: questionnaire.items.map((item) => ({
        text: item.text,
        locale: item.locale,
        answer: answerText(item.answer, words),
      })),
    })),
    signature: signature && {
      pngBase64: signature.pngBase64,
      typedName: signature.typedName,
      signedAt: signature.signedAt,
      ...(signature.intent === undefined ? {} : { intent: signature.intent }),
      ...(signature.meaning === undefined ? {} : { meaning: signature.meaning }),
      ...(signature.agreement === undefined ? {} : { agreement: signature.agreement }),
    },
  };
}

/** The answer as the client chose it: its label, else yes or no, else what they typed. */
function answerText(
  answer: RecordDocument['questionnaires'][number]['items'][number]['answer'],
  words: { yes: string; no: string },
): string | null {
  if (answer === null) {
    return null;
  }
  if (answer.label !== undefined) {
    return answer.label;
  }
  if (typeof answer.value === 'boolean') {
    return answer.value ? words.yes : words.no;
  }
  return answer.value;
}
