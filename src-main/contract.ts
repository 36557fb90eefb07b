/**
 * The one description of the boundary between the renderer and main.
 *
 * Every channel has an input schema (validated in main, whatever the transport), an output
 * type, and may fail only with a code from `ERROR_CODES`. Names and types are derived from
 * the `channels` map below and never retyped elsewhere: the preload, the preview bridge and
 * the renderer's typed client all read them from here.
 */
import { z } from 'zod';

/** The closed set of error codes that can cross the boundary. The UI maps each to words. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'SESSION_NOT_FOUND',
  'UNKNOWN_STEP',
  'STEP_NOT_READY',
  'SESSION_INCOMPLETE',
  'VAULT_UNAVAILABLE',
  'VAULT_EXISTS',
  'WRONG_PASSPHRASE',
  'WRONG_RECOVERY_KEY',
  'STAFF_LOCKED',
  'NOT_ALLOWED',
  'NOT_FOUND',
  'WRONG_PIN',
  'PIN_DISABLED',
  'PIN_NOT_SET',
  'RETRY_LATER',
  'FRONT_DESK_LOCKED',
  'KIOSK_PAUSED',
  'EXPORT_EMPTY',
  'EXPORT_CANCELLED',
  'EXPORT_FAILED',
  /** The client's copy could not be printed (no printer answered, `lp` failed or timed out). */
  'PRINT_FAILED',
  /**
   * The disk is full: the submission was not stored (nothing of it was written). The session
   * stays open, so the same answers can be submitted again once space is freed.
   */
  'STORAGE_FULL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Per-field reasons for `INVALID_INPUT`. Field names: identity `fullName`, `dateOfBirth` (whose
 * `invalid_day`, `invalid_month` and `invalid_year` say which part of the date is wrong);
 * signature `image`, `typedName`, `intent`, `disclosure`; a questionnaire's item ids; staff forms `name`, `passphrase`, `confirm`, `current`,
 * `recoveryKey`.
 */
export const FIELD_ERRORS = [
  'required',
  'too_long',
  'invisible_character',
  'invalid_date',
  'invalid_day',
  'invalid_month',
  'invalid_year',
  'future_date',
  'too_old',
  'not_enough_ink',
  'invalid_image',
  'name_mismatch',
  'too_short',
  'mismatch',
  'too_common',
  'invalid_recovery_key',
  'not_digits',
  'invalid_range',
  'invalid_answer',
  'not_shown',
  'unknown_item',
  'unknown_programme',
] as const;
export type FieldError = (typeof FIELD_ERRORS)[number];

/**
 * Why an `EXPORT_FAILED` export did not happen, finer than the code, so the UI can say what to
 * do in its own words (main's message names folders and is for logs and the CLI).
 */
export const EXPORT_FAILURE_REASONS = [
  'missing_folder',
  'not_a_folder',
  'not_writable',
  'disk_full',
  'exists',
  'record_invalid',
  'record_keeping',
  'io',
] as const;
export type ExportFailureReason = (typeof EXPORT_FAILURE_REASONS)[number];

