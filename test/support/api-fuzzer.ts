/**
 * The API fuzzer: seeded calls over every channel of the contract, through `dispatch` as a
 * transport makes them, against a real kiosk (a vault in a temporary folder, cheap scrypt, short
 * PIN delays). The calls mix valid ones that get deep (a client's whole visit to a submit, staff
 * unlocked, the PIN set, the kiosk paused), mutations of valid ones, garbage, and unknown channel
 * names, in every state of the kiosk: no vault yet, locked after a restart, open for clients,
 * staff unlocked, paused.
 *
 * Every call must: resolve (never throw or reject), answer `ok` or an error whose code is in
 * `ERROR_CODES` and is not `INTERNAL`, with a message of at most `MAX_MESSAGE_BYTES`; and a
 * rejected call must change nothing in the database but what a failure documents
 * (rejected-call-changes.ts).
 *
 * The draws are fast-check's (`fc.sample` with the seed), so a seed replays the same calls:
 * `KIOSK_FUZZ_SEED=<seed>`. What a draw turns into depends on the kiosk's answers so far (which
 * session, which record), and PIN delays follow the clock, so a replay is the same calls on the
 * same kind of state, not byte for byte the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  CHANNEL_NAMES,
  ERROR_CODES,
  FIELD_ERRORS,
  type ChannelName,
  type KioskError,
} from '../../src-main/contract';
import { kioskPaused } from '../../src-main/staff/kiosk-settings';
import { vaultExists } from '../../src-main/vault';
import { openRawDatabase, type SqliteDatabase } from '../../src-main/vault/db/open-database';
import { databaseKeyOf } from '../../src-main/vault/vault-test-fixtures';
import {
  garbageArbitrary,
  mutate,
  mutationArbitrary,
  unknownChannelArbitrary,
  VALID_INPUTS,
  visitPlan,
  type FuzzModel,
  type LiveSession,
  type Mutation,
  type Planned,
} from './api-fuzz-inputs';
import { DatabaseWatch, type DbFingerprint, type RowChange } from './db-fingerprint';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from './kiosk-fixture';
import { failureMayChange } from './rejected-call-changes';

/** The longest error message a call may answer with, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 2048;

/** The states of the kiosk a call can meet. */
export const KIOSK_STATES = ['no vault', 'locked', 'open', 'staff unlocked', 'paused'] as const;
export type KioskState = (typeof KIOSK_STATES)[number];

const MODES = ['client', 'staff', 'valid', 'mutated', 'garbage', 'unknown channel'] as const;
type Mode = (typeof MODES)[number];

/** How a draw is used, out of 100: deep walks, valid calls anywhere, mutations, garbage. */
const MODE_WEIGHTS: Record<Mode, number> = {
  client: 28,
  staff: 14,
  valid: 14,
  mutated: 30,
  garbage: 9,
  'unknown channel': 5,
};

/** The kiosk restarts (then locked: the test kiosk has no keychain) every this many calls. */
const RESTART_EVERY = 400;

/** Calls the kiosk stays locked after a restart before the fuzzer opens it. */
const LOCKED_CALLS = 20;

/** The channels an unlocked staff member uses, for the staff walk. */
const STAFF_CHANNELS = CHANNEL_NAMES.filter(
  (name) =>
    !name.startsWith('session.') &&
    !name.startsWith('vault.') &&
    name !== 'admin.unlock' &&
    name !== 'frontdesk.unlock',
);

/** One call to make; `session` when it is the next of a client's visit. */
interface PlannedCall {
  channel: string;
  input: unknown;
  known: boolean;
  session?: LiveSession;
}

interface Draw {
  mode: Mode;
  n: number;
  mutation: Mutation;
  garbage: unknown;
  unknownName: string;
}

const drawArbitrary: fc.Arbitrary<Draw> = fc.record({
  mode: fc.oneof(
    ...MODES.map((mode) => ({ arbitrary: fc.constant(mode), weight: MODE_WEIGHTS[mode] })),
  ),
  n: fc.nat(),
  mutation: mutationArbitrary,
  garbage: garbageArbitrary,
  unknownName: unknownChannelArbitrary,
});

export interface FuzzFailure {
  seed: number;
  index: number;
  channel: string;
  input: string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  calls: number;
  /** Calls per channel (unknown names not included). */
  perChannel: Record<ChannelName, number>;
  acceptedPerChannel: Record<ChannelName, number>;
  unknownChannelCalls: number;
  accepted: number;
  rejectedByCode: Record<string, number>;
  internal: number;
  /** Rejected calls after which the database held a change no failure documents. */
  dbChangesOnRejected: number;
  /** Rejected calls that wrote what a failure documents (an `unlock_failed` entry, a PIN count). */
  failureRecords: number;
  maxMessageBytes: number;
  perState: Record<KioskState, number>;
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  calls: number;
  seed: number;
}

