/**
 * The API fuzzer's inputs: for every channel of the contract, a valid input made from what the
 * kiosk holds now (live sessions, records, alerts, staff, the PIN), the mutations applied to
 * such inputs, and the garbage and unknown channel names. The random draws are fast-check's;
 * what they are applied to is the fuzzer's model of the kiosk (api-fuzzer.ts).
 */
import fc from 'fast-check';
import { visitStep, type StepVisitor } from '../../src-main/consent';
import type { Pack, PackStep } from '../../src-main/content';
import {
  LIMITS,
  RANGE_YEARS,
  type ChannelInput,
  type ChannelName,
  type ExportFormat,
} from '../../src-main/contract';
import { demoAnswers } from '../../src-main/intake';
import { OTHER_PASSPHRASE, PASSPHRASE, PNG, UUID } from './kiosk-fixture';

/** Staff passphrases the fuzzer hands out: each strong enough for the passphrase policy. */
export const STAFF_PASSPHRASES: readonly string[] = [
  PASSPHRASE,
  OTHER_PASSPHRASE,
  'amber lighthouse whistles beneath granite',
  'seventeen otters juggle copper lanterns',
];
const PINS: readonly string[] = ['246810', '135791', '86420975'];
const LOCALES: readonly string[] = ['en', 'es', 'fr', 'es-MX', 'zz'];

/** One planned call: a channel and its input. */
export interface Planned {
  channel: ChannelName;
  input: unknown;
}

/** What a started session will send, step by step, to be submitted at the end. */
export interface LiveSession {
  id: string;
  pack: Pack;
  plan: Planned[];
  next: number;
  /** Rejections of the planned call at `next`: after a few the session is given up. */
  stuck: number;
}

/** What the valid inputs are made from: the fuzzer's picture of the kiosk now. */
export interface FuzzModel {
  recoveryKey: string | undefined;
  /** Each known staff member's passphrase, by staff id (learned from unlocks and additions). */
  secrets: Map<string, string>;
  /** Passphrases that open a staff slot now. */
  passphrases: string[];
  unlockedStaffId: string | undefined;
  sessions: LiveSession[];
  /** Sessions submitted, for `session.printCopy`. */
  submittedSessions: string[];
  submissionIds: string[];
  alertIds: string[];
  staffIds: string[];
  pin: string | undefined;
  packs: readonly Pack[];
}

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Mostly the live session; sometimes one already submitted, sometimes nobody's. */
function sessionIdOf(model: FuzzModel, n: number): string {
  const live = pick(model.sessions, n)?.id;
  return n % 7 === 0 ? (pick(model.submittedSessions, n) ?? UUID) : (live ?? UUID);
}

function stepOf(model: FuzzModel, sessionId: string, n: number): PackStep | undefined {
  const session = model.sessions.find((candidate) => candidate.id === sessionId);
  return pick(session?.pack.steps ?? model.packs[0]?.steps ?? [], n);
}

function stepsOfKind<K extends PackStep['kind']>(
  model: FuzzModel,
  sessionId: string,
  kind: K,
): Extract<PackStep, { kind: K }>[] {
  const session = model.sessions.find((candidate) => candidate.id === sessionId);
  const steps = session?.pack.steps ?? model.packs.flatMap((pack) => pack.steps);
  return steps.filter((step): step is Extract<PackStep, { kind: K }> => step.kind === kind);
}

function unusedPassphrase(model: FuzzModel, n: number): string {
  const free = STAFF_PASSPHRASES.filter((candidate) => !model.passphrases.includes(candidate));
  return pick(free, n) ?? pick(STAFF_PASSPHRASES, n) ?? PASSPHRASE;
}

function staffSecretOf(
  model: FuzzModel,
  n: number,
): { passphrase: string } | { recoveryKey: string } {
  return n % 5 === 0 && model.recoveryKey !== undefined
    ? { recoveryKey: model.recoveryKey }
    : { passphrase: pick(model.passphrases, n) ?? PASSPHRASE };
}

