/**
 * How this kiosk behaves, as a clinic may set it without code: `resources/kiosk.json`.
 * Validated at start; a bad file stops the kiosk with a message naming the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_PACK_ID } from './content';
import { DEFAULT_READING_WORDS_PER_MINUTE } from './export/reading-time';

/** A content pack's folder name under resources/content/, as the pack schema spells ids. */
const packId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a pack folder name such as "ketamine-education"');

/**
 * A CUPS queue name as `lpadmin -p` accepts it: printable characters other than space, tab,
 * "/", "\" and "#" (CUPS' `validate_name`), at most 127 bytes. Never an option: `lp` gets it
 * after `-d`, and a leading "-" is refused too.
 */
const printerName = z
  .string()
  .min(1, 'must name a CUPS print queue')
  .max(127, 'must be at most 127 characters')
  .regex(
    /^[^\s/\\#-][^\s/\\#]*$/,
    'must be a CUPS queue name (no spaces, "/", "\\" or "#", and not starting with "-")',
  )
  .refine((name) => !/\p{Cc}/u.test(name), 'must not contain control characters');

/** kiosk.json's `printer` (and the preview's `--printer`): a CUPS queue, by name. */
export const PRINTER_SCHEMA = z.object({ name: printerName }).strict();

/**
 * 8 MiB: the WAL at its largest (1.6 MiB, pragmas.ts), a checkpoint copying it into kiosk.db
 * (as much again), and two records of the largest size (a 500,000-character signature, about
 * 0.6 MiB each in the WAL and again in kiosk.db) make 5.7 MiB; the rest is room for the log.
 */
export const DEFAULT_MIN_FREE_DISK_MEGABYTES = 8;

/** Hosts plain http may name: this machine only, for tests; records never cross a network unencrypted. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** `new URL` keeps IPv6 hosts in brackets (https://url.spec.whatwg.org/#host-serializing). */
function isHttpsOrLoopback(url: string): boolean {
  if (!URL.canParse(url)) {
    return true; // z.url already names the field.
  }
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || LOOPBACK_HOSTS.has(hostname);
}

const httpsUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be the ${what} as an https URL` })
    .refine(isHttpsOrLoopback, {
      error: `must be the ${what} as an https URL (http only for 127.0.0.1, ::1 or localhost)`,
    });

/**
 * kiosk.json's `fhirPush`: the clinic's FHIR R4 server and its SMART Backend Services token
 * endpoint (README, "Sending records to the clinic's FHIR server").
 */
export const FHIR_PUSH_SCHEMA = z
  .object({
    /** The FHIR base URL, e.g. `https://fhir.clinic.example/r4`. */
    baseUrl: httpsUrl('FHIR base URL'),
    /** The OAuth 2.0 token endpoint (the server's `.well-known/smart-configuration`). */
    tokenUrl: httpsUrl('token endpoint'),
    /** The client id the server registered this kiosk's JWKS under. */
    clientId: z.string().min(1, 'must be the registered client id').max(256),
    /** SMART system scopes, space-separated, e.g. `system/Patient.write system/Observation.write`. */
    scope: z
      .string()
      .regex(
        /^system\/\S+(\s+system\/\S+)*$/,
        'must be SMART system scopes such as "system/*.write"',
      ),
    /** A PEM file of the CA that signed the server's certificate, trusted besides the system's. */
    caFile: z.string().min(1).optional(),
    /** Each request's limit, in seconds. */
    timeoutSeconds: z.number().int().min(1).max(300).default(20),
  })
  .strict();

export type FhirPushConfig = z.infer<typeof FHIR_PUSH_SCHEMA>;
/** A minute: the README's stale-kiosk rule (3 minutes without a push) allows two misses. */
export const DEFAULT_HEALTH_INTERVAL_SECONDS = 60;