/** The seed of this run: `KIOSK_FUZZ_SEED` to replay one, else a new one each run. */
export function fuzzSeed(): number {
  const given = process.env.KIOSK_FUZZ_SEED;
  return given === undefined || given === ''
    ? Math.floor(Math.random() * 2 ** 31)
    : Number.parseInt(given, 10);
}

/** The input, short enough for a failure message, whatever it holds (bigints, cycles, depth). */
export function describeInput(input: unknown, budget = 600): string {
  const seen = new WeakSet<object>();
  let text: string;
  try {
    // The replacer names a symbol, a function or undefined, so even those at the top print.
    text = JSON.stringify(input, (_key, value: unknown) => {
      if (typeof value === 'bigint') {
        return `${value.toString()}n`;
      }
      if (typeof value === 'symbol' || typeof value === 'function' || value === undefined) {
        return String(value);
      }
      if (typeof value === 'number' && !Number.isFinite(value)) {
        return String(value);
      }
      if (typeof value === 'string' && value.length > 80) {
        return `${value.slice(0, 40)}…(${String(value.length)} chars)`;
      }
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) {
          return '[seen]';
        }
        seen.add(value);
        if (value instanceof Map || value instanceof Set) {
          return { [value.constructor.name]: [...value] };
        }
      }
      return value;
    });
  } catch (error) {
    text = `(not printable: ${String(error)})`;
  }
  return text.length > budget ? `${text.slice(0, budget)}…` : text;
}

function countsOf(): Record<ChannelName, number> {
  return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, 0])) as Record<ChannelName, number>;
}

function emptyModel(kiosk: TestKiosk): FuzzModel {
  return {
    recoveryKey: undefined,
    secrets: new Map(),
    passphrases: [PASSPHRASE],
    unlockedStaffId: undefined,
    sessions: [],
    submittedSessions: [],
    submissionIds: [],
    alertIds: [],
    staffIds: [],
    pin: undefined,
    packs: kiosk.app.programmes.packs,
  };
}

function addOnce(list: string[], id: string): void {
  if (!list.includes(id)) {
    list.push(id);
  }
}

/** What an answer teaches the model: new sessions, records, alerts, staff, who is unlocked. */
function learn(model: FuzzModel, call: Planned, value: unknown): void {
  const input = call.input as Record<string, unknown>;
  switch (call.channel) {
    case 'vault.create':
      model.recoveryKey = (value as { recoveryKey: string }).recoveryKey;
      break;
    case 'admin.unlock': {
      const unlocked = (value as { unlocked?: { staffId: string } }).unlocked;
      model.unlockedStaffId = unlocked?.staffId || undefined;
      if (unlocked?.staffId && typeof input.passphrase === 'string') {
        model.secrets.set(unlocked.staffId, input.passphrase);
        addOnce(model.staffIds, unlocked.staffId);
      }
      break;
    }
    case 'admin.addStaff': {
      const added = value as { staffId: string };
      model.secrets.set(added.staffId, String(input.passphrase));
      addOnce(model.staffIds, added.staffId);
      addOnce(model.passphrases, String(input.passphrase));
      break;
    }
    case 'admin.listStaff':
      model.staffIds = (value as { staffId: string }[]).map((member) => member.staffId);
      break;
    case 'admin.removeStaff': {
      const removed = String(input.staffId);
      const passphrase = model.secrets.get(removed);
      model.staffIds = model.staffIds.filter((id) => id !== removed);
      model.passphrases = model.passphrases.filter((known) => known !== passphrase);
      model.secrets.delete(removed);
      break;
    }
    case 'admin.changePassphrase': {
      const staffId = model.unlockedStaffId ?? '';
      const before = model.secrets.get(staffId);
      model.passphrases = model.passphrases.filter((known) => known !== before);
      addOnce(model.passphrases, String(input.passphrase));
      model.secrets.set(staffId, String(input.passphrase));
      break;
    }
    case 'admin.setPin':
      model.pin = String(input.pin);
      break;
    case 'frontdesk.alerts':
      model.alertIds = (value as { alertId: string }[]).map((alert) => alert.alertId);
      break;
    case 'submissions.list':
      for (const row of value as { submissionId: string }[]) {
        addOnce(model.submissionIds, row.submissionId);
      }
      break;
    case 'session.start': {
      const sessionId = (value as { sessionId: string }).sessionId;
      const packId = (value as { pack: { id: string } }).pack.id;
      const pack = model.packs.find((candidate) => candidate.id === packId);
      if (pack) {
        // A kiosk serves one client at a time: a new session ends any other (session-registry.ts).
        const n = model.submittedSessions.length;
        model.sessions = [];
        model.sessions.push({
          id: sessionId,
          pack,
          plan: visitPlan(pack, sessionId, n),
          next: 0,
          stuck: 0,
        });
      }
      break;
    }
    case 'session.submit': {
      const sessionId = String(input.sessionId);
      model.sessions = model.sessions.filter((session) => session.id !== sessionId);
      model.submittedSessions.push(sessionId);
      model.submissionIds.push((value as { submissionId: string }).submissionId);
      break;
    }
    case 'session.discard':
      model.sessions = model.sessions.filter((session) => session.id !== input.sessionId);
      break;
    default:
      break;
  }
}

