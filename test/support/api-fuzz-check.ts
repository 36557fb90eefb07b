/**
 * The API fuzzer as a check, shared by `npm test` (api-fuzz.test.ts) and the soak tier
 * (api-fuzz.soak.test.ts): runs it, prints its figures to the CI log (figures.ts), and asserts
 * what every call must hold, that every channel and every state of the kiosk was reached, and
 * that calls got deep (records submitted).
 */
import { expect } from 'vitest';
import { CHANNEL_NAMES } from '../../src-main/contract';
import { fuzzSeed, KIOSK_STATES, runApiFuzz, type FuzzReport } from './api-fuzzer';
import { reportFigures } from './figures';

/** Calls per run: `npm test`, and the soak tier. */
export const FUZZ_CALLS = { test: 2_000, soak: 20_000 } as const;

/** Each channel must be called at least this share of an even split of the calls. */
const CHANNEL_SHARE = 0.2;

function figuresOf(report: FuzzReport): Record<string, number | string> {
  const covered = CHANNEL_NAMES.filter((name) => report.perChannel[name] > 0).length;
  const deep = CHANNEL_NAMES.filter((name) => report.acceptedPerChannel[name] > 0).length;
  const rejected = Object.values(report.rejectedByCode).reduce((sum, count) => sum + count, 0);
  return {
    seed: report.seed,
    calls: report.calls,
    'channels covered': `${String(covered)} of ${String(CHANNEL_NAMES.length)}`,
    'channels with an accepted call': `${String(deep)} of ${String(CHANNEL_NAMES.length)}`,
    'channels never accepted':
      CHANNEL_NAMES.filter((name) => report.acceptedPerChannel[name] === 0).join(', ') || 'none',
    'least calls to one channel': Math.min(...CHANNEL_NAMES.map((name) => report.perChannel[name])),
    'unknown channel calls': report.unknownChannelCalls,
    accepted: report.accepted,
    'visits submitted': report.acceptedPerChannel['session.submit'],
    rejected,
    ...Object.fromEntries(
      Object.entries(report.rejectedByCode)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, count]) => [`rejected ${code}`, count]),
    ),
    internal: report.internal,
    'db changes on rejected': report.dbChangesOnRejected,
    'rejected calls that wrote a failure record': report.failureRecords,
    'max message bytes': report.maxMessageBytes,
    ...Object.fromEntries(
      KIOSK_STATES.map((state) => [`calls in state ${state}`, report.perState[state]]),
    ),
    failures: report.failures.length,
  };
}

export async function fuzzTheApi(calls: number): Promise<FuzzReport> {
  const seed = fuzzSeed();
  const report = await runApiFuzz({ calls, seed });
  reportFigures(`api fuzzer (${String(calls)} calls)`, figuresOf(report));
  const replay = `replay with KIOSK_FUZZ_SEED=${String(seed)}`;
  expect(
    report.failures.map(
      (failure) =>
        `seed ${String(failure.seed)} call ${String(failure.index)} ${failure.channel} ${failure.input}: ${failure.problem}`,
    ),
    replay,
  ).toEqual([]);
  expect(report.calls, replay).toBe(calls);
  expect(report.internal, replay).toBe(0);
  expect(report.dbChangesOnRejected, replay).toBe(0);
  const least = Math.floor((calls / CHANNEL_NAMES.length) * CHANNEL_SHARE);
  const scarce = CHANNEL_NAMES.filter((name) => report.perChannel[name] < least);
  expect(scarce, `${replay}: channels called fewer than ${String(least)} times`).toEqual([]);
  expect(report.unknownChannelCalls, replay).toBeGreaterThan(0);
  const unvisited = KIOSK_STATES.filter((state) => report.perState[state] === 0);
  expect(unvisited, `${replay}: states no call met`).toEqual([]);
  expect(
    report.acceptedPerChannel['session.submit'],
    `${replay}: no visit was submitted`,
  ).toBeGreaterThan(0);
  return report;
}
