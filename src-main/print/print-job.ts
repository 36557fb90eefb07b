/**
 * Hands a PDF to the operating system's print system: on Linux (and macOS), CUPS, through its
 * `lp` command, the document on `lp`'s standard input, so no copy of it is ever written by the
 * kiosk (CUPS keeps its own spool; README says how to have it keep nothing once printed).
 * `lp -d <queue> -t <title> -` is CUPS' documented form (lp(1): "-" reads standard input).
 * Windows has no `lp`: `lpAvailable()` is false there, and the kiosk offers no copy.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type PrintFailure = 'no-lp' | 'refused' | 'timeout';

export class PrintError extends Error {
  override readonly name = 'PrintError';

  constructor(
    readonly reason: PrintFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PrintJob {
  /** The CUPS queue (kiosk.json `printer.name`). */
  printer: string;
  /** The job's title in the queue: ids only, never a client's name. */
  title: string;
  timeoutMs: number;
}

/** Whether `lp` is on this machine's PATH (checked once at start: no copy is offered without it). */
export function lpAvailable(path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter((folder) => folder !== '')
    .some((folder) => {
      try {
        accessSync(join(folder, 'lp'), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** `lp`'s "request id is <queue>-<n> (1 file(s))", once CUPS has the job. */
const REQUEST_ID = /request id is (\S+)/;

/**
 * Sends `pdf` to `job.printer`: resolves with CUPS' job id once CUPS has accepted it (not once
 * paper comes out: CUPS reports that later, if at all). A missing `lp`, a refusal (no such
 * queue, queue not accepting, scheduler down) or no answer within `timeoutMs` is a `PrintError`.
 */
export function printPdf(pdf: Buffer, job: PrintJob): Promise<{ jobId: string }> {
  return new Promise((resolve, reject) => {
    // Arguments as an array (no shell): the queue name and title are never interpreted.
    const child = spawn('lp', ['-d', job.printer, '-t', job.title, '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    const errors: Buffer[] = [];
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        outcome();
      }
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => {
        reject(new PrintError('timeout', `lp gave no answer within ${job.timeoutMs} ms`));
      });
    }, job.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle(() => {
        reject(
          error.code === 'ENOENT'
            ? new PrintError('no-lp', 'lp is not installed on this machine', { cause: error })
            : new PrintError('refused', `lp could not be started: ${error.message}`, {
                cause: error,
              }),
        );
      });
    });
    child.on('close', (code) => {
      settle(() => {
        const said = Buffer.concat(errors).toString('utf8').trim();
        const jobId = REQUEST_ID.exec(Buffer.concat(output).toString('utf8'))?.[1];
        if (code === 0 && jobId !== undefined) {
          resolve({ jobId });
        } else {
          reject(
            new PrintError(
              'refused',
              `lp exited with ${String(code)}${said === '' ? '' : `: ${said.slice(0, 300)}`}`,
            ),
          );
        }
      });
    });
    // A refusal may close stdin before the document is written: that is lp's exit, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(pdf);
  });
}
