/**
 * Everything the staff area holds while it is open: who unlocked it, the kiosk's health, its
 * open alerts, the list of submissions, an open record and its client's progress across visits, the
 * last export, the staff list and the settings.
 *
 * In memory only. `reset()` assigns `freshState()` back, which must name every field but the two
 * counters of calls (it does not compile otherwise), so client names and documents are gone the
 * moment the area locks; every answer from main is dropped if the area was reset while it was on
 * its way, so a late reply cannot bring a name back. An answer that says the unlock has ended
 * (`STAFF_LOCKED`, `FRONT_DESK_LOCKED`) ends the staff area at once.
 */
import type {
  ClientProgress,
  ExportResult,
  FrontDeskAccess,
  KioskAlert,
  KioskError,
  KioskHealth,
  KioskSettings,
  RecordDocument,
  Result,
  StaffMember,
  StaffRole,
  AdminStatus,
  SubmissionSummary,
} from '../../src-main/contract';
import { api } from './api';
import { CallGuard } from './guarded-call';
import type { StoreFields } from './store-fields';

export type StaffView = 'entry' | 'pin' | 'admin-unlock' | 'front-desk' | 'console';
export type ConsoleTab = 'submissions' | 'export' | 'front-desk' | 'settings' | 'staff' | 'audit';
export interface SubmissionFilter {
  query: string;
  /** `YYYY-MM-DD`, or '' for no bound. */
  from: string;
  to: string;
}

/** Five minutes, until `admin.status` says otherwise. */
const DEFAULT_IDLE_LOCK_MS = 300_000;
const LOCKED_CODES = new Set<KioskError['code']>(['STAFF_LOCKED', 'FRONT_DESK_LOCKED']);