function auditFilterOf(n: number): ChannelInput<'admin.auditLog'> {
  switch (n % 4) {
    case 0:
      return {};
    case 1:
      return { action: 'unlock' };
    case 2:
      return { from: today(), to: today() };
    default:
      return { actor: 'kiosk', from: `${String(RANGE_YEARS.first)}-01-01` };
  }
}

function fakeClientName(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `Fuzz Client ${(letters[n % 26] ?? 'a').toUpperCase()}${letters[(n >> 5) % 26] ?? 'a'}`;
}

function birthDateOf(n: number): string {
  return `${String(1940 + (n % 60))}-0${String(1 + (n % 9))}-1${String(n % 10)}`;
}

type ValidInputs = { [C in ChannelName]: (model: FuzzModel, n: number) => ChannelInput<C> };

/** A valid input for every channel (valid by the contract; the kiosk may still refuse it). */
export const VALID_INPUTS: ValidInputs = {
  'app.info': () => ({}),
  'app.status': () => ({}),
  'vault.create': () => ({ name: 'Jane Roe', passphrase: PASSPHRASE, confirm: PASSPHRASE }),
  'vault.open': staffSecretOf,
  'admin.unlock': staffSecretOf,
  'admin.lock': () => ({}),
  'admin.status': () => ({}),
  'admin.listStaff': () => ({}),
  'admin.addStaff': (model, n) => {
    const passphrase = unusedPassphrase(model, n);
    return { name: `Staff ${fakeClientName(n).slice(12)}`, passphrase, confirm: passphrase };
  },
  'admin.removeStaff': (model, n) => ({
    staffId:
      pick(
        model.staffIds.filter((id) => id !== model.unlockedStaffId),
        n,
      ) ?? UUID,
  }),
  'admin.changePassphrase': (model, n) => {
    const passphrase = unusedPassphrase(model, n);
    const current = model.secrets.get(model.unlockedStaffId ?? '') ?? PASSPHRASE;
    return { current, passphrase, confirm: passphrase };
  },
  'admin.auditLog': (_model, n) => auditFilterOf(n),
  'admin.exportAuditLog': (_model, n) => auditFilterOf(n),
  'submissions.list': (_model, n) =>
    n % 3 === 0 ? {} : n % 3 === 1 ? { query: 'Fuzz' } : { from: today(), to: today() },
  'submissions.get': (model, n) => ({ submissionId: pick(model.submissionIds, n) ?? UUID }),
  'submissions.progress': (model, n) => ({ submissionId: pick(model.submissionIds, n) ?? UUID }),
  'submissions.printCopy': (model, n) => ({ submissionId: pick(model.submissionIds, n) ?? UUID }),
  'push.run': () => ({ limit: 1 }),
  'push.status': () => ({}),
  'push.key': () => ({}),
  'export.run': (model, n) => {
    // A record or two, so that an export (a PDF each) stays quick however many there are.
    const ids = [pick(model.submissionIds, n), pick(model.submissionIds, n >> 3)].filter(
      (id): id is string => id !== undefined,
    );
    const formats: ExportFormat[] = ['csv', 'pdf', 'fhir'];
    return {
      format: pick(formats, n) ?? 'csv',
      submissionIds: ids.length > 0 ? [...new Set(ids)] : [UUID],
      ...(n % 4 === 0 ? { encrypted: true } : {}),
      ...(n % 6 === 1 ? { onlyNew: true } : {}),
    };
  },
  'frontdesk.access': () => ({}),
  // Sometimes a wrong PIN, so failures, delays and the lockout happen too.
  'frontdesk.unlock': (model, n) => ({ pin: n % 6 === 0 ? '000000' : (model.pin ?? '246810') }),
  'frontdesk.lock': () => ({}),
  'frontdesk.health': () => ({}),
  'frontdesk.alerts': () => ({}),
  'frontdesk.acknowledgeAlert': (model, n) => ({ alertId: pick(model.alertIds, n) ?? UUID }),
  'frontdesk.pause': () => ({}),
  'frontdesk.resume': () => ({}),
  'frontdesk.exit': () => ({}),
  'admin.setPin': (_model, n) => {
    const pin = pick(PINS, n) ?? '246810';
    return { pin, confirm: pin };
  },
  'admin.enablePin': () => ({}),
  'admin.settings': () => ({}),
  'admin.updateSettings': (_model, n) => ({ retentionDays: n % 3 === 0 ? null : 1 + (n % 36_500) }),
  'admin.purge': () => ({}),
  'session.start': (model, n) => {
    const packId = pick(model.packs, n >> 2)?.id;
    return {
      locale: pick(LOCALES, n) ?? 'en',
      ...(n % 3 === 0 || packId === undefined ? {} : { packId }),
    };
  },
  'session.enterStep': (model, n) => {
    const sessionId = sessionIdOf(model, n);
    return { sessionId, stepId: stepOf(model, sessionId, n >> 3)?.id ?? 'no-such-step' };
  },
  'session.answerCheck': (model, n) => {
    const sessionId = sessionIdOf(model, n);
    const step = pick(stepsOfKind(model, sessionId, 'check'), n >> 3);
    return {
      sessionId,
      stepId: step?.id ?? 'no-such-step',
      optionId: pick(step?.options ?? [], n >> 5)?.id ?? 'a',
    };
  },
  'session.acknowledge': (model, n) => {
    const sessionId = sessionIdOf(model, n);
    const step = pick(stepsOfKind(model, sessionId, 'acknowledge'), n >> 3);
    const statements = step?.statements ?? [];
    return {
      sessionId,
      stepId: step?.id ?? 'no-such-step',
      statementIds: statements.slice(0, 1 + (n % (statements.length + 1))).map((s) => s.id),
    };
  },
  'session.answerQuestionnaire': (model, n) => {
    const sessionId = sessionIdOf(model, n);
    const step = pick(stepsOfKind(model, sessionId, 'questionnaire'), n >> 3);
    return {
      sessionId,
      stepId: step?.id ?? 'no-such-step',
      answers: step ? demoAnswers(step, n, (n % 11) / 10) : {},
    };
  },
  'session.videoProgress': (model, n) => {
    const sessionId = sessionIdOf(model, n);
    return {
      sessionId,
      stepId: stepOf(model, sessionId, n >> 3)?.id ?? 'no-such-step',
      played: [[0, n % 30]],
      durationSeconds: n % 2 === 0 ? null : 30,
      ended: n % 4 === 0,
    };
  },
  'session.setIdentity': (model, n) => ({
    sessionId: sessionIdOf(model, n),
    fullName: fakeClientName(n),
    dateOfBirth: birthDateOf(n),
  }),
  'session.setSignature': (model, n) => {
    const fullName = fakeClientName(n);
    return n % 3 === 0
      ? {
          sessionId: sessionIdOf(model, n),
          method: 'typed',
          imageDataUrl: '',
          inkLength: 0,
          typedName: fullName,
          intentConfirmed: true,
          disclosureAccepted: true,
        }
      : {
          sessionId: sessionIdOf(model, n),
          imageDataUrl: PNG,
          inkLength: LIMITS.signatureMinInk + (n % 1000),
          typedName: fullName,
          disclosureAccepted: true,
        };
  },
  'session.setLocale': (model, n) => ({
    sessionId: sessionIdOf(model, n),
    locale: pick(LOCALES, n >> 2) ?? 'en',
  }),
  'session.submit': (model, n) => ({ sessionId: sessionIdOf(model, n) }),
  // Seldom the live visit: discarding it (as starting another does) ends the walk towards a submit.
  'session.discard': (model, n) => ({
    sessionId: n % 4 === 0 ? sessionIdOf(model, n) : (pick(model.submittedSessions, n) ?? UUID),
  }),
  'session.printCopy': (model, n) => ({ sessionId: sessionIdOf(model, n) }),
};

