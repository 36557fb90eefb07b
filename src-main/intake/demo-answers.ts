/**
 * Believable answers to any questionnaire, for `seed-demo`, the sample records and the bench:
 * every shown item answered (optional ones too), choice answers drawn around a level that
 * `seed` sets, so a series of seeds reads like a course of treatment. Deterministic: the same
 * seed gives the same answers.
 */
import type { QuestionnaireAnswer } from '../contract';
import type { QuestionnaireStep } from '../content';
import { isShown } from './score-questionnaire';

/** mulberry32: a tiny seeded generator; not for anything secret. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param level 0 (well) to 1 (unwell): where choice answers cluster.
 */
export function demoAnswers(
  step: QuestionnaireStep,
  seed: number,
  level: number,
): Record<string, QuestionnaireAnswer> {
  const random = generator(seed);
  const answers = new Map<string, QuestionnaireAnswer>();
  for (const item of step.items) {
    if (!isShown(item, step, answers)) {
      continue;
    }
    switch (item.type) {
      case 'choice': {
        const options = item.answerSet === undefined ? [] : (step.answerSets[item.answerSet] ?? []);
        const spread = (random() - 0.5) * 1.2;
        const at = Math.round((level + spread / 2) * (options.length - 1));
        const option = options[Math.min(options.length - 1, Math.max(0, at))];
        if (option) {
          answers.set(item.id, option.id);
        }
        break;
      }
      case 'boolean':
        answers.set(item.id, random() < 0.5 ? level < 0.5 : random() < 0.8);
        break;
      case 'time':
        answers.set(
          item.id,
          `0${String(6 + Math.floor(random() * 4))}:${random() < 0.5 ? '00' : '30'}`,
        );
        break;
      case 'text':
        answers.set(item.id, 'Fake demo answer');
        break;
      default:
        item.type satisfies never;
    }
  }
  return Object.fromEntries(answers);
}
