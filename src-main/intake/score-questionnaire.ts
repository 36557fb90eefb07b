/**
 * A questionnaire's answers, checked against the pack and scored from its data: which items
 * were shown (`enableWhen`), each answer's value and label, every total with its band, and the
 * rules that fired. The renderer never decides any of this.
 */
import type { QuestionnaireAnswer } from '../contract';
import {
  answersMeeting,
  compare,
  sha256Hex,
  type AlertKind,
  type Condition,
  type LocalText,
  type QuestionnaireItem,
  type QuestionnaireStep,
} from '../content';
import { KioskFailure } from '../failure';

export interface AnsweredItem {
  itemId: string;
  code?: string;
  /** The item's text as shown, and its SHA-256: a later edit of the pack cannot change it. */
  text: string;
  textSha256: string;
  type: QuestionnaireItem['type'];
  /** Null when an optional item was left unanswered. */
  answer: { value: QuestionnaireAnswer; label?: string; code?: string; score?: number } | null;
}

export interface ScoredTotal {
  totalId: string;
  code?: string;
  label: string;
  score: number;
  band: string;
}

export interface FiredRule {
  ruleId: string;
  alert: AlertKind;
}

export interface ScoredQuestionnaire {
  stepId: string;
  instrument: { id: string; code?: string; system?: string };
  answeredAt: string;
  /** Every item shown to the client, in order; items hidden by `enableWhen` are left out. */
  items: AnsweredItem[];
  totals: ScoredTotal[];
  rulesFired: FiredRule[];
}

type Text = (value: LocalText) => string;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// Control, bidi-override and zero-width characters have no place in a typed answer.
// eslint-disable-next-line no-control-regex -- the point of the pattern
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Whether `condition` holds for the answers so far. */
function holds(
  condition: Condition,
  step: QuestionnaireStep,
  answers: ReadonlyMap<string, QuestionnaireAnswer>,
): boolean {
  const answer = answers.get(condition.item);
  if (answer === undefined) {
    return false;
  }
  const target = step.items.find((item) => item.id === condition.item);
  const meeting = target ? answersMeeting(condition, target, step) : [];
  return meeting === undefined || meeting.includes(answer);
}