/**
 * A client's whole visit to `pack`, as the calls a careful client makes: each step entered,
 * then answered (a check sometimes wrongly first; a questionnaire at a level that may raise an
 * alert), and the submit last.
 */
export function visitPlan(pack: Pack, sessionId: string, n: number): Planned[] {
  const fullName = fakeClientName(n);
  const answer: StepVisitor<PackStep, Planned[]> = {
    page: () => [],
    video: (step) => [
      {
        channel: 'session.videoProgress',
        input: { sessionId, stepId: step.id, played: [], durationSeconds: null, ended: false },
      },
    ],
    check: (step) => {
      const wrong = step.options.find((option) => option.id !== step.correctOptionId);
      return [
        ...(n % 3 === 0 && wrong
          ? [
              {
                channel: 'session.answerCheck' as const,
                input: { sessionId, stepId: step.id, optionId: wrong.id },
              },
            ]
          : []),
        {
          channel: 'session.answerCheck',
          input: { sessionId, stepId: step.id, optionId: step.correctOptionId },
        },
      ];
    },
    acknowledge: (step) => [
      {
        channel: 'session.acknowledge',
        input: { sessionId, stepId: step.id, statementIds: step.statements.map((s) => s.id) },
      },
    ],
    questionnaire: (step) => [
      {
        channel: 'session.answerQuestionnaire',
        input: { sessionId, stepId: step.id, answers: demoAnswers(step, n, (n % 5) / 4) },
      },
    ],
    identity: () => [
      {
        channel: 'session.setIdentity',
        input: { sessionId, fullName, dateOfBirth: birthDateOf(n) },
      },
    ],
    signature: () => [
      {
        channel: 'session.setSignature',
        input: {
          sessionId,
          imageDataUrl: PNG,
          inkLength: 500,
          typedName: fullName,
          disclosureAccepted: true,
        },
      },
    ],
    review: () => [],
  };
  return [
    ...pack.steps.flatMap((step) => [
      { channel: 'session.enterStep' as const, input: { sessionId, stepId: step.id } },
      ...visitStep(step, answer),
    ]),
    { channel: 'session.submit', input: { sessionId } },
  ];
}