/** What a refusal teaches the model: a session gone, staff locked. */
function learnFromError(model: FuzzModel, call: Planned, error: KioskError): void {
  const input = call.input as Record<string, unknown> | null | undefined;
  if (error.code === 'SESSION_NOT_FOUND' && typeof input?.sessionId === 'string') {
    model.sessions = model.sessions.filter((session) => session.id !== input.sessionId);
  }
}

/** Runs the fuzzer and reports; the caller asserts (api-fuzz.test.ts, api-fuzz.soak.test.ts). */
export async function runApiFuzz({ calls, seed }: FuzzOptions): Promise<FuzzReport> {
  const exportDir = mkdtempSync(join(tmpdir(), 'kiosk-fuzz-export-'));
  const kiosk = openTestKiosk({
    // A few milliseconds between wrong PINs, so the delays and the lockout come within the run.
    pinDelayBaseMs: 1,
    // No staff unlock ends by itself mid-run: an idle lock is audited, on whatever call meets it.
    staffIdleMs: 24 * 60 * 60 * 1000,
    chooseExportFolder: () => Promise.resolve(exportDir),
  });
  const model = emptyModel(kiosk);
  const report: FuzzReport = {
    seed,
    calls: 0,
    perChannel: countsOf(),
    acceptedPerChannel: countsOf(),
    unknownChannelCalls: 0,
    accepted: 0,
    rejectedByCode: {},
    internal: 0,
    dbChangesOnRejected: 0,
    failureRecords: 0,
    maxMessageBytes: 0,
    perState: Object.fromEntries(KIOSK_STATES.map((state) => [state, 0])) as Record<
      KioskState,
      number
    >,
    failures: [],
  };
  /** Who holds the staff area, as the answers so far tell. */
  let staffRole: 'admin' | 'front-desk' | null = null;
  const unhandled: unknown[] = [];
  const onUnhandled = (error: unknown): void => {
    unhandled.push(error);
  };
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);

  let raw: SqliteDatabase | undefined;
  let watch: DatabaseWatch | undefined;
  let last: DbFingerprint | undefined;
  /** Calls made before the vault is created: the no-vault state gets its share. */
  const noVaultCalls = Math.max(30, Math.floor(calls * 0.03));
  /** The call count at the last restart: the vault stays locked LOCKED_CALLS calls after it. */
  let restartedAt = 0;
  /** Calls to channels in turn (valid, mutated, garbage). */
  let anywhereCalls = 0;
  /** Valid calls made first once the vault exists, so that staff unlocked and paused come early. */
  const tour: ChannelName[] = [];

  const fail = (
    index: number,
    call: { channel: string; input: unknown },
    problem: string,
  ): void => {
    if (report.failures.length < 25) {
      report.failures.push({
        seed,
        index,
        channel: call.channel,
        input: describeInput(call.input),
        problem,
      });
    }
  };

  const stateNow = (): KioskState => {
    const vault = kiosk.app.gate.vault();
    if (!vault) {
      return vaultExists(kiosk.dataDir) ? 'locked' : 'no vault';
    }
    if (kioskPaused(vault)) {
      return 'paused';
    }
    return staffRole !== null ? 'staff unlocked' : 'open';
  };

  const fingerprintNow = (): DbFingerprint | undefined => {
    if (!watch) {
      return undefined;
    }
    if (!last || watch.version() !== last.version) {
      last = watch.fingerprint();
    }
    return last;
  };

  const draws = fc.sample(drawArbitrary, { seed, numRuns: calls });

  const plannedFor = (draw: Draw): PlannedCall => {
    const state = kiosk.app.gate.state();
    const anywhere = (): ChannelName => {
      // In turn, not at random: every channel gets its share of valid, mutated and garbage calls.
      const channel = CHANNEL_NAMES[anywhereCalls % CHANNEL_NAMES.length] ?? 'app.info';
      anywhereCalls += 1;
      return channel;
    };
    const valid = (channel: ChannelName): Planned => ({
      channel,
      input: VALID_INPUTS[channel](model, draw.n),
    });
    const deep = draw.mode === 'client' || draw.mode === 'staff';
    if (deep && state === 'needs-setup' && report.calls >= noVaultCalls) {
      return { ...valid('vault.create'), known: true };
    }
    if (deep && state === 'needs-unlock' && report.calls - restartedAt >= LOCKED_CALLS) {
      return { ...valid('vault.open'), known: true };
    }
    const toured = deep && state === 'ready' ? tour.shift() : undefined;
    if (toured) {
      return { ...valid(toured), known: true };
    }
    switch (draw.mode) {
      case 'client': {
        const [session] = model.sessions;
        const step = session?.plan[session.next];
        if (!session || !step) {
          return { ...valid('session.start'), known: true };
        }
        if (draw.n % 40 === 1) {
          return { ...valid('session.discard'), input: { sessionId: session.id }, known: true };
        }
        return { ...step, known: true, session };
      }
      case 'staff': {
        if (staffRole === null) {
          return draw.n % 4 === 0 && model.pin !== undefined
            ? { channel: 'frontdesk.unlock', input: { pin: model.pin }, known: true }
            : { ...valid('admin.unlock'), known: true };
        }
        if (stateNow() === 'paused' && draw.n % 3 === 0) {
          return { ...valid('frontdesk.resume'), known: true };
        }
        const channel = STAFF_CHANNELS[draw.n % STAFF_CHANNELS.length] ?? 'admin.status';
        return { ...valid(channel), known: true };
      }
      case 'valid': {
        const channel = anywhere();
        // The no-vault state keeps its calls: no valid vault.create before they are made.
        return channel === 'vault.create' && report.calls < noVaultCalls
          ? { channel, input: mutate(valid(channel).input, draw.mutation), known: true }
          : { ...valid(channel), known: true };
      }
      case 'mutated': {
        const channel = anywhere();
        return {
          channel,
          input: mutate(VALID_INPUTS[channel](model, draw.n), draw.mutation),
          known: true,
        };
      }
      case 'garbage':
        return { channel: anywhere(), input: draw.garbage, known: true };
      case 'unknown channel':
        return {
          channel: draw.unknownName,
          input: draw.garbage,
          known: Object.hasOwn(VALID_INPUTS, draw.unknownName),
        };
    }
  };

  try {
    for (const [index, draw] of draws.entries()) {
      if (index > 0 && index % RESTART_EVERY === 0) {
        // A restart: the sessions and any staff unlock end, and the vault waits for a secret.
        kiosk.restart();
        restartedAt = report.calls;
        model.sessions = [];
        staffRole = null;
      }
      const call = plannedFor(draw);
      const state = stateNow();
      report.perState[state] += 1;
      const before = fingerprintNow();
      const existedBefore = vaultExists(kiosk.dataDir);
      if (call.known) {
        report.perChannel[call.channel as ChannelName] += 1;
      } else {
        report.unknownChannelCalls += 1;
      }
      report.calls += 1;

      let result: Awaited<ReturnType<TestKiosk['app']['dispatch']>>;
      try {
        result = await kiosk.app.dispatch(call.channel, call.input);
      } catch (error) {
        fail(index, call, `dispatch threw: ${String(error)}`);
        continue;
      }
      if (typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
        fail(index, call, `not a Result: ${describeInput(result)}`);
        continue;
      }

      if (result.ok) {
        report.accepted += 1;
        if (call.known) {
          const channel = call.channel as ChannelName;
          report.acceptedPerChannel[channel] += 1;
          const planned = { channel, input: call.input };
          learn(model, planned, result.value);
          staffRole = roleAfter(channel, staffRole, result.value);
          if (channel === 'vault.create') {
            // The vault exists: watch its tables from here on through a connection of our own.
            raw = openRawDatabase(kiosk.dataDir, databaseKeyOf(kiosk.dataDir));
            watch = new DatabaseWatch(raw);
            tour.push('admin.unlock', 'admin.setPin', 'frontdesk.pause');
          }
          advanceSession(model, call.session, true);
        }
        continue;
      }

      const { error } = result;
      // As it came back, not as the types promise: the point is to check it.
      const answered = error as { code: unknown; message: unknown };
      report.rejectedByCode[error.code] = (report.rejectedByCode[error.code] ?? 0) + 1;
      if (!(ERROR_CODES as readonly string[]).includes(error.code)) {
        fail(index, call, `error code "${String(answered.code)}" is not in ERROR_CODES`);
      }
      if (error.code === 'INTERNAL') {
        report.internal += 1;
        fail(index, call, `INTERNAL: ${error.message}`);
      }
      if (!call.known && error.code !== 'UNKNOWN_CHANNEL') {
        fail(index, call, `an unknown channel answered ${error.code}, not UNKNOWN_CHANNEL`);
      }
      const bytes = Buffer.byteLength(String(answered.message), 'utf8');
      report.maxMessageBytes = Math.max(report.maxMessageBytes, bytes);
      if (typeof answered.message !== 'string' || bytes > MAX_MESSAGE_BYTES) {
        fail(
          index,
          call,
          `error message of ${String(bytes)} bytes (at most ${String(MAX_MESSAGE_BYTES)})`,
        );
      }
      for (const [field, reason] of Object.entries(error.fields ?? {})) {
        if (!(FIELD_ERRORS as readonly string[]).includes(reason)) {
          fail(
            index,
            call,
            `field "${field}" has reason "${reason as string}", not in FIELD_ERRORS`,
          );
        }
      }
      if (!existedBefore && vaultExists(kiosk.dataDir)) {
        report.dbChangesOnRejected += 1;
        fail(index, call, 'a rejected call created a vault');
      }
      if (before && watch && watch.version() !== before.version) {
        const changes = watch.changes(before, fingerprintNow() ?? before);
        const undocumented = changes.filter((change) => !failureMayChange(change));
        if (undocumented.length > 0) {
          report.dbChangesOnRejected += 1;
          fail(
            index,
            call,
            `${error.code}, yet the database changed: ${describeChanges(undocumented)}`,
          );
        } else if (changes.length > 0) {
          report.failureRecords += 1;
        }
      }
      if (call.known) {
        const planned = { channel: call.channel as ChannelName, input: call.input };
        learnFromError(model, planned, error);
        staffRole = roleAfterError(error, staffRole);
        advanceSession(model, call.session, false);
      }
    }
  } finally {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    raw?.close();
    kiosk.dispose();
    rmSync(exportDir, { recursive: true, force: true });
  }
  for (const error of unhandled) {
    fail(-1, { channel: '(none)', input: undefined }, `unhandled error: ${String(error)}`);
  }
  return report;
}

