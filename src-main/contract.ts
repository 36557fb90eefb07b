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
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Per-field reasons for `INVALID_INPUT` on the identity and signature steps. */
export const FIELD_ERRORS = [
  'required',
  'too_long',
  'invalid_characters',
  'invalid_date',
  'future_date',
  'too_old',
  'not_enough_ink',
  'invalid_image',
  'name_mismatch',
  'too_short',
  'mismatch',
] as const;
export type FieldError = (typeof FIELD_ERRORS)[number];

export interface KioskError {
  code: ErrorCode;
  message: string;
  /** Set on `INVALID_INPUT` when the problem belongs to a named form field. */
  fields?: Record<string, FieldError>;
  /** Set on `SESSION_INCOMPLETE`: the ids of the steps still to be done. */
  missing?: string[];
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
}

/**
 * Whether the encrypted vault is open. `needs-setup`: no vault yet (first run, staff create one
 * with an administrator passphrase). `needs-unlock`: a vault exists but this machine cannot open
 * it unattended (no keychain slot, or the keychain changed): staff enter a passphrase.
 */
export type VaultState = 'ready' | 'needs-setup' | 'needs-unlock';

export interface KioskInfo {
  vault: VaultState;
  clinic: ClinicInfo;
  locales: string[];
  defaultLocale: string;
  /** Milliseconds the thank-you screen stays before the kiosk returns to the welcome screen. */
  thankYouMs: number;
}

export interface ClientPageStep {
  kind: 'page';
  id: string;
  title: string;
  /** Sanitised HTML rendered in main from the pack's Markdown. */
  html: string;
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
}
export type ClientStep = ClientPageStep | ClientCheckStep | ClientAcknowledgeStep | ClientFormStep;

export interface ClientPack {
  id: string;
  version: string;
  /** SHA-256 (hex) over the pack's canonical content: its version identity. */
  hash: string;
  locale: string;
  title: string;
  steps: ClientStep[];
}

export interface CheckOutcome {
  correct: boolean;
  /** Kind, short corrective text; present when the answer was wrong. */
  feedback?: string;
  /** The page that explains the answer; present when the answer was wrong. */
  refersTo?: { stepId: string; title: string };
  attempts: number;
}

export interface KioskStatus {
  schemaVersion: number;
  submissions: number;
  kioskId: string;
  pack: { id: string; version: string; hash: string };
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
} as const;

export const channels = {
  'kiosk.info': {
    input: z.object({}).strict(),
    output: {} as KioskInfo,
  },
  'kiosk.status': {
    input: z.object({}).strict(),
    output: {} as KioskStatus,
  },
  'setup.create': {
    input: z
      .object({
        passphrase: z.string().max(LIMITS.passphraseMaxLength),
        confirm: z.string().max(LIMITS.passphraseMaxLength),
      })
      .strict(),
    output: {} as { kioskId: string },
  },
  'setup.unlock': {
    input: z.object({ passphrase: z.string().max(LIMITS.passphraseMaxLength) }).strict(),
    output: {} as { unlocked: true },
  },
  'session.start': {
    input: z.object({ locale }).strict(),
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
  'session.setIdentity': {
    input: z
      .object({
        sessionId,
        fullName: z.string().max(1000),
        dateOfBirth: z.string().max(32),
      })
      .strict(),
    output: {} as { fullName: string; dateOfBirth: string },
  },
  'session.setSignature': {
    input: z
      .object({
        sessionId,
        imageDataUrl: z.string().max(LIMITS.signatureMaxChars),
        inkLength: z.number().nonnegative(),
        typedName: z.string().max(1000),
      })
      .strict(),
    output: {} as { accepted: true },
  },
  'session.submit': {
    input: z.object({ sessionId }).strict(),
    output: {} as { submissionId: string },
  },
  'session.discard': {
    input: z.object({ sessionId }).strict(),
    output: {} as { discarded: boolean },
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Channels[C]['output'];

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

/** Channels the client-facing renderer may call. `kiosk.status` is for staff tools only. */
export const RENDERER_CHANNELS = CHANNEL_NAMES.filter(
  (name): name is Exclude<ChannelName, 'kiosk.status'> => name !== 'kiosk.status',
);
export type RendererChannel = (typeof RENDERER_CHANNELS)[number];

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
type Call<C extends ChannelName> = (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

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
