/**
 * What to do at each step kind, for every walker of a pack: the session's own bookkeeping
 * (client-session.ts), the demo seeder through the API (cli/seed-demo.ts), the sample records
 * through a `ClientSession` (export/sample-records.ts), and the e2e walkthrough through the page
 * (test/e2e/walkthrough.ts, on the contract's `ClientStep`).
 *
 * A walker is a `StepVisitor`: one handler per kind, none optional. Add a step kind to
 * `PackStep` (content/pack-model.ts) and `ClientStep` (contract.ts), and the compiler lists every
 * visitor that does not handle it yet; `visitStep` is the one switch over a pack step's kind.
 */
import type { PackStep } from '../content';

export type StepKind = PackStep['kind'];

/**
 * The members of the step union `S` that can be of kind `K`. One member may stand for several
 * kinds (`identity`, `signature` and `review` share one shape), so this is not `Extract`.
 */
export type StepOfKind<S extends { kind: string }, K extends S['kind']> = S extends unknown
  ? K extends S['kind']
    ? S
    : never
  : never;

/** One handler per step kind of `S`, each given the step it handles. */
export type StepVisitor<S extends { kind: string }, R> = {
  readonly [K in S['kind']]: (step: StepOfKind<S, K>) => R;
};

/** Hands `step` to the handler of its kind. */
export function visitStep<R>(step: PackStep, visitor: StepVisitor<PackStep, R>): R {
  switch (step.kind) {
    case 'page':
      return visitor.page(step);
    case 'video':
      return visitor.video(step);
    case 'check':
      return visitor.check(step);
    case 'acknowledge':
      return visitor.acknowledge(step);
    case 'questionnaire':
      return visitor.questionnaire(step);
    case 'identity':
      return visitor.identity(step);
    case 'signature':
      return visitor.signature(step);
    case 'review':
      return visitor.review(step);
    default:
      return step satisfies never;
  }
}
