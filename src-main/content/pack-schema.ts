/**
 * The shape of a pack's `manifest.json`, checked with zod at load time. Unknown keys are
 * rejected everywhere, so a typo in a key name is an error rather than silently ignored.
 *
 * Localised strings are `{ "<locale>": "text" }` maps whose keys must be exactly the locales
 * the manifest declares, so the full schema is built once the declared locales are known.
 */
import { z } from 'zod';
import {
  describeMediaKind,
  hasMediaExtension,
  isPackPath,
  PACK_PATH_RULE,
  type MediaKind,
} from './media-path';
import type { Problem } from './pack-error';
import { crossCheckQuestionnaire, questionnaireSchema } from './questionnaire-schema';

/** Lowercase ids, the same rule the IPC contract applies to step, option and statement ids. */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const id = z.string().max(64).regex(ID_PATTERN, 'must be a lowercase id such as "what-to-expect"');

/** `en`, `es-MX`: the same rule as the contract's locale input. */
const locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a locale such as "en" or "es-MX"');

const version = z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as "1.0.0"');

/** Checked first, on its own, because every localised string depends on it. */
export const manifestLocalesSchema = z
  .object({
    defaultLocale: locale,
    locales: z
      .array(locale)
      .min(1, 'must list at least one locale')
      .refine((list) => new Set(list).size === list.length, 'must not list a locale twice'),
  })
  .refine((header) => header.locales.includes(header.defaultLocale), {
    path: ['defaultLocale'],
    error: 'must be one of the locales listed in "locales"',
  });

/** A string with some non-space text, at most `maxLength` characters. */
export function nonBlank(maxLength: number) {
  return z
    .string()
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((text) => text.trim() !== '', 'must not be empty');
}

function localTextSchema(locales: readonly string[], maxLength: number) {
  return z.strictObject(Object.fromEntries(locales.map((code) => [code, nonBlank(maxLength)])));
}

/** A file of the pack of one kind of media; whether it exists is checked when it is read. */
function mediaPath(kind: MediaKind) {
  return z
    .string()
    .refine(isPackPath, PACK_PATH_RULE)
    .refine((path) => hasMediaExtension(path, kind), `must be ${describeMediaKind(kind)}`);
}

const TITLE_MAX = 120;
const TEXT_MAX = 2000;

/** The full manifest schema for a pack declaring `locales`. */
export function manifestSchema(locales: readonly string[]) {
  const title = localTextSchema(locales, TITLE_MAX);
  const text = localTextSchema(locales, TEXT_MAX);

  const page = z.strictObject({ kind: z.literal('page'), id, title });
  const check = z.strictObject({
    kind: z.literal('check'),
    id,
    title,
    question: text,
    options: z
      .array(z.strictObject({ id, label: text }))
      .min(2, 'must offer at least two options')
      .max(8, 'must offer at most eight options'),
    correctOptionId: id,
    feedback: text,
    refersTo: id,
  });
  const acknowledge = z.strictObject({
    kind: z.literal('acknowledge'),
    id,
    title,
    intro: text,
    /**
     * Present only when confirming these statements is consent to a named treatment
     * ("ketamine treatment"); without it they record understanding, and no FHIR Consent is
     * made of them.
     */
    consentTo: title.optional(),
    statements: z
      .array(z.strictObject({ id, text }))
      .min(1, 'must have at least one statement')
      .max(50, 'must have at most 50 statements'),
  });
  const form = z.strictObject({
    kind: z.enum(['identity', 'review']),
    id,
    title,
    intro: text,
  });
  /**
   * The signature step states, in the pack's words, what signing means ("By signing, I confirm
   * that I read these pages and agree to the statements I checked."): shown above the pad,
   * sealed with the signature and printed beside it (21 CFR 11.50(a)(3)).
   */
  const signature = z.strictObject({
    kind: z.literal('signature'),
    id,
    title,
    intro: text,
    meaning: text,
  });

  /**
   * A video shown in the kiosk, with WebVTT captions in every locale (a client who cannot hear
   * it, or reads another language, must still get it) and an optional picture shown before it
   * plays. `requireWatched`: Next waits until the client has watched it to the end.
   */
  const video = z.strictObject({
    kind: z.literal('video'),
    id,
    title,
    intro: text,
    file: mediaPath('video'),
    captions: z.strictObject(
      Object.fromEntries(locales.map((code) => [code, mediaPath('captions')])),
    ),
    poster: mediaPath('image').optional(),
    requireWatched: z.boolean().optional(),
  });

  const questionnaire = questionnaireSchema((maxLength) => localTextSchema(locales, maxLength));

  return z.strictObject({
    id,
    version,
    defaultLocale: locale,
    locales: z.array(locale),
    title,
    /**
     * How the attract screen offers this pack when the clinic runs more than one
     * (`programmes` in kiosk.json): a short name ("First visit") and one line on what it holds.
     * Without it the pack's title names it.
     */
    programme: z.strictObject({ name: title, summary: text }).optional(),
    steps: z
      .array(
        z.discriminatedUnion('kind', [
          page,
          video,
          check,
          acknowledge,
          questionnaire,
          form,
          signature,
        ]),
      )
      .min(1, 'must have at least one step'),
  });
}
export type Manifest = z.infer<ReturnType<typeof manifestSchema>>;
export type ManifestStep = Manifest['steps'][number];