const schema = z
  .object({
    /** Seconds without input before "Are you still there?". */
    idleWarningSeconds: z.number().int().min(10).max(3600),
    /** Seconds that question waits before the session is discarded. */
    idleCountdownSeconds: z.number().int().min(5).max(600),
    onScreenKeyboard: z.enum(['auto', 'on', 'off']),
    /** Local time of day for a daily restart, `HH:MM`, or null for none. */
    dailyRestart: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')
      .nullable(),
    /**
     * The reading speed a page's words are measured against, in words a minute: a page on
     * screen for less than its words need is flagged in the record view, PDF and CSV.
     */
    readingWordsPerMinute: z
      .number()
      .int()
      .min(60, 'must be at least 60 words a minute')
      .max(1000, 'must be at most 1000 words a minute')
      .default(DEFAULT_READING_WORDS_PER_MINUTE),
    /** Minutes without staff input before the staff area locks itself. */
    staffIdleMinutes: z.number().int().min(1).max(120),
    /**
     * Where a raised alert is POSTed (`{ alertId, kioskId, kind, raisedAt }`), http(s) only, or
     * null for none (alerts then show at the front desk only).
     */
    alertWebhookUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .nullable()
      .default(null),
    /**
     * The content packs the attract screen offers, in this order ("First visit", "Treatment
     * day check-in"); a single one shows "Touch to begin" alone.
     */
    programmes: z
      .array(packId)
      .min(1, 'must list at least one content pack')
      .max(6, 'must list at most six content packs')
      .refine((ids) => new Set(ids).size === ids.length, 'must not list a pack twice')
      .default([DEFAULT_PACK_ID]),
    /**
     * The printer of the client's copy, by its CUPS queue name (`lpstat -p` lists them), or
     * null for none: then no copy is offered, and a client asks the front desk.
     */
    printer: z.object({ name: printerName }).strict().nullable().default(null),
    /**
     * Below this much free space on the data folder's disk, no new client session starts (the
     * paused screen, "low storage" at the front desk, one webhook alert); sessions already
     * started may still submit (README, "When the disk fills").
     */
    minFreeDiskMegabytes: z
      .number()
      .int()
      .min(4, 'must be at least 4 (MiB): a WAL checkpoint and a record need that much')
      .max(1_000_000)
      .default(DEFAULT_MIN_FREE_DISK_MEGABYTES),
    /** The clinic's FHIR server records are pushed to, or null for none (the default). */
    fhirPush: FHIR_PUSH_SCHEMA.nullable().default(null),
    /**
     * The kiosk's name at the front desk and in its health metrics ("Reception left"), or null
     * for the machine's host name. Not a client's data: the clinic chooses it.
     */
    kioskName: z
      .string()
      .trim()
      .min(1, 'must not be empty (or null for the host name)')
      .max(64, 'must be at most 64 characters')
      .refine((name) => !/\p{Cc}/u.test(name), 'must not contain control characters')
      .nullable()
      .default(null),
    /**
     * Where the kiosk pushes its health snapshot (Prometheus Pushgateway, README "Kiosk
     * health"), every `intervalSeconds` and at once on a change, or null for no push.
     */
    health: z
      .object({
        pushgatewayUrl: z.url({
          protocol: /^https?$/,
          error: 'must be the Pushgateway\'s http(s) URL, such as "http://metrics.clinic:9091"',
        }),
        intervalSeconds: z
          .number()
          .int()
          .min(10, 'must be at least 10 seconds')
          .max(3600, 'must be at most 3600 seconds (an hour)')
          .default(DEFAULT_HEALTH_INTERVAL_SECONDS),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export type KioskConfig = z.infer<typeof schema>;

export const DEFAULT_KIOSK_CONFIG: KioskConfig = {
  idleWarningSeconds: 90,
  idleCountdownSeconds: 30,
  onScreenKeyboard: 'auto',
  dailyRestart: null,
  staffIdleMinutes: 5,
  readingWordsPerMinute: DEFAULT_READING_WORDS_PER_MINUTE,
  alertWebhookUrl: null,
  programmes: [DEFAULT_PACK_ID],
  printer: null,
  minFreeDiskMegabytes: DEFAULT_MIN_FREE_DISK_MEGABYTES,
  fhirPush: null,
  kioskName: null,
  health: null,
};

export class KioskConfigError extends Error {
  override readonly name = 'KioskConfigError';
}

export function loadKioskConfig(file: string): KioskConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KioskConfigError(`${file}: cannot be read as JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('; ');
    throw new KioskConfigError(`${file}: ${where}`);
  }
  return parsed.data;
}