export function isShown(
  item: QuestionnaireItem,
  step: QuestionnaireStep,
  answers: ReadonlyMap<string, QuestionnaireAnswer>,
): boolean {
  if (item.enableWhen === undefined) {
    return true;
  }
  const results = item.enableWhen.map((condition) => holds(condition, step, answers));
  return (item.enableBehavior ?? 'all') === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** The option a choice answer names, or a field error. */
function optionOf(step: QuestionnaireStep, item: QuestionnaireItem, answer: QuestionnaireAnswer) {
  const options = item.answerSet === undefined ? [] : (step.answerSets[item.answerSet] ?? []);
  return typeof answer === 'string' ? options.find((option) => option.id === answer) : undefined;
}

function validAnswer(
  step: QuestionnaireStep,
  item: QuestionnaireItem,
  answer: QuestionnaireAnswer,
): boolean {
  switch (item.type) {
    case 'choice':
      return optionOf(step, item, answer) !== undefined;
    case 'boolean':
      return typeof answer === 'boolean';
    case 'time':
      return typeof answer === 'string' && TIME.test(answer);
    case 'text':
      return (
        typeof answer === 'string' &&
        answer.trim() !== '' &&
        // UTF-16 code units, as the text box's own `maxlength` counts them.
        answer.length <= (item.maxLength ?? 0) &&
        !UNPRINTABLE.test(answer)
      );
    default:
      return item.type satisfies never;
  }
}

/**
 * Checks every answer against the step: only its items, only items shown for these answers,
 * each answer of the item's type, every shown required item answered. `INVALID_INPUT` names
 * each item at fault (`required`, `invalid_answer`, `not_shown`, `unknown_item`).
 */
export function checkAnswers(
  step: QuestionnaireStep,
  given: Readonly<Record<string, QuestionnaireAnswer>>,
): Map<string, QuestionnaireAnswer> {
  const fields: Record<string, 'required' | 'invalid_answer' | 'not_shown' | 'unknown_item'> = {};
  const known = new Set(step.items.map((item) => item.id));
  for (const itemId of Object.keys(given)) {
    if (!known.has(itemId)) {
      fields[itemId] = 'unknown_item';
    }
  }
  const answers = new Map<string, QuestionnaireAnswer>();
  for (const item of step.items) {
    const answer = Object.hasOwn(given, item.id) ? given[item.id] : undefined;
    if (!isShown(item, step, answers)) {
      if (answer !== undefined) {
        fields[item.id] = 'not_shown';
      }
      continue;
    }
    if (answer === undefined) {
      if (item.required) {
        fields[item.id] = 'required';
      }
      continue;
    }
    if (!validAnswer(step, item, answer)) {
      fields[item.id] = 'invalid_answer';
      continue;
    }
    answers.set(
      item.id,
      typeof answer === 'string' && item.type === 'text' ? answer.trim() : answer,
    );
  }
  if (Object.keys(fields).length > 0) {
    throw new KioskFailure('INVALID_INPUT', 'Please check the highlighted questions.', {
      fields,
    });
  }
  return answers;
}

function scoreOf(
  step: QuestionnaireStep,
  item: QuestionnaireItem | undefined,
  answer: QuestionnaireAnswer | undefined,
): number {
  if (!item || answer === undefined) {
    return 0;
  }
  return optionOf(step, item, answer)?.value ?? 0;
}

/**
 * Scores checked answers: totals with their bands, then the rules (on items or totals). Words
 * come from `text`; an item's own text and answer label from `itemText(item)`, when the client
 * saw items in different languages (they switched language half way through).
 */
export function scoreQuestionnaire(
  step: QuestionnaireStep,
  answers: ReadonlyMap<string, QuestionnaireAnswer>,
  text: Text,
  answeredAt: string,
  itemText: (item: QuestionnaireItem) => Text = () => text,
): ScoredQuestionnaire {
  const byId = new Map(step.items.map((item) => [item.id, item]));
  const items = step.items
    .filter((item) => isShown(item, step, answers))
    .map((item): AnsweredItem => {
      const words = itemText(item);
      const shown = words(item.text);
      const answer = answers.get(item.id);
      const option = answer === undefined ? undefined : optionOf(step, item, answer);
      return {
        itemId: item.id,
        ...(item.code === undefined ? {} : { code: item.code }),
        text: shown,
        textSha256: sha256Hex(shown),
        type: item.type,
        answer:
          answer === undefined
            ? null
            : {
                value: answer,
                ...(option
                  ? {
                      label: words(option.label),
                      score: option.value,
                      ...(option.code === undefined ? {} : { code: option.code }),
                    }
                  : {}),
              },
      };
    });
  const scores = new Map<string, number>();
  const totals = step.scoring.map((total): ScoredTotal => {
    const score = total.items.reduce(
      (sum, itemId) => sum + scoreOf(step, byId.get(itemId), answers.get(itemId)),
      0,
    );
    scores.set(total.id, score);
    const band = total.bands.find((candidate) => score >= candidate.min && score <= candidate.max);
    return {
      totalId: total.id,
      ...(total.code === undefined ? {} : { code: total.code }),
      label: text(total.label),
      score,
      band: band ? text(band.label) : '',
    };
  });
  const rulesFired = step.rules
    .filter((rule) => {
      const total = scores.get(rule.when.item);
      if (total !== undefined) {
        const { operator, value } = rule.when;
        return (
          operator !== 'exists' && typeof value === 'number' && compare(total, operator, value)
        );
      }
      return holds(rule.when, step, answers);
    })
    .map((rule): FiredRule => ({ ruleId: rule.id, alert: rule.alert }));
  const { id, code, system } = step.instrument;
  return {
    stepId: step.id,
    instrument: {
      id,
      ...(code === undefined ? {} : { code }),
      ...(system === undefined ? {} : { system }),
    },
    answeredAt,
    items,
    totals,
    rulesFired,
  };
}
