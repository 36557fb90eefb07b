/**
 * The `questionnaire` step kind, as data: an instrument (PHQ-9, GAD-7, a clinic's own
 * checklist), its items, their answers, how it is scored and which answers raise an alert. Main
 * scores it (src-main/intake/); the renderer only shows items and sends answers back.
 *
 * Items follow FHIR Questionnaire where it has a word for the thing (`linkId` is our `id`,
 * `enableWhen` with `enableBehavior`), so an instrument maps onto a FHIR QuestionnaireResponse
 * item by item. https://hl7.org/fhir/R4/questionnaire.html
 */
import { z } from 'zod';
import type { Problem } from './pack-error';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const id = z.string().max(64).regex(ID_PATTERN, 'must be a lowercase id such as "phq9-1"');
/** A code from a code system (a LOINC code such as "44250-9" or "LA6568-5"). */
const code = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.\-_]*$/, 'must be a code such as "44250-9"');
const system = z.url({ protocol: /^https?$/, error: 'must be a code system URL' });

/** The alert kinds a rule may raise: a clinician must see the client now, or the front desk should know. */
export const ALERT_KINDS = ['clinician-now', 'front-desk'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ITEM_TYPES = ['choice', 'boolean', 'time', 'text'] as const;

/** Comparisons a condition may make (FHIR's `enableWhen.operator`). */
export const OPERATORS = ['exists', '=', '!=', '>', '>=', '<', '<='] as const;
export type Operator = (typeof OPERATORS)[number];

export function questionnaireSchema(
  localText: (maxLength: number) => z.ZodType<Record<string, string>>,
) {
  const title = localText(120);
  const text = localText(2000);

  const option = z.strictObject({
    id,
    code: code.optional(),
    /** What the option scores: PHQ-9's "Several days" is 1. */
    value: z.number().int().min(-1000).max(1000),
    label: text,
  });

  /**
   * A condition on an earlier item's answer. A choice item compares its chosen option's `value`
   * (`>= 1`), or names an option with `=`/`!=` and `option`; a boolean item compares `= true` or
   * `= false`; `exists` asks only whether it was answered.
   */
  const condition = z.strictObject({
    item: id,
    operator: z.enum(OPERATORS),
    value: z.union([z.number(), z.boolean()]).optional(),
    option: id.optional(),
  });

  const item = z.strictObject({
    id,
    code: code.optional(),
    text,
    type: z.enum(ITEM_TYPES),
    required: z.boolean(),
    /** For `choice`: the id of one of the step's `answerSets`. */
    answerSet: id.optional(),
    /** For `text`: at most this many characters. */
    maxLength: z.number().int().min(1).max(2000).optional(),
    /** Shown only when these hold for earlier answers (`any` or `all` of them, as FHIR). */
    enableWhen: z.array(condition).min(1).max(20).optional(),
    enableBehavior: z.enum(['any', 'all']).optional(),
  });

  const band = z.strictObject({
    min: z.number().int(),
    max: z.number().int(),
    label: title,
  });

  const total = z.strictObject({
    id,
    code: code.optional(),
    label: title,
    /** The choice items summed into this total, by id. */
    items: z.array(id).min(1),
    /** Contiguous, non-overlapping ranges from the lowest to the highest possible total. */
    bands: z.array(band).min(1).max(10),
  });

  const rule = z.strictObject({
    id,
    /** On an item's answer, or on a total (`item` names the total's id then). */
    when: condition,
    alert: z.enum(ALERT_KINDS),
  });

  return z.strictObject({
    kind: z.literal('questionnaire'),
    id,
    title,
    intro: text,
    instrument: z.strictObject({
      id,
      /** The instrument's panel code, e.g. LOINC 44249-1 for the PHQ-9. */
      code: code.optional(),
      system: system.optional(),
      /** Where the exact wording comes from, and its copyright or permission line. */
      source: text,
      copyright: text.optional(),
    }),
    answerSets: z.record(id, z.array(option).min(2).max(12)),
    items: z.array(item).min(1).max(60),
    scoring: z.array(total).max(5),
    rules: z.array(rule).max(20),
    /** Shown to the client right after this questionnaire when a `clinician-now` rule fired. */
    support: z.strictObject({ title, body: text }).optional(),
  });
}

export type QuestionnaireStep = z.infer<ReturnType<typeof questionnaireSchema>>;
export type QuestionnaireItem = QuestionnaireStep['items'][number];
export type AnswerOption = QuestionnaireStep['answerSets'][string][number];
export type Condition = NonNullable<QuestionnaireItem['enableWhen']>[number];
export type ScoreTotal = QuestionnaireStep['scoring'][number];
export type AlertRule = QuestionnaireStep['rules'][number];

/**
 * What a schema cannot say: ids unique, answer sets named and used as their type needs,
 * conditions pointing back (never forward) at items or totals that can answer them, totals
 * summing choice items with bands that cover every possible total, and a support text where a
 * `clinician-now` rule can fire.
 */
export function crossCheckQuestionnaire(
  step: QuestionnaireStep,
  at: readonly PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  const problem = (path: readonly PropertyKey[], reason: string): void => {
    problems.push({ path: [...at, ...path], reason });
  };
  const itemIndex = new Map<string, number>();
  step.items.forEach((item, index) => {
    if (itemIndex.has(item.id)) {
      problem(['items', index, 'id'], `"${item.id}" is already the id of another item`);
    }
    if (item.type === 'choice') {
      if (item.answerSet === undefined) {
        problem(['items', index, 'answerSet'], 'is required for a choice item');
      } else if (!Object.hasOwn(step.answerSets, item.answerSet)) {
        problem(['items', index, 'answerSet'], `"${item.answerSet}" is not one of "answerSets"`);
      }
    } else if (item.answerSet !== undefined) {
      problem(['items', index, 'answerSet'], `only a choice item has answers, not "${item.type}"`);
    }
    if (item.type === 'text' && item.maxLength === undefined) {
      problem(['items', index, 'maxLength'], 'is required for a text item');
    }
    if (item.type !== 'text' && item.maxLength !== undefined) {
      problem(['items', index, 'maxLength'], 'only a text item has a maximum length');
    }
    if (item.enableBehavior !== undefined && item.enableWhen === undefined) {
      problem(['items', index, 'enableBehavior'], 'needs "enableWhen"');
    }
    item.enableWhen?.forEach((condition, c) => {
      const target = itemIndex.get(condition.item);
      const earlier = target === undefined ? undefined : step.items[target];
      if (!earlier) {
        problem(
          ['items', index, 'enableWhen', c, 'item'],
          `"${condition.item}" must be the id of an item before this one`,
        );
        return;
      }
      problems.push(
        ...checkCondition(condition, earlier, step, [...at, 'items', index, 'enableWhen', c]),
      );
    });
    itemIndex.set(item.id, index);
  });
  for (const [setId, options] of Object.entries(step.answerSets)) {
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.id)) {
        problem(['answerSets', setId, index, 'id'], `"${option.id}" is already in this answer set`);
      }
      seen.add(option.id);
    });
  }

  const totals = new Map<string, { min: number; max: number }>();
  step.scoring.forEach((total, t) => {
    if (itemIndex.has(total.id) || totals.has(total.id)) {
      problem(['scoring', t, 'id'], `"${total.id}" is already the id of an item or a total`);
    }
    let min = 0;
    let max = 0;
    total.items.forEach((itemId, i) => {
      const index = itemIndex.get(itemId);
      const item = index === undefined ? undefined : step.items[index];
      const options = item?.answerSet === undefined ? undefined : step.answerSets[item.answerSet];
      if (item?.type !== 'choice' || !options) {
        problem(['scoring', t, 'items', i], `"${itemId}" must be the id of a choice item`);
        return;
      }
      const values = options.map((option) => option.value);
      // An unanswered optional item adds nothing; scored items are normally required.
      min += item.required ? Math.min(...values) : Math.min(0, ...values);
      max += Math.max(...values);
    });
    problems.push(...checkBands(total, min, max, [...at, 'scoring', t, 'bands']));
    totals.set(total.id, { min, max });
  });

  step.rules.forEach((rule, r) => {
    const index = itemIndex.get(rule.when.item);
    const item = index === undefined ? undefined : step.items[index];
    if (item) {
      problems.push(...checkCondition(rule.when, item, step, [...at, 'rules', r, 'when']));
    } else if (totals.has(rule.when.item)) {
      if (rule.when.operator === 'exists' || typeof rule.when.value !== 'number') {
        problem(['rules', r, 'when'], 'a rule on a total compares it with a number');
      }
    } else {
      problem(['rules', r, 'when', 'item'], `"${rule.when.item}" is not an item or a total`);
    }
  });
  if (step.rules.some((rule) => rule.alert === 'clinician-now') && step.support === undefined) {
    problem(['support'], 'is required when a rule raises a clinician-now alert');
  }
  return problems;
}