// ---------------------------------------------------------------------------------------
// Mutations and garbage
// ---------------------------------------------------------------------------------------

const MUTATION_KINDS = [
  'wrongType',
  'dropKey',
  'extraKey',
  'pollutingKey',
  'hugeString',
  'oddText',
  'deep',
  'limitNumber',
  'limitDate',
  'wholeInput',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  at: number;
  value: unknown;
  text: string;
  number: number;
  date: string;
  hugeLength: number;
  depth: number;
  pollutingKey: string;
  whole: unknown;
  extraKey: string;
}

const ODD_TEXTS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  'a\u200Bb',
  '\uFEFF',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  'İıßﬁ',
  '\u0085\u2028\u2029',
  '\r\n\t',
  '%s%n%x',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE submissions; --",
  '../../../../etc/passwd',
  'Ω'.repeat(300),
  'a'.repeat(LIMITS.nameMaxLength + 1),
  'a'.repeat(LIMITS.passphraseMaxLength + 1),
];

/** Numbers at and past the contract's limits, and the ones JSON cannot even say. */
const LIMIT_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  LIMITS.signatureMinInk - 1,
  86_400,
  86_400.000_1,
  36_500,
  36_501,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** Days at and past the contract's limits (RANGE_YEARS, the oldest age) and days that are not. */