function describeChanges(changes: readonly RowChange[]): string {
  return changes
    .slice(0, 5)
    .map(
      (change) =>
        `${change.kind} ${change.table} row ${String(change.rowid)}${change.key ? ` (${change.key})` : ''}: ${describeInput(change.row, 200)}`,
    )
    .join('; ');
}

/** Who holds the staff area after an accepted call. */
function roleAfter(
  channel: ChannelName,
  role: 'admin' | 'front-desk' | null,
  value: unknown,
): 'admin' | 'front-desk' | null {
  switch (channel) {
    case 'admin.unlock':
      return 'admin';
    case 'frontdesk.unlock':
      return 'front-desk';
    case 'admin.lock':
    case 'frontdesk.lock':
    case 'frontdesk.exit':
    case 'session.start':
      return null;
    case 'admin.status':
      return (value as { unlocked?: unknown }).unlocked === undefined
        ? role === 'admin'
          ? null
          : role
        : 'admin';
    case 'frontdesk.access':
      return (value as { unlocked: 'admin' | 'front-desk' | null }).unlocked;
    default:
      return role;
  }
}

function roleAfterError(
  error: KioskError,
  role: 'admin' | 'front-desk' | null,
): 'admin' | 'front-desk' | null {
  if (error.code === 'FRONT_DESK_LOCKED') {
    return null;
  }
  return error.code === 'STAFF_LOCKED' && role === 'admin' ? null : role;
}

/** A session's planned call answered: on to the next; refused a few times: given up. */
function advanceSession(
  model: FuzzModel,
  session: LiveSession | undefined,
  accepted: boolean,
): void {
  if (!session) {
    return;
  }
  if (accepted) {
    session.next += 1;
    session.stuck = 0;
  } else if (++session.stuck >= 3) {
    model.sessions = model.sessions.filter((candidate) => candidate !== session);
  }
}