/** The optional date bounds of a filter, as a channel input wants them (absent when empty). */
export function dateBounds(range: { from: string; to: string }): { from?: string; to?: string } {
  return { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
}

/** Counters of calls to main, not of what the area knows: a reset leaves them running. */
type CallCounters = 'pending' | 'answers';

/** What the staff area knows before anyone signs in: nothing. */
function freshState() {
  return {
    view: 'entry',
    tab: 'submissions',
    role: null,
    who: null,
    idleLockMs: DEFAULT_IDLE_LOCK_MS,
    frontDesk: null,
    health: null,
    alerts: null,
    filter: { query: '', from: '', to: '' },
    submissions: null,
    listError: null,
    selected: [],
    record: null,
    progress: null,
    progressError: null,
    exportResult: null,
    staff: null,
    settings: null,
  } satisfies Pick<StaffArea, Exclude<StoreFields<StaffArea>, CallCounters>>;
}

class StaffArea {
  view = $state<StaffView>('entry');
  tab = $state<ConsoleTab>('submissions');
  role = $state<StaffRole | null>(null);
  who = $state.raw<AdminStatus['unlocked'] | null>(null);
  idleLockMs = $state(DEFAULT_IDLE_LOCK_MS);
  frontDesk = $state.raw<FrontDeskAccess | null>(null);
  health = $state.raw<KioskHealth | null>(null);
  /** Open safety and front-desk alerts, oldest first: no client data, only rule, kind, time. */
  alerts = $state.raw<KioskAlert[] | null>(null);

  filter = $state<SubmissionFilter>({ query: '', from: '', to: '' });
  submissions = $state.raw<SubmissionSummary[] | null>(null);
  listError = $state.raw<KioskError | null>(null);
  selected = $state<string[]>([]);
  record = $state.raw<RecordDocument | null>(null);
  /** The open record's client across visits; loaded with the record, cleared with it. */
  progress = $state.raw<ClientProgress | null>(null);
  progressError = $state.raw<KioskError | null>(null);
  exportResult = $state.raw<ExportResult | null>(null);
  staff = $state.raw<StaffMember[] | null>(null);
  settings = $state.raw<KioskSettings | null>(null);

  /** Calls to main still on their way: waiting for main is not idling. */
  pending = $state(0);
  /** Counts answers from main; each one starts the quiet spell again, as staff input does. */
  answers = $state(0);

  readonly #guard = new CallGuard();
  #onEnd: () => void = () => undefined;

  /** Wipes everything the staff area knows, names and documents first of all. */
  reset(): void {
    this.#guard.invalidate();
    Object.assign(this, freshState());
  }

  /** Opens the entry screen; `onEnd` runs whenever the area locks, by request or otherwise. */
  async open(onEnd: () => void): Promise<void> {
    this.reset();
    this.#onEnd = onEnd;
    const [status, state] = await Promise.all([
      this.call(() => api.admin.status()),
      this.call(() => api.frontdesk.access()),
    ]);
    if (status?.ok) {
      this.idleLockMs = status.value.idleLockMs;
    }
    if (state?.ok) {
      this.frontDesk = state.value;
    }
  }

  /**
   * Calls main; null when the answer no longer matters (the area was reset meanwhile) or ended
   * the area (the unlock is gone). Everything else is the caller's to show.
   */
  async call<T>(invoke: () => Promise<Result<T>>): Promise<Result<T> | null> {
    this.pending += 1;
    let result: Result<T> | null;
    try {
      result = await this.#guard.call(invoke);
    } finally {
      this.pending -= 1;
    }
    if (result === null) {
      return null;
    }
    this.answers += 1;
    if (!result.ok && LOCKED_CODES.has(result.error.code)) {
      this.#end();
      return null;
    }
    return result;
  }

  /** A PIN or a passphrase was accepted. */
  unlocked(role: StaffRole, who: AdminStatus['unlocked'] | null): void {
    this.role = role;
    this.who = who;
    this.view = role === 'admin' ? 'console' : 'front-desk';
    this.tab = 'submissions';
  }

  /** Locks on request or after idling: wipes memory first, then tells main. */
  async lock(): Promise<void> {
    const role = this.role;
    this.#end();
    if (role === 'front-desk') {
      await api.frontdesk.lock();
    } else {
      await api.admin.lock();
    }
  }

  async refreshFrontDesk(): Promise<void> {
    const result = await this.call(() => api.frontdesk.access());
    if (result?.ok) {
      this.frontDesk = result.value;
    }
  }

  async loadHealth(): Promise<KioskError | null> {
    const result = await this.call(() => api.frontdesk.health());
    if (result?.ok) {
      this.health = result.value;
    }
    return result && !result.ok ? result.error : null;
  }

  async loadAlerts(): Promise<KioskError | null> {
    const result = await this.call(() => api.frontdesk.alerts());
    if (result?.ok) {
      this.alerts = result.value;
    }
    return result && !result.ok ? result.error : null;
  }

  /** Acknowledges one alert, then reloads the list (another desk may have acknowledged more). */
  async acknowledgeAlert(alertId: string): Promise<KioskError | null> {
    const result = await this.call(() => api.frontdesk.acknowledgeAlert({ alertId }));
    if (!result) {
      return null;
    }
    if (!result.ok) {
      return result.error;
    }
    const failure = await this.loadAlerts();
    if (this.health) {
      await this.loadHealth();
    }
    return failure;
  }

  async loadSubmissions(): Promise<void> {
    const { query, from, to } = this.filter;
    const trimmed = query.trim();
    const result = await this.call(() =>
      api.submissions.list({
        ...(trimmed ? { query: trimmed } : {}),
        ...dateBounds({ from, to }),
      }),
    );
    if (!result) {
      return;
    }
    // A slower answer to an older filter must not replace the answer to the current one.
    if (query !== this.filter.query || from !== this.filter.from || to !== this.filter.to) {
      return;
    }
    if (result.ok) {
      this.submissions = result.value;
      this.listError = null;
    } else {
      this.listError = result.error;
    }
  }

  toggleSelected(submissionId: string, selected: boolean): void {
    const others = this.selected.filter((id) => id !== submissionId);
    this.selected = selected ? [...others, submissionId] : others;
  }

  /** Selects (or unselects) every row now shown, leaving other selections as they are. */
  selectShown(selected: boolean): void {
    const shown = new Set((this.submissions ?? []).map((row) => row.submissionId));
    const others = this.selected.filter((id) => !shown.has(id));
    this.selected = selected ? [...others, ...shown] : others;
  }

  async openRecord(submissionId: string): Promise<KioskError | null> {
    const result = await this.call(() => api.submissions.get({ submissionId }));
    if (result?.ok) {
      this.record = result.value;
      this.progress = null;
      this.progressError = null;
      await this.loadProgress(submissionId);
    }
    return result && !result.ok ? result.error : null;
  }

  /** Reprints the client's copy of a record (audited in main); null once the printer has it. */
  async printCopy(submissionId: string): Promise<KioskError | null> {
    const result = await this.call(() => api.submissions.printCopy({ submissionId }));
    return result && !result.ok ? result.error : null;
  }

  /** The open record's progress; a failure here is the section's to show, not the record's. */
  async loadProgress(submissionId: string): Promise<void> {
    const result = await this.call(() => api.submissions.progress({ submissionId }));
    // The record may have been closed or another opened while this was on its way.
    if (!result || this.record?.submissionId !== submissionId) {
      return;
    }
    if (result.ok) {
      this.progress = result.value;
    } else {
      this.progressError = result.error;
    }
  }

  closeRecord(): void {
    this.record = null;
    this.progress = null;
    this.progressError = null;
  }

  #end(): void {
    const onEnd = this.#onEnd;
    this.reset();
    this.#onEnd = () => undefined;
    onEnd();
  }
}

export const staffArea = new StaffArea();
