/**
 * Headless commands take the staff passphrase from `KIOSK_PASSPHRASE`, or ask for it on the
 * terminal without echoing it. With neither (a script with no terminal), they stop with a
 * clear message rather than hang.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export class PassphraseUnavailableError extends Error {
  override readonly name = 'PassphraseUnavailableError';
}

export async function readPassphrase(prompt = 'Staff passphrase: '): Promise<string> {
  const fromEnv = process.env.KIOSK_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') {
    return fromEnv;
  }
  if (!process.stdin.isTTY) {
    throw new PassphraseUnavailableError(
      'readPassphrase: no passphrase: set KIOSK_PASSPHRASE or run from a terminal to be asked',
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