function checkCondition(
  condition: Condition,
  target: QuestionnaireItem,
  step: QuestionnaireStep,
  at: readonly PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  const { operator, value, option } = condition;
  if (operator === 'exists') {
    if (value !== undefined || option !== undefined) {
      problems.push({ path: [...at], reason: '"exists" takes neither "value" nor "option"' });
    }
    return problems;
  }
  switch (target.type) {
    case 'choice': {
      if (option !== undefined) {
        const options =
          target.answerSet === undefined ? [] : (step.answerSets[target.answerSet] ?? []);
        if (operator !== '=' && operator !== '!=') {
          problems.push({
            path: [...at, 'operator'],
            reason: 'an option is compared with = or !=',
          });
        }
        if (!options.some((candidate) => candidate.id === option)) {
          problems.push({
            path: [...at, 'option'],
            reason: `"${option}" is not an answer of "${target.id}"`,
          });
        }
        if (value !== undefined) {
          problems.push({ path: [...at], reason: 'give "option" or "value", not both' });
        }
      } else if (typeof value !== 'number') {
        problems.push({
          path: [...at, 'value'],
          reason: 'a choice item is compared with a number or an "option"',
        });
      }
      break;
    }
    case 'boolean':
      if (
        (operator !== '=' && operator !== '!=') ||
        typeof value !== 'boolean' ||
        option !== undefined
      ) {
        problems.push({
          path: [...at],
          reason: 'a yes/no item is compared with = or != and true or false',
        });
      }
      break;
    case 'time':
    case 'text':
      problems.push({
        path: [...at, 'operator'],
        reason: `a ${target.type} item can only be tested with "exists"`,
      });
      break;
    default:
      target.type satisfies never;
  }
  return problems;
}

function checkBands(
  total: ScoreTotal,
  min: number,
  max: number,
  at: readonly PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  let next = min;
  total.bands.forEach((band, b) => {
    if (band.min !== next) {
      problems.push({
        path: [...at, b, 'min'],
        reason: `must be ${String(next)}: bands run without gaps or overlaps from ${String(min)}`,
      });
    }
    if (band.max < band.min) {
      problems.push({ path: [...at, b, 'max'], reason: 'must not be below "min"' });
    }
    next = band.max + 1;
  });
  if (next - 1 !== max) {
    problems.push({
      path: [...at, total.bands.length - 1, 'max'],
      reason: `the last band must end at ${String(max)}, the highest possible total`,
    });
  }
  return problems;
}
