/**
 * A questionnaire as the renderer may see it, in one locale: items, answers and when each item
 * shows, never the answers' values, the scoring or the rules.
 */
import type {
  ClientQuestionnaireItem,
  ClientQuestionnaireStep,
  QuestionnaireAnswer,
  ShowWhen,
} from '../contract';
import type { LocalText } from './local-text';
import type { Condition, QuestionnaireItem, QuestionnaireStep } from './questionnaire-schema';

/** The answers of `item` for which `condition` holds; undefined means "any answer" (exists). */
export function answersMeeting(
  condition: Condition,
  item: QuestionnaireItem,
  step: QuestionnaireStep,
): QuestionnaireAnswer[] | undefined {
  const { operator, value, option } = condition;
  if (operator === 'exists') {
    return undefined;
  }
  if (item.type === 'boolean') {
    return [true, false].filter((answer) => (operator === '=') === (answer === value));
  }
  const options = item.answerSet === undefined ? [] : (step.answerSets[item.answerSet] ?? []);
  return options
    .filter((candidate) =>
      option === undefined
        ? compare(candidate.value, operator, typeof value === 'number' ? value : NaN)
        : (operator === '=') === (candidate.id === option),
    )
    .map((candidate) => candidate.id);
}

/** `value operator limit`, as FHIR's enableWhen compares. */
export function compare(
  value: number,
  operator: Exclude<Condition['operator'], 'exists'>,
  limit: number,
): boolean {
  switch (operator) {
    case '=':
      return value === limit;
    case '!=':
      return value !== limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    default:
      return operator satisfies never;
  }
}

/** `item.enableWhen` in the renderer's terms (which answers of which earlier items show it). */
export function showWhenOf(item: QuestionnaireItem, step: QuestionnaireStep): ShowWhen | undefined {
  if (item.enableWhen === undefined) {
    return undefined;
  }
  const byId = new Map(step.items.map((candidate) => [candidate.id, candidate]));
  return {
    behavior: item.enableBehavior ?? 'all',
    conditions: item.enableWhen.map((condition) => {
      const target = byId.get(condition.item);
      const answers = target ? answersMeeting(condition, target, step) : [];
      return answers === undefined
        ? { itemId: condition.item }
        : { itemId: condition.item, answers };
    }),
  };
}

export function clientQuestionnaire(
  step: QuestionnaireStep,
  text: (value: LocalText) => string,
): ClientQuestionnaireStep {
  const items = step.items.map((item): ClientQuestionnaireItem => {
    const options = item.answerSet === undefined ? undefined : step.answerSets[item.answerSet];
    const showWhen = showWhenOf(item, step);
    return {
      id: item.id,
      text: text(item.text),
      type: item.type,
      required: item.required,
      ...(options
        ? { options: options.map((option) => ({ id: option.id, label: text(option.label) })) }
        : {}),
      ...(item.maxLength === undefined ? {} : { maxLength: item.maxLength }),
      ...(showWhen ? { showWhen } : {}),
    };
  });
  const copyright = step.instrument.copyright;
  return {
    kind: 'questionnaire',
    id: step.id,
    title: text(step.title),
    intro: text(step.intro),
    items,
    ...(copyright === undefined ? {} : { copyright: text(copyright) }),
  };
}
