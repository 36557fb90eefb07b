/**
 * Which questionnaire items are on screen for the answers so far. Main says when each item
 * shows (`showWhen`, worked out from the pack) and checks it again on the answers it receives;
 * the renderer only tests membership, never a score.
 */
import type {
  ClientQuestionnaireItem,
  ClientQuestionnaireStep,
  QuestionnaireAnswer,
} from '../../src-main/contract';

export type Answers = Readonly<Record<string, QuestionnaireAnswer>>;

export function isShown(item: ClientQuestionnaireItem, answers: Answers): boolean {
  const showWhen = item.showWhen;
  if (showWhen === undefined) {
    return true;
  }
  const results = showWhen.conditions.map(({ itemId, answers: meeting }) => {
    const answer = Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
    return answer !== undefined && (meeting === undefined || meeting.includes(answer));
  });
  return showWhen.behavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** The items shown for `answers`, in order (an item shows only after those it depends on). */
export function shownItems(
  step: ClientQuestionnaireStep,
  answers: Answers,
): ClientQuestionnaireItem[] {
  return step.items.filter((item) => isShown(item, answers));
}

/** Only the answers to items still shown: a changed answer can hide a later item. */
export function shownAnswers(
  step: ClientQuestionnaireStep,
  answers: Answers,
): Record<string, QuestionnaireAnswer> {
  return Object.fromEntries(
    shownItems(step, answers)
      .filter((item) => Object.hasOwn(answers, item.id))
      .map((item) => [item.id, answers[item.id] as QuestionnaireAnswer]),
  );
}
