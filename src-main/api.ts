/**
 * The one way into main: a table from channel to handler, the same for every transport
 * (Electron IPC, the loopback preview server, the CLI). `invoke` validates the channel name
 * and the input against the contract, and turns every failure into a contract error.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  channels,
  LIMITS,
  type ChannelName,
  type ChannelOutput,
  type Channels,
  type ClinicInfo,
  type Result,
} from './contract';
import type { Pack } from './content';
import { SessionRegistry } from './consent';
import { KioskFailure } from './failure';
import { VaultError, type Vault, type VaultGate } from './vault';

export interface ApiDeps {
  gate: VaultGate;
  pack: Pack;
  clinic: ClinicInfo;
  thankYouMs: number;
  now?: () => Date;
}

type Handlers = {
  [C in ChannelName]: (input: z.output<Channels[C]['input']>) => ChannelOutput<C>;
};

export interface KioskApiTable {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Drops every live client session (the kiosk is returning to its attract screen, or closing). */
  clearSessions(): void;
}

function isChannel(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/** Maps the vault's own errors to the contract's closed set. */
function vaultFailure(error: VaultError): KioskFailure {
  switch (error.code) {
    case 'WRONG_PASSPHRASE':
    case 'WRONG_KEY':
      return new KioskFailure('WRONG_PASSPHRASE', 'That passphrase does not open this kiosk.');
    case 'ALREADY_INITIALISED':
      return new KioskFailure('VAULT_EXISTS', 'This kiosk already has a vault.');
    case 'PASSPHRASE_TOO_SHORT':
      return new KioskFailure('INVALID_INPUT', error.message, {
        fields: { passphrase: 'too_short' },
      });
    default:
      return new KioskFailure('VAULT_UNAVAILABLE', error.message);
  }
}

export function createApi(deps: ApiDeps): KioskApiTable {
  const now = deps.now ?? ((): Date => new Date());
  const sessions = new SessionRegistry(now);

  function openVault(): Vault {
    const vault = deps.gate.vault();
    if (!vault) {
      throw new KioskFailure(
        'VAULT_UNAVAILABLE',
        'The kiosk is not unlocked yet. Please ask a member of staff.',
      );
    }
    return vault;
  }

  const handlers: Handlers = {
    'kiosk.info': () => ({
      vault: deps.gate.state(),
      clinic: deps.clinic,
      locales: deps.pack.locales,
      defaultLocale: deps.pack.defaultLocale,
      thankYouMs: deps.thankYouMs,
    }),
    'kiosk.status': () => {
      const vault = openVault();
      return {
        schemaVersion: vault.schemaVersion(),
        submissions: vault.countSubmissions(),
        kioskId: vault.kioskId,
        pack: { id: deps.pack.id, version: deps.pack.version, hash: deps.pack.hash },
      };
    },
    'setup.create': ({ passphrase, confirm }) => {
      if (passphrase.length < LIMITS.passphraseMinLength) {
        throw new KioskFailure(
          'INVALID_INPUT',
          `The passphrase needs at least ${LIMITS.passphraseMinLength} characters.`,
          { fields: { passphrase: 'too_short' } },
        );
      }
      if (passphrase !== confirm) {
        throw new KioskFailure('INVALID_INPUT', 'The two passphrases differ.', {
          fields: { confirm: 'mismatch' },
        });
      }
      if (deps.gate.state() !== 'needs-setup') {
        throw new KioskFailure('VAULT_EXISTS', 'This kiosk already has a vault.');
      }
      return { kioskId: deps.gate.create(passphrase).kioskId };
    },
    'setup.unlock': ({ passphrase }) => {
      if (deps.gate.state() === 'needs-setup') {
        throw new KioskFailure('VAULT_UNAVAILABLE', 'This kiosk has no vault yet.');
      }
      if (deps.gate.state() === 'needs-unlock') {
        deps.gate.unlock(passphrase);
      }
      return { unlocked: true };
    },
    'session.start': ({ locale }) => {
      openVault();
      // Record the locale actually shown (the pack falls back when it lacks the one asked for).
      const pack = deps.pack.toClient(locale);
      const session = sessions.start(deps.pack, pack.locale);
      return { sessionId: session.id, pack };
    },
    'session.enterStep': ({ sessionId, stepId }) => {
      sessions.get(sessionId).enterStep(stepId);
      return { stepId };
    },
    'session.answerCheck': ({ sessionId, stepId, optionId }) =>
      sessions.get(sessionId).answerCheck(stepId, optionId),
    'session.acknowledge': ({ sessionId, stepId, statementIds }) =>
      sessions.get(sessionId).acknowledge(stepId, statementIds),
    'session.setIdentity': ({ sessionId, fullName, dateOfBirth }) =>
      sessions.get(sessionId).setIdentity(fullName, dateOfBirth),
    'session.setSignature': ({ sessionId, imageDataUrl, inkLength, typedName }) => {
      sessions.get(sessionId).setSignature(imageDataUrl, inkLength, typedName);
      return { accepted: true };
    },
    'session.submit': ({ sessionId }) => {
      const vault = openVault();
      const session = sessions.get(sessionId);
      const submissionId = randomUUID();
      const payload = session.complete(submissionId, vault.kioskId);
      vault.insertSubmission({
        id: submissionId,
        packId: payload.pack.id,
        packVersion: payload.pack.version,
        packHash: payload.pack.hash,
        locale: payload.locale,
        startedAt: payload.startedAt,
        submittedAt: payload.submittedAt,
        payload: JSON.stringify(payload),
      });
      // Only once the row is durable does the session go: a failed write leaves it to retry.
      sessions.discard(sessionId);
      return { submissionId };
    },
    'session.discard': ({ sessionId }) => ({ discarded: sessions.discard(sessionId) }),
  };

  function run<C extends ChannelName>(channel: C, input: unknown): ChannelOutput<C> {
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
        .join('; ');
      throw new KioskFailure('INVALID_INPUT', `Invalid input for ${channel}: ${where}`);
    }
    const handler = handlers[channel] as (input: unknown) => ChannelOutput<C>;
    return handler(parsed.data);
  }

  return {
    invoke(channel: string, input: unknown): Promise<Result<unknown>> {
      if (!isChannel(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${channel}".` },
        });
      }
      try {
        return Promise.resolve({ ok: true, value: run(channel, input) });
      } catch (error) {
        const failure =
          error instanceof KioskFailure
            ? error
            : error instanceof VaultError
              ? vaultFailure(error)
              : undefined;
        if (failure) {
          return Promise.resolve({ ok: false, error: failure.toError() });
        }
        console.error(`invoke: ${channel} failed unexpectedly`, error);
        return Promise.resolve({
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Something went wrong. Please ask a member of staff.',
          },
        });
      }
    },
    clearSessions(): void {
      sessions.clear();
    },
  };
}
