/**
 * Headless commands take staff secrets from the environment (`KIOSK_PASSPHRASE`,
 * `KIOSK_RECOVERY_KEY`, and `KIOSK_NEW_PASSPHRASE` for a passphrase being set), or ask on the
 * terminal without echoing. With neither (a script with no terminal) they stop with a clear
 * message rather than hang.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { StaffSecret } from '../vault';

export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}

async function ask(prompt: string, envName: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') {
    return fromEnv;
  }
  if (!process.stdin.isTTY) {
    throw new SecretUnavailableError(
      `no ${prompt.replace(/:\s*$/, '').toLowerCase()}: set ${envName} or run from a terminal to be asked`,
    );
  }
  process.stderr.write(prompt);
  // Swallow the echo: the typed characters must not appear on screen or in a scrollback.
  const silent = new Writable({
    write(_chunk, _encoding, callback): void {
      callback();
    },
  });
  const lines = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => {
      lines.question('', resolve);
    });
    process.stderr.write('\n');
    return answer;
  } finally {
    lines.close();
  }
}

/** The secret that authorises a command: the recovery key if asked for or given, else a passphrase. */
export async function readStaffSecret(useRecoveryKey: boolean): Promise<StaffSecret> {
  if (useRecoveryKey || process.env.KIOSK_RECOVERY_KEY) {
    return { recoveryKey: await ask('Recovery key: ', 'KIOSK_RECOVERY_KEY') };
  }
  return { passphrase: await ask('Staff passphrase: ', 'KIOSK_PASSPHRASE') };
}

/** A passphrase being set: asked twice on a terminal; from the environment, taken as typed. */
export async function readNewPassphrase(
  envName: string,
): Promise<{ passphrase: string; confirm: string }> {
  const passphrase = await ask('New staff passphrase: ', envName);
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') {
    return { passphrase, confirm: passphrase };
  }
  return { passphrase, confirm: await ask('Repeat the new passphrase: ', envName) };
}