/** Step kinds the session code collects once per client (the channels carry no step id). */
const ONCE_ONLY_KINDS = new Set(['identity', 'signature', 'review']);

/**
 * Rules across fields that a schema cannot express: unique ids, answers among the options,
 * `refersTo` naming an earlier page, one step at most of each form kind.
 */
export function crossCheckManifest(manifest: Manifest, folderName: string): Problem[] {
  const problems: Problem[] = [];
  if (manifest.id !== folderName) {
    problems.push({
      path: ['id'],
      reason: `must equal the pack's folder name "${folderName}"`,
    });
  }
  const seenSteps = new Map<string, number>();
  const seenKinds = new Map<string, number>();
  manifest.steps.forEach((step, index) => {
    const earlier = seenSteps.get(step.id);
    if (earlier === undefined) {
      seenSteps.set(step.id, index);
    } else {
      problems.push({
        path: ['steps', index, 'id'],
        reason: `"${step.id}" is already the id of steps[${earlier}]`,
      });
    }
    if (ONCE_ONLY_KINDS.has(step.kind)) {
      const firstOfKind = seenKinds.get(step.kind);
      if (firstOfKind === undefined) {
        seenKinds.set(step.kind, index);
      } else {
        problems.push({
          path: ['steps', index, 'kind'],
          reason: `a pack may have only one "${step.kind}" step; steps[${firstOfKind}] is one`,
        });
      }
    }
    if (step.kind === 'check') {
      problems.push(...duplicateIds(step.options, ['steps', index, 'options']));
      if (!step.options.some((option) => option.id === step.correctOptionId)) {
        problems.push({
          path: ['steps', index, 'correctOptionId'],
          reason: `"${step.correctOptionId}" is not the id of one of this step's options`,
        });
      }
      const target = manifest.steps.findIndex((other) => other.id === step.refersTo);
      const targetStep = manifest.steps[target];
      if (targetStep?.kind !== 'page' || target > index) {
        problems.push({
          path: ['steps', index, 'refersTo'],
          reason: `"${step.refersTo}" must be the id of a page step that comes before this check`,
        });
      }
    }
    if (step.kind === 'acknowledge') {
      problems.push(...duplicateIds(step.statements, ['steps', index, 'statements']));
    }
    if (step.kind === 'questionnaire') {
      problems.push(...crossCheckQuestionnaire(step, ['steps', index]));
    }
  });
  problems.push(...checkFormSteps(manifest));
  return problems;
}

/**
 * Every record names its client, so every pack asks who they are; a signature is bound to the
 * name typed before it; statements a client confirms are signed for.
 */
function checkFormSteps(manifest: Manifest): Problem[] {
  const indexOf = (kind: ManifestStep['kind']): number =>
    manifest.steps.findIndex((step) => step.kind === kind);
  const identity = indexOf('identity');
  const signature = indexOf('signature');
  const acknowledge = indexOf('acknowledge');
  const problems: Problem[] = [];
  if (identity < 0) {
    problems.push({
      path: ['steps'],
      reason: 'must have an "identity" step: every record names its client',
    });
  }
  if (signature >= 0 && identity > signature) {
    problems.push({
      path: ['steps', signature, 'kind'],
      reason: `the "signature" step must come after the "identity" step (steps[${identity}]): a signature is bound to the name typed before it`,
    });
  }
  if (acknowledge >= 0 && signature < 0) {
    problems.push({
      path: ['steps', acknowledge, 'kind'],
      reason: 'a pack with statements to confirm must have a "signature" step',
    });
  }
  return problems;
}

function duplicateIds(items: readonly { id: string }[], at: readonly PropertyKey[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = seen.get(item.id);
    if (earlier === undefined) {
      seen.set(item.id, index);
    } else {
      problems.push({
        path: [...at, index, 'id'],
        reason: `"${item.id}" is already the id of item [${earlier}]`,
      });
    }
  });
  return problems;
}