function limitDates(): string[] {
  const year = new Date().getUTCFullYear();
  return [
    `${String(RANGE_YEARS.first - 1)}-12-31`,
    `${String(RANGE_YEARS.first)}-01-01`,
    `${String(RANGE_YEARS.last)}-12-31`,
    `${String(RANGE_YEARS.last + 1)}-01-01`,
    '0000-01-01',
    '0050-06-15',
    '9999-12-31',
    '2024-02-29',
    '2023-02-29',
    '2024-02-30',
    '2024-13-01',
    '2024-00-10',
    '2024-1-5',
    '24-01-05',
    '+02024-01-05',
    '2024-01-05T00:00:00Z',
    today(),
    `${String(year + 1)}-01-01`,
    `${String(year - LIMITS.oldestAgeYears)}-01-01`,
    `${String(year - LIMITS.oldestAgeYears - 1)}-12-31`,
    '١٩٩٠-٠١-٠١',
  ];
}

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  at: fc.nat(),
  value: fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withNullPrototype: true }),
  text: fc.oneof(
    fc.constantFrom(...ODD_TEXTS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  ),
  number: fc.oneof(fc.constantFrom(...LIMIT_NUMBERS), fc.double(), fc.integer()),
  date: fc.constantFrom(...limitDates()),
  hugeLength: fc.constantFrom(2_001, 65_537, LIMITS.signatureMaxChars + 1, 1_000_000),
  depth: fc.integer({ min: 50, max: 5_000 }),
  pollutingKey: fc.constantFrom('__proto__', 'constructor', 'prototype'),
  whole: fc.constantFrom<unknown>(null, undefined, [], [{}], 'text', 0, true, Symbol('x')),
  extraKey: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('toString', 'valueOf', '')),
});

/** Transport inputs that were never meant for any channel, structured-clone types included. */
export const garbageArbitrary: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Names that are not channels: near misses, object built-ins, and strings at random. */
export const unknownChannelArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'session',
    'session.',
    '.start',
    'SESSION.START',
    'session.start ',
    ' app.info',
    'app.info\u0000',
    'admin.unlock.now',
    'vault.create()',
    'session.__proto__',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place in `value` a mutation can touch: [container, key] pairs, the top level first. */
function placesOf(value: unknown, depth = 0): [Json | unknown[], string | number][] {
  if (depth > 3) {
    return [];
  }
  const places: [Json | unknown[], string | number][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      places.push([value, index], ...placesOf(item, depth + 1));
    });
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      places.push([value, key], ...placesOf(item, depth + 1));
    }
  }
  return places;
}

function setAt(container: Json | unknown[], key: string | number, value: unknown): void {
  // defineProperty, as JSON.parse does: a key `__proto__` becomes an own property, not a prototype.
  Object.defineProperty(container, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function deepValue(depth: number, arrays: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) {
    value = arrays ? [value] : { a: value };
  }
  return value;
}

/** `input` (a fresh valid input) changed as `mutation` says. */
export function mutate(input: unknown, mutation: Mutation): unknown {
  if (mutation.kind === 'wholeInput') {
    return mutation.whole;
  }
  const root: Json = isRecord(input) ? input : { value: input };
  const places = placesOf(root);
  const place = places[mutation.at % Math.max(1, places.length)];
  const [container, key] = place ?? [root, mutation.extraKey];
  switch (mutation.kind) {
    case 'wrongType':
      setAt(container, key, mutation.value);
      break;
    case 'dropKey':
      if (Array.isArray(container) && typeof key === 'number') {
        container.splice(key, 1);
      } else {
        Reflect.deleteProperty(container, key);
      }
      break;
    case 'extraKey':
      setAt(isRecord(container) ? container : root, mutation.extraKey, mutation.value);
      break;
    case 'pollutingKey':
      setAt(isRecord(container) ? container : root, mutation.pollutingKey, {
        polluted: true,
        isAdmin: true,
      });
      break;
    case 'hugeString': {
      const unit = mutation.text || 'x';
      const text = unit.repeat(Math.ceil(mutation.hugeLength / unit.length));
      setAt(container, key, text.slice(0, mutation.hugeLength));
      break;
    }
    case 'oddText':
      setAt(container, key, mutation.text);
      break;
    case 'deep':
      setAt(container, key, deepValue(mutation.depth, mutation.at % 2 === 0));
      break;
    case 'limitNumber':
      setAt(container, key, mutation.number);
      break;
    case 'limitDate': {
      // A date field if the input has one, else wherever the draw landed.
      const dated = places.find(
        ([, name]) => name === 'from' || name === 'to' || name === 'dateOfBirth',
      );
      const [target, name] = dated ?? [container, key];
      setAt(target, name, mutation.date);
      break;
    }
  }
  return root;
}