export interface KioskError {
  code: ErrorCode;
  message: string;
  /** Set on `INVALID_INPUT` when the problem belongs to a named form field. */
  fields?: Record<string, FieldError>;
  /** Set on `SESSION_INCOMPLETE`: the ids of the steps still to be done. */
  missing?: string[];
  /**
   * Set on `WRONG_PIN` and `RETRY_LATER` (a PIN or a staff secret), and on `WRONG_PASSPHRASE` and
   * `WRONG_RECOVERY_KEY`: how long before the next try may be made.
   */
  retryAfterMs?: number;
  /** Set on `WRONG_PIN`: consecutive failures so far, and how many disable PIN entry. */
  failures?: { count: number; limit: number };
  /** Set on `EXPORT_FAILED`: which kind of failure it was. */
  exportFailure?: ExportFailureReason;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

// ---------------------------------------------------------------------------------------
// Shapes the renderer receives
// ---------------------------------------------------------------------------------------

export interface ClinicInfo {
  name: string;
  addressLines: string[];
  hours: string;
  phone?: string;
  email?: string;
  /**
   * The clinic's IANA time zone (`America/New_York`): every date and time people read, and every
   * day range staff give, is in it (src-shared/clinic-time.ts).
   */
  timeZone: string;
}

/**
 * Whether the encrypted vault is open. `needs-setup`: no vault yet (first run, staff create one
 * with an administrator passphrase). `needs-unlock`: a vault exists but this machine cannot open
 * it unattended (no keychain slot, or the keychain changed): staff enter a passphrase.
 */
export type VaultState = 'ready' | 'needs-setup' | 'needs-unlock';

/**
 * One of the clinic's programmes as the attract screen offers it, before any session: its name
 * and summary in every locale the pack has (the renderer shows the client's, else `defaultLocale`).
 */
export interface ProgrammeChoice {
  packId: string;
  defaultLocale: string;
  name: Record<string, string>;
  /** Absent when the pack gives none. */
  summary?: Record<string, string>;
}

/** A pack's identity: which content, which version, and the hash of exactly that text. */
export interface PackIdentity {
  id: string;
  version: string;
  hash: string;
}

/**
 * Why no client session may start: the front desk paused the kiosk, or the data folder's disk
 * has less free space than kiosk.json's `minFreeDiskMegabytes` (README, "When the disk fills").
 */
export type PauseReason = 'front-desk' | 'storage-low';

/** The data folder's disk as the kiosk weighs it for new clients. */
export interface StorageState {
  /** Less than `neededBytes` is free: no new client session starts. */
  low: boolean;
  /** Free bytes on the data folder's disk, or null when they cannot be read (then not low). */
  freeBytes: number | null;
  /** kiosk.json's `minFreeDiskMegabytes`, in bytes. */
  neededBytes: number;
  /** The storage reserve (zeros the vault gives back on a full disk) is on disk now. */
  reserveHeld: boolean;
}

export interface KioskInfo {
  vault: VaultState;
  clinic: ClinicInfo;
  /** In the clinic's order (kiosk.json `programmes`); never empty. */
  programmes: ProgrammeChoice[];
  /** Every locale any programme offers. */
  locales: string[];
  defaultLocale: string;
  /** Milliseconds the thank-you screen stays before the kiosk returns to the welcome screen. */
  thankYouMs: number;
  /** No client session may start: clients see "Please see the front desk". */
  paused: boolean;
  /** Why `paused`; null when not. The front desk's pause wins when both hold. */
  pauseReason: PauseReason | null;
  /** Inactivity before "Are you still there?", and how long that question waits. */
  idle: { warnAfterMs: number; countdownMs: number };
  /** The on-screen keyboard for text fields: `auto` shows it on touch screens. */
  onScreenKeyboard: 'auto' | 'on' | 'off';
  /** A printer is configured (kiosk.json `printer`) and usable: the client may print a copy. */
  printCopy: boolean;
}

export interface ClientPageStep {
  kind: 'page';
  id: string;
  title: string;
  /** Sanitised HTML rendered in main from the pack's Markdown. */
  html: string;
}
/**
 * A video with captions. Every URL is the kiosk's own media origin (`kiosk-media://` in
 * Electron, `/media/` on the preview server), never a file path or a remote address.
 */
export interface ClientVideoStep {
  kind: 'video';
  id: string;
  title: string;
  intro: string;
  video: { src: string; type: string };
  /** WebVTT captions in every locale of the pack, the client's first (on by default). */
  captions: { locale: string; src: string }[];
  /** A picture shown before the video plays. */
  poster?: string;
  /** Next waits until main has seen the client watch it to the end. */
  requireWatched: boolean;
}

/** How much of a video main counts as watched, after a `session.videoProgress` report. */
export interface VideoProgress {
  /** Seconds of the video actually played (each second once, however often replayed). */
  secondsWatched: number;
  watchedToEnd: boolean;
}

export interface ClientCheckStep {
  kind: 'check';
  id: string;
  title: string;
  question: string;
  options: { id: string; label: string }[];
}
export interface ClientAcknowledgeStep {
  kind: 'acknowledge';
  id: string;
  title: string;
  intro: string;
  statements: { id: string; text: string }[];
}
export interface ClientFormStep {
  kind: 'identity' | 'signature' | 'review';
  id: string;
  title: string;
  intro: string;
  /** A signature step: what signing means, in the pack's words, shown above the pad. */
  meaning?: string;
  /**
   * A signature step: main's electronic-signing disclosure (same meaning as on paper, a paper
   * form on request, a copy), which the client accepts before signing.
   */
  disclosure?: string;
  /** A signature step: the statement a client confirms to sign by typing their name instead. */
  typedIntent?: string;
}
/**
 * One answer to a questionnaire item: a choice item's option id, a yes/no item's `true` or
 * `false`, a time item's `HH:MM`, a text item's text.
 */
export type QuestionnaireAnswer = string | boolean;

/**
 * When an item is shown, decided from earlier answers: each condition holds when its item was
 * answered with one of `answers` (or, without `answers`, answered at all). Main works these out
 * from the pack's `enableWhen`, so the renderer never compares scores.
 */
export interface ShowWhen {
  behavior: 'any' | 'all';
  conditions: { itemId: string; answers?: QuestionnaireAnswer[] }[];
}

export interface ClientQuestionnaireItem {
  id: string;
  text: string;
  type: 'choice' | 'boolean' | 'time' | 'text';
  required: boolean;
  /** For `choice`: the answers, in order. */
  options?: { id: string; label: string }[];
  /** For `text`: at most this many characters. */
  maxLength?: number;
  showWhen?: ShowWhen;
}

export interface ClientQuestionnaireStep {
  kind: 'questionnaire';
  id: string;
  title: string;
  intro: string;
  items: ClientQuestionnaireItem[];
  /** The instrument's copyright or permission line, shown with it. */
  copyright?: string;
}

/** After a questionnaire: whether the client should now be asked to tell a staff member. */
/**
 * What `session.setLocale` answers: the pack in the new language, and what main had told the
 * client, which may still be on screen, said again in it.
 */
export interface LocaleSwitch {
  pack: ClientPack;
  /** Each answered check's latest outcome, by step id (a wrong answer's feedback, its page). */
  checks: Record<string, CheckOutcome>;
  /** The support screen of each questionnaire whose answers called for it, by step id. */
  support: Record<string, { title: string; body: string }>;
}

export interface QuestionnaireOutcome {
  complete: true;
  /** Present when a `clinician-now` rule fired: the pack's words for the client. */
  support?: { title: string; body: string };
}

export type ClientStep =
  | ClientPageStep
  | ClientVideoStep
  | ClientCheckStep
  | ClientAcknowledgeStep
  | ClientQuestionnaireStep
  | ClientFormStep;

/** One sentence the kiosk can read aloud: its words as on screen and its recorded clip's URL. */
export interface ReadAloudSentence {
  text: string;
  /** The kiosk's own media origin, as for video (`kiosk-media://`, or `/media/` in preview). */
  src: string;
}

/**
 * A step's texts that can be read aloud, by what they are on screen: `title`, `intro`, `body`
 * (a page), `question` and `options.<id>` (a check), `statements.<id>`, `items.<id>` and
 * `items.<id>.options.<answer-id>`, `support.title` and `support.body`. A text
 * whose audio is missing or out of date with it is absent, never read with other words.
 */
export type ReadAloudTexts = Record<string, ReadAloudSentence[]>;

export interface ClientPack {
  id: string;
  version: string;
  /** SHA-256 (hex) over the pack's canonical content: its version identity. */
  hash: string;
  /** The language of every text here. */
  locale: string;
  /** Every language the pack is written in, in its order: the client may switch to any. */
  locales: string[];
  title: string;
  steps: ClientStep[];
  /** By step id, in this locale: empty when the pack has no read-aloud audio for it. */
  readAloud: Record<string, ReadAloudTexts>;
}

export interface CheckOutcome {
  correct: boolean;
  /** Kind, short corrective text; present when the answer was wrong. */
  feedback?: string;
  /** The page that explains the answer; present when the answer was wrong. */
  refersTo?: { stepId: string; title: string };
  attempts: number;
}

/** An administrator's key slot: a name and a passphrase that opens the clinic's private key. */
export interface StaffMember {
  staffId: string;
  name: string;
  createdAt: string;
}

/** One audit log entry as an administrator reads it. */
export interface AuditLogEntry {
  seq: number;
  at: string;
  /** As stored: `staff:<uuid>`, `kiosk`, `front-desk`, `cli`, `recovery-key`… */
  actor: string;
  /** The staff member's name when the actor is one on the roster now; null otherwise. */
  actorName: string | null;
  action: string;
  /** The entry's details, as the canonical JSON stored. */
  details: string;
}

export interface AuditLogView {
  /** The newest matching entries, newest first, at most `AUDIT_LOG_PAGE`. */
  entries: AuditLogEntry[];
  /** How many entries match (the CSV export has them all). */
  matching: number;
  /** Every action the log can hold, for the filter. */
  actions: string[];
  /** Every actor the log holds, with a name where the roster has one, for the filter. */
  actors: { actor: string; name: string | null }[];
}

export interface AuditLogExport {
  folderName: string;
  fileName: string;
  entries: number;
}

/** The most entries the console shows at once. */
export const AUDIT_LOG_PAGE = 500;

export interface AdminStatus {
  /** Who is unlocked, or absent when the staff area is locked. */
  unlocked?: StaffMember & { via: 'passphrase' | 'recovery-key' };
  /** Milliseconds of inactivity after which an unlock ends by itself. */
  idleLockMs: number;
}

/** One row of the staff list of submissions: shown only while a staff member is unlocked. */
export interface SubmissionSummary {
  submissionId: string;
  submittedAt: string;
  exportedAt: string | null;
  fullName: string;
  dateOfBirth: string;
  locale: string;
  pack: { id: string; version: string; hash: string };
  comprehensionAttempts: number;
}

/** Who holds the staff area: the front desk (PIN) or an administrator (passphrase). */
export type StaffRole = 'front-desk' | 'admin';

export interface FrontDeskAccess {
  pinSet: boolean;
  /** After too many wrong PINs, until an administrator enables PIN entry again. */
  pinDisabled: boolean;
  /** Milliseconds before the next PIN may be tried (0 when it may be tried now). */
  retryAfterMs: number;
  /** The role now unlocked, if any. */
  unlocked: StaffRole | null;
}

/** What the front desk sees: counts and health, never a client's data. */
export interface KioskHealth {
  /** The front desk paused the kiosk (`storage` says whether low storage pauses it too). */
  paused: boolean;
  submissions: { total: number; today: number; notExported: number };
  lastExportAt: string | null;
  freeDiskBytes: number | null;
  storage: StorageState;
  /** `checkedAt`: when `PRAGMA quick_check` last ran (at most every few minutes, health/). */
  vault: { integrity: 'ok' | 'problem'; schemaVersion: number; checkedAt: string };
  /** Safety and front-desk alerts not yet acknowledged (`frontdesk.alerts` lists them). */
  openAlerts: number;
  appVersion: string;
  /** Every programme's pack, in the clinic's order. */
  packs: PackIdentity[];
  /** The vault's kiosk id and kiosk.json's `kioskName`. */
  kiosk: { id: string; name: string };
  /** Why no client session may start now, or null while the kiosk takes clients. */
  pauseReason: PauseReason | null;
  /** The newest stored submission's time, or null when none is stored. */
  lastSubmissionAt: string | null;
  /** Records the FHIR push has not delivered (`rejected`: of those, the ones the server refused). */
  notPushed: { total: number; rejected: number };
  /** The audit log's last entry, or null before the first. */
  auditHead: { seq: number; at: string } | null;
  /** When this process started, and seconds since. */
  startedAt: string;
  uptimeSeconds: number;
  /** The last failure main caught (its time, kind and error class only), or null for none. */
  lastCrash: KioskCrash | null;
  /** The push of this snapshot to the clinic's Pushgateway, or null when none is configured. */
  healthPush: HealthPushState | null;
}

/** A fatal failure of main, as the health snapshot reports it: never a message or a stack. */
export interface KioskCrash {
  at: string;
  kind: 'uncaughtException' | 'unhandledRejection';
  /** The error's class name (`TypeError`). */
  error: string;
}

/** How the health pushes to the Pushgateway are going. */
export interface HealthPushState {
  /** The last push, or null before the first. */
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** Whether the last push was accepted; null before the first. */
  ok: boolean | null;
  /** Why the last push failed (status or network error; never snapshot content), or null. */
  error: string | null;
}

/**
 * Who an alert calls: a clinician now (a safety answer), or the front desk. The content pack's
 * rules raise them (`ALERT_KINDS` in content/questionnaire-schema.ts must fit this type: the
 * session channel hands one to the other, so the compiler pins them together).
 */
export type AlertKind = 'clinician-now' | 'front-desk';

/** A raised alert as staff see it: which rule, when, where; never the client or an answer. */
export interface KioskAlert {
  alertId: string;
  kioskId: string;
  kind: AlertKind;
  ruleId: string;
  raisedAt: string;
  /** Null while open; the audit actor (`front-desk`, `staff:<uuid>`…) and time once acknowledged. */
  acknowledged: { by: string; at: string } | null;
}

export interface KioskSettings {
  /** Exported submissions older than this many days are purged; null keeps them. */
  retentionDays: number | null;
}

/** A piece of a content page, as text: what the PDF prints and the record view shows. */
export interface PageBlock {
  /** `image`: a picture in the page, by its alt text. */
  kind: 'heading' | 'paragraph' | 'item' | 'image';
  text: string;
}

/**
 * One submission as evidence: what the client saw, answered, confirmed and signed. The PDF
 * export and the staff record view are both drawn from this one document.
 */
export interface RecordDocument {
  /**
   * What the record is, for its headings: a signed `consent` record, or a `check-in` (a
   * programme with no signature step: answers only, never called signed).
   */
  kind: 'consent' | 'check-in';
  submissionId: string;
  /**
   * SHA-256 (hex) of the RFC 8785 canonical JSON of the sealed record this document was made
   * from: printed on the PDF and kept in its metadata, so `kiosk verify-record` can match a PDF
   * to the record in the vault.
   */
  recordSha256: string;
  kioskId: string;
  clinic: ClinicInfo;
  client: { fullName: string; dateOfBirth: string };
  /** The language the session started in (the row's clear `locale`). */
  locale: string;
  /** Every language the client was shown, the starting one first: more than one if they switched. */
  locales: string[];
  startedAt: string;
  submittedAt: string;
  exportedAt: string | null;
  /** `contentVerified`: the stored pack text hashes to `hash` (it is the text the client saw). */
  pack: { id: string; version: string; hash: string; title: string; contentVerified: boolean };
  pages: RecordPage[];
  checks: {
    stepId: string;
    /** As shown at the first attempt; each attempt has the question as shown then. */
    question: string;
    attempts: { answer: string; correct: boolean; at: string; locale: string; question: string }[];
  }[];
  statements: {
    stepId: string;
    statementId: string;
    /** The language the statement was shown in when the client confirmed it. */
    locale: string;
    text: string;
    textSha256: string;
    confirmedAt: string;
    /** The treatment the statement's step consents to, as shown; absent for understanding. */
    consentTo?: string;
  }[];
  /** Every questionnaire answered, in pack order; none in records made before questionnaires. */
  questionnaires: RecordQuestionnaire[];
  /** Every video step, in pack order; none in records of packs without video. */
  videos: RecordVideo[];
  /** Null for a programme with no signature step (a treatment-day check-in). */
  signature: {
    /** `typed`: signed by typing the name, with the statement of intent (`intent`) confirmed. */
    method: 'drawn' | 'typed';
    pngBase64: string | null;
    typedName: string;
    signedAt: string;
    intent?: string;
    /** The language the statement of intent was shown in; absent in older records. */
    intentLocale?: string;
    /** What signing meant, in the pack's words as shown; absent from records made before it. */
    meaning?: SignedText;
    /** The electronic-signing disclosure the client accepted; absent from records made before it. */
    agreement?: SignedText;
  } | null;
}

/** A text shown at signing, word for word, with its SHA-256 and the language it was shown in. */
export interface SignedText {
  text: string;
  textSha256: string;
  locale: string;
}

/** A page the client saw, with its text in each language it was shown in. */
export interface RecordPage {
  stepId: string;
  /** The title as first shown. */
  title: string;
  msOnScreen: number;
  visits: number;
  /**
   * The page in each language it was on screen in, in the order first shown: one, unless the
   * client switched language on it or came back to it after switching. Times add up to
   * `msOnScreen`.
   */
  shown: { locale: string; title: string; blocks: PageBlock[]; msOnScreen: number }[];
  /** Its time on screen against what its words need at the clinic's reading speed. */
  reading: RecordReading;
}

/**
 * `tooFast`: on screen for less than `neededMs`, the time `words` take at `wordsPerMinute`
 * (kiosk.json's `readingWordsPerMinute`). Flagged for staff to follow up; nothing is blocked.
 */
export interface RecordReading {
  words: number;
  wordsPerMinute: number;
  neededMs: number;
  tooFast: boolean;
}

/** A video step as the client watched it, measured by the renderer and checked in main. */
export interface RecordVideo {
  stepId: string;
  /** The step's title as shown. */
  title: string;
  /** Seconds of the video played (each second counted once), at most its duration. */
  secondsWatched: number;
  /** As the client's player reported it; null when it never did. */
  durationSeconds: number | null;
  watchedToEnd: boolean;
  /** SHA-256 of the video file shown (the pack hash covers it too). */
  fileSha256: string;
  msOnScreen: number;
  visits: number;
}

/** One instrument as scored by main, with the words the client saw. Staff only: it holds scores. */
export interface RecordQuestionnaire {
  stepId: string;
  /** The language on screen when the client finished it: that of its title, totals and bands. */
  locale: string;
  /** The step's title as shown, or the instrument id when the pack text is not available. */
  title: string;
  instrument: { id: string; code?: string | undefined; system?: string | undefined };
  answeredAt: string;
  items: {
    itemId: string;
    code?: string | undefined;
    /** The language the item was shown in when its answer was chosen. */
    locale: string;
    text: string;
    /** SHA-256 of `text`, sealed with the answer. */
    textSha256: string;
    type: 'choice' | 'boolean' | 'time' | 'text';
    /** Null when an optional item was left unanswered. */
    answer: {
      value: QuestionnaireAnswer;
      label?: string | undefined;
      code?: string | undefined;
      score?: number | undefined;
    } | null;
  }[];
  totals: {
    totalId: string;
    code?: string | undefined;
    label: string;
    score: number;
    band: string;
  }[];
  alerts: { ruleId: string; alert: 'clinician-now' | 'front-desk' }[];
  /** The instrument's copyright or permission line as shown; absent without the pack text. */
  copyright?: string;
}

/** One questionnaire total as scored at a visit: the score and its band's words as shown. */
export interface VisitScore {
  total: number;
  band: string;
}

/**
 * One visit of a client, in a course of visits. `baseline` is the first visit with a PHQ-9;
 * `response` marks the first later visit whose PHQ-9 is down by half or more from it;
 * `remission` marks every visit whose PHQ-9 is under 5 (intake/progress.ts).
 */
export interface ProgressVisit {
  submissionId: string;
  submittedAt: string;
  phq9: VisitScore | null;
  gad7: VisitScore | null;
  baseline: boolean;
  response: boolean;
  remission: boolean;
}

/** Every visit of the client of one record (same name and date of birth), oldest first. */
export interface ClientProgress {
  visits: ProgressVisit[];
}

export type ExportFormat = 'csv' | 'pdf' | 'fhir';

/** A record the clinic's FHIR server has not taken yet, as staff see it. */
export interface PushFailure {
  submissionId: string;
  state: 'retry' | 'rejected';
  httpStatus: number | null;
  /** Our own words: `unreachable`, `timeout`, `server error`, `unauthorized`, `refused by the server`… */
  reason: string;
  attempts: number;
  lastAttemptAt: string;
  /** The server's OperationOutcome text, opened with the staff keys; null if it sent none. */
  serverMessage: string | null;
}

export interface PushStatus {
  /** The FHIR base URL records go to, or null when kiosk.json sets no `fhirPush`. */
  server: string | null;
  notPushed: number;
  rejected: number;
  pushed: number;
  /** The failed records, latest submissions last, at most 50. */
  failures: PushFailure[];
}

export interface PushRunSummary {
  server: string;
  tried: number;
  pushed: number;
  retry: number;
  rejected: number;
  /** Waiting records not tried: the run stopped once the server was down for one. */
  untried: number;
  failures: Omit<PushFailure, 'attempts' | 'lastAttemptAt' | 'serverMessage'>[];
}

export interface ExportResult {
  count: number;
  /**
   * The export's own folder, by name only: the renderer never sees file-system paths. For an
   * encrypted export, the archive's file name (`….zip`).
   */
  folderName: string;
  /** The files written (for an encrypted export, the files inside the archive). */
  files: string[];
  manifestSha256: string;
  /**
   * Set for an encrypted export only: the archive's password, returned this once to be shown
   * to the person who exported, and never stored or logged anywhere.
   */
  password: string | null;
}

export interface KioskStatus {
  schemaVersion: number;
  storage: StorageState;
  submissions: number;
  kioskId: string;
  /** Every programme's pack, in the clinic's order. */
  packs: PackIdentity[];
  /** The same health snapshot the front desk sees and the Pushgateway gets. */
  health: KioskHealth;
}

// ---------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase id');
const sessionId = z.uuid();
const locale = z
  .string()
  .min(2)
  .max(16)
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a locale such as en or es-MX');

/** A time in a video, in seconds: a day at most. */
const videoSeconds = z.number().nonnegative().max(86_400);

/**
 * A day that ends a range of records (`from`, `to`), `YYYY-MM-DD`, in the years the kiosk's
 * records can have: a year before 1900 or after 2999 is refused here, by name, rather than
 * reaching date arithmetic that has no day after 9999-12-31 or reads `0050` as 1950.
 */
export const RANGE_YEARS = { first: 1900, last: 2999 } as const;
const isoDate = z.iso.date().refine(
  (day) => {
    const year = Number(day.slice(0, 4));
    return year >= RANGE_YEARS.first && year <= RANGE_YEARS.last;
  },
  { error: `must be a day from ${RANGE_YEARS.first}-01-01 to ${RANGE_YEARS.last}-12-31` },
);
/** A UTF-16 surrogate standing alone, not half of a character: not Unicode text. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Free text from the renderer, at most `max` UTF-16 units, and well-formed: a lone surrogate
 * is refused here, on every channel, because what main stores and audits is canonical JSON
 * (RFC 7493 §2.1), which cannot hold one; let one through and the write after the work fails
 * (INTERNAL), with the work done and not audited.
 */
export function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'must be well-formed text (it holds half of a two-part character)',
    });
}
/** The audit log panel's filter: an action name, an actor as stored, a range of the clinic's days. */
const auditLogFilter = z
  .object({
    action: z
      .string()
      .regex(/^[a-z_]{1,64}$/)
      .optional(),
    actor: text(200).min(1).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();
/** Limits that the UI shows and main enforces. */
export const LIMITS = {
  nameMaxLength: 120,
  /** Signature PNG, as a data URL, at most this many characters (about 375 KB of image). */
  signatureMaxChars: 500_000,
  /** Minimum length of ink, in CSS pixels of pen travel, for a signature to count. */
  signatureMinInk: 150,
  oldestAgeYears: 130,
  passphraseMinLength: 12,
  passphraseMaxLength: 1024,
  staffNameMaxLength: 200,
  /** The front-desk PIN, in digits (`staff/pin-policy.ts` says why six suffice). */
  pinMinLength: 6,
  pinMaxLength: 12,
} as const;

const passphrase = text(LIMITS.passphraseMaxLength);
const staffName = text(LIMITS.staffNameMaxLength);
/** A staff secret: an administrator's passphrase, or the clinic's recovery key. */
const staffSecret = z.union([
  z.object({ passphrase }).strict(),
  z.object({ recoveryKey: text(200) }).strict(),
]);

export const channels = {
  'app.info': {
    input: z.object({}).strict(),
    output: {} as KioskInfo,
  },
  'app.status': {
    input: z.object({}).strict(),
    output: {} as KioskStatus,
  },
  'vault.create': {
    input: z
      .object({
        name: staffName,
        passphrase,
        confirm: passphrase,
      })
      .strict(),
    /** The recovery key is shown once, here, and never stored in clear. */
    output: {} as { kioskId: string; recoveryKey: string },
  },
  'vault.open': {
    input: staffSecret,
    output: {} as { unlocked: true },
  },
  'admin.unlock': {
    input: staffSecret,
    output: {} as AdminStatus,
  },
  'admin.lock': {
    input: z.object({}).strict(),
    output: {} as AdminStatus,
  },
  'admin.status': {
    input: z.object({}).strict(),
    output: {} as AdminStatus,
  },
  'admin.listStaff': {
    input: z.object({}).strict(),
    output: {} as StaffMember[],
  },
  'admin.addStaff': {
    input: z.object({ name: staffName, passphrase, confirm: passphrase }).strict(),
    output: {} as StaffMember,
  },
  'admin.removeStaff': {
    input: z.object({ staffId: z.uuid() }).strict(),
    output: {} as { removed: true },
  },
  'admin.changePassphrase': {
    input: z.object({ current: passphrase, passphrase, confirm: passphrase }).strict(),
    output: {} as { changed: true },
  },
  'admin.auditLog': {
    input: auditLogFilter,
    output: {} as AuditLogView,
  },
  'admin.exportAuditLog': {
    input: auditLogFilter,
    output: {} as AuditLogExport,
  },
  'submissions.list': {
    input: z
      .object({
        query: text(200).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
      })
      .strict(),
    output: {} as SubmissionSummary[],
  },
  'submissions.get': {
    input: z.object({ submissionId: z.uuid() }).strict(),
    output: {} as RecordDocument,
  },
  'submissions.progress': {
    input: z.object({ submissionId: z.uuid() }).strict(),
    output: {} as ClientProgress,
  },
  'export.run': {
    input: z
      .object({
        format: z.enum(['csv', 'pdf', 'fhir']),
        submissionIds: z.array(z.uuid()).max(100_000).optional(),
        /** Days in the clinic's time zone, both included. */
        from: isoDate.optional(),
        to: isoDate.optional(),
        /** Only submissions never exported before. */
        onlyNew: z.boolean().optional(),
        /** One AES-256 encrypted zip archive, its password in the result (never stored). */
        encrypted: z.boolean().optional(),
      })
      .strict(),
    output: {} as ExportResult,
  },
  /** Sends the records waiting for the clinic's FHIR server (an administrator). */
  'push.run': {
    input: z
      .object({
        /** Also retry records the server refused (after the cause was fixed). */
        includeRejected: z.boolean().optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    output: {} as PushRunSummary,
  },
  /** How many records wait, and the failed ones with the server's message (an administrator). */
  'push.status': {
    input: z.object({}).strict(),
    output: {} as PushStatus,
  },
  /**
   * The kiosk's public key as a JWKS, for the FHIR server's client registration; `rotate` makes
   * a new key first (an administrator).
   */
  'push.key': {
    input: z.object({ rotate: z.boolean().optional() }).strict(),
    output: {} as { kid: string; jwks: { keys: Record<string, unknown>[] } },
  },
  'frontdesk.access': {
    input: z.object({}).strict(),
    output: {} as FrontDeskAccess,
  },
  'frontdesk.unlock': {
    input: z.object({ pin: text(64) }).strict(),
    output: {} as FrontDeskAccess,
  },
  'frontdesk.lock': {
    input: z.object({}).strict(),
    output: {} as FrontDeskAccess,
  },
  'frontdesk.health': {
    input: z.object({}).strict(),
    output: {} as KioskHealth,
  },
  'frontdesk.alerts': {
    input: z.object({}).strict(),
    /** Open alerts, oldest first. */
    output: {} as KioskAlert[],
  },
  'frontdesk.acknowledgeAlert': {
    input: z.object({ alertId: z.uuid() }).strict(),
    output: {} as KioskAlert,
  },
  'frontdesk.pause': {
    input: z.object({}).strict(),
    output: {} as { paused: boolean },
  },
  'frontdesk.resume': {
    input: z.object({}).strict(),
    output: {} as { paused: boolean },
  },
  'frontdesk.exit': {
    input: z.object({}).strict(),
    output: {} as { exiting: boolean },
  },
  'admin.setPin': {
    input: z.object({ pin: text(64), confirm: text(64) }).strict(),
    output: {} as FrontDeskAccess,
  },
  'admin.enablePin': {
    input: z.object({}).strict(),
    output: {} as FrontDeskAccess,
  },
  'admin.settings': {
    input: z.object({}).strict(),
    output: {} as KioskSettings,
  },
  'admin.updateSettings': {
    input: z.object({ retentionDays: z.number().int().min(1).max(36_500).nullable() }).strict(),
    output: {} as KioskSettings,
  },
  'admin.purge': {
    input: z.object({}).strict(),
    output: {} as { purged: number },
  },
  'session.start': {
    /** `packId` names the programme the client chose; without it the first is started. */
    input: z.object({ locale, packId: id.optional() }).strict(),
    output: {} as { sessionId: string; pack: ClientPack },
  },
  'session.enterStep': {
    input: z.object({ sessionId, stepId: id }).strict(),
    output: {} as { stepId: string },
  },
  'session.answerCheck': {
    input: z.object({ sessionId, stepId: id, optionId: id }).strict(),
    output: {} as CheckOutcome,
  },
  'session.acknowledge': {
    input: z.object({ sessionId, stepId: id, statementIds: z.array(id).max(100) }).strict(),
    output: {} as { confirmed: string[]; complete: boolean },
  },
  'session.answerQuestionnaire': {
    input: z
      .object({
        sessionId,
        stepId: id,
        answers: z
          .record(id, z.union([text(2000), z.boolean()]))
          .refine((answers) => Object.keys(answers).length <= 100, 'at most 100 answers'),
        /**
         * The language each answer was chosen in, by item id, when the client switched language
         * during the questionnaire; an item not named was answered in the session's language now.
         */
        answeredIn: z
          .record(id, locale)
          .refine((locales) => Object.keys(locales).length <= 100, 'at most 100 answers')
          .optional(),
      })
      .strict(),
    output: {} as QuestionnaireOutcome,
  },
  'session.videoProgress': {
    /**
     * What the client's player has played so far on this visit to the step: its `played`
     * time ranges, in seconds, its duration once known, and whether it reached the end. Main
     * merges the ranges with earlier reports, so the count never goes down.
     */
    input: z
      .object({
        sessionId,
        stepId: id,
        played: z.array(z.tuple([videoSeconds, videoSeconds])).max(200),
        durationSeconds: videoSeconds.positive().nullable(),
        ended: z.boolean(),
      })
      .strict(),
    output: {} as VideoProgress,
  },
  'session.setIdentity': {
    input: z
      .object({
        sessionId,
        fullName: text(1000),
        dateOfBirth: text(32),
      })
      .strict(),
    output: {} as { fullName: string; dateOfBirth: string },
  },
  'session.setSignature': {
    input: z
      .object({
        sessionId,
        /** `typed`: a client who cannot draw signs by typing their name (no image). */
        method: z.enum(['drawn', 'typed']).optional(),
        imageDataUrl: text(LIMITS.signatureMaxChars),
        inkLength: z.number().nonnegative(),
        typedName: text(1000),
        /** A typed signature: the client confirmed the statement of intent shown with it. */
        intentConfirmed: z.boolean().optional(),
        /** The client accepted the electronic-signing disclosure shown with the signature step. */
        disclosureAccepted: z.boolean().optional(),
      })
      .strict(),
    output: {} as { accepted: true },
  },
  /**
   * The client switches language: the pack in it (resolved as at the start), every answer kept,
   * and any check feedback or support screen said again in it. Everything shown from now on is
   * recorded in it; what was shown before keeps its language.
   */
  'session.setLocale': {
    input: z.object({ sessionId, locale }).strict(),
    output: {} as LocaleSwitch,
  },
  'session.submit': {
    input: z.object({ sessionId }).strict(),
    /** `copyHeld`: main keeps the client's copy for `session.printCopy` (a printer is configured). */
    output: {} as { submissionId: string; copyHeld: boolean },
  },
  'session.discard': {
    input: z.object({ sessionId }).strict(),
    output: {} as { discarded: boolean },
  },
  /**
   * Prints the client's copy of the session they just submitted (only that one, a few times at
   * most, until the thank-you screen ends): `PRINT_FAILED` when the printer does not take it.
   */
  'session.printCopy': {
    input: z.object({ sessionId }).strict(),
    output: {} as { printed: true; printsLeft: number },
  },
  /** An administrator reprints a record's client copy (audited). */
  'submissions.printCopy': {
    input: z.object({ submissionId: z.uuid() }).strict(),
    output: {} as { printed: true },
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Channels[C]['output'];

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

/** What main implements: one function per channel, given the already validated input. */
export type ChannelHandlers<C extends ChannelName = ChannelName> = {
  [K in C]: (input: z.output<Channels[K]['input']>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};

/** Channels the client-facing renderer may call. `app.status` is for staff tools only. */
export const RENDERER_CHANNELS = CHANNEL_NAMES.filter(
  (name): name is Exclude<ChannelName, 'app.status'> => name !== 'app.status',
);
export type RendererChannel = (typeof RENDERER_CHANNELS)[number];

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
/** One channel as a method; a channel whose input may be empty may be called with none. */
type Call<C extends ChannelName> =
  Record<string, never> extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/**
 * `window.kiosk`: a small object of domain namespaces, one method per renderer channel
 * (`kiosk.session.start({ locale })`). Nothing generic is exposed.
 */
export type KioskApi = {
  [N in Namespace<RendererChannel>]: {
    [C in RendererChannel as C extends `${N}.${infer M}` ? M : never]: Call<C>;
  };
};

/** Splits `session.start` into `['session', 'start']`; shared by the preload and the bridge. */
export function splitChannel(name: ChannelName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
