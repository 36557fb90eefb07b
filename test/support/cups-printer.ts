/**
 * A real CUPS print queue for the printing tests: the `cups-pdf` virtual printer (Debian
 * packages `cups` and `printer-driver-cups-pdf`), which writes each job it prints as a PDF file.
 * `cupsPdfPrinter()` starts the CUPS scheduler if it is not running (as root, as CI runs), adds
 * the queue, and says where its PDFs land (cups-pdf.conf's `Out`, `${HOME}` being the home of
 * the user who prints). Where CUPS cannot be had, it says why in one line; the caller prints it
 * and fails under CI (`process.env.CI`), since a skipped print test would hide a broken copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sayUnavailable } from './unavailable';

export const TEST_QUEUE = 'kiosk-test-pdf';
const CUPS_PDF_CONF = '/etc/cups/cups-pdf.conf';

export interface CupsPdfPrinter {
  queue: string;
  /** Where cups-pdf writes what it prints. */
  outDir: string;
  /** The PDF cups-pdf printed for the job titled `title`, once it is there (then removed). */
  printed(title: string, timeoutMs?: number): Promise<Buffer>;
}

export type CupsSetup = { ok: true; printer: CupsPdfPrinter } | { ok: false; reason: string };

function run(command: string, args: string[]): { ok: boolean; out: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return {
    ok: result.status === 0,
    out: `${result.stdout}${result.stderr}${result.error ? result.error.message : ''}`.trim(),
  };
}

function schedulerRunning(): boolean {
  return run('lpstat', ['-r']).out.includes('scheduler is running');
}

async function startScheduler(): Promise<string | undefined> {
  if (schedulerRunning()) {
    return undefined;
  }
  // cupsd forks into the background and returns; it takes a moment to answer.
  const started = run('cupsd', []);
  if (!started.ok) {
    return `cupsd would not start (${started.out || 'no output'})`;
  }
  for (let tries = 0; tries < 50; tries++) {
    if (schedulerRunning()) {
      return undefined;
    }
    await sleep(200);
  }
  return 'cupsd started but the scheduler never answered lpstat -r';
}

/** cups-pdf's output folder for files printed by this user. */
function outDirOf(conf: string): string {
  const line = conf.split('\n').find((candidate) => /^\s*Out\s/.test(candidate));
  const out = line?.trim().split(/\s+/)[1] ?? '/var/spool/cups-pdf/${USER}';
  const user = userInfo();
  return out.replace('${HOME}', user.homedir).replace('${USER}', user.username);
}

export async function cupsPdfPrinter(queue = TEST_QUEUE): Promise<CupsSetup> {
  for (const command of ['lp', 'lpstat', 'lpadmin', 'lpinfo']) {
    if (!run('sh', ['-c', `command -v ${command}`]).ok) {
      return { ok: false, reason: `${command} is not installed (apt-get install cups)` };
    }
  }
  if (!existsSync(CUPS_PDF_CONF)) {
    return {
      ok: false,
      reason: `${CUPS_PDF_CONF} is missing (apt-get install printer-driver-cups-pdf)`,
    };
  }
  const notStarted = await startScheduler();
  if (notStarted !== undefined) {
    return { ok: false, reason: notStarted };
  }
  const models = run('lpinfo', ['-m']);
  const ppd = models.out
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .find((model) => /CUPS-PDF.*\.ppd$/i.test(model));
  if (ppd === undefined) {
    return { ok: false, reason: `lpinfo -m lists no CUPS-PDF model (${models.out.slice(0, 200)})` };
  }
  // CUPS turns a PDF into PostScript for cups-pdf, which turns it back into a PDF. Its default
  // converter (Ghostscript) redraws the text as Type 3 glyphs with no usable text layer, so the
  // test queue uses poppler's cairo one (cups-filters' `pdftops-renderer`), which keeps it.
  const added = run('lpadmin', [
    '-p',
    queue,
    '-E',
    '-v',
    'cups-pdf:/',
    '-m',
    ppd,
    '-o',
    'pdftops-renderer-default=pdftocairo',
  ]);
  if (!added.ok) {
    return { ok: false, reason: `lpadmin could not add ${queue} (${added.out})` };
  }
  const outDir = outDirOf(readFileSync(CUPS_PDF_CONF, 'utf8'));
  return {
    ok: true,
    printer: {
      queue,
      outDir,
      async printed(title, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          // cups-pdf names the file after the job's title, sometimes with a suffix of its own.
          const name = existsSync(outDir)
            ? readdirSync(outDir).find((file) => file.startsWith(title) && file.endsWith('.pdf'))
            : undefined;
          const file = name === undefined ? undefined : join(outDir, name);
          // cups-pdf writes the file then closes it; a PDF ends with %%EOF once it is whole.
          const bytes = file === undefined ? undefined : await readFile(file);
          if (file !== undefined && bytes?.subarray(-1024).includes('%%EOF')) {
            rmSync(file, { force: true });
            return bytes;
          }
          if (Date.now() > deadline) {
            const jobs = run('lpstat', ['-W', 'all', '-o', queue]).out;
            throw new Error(
              `cups-pdf wrote no ${title}*.pdf in ${outDir} within ${timeoutMs} ms (jobs: ${jobs})`,
            );
          }
          await sleep(200);
        }
      },
    },
  };
}

/**
 * The queue, or: the one line a test prints when CUPS is not to be had, and undefined (the
 * test has nothing to print on). Under CI that is a failure, since CI installs CUPS (`.ci/run`).
 */
export function queueOrSay(setup: CupsSetup): CupsPdfPrinter | undefined {
  if (setup.ok) {
    return setup.printer;
  }
  sayUnavailable('CUPS', setup.reason);
  return undefined;
}

/**
 * Text of a printed PDF and an expected text, made comparable: CUPS hands cups-pdf PostScript,
 * and on the way the text of pdfkit's ligature glyphs (DejaVu's ff, fi, fl, ffi, ffl) is lost,
 * so "confirm" reads back as "conrm" (or with a control character in their place). Both sides
 * drop those letter pairs, control characters and white space.
 */
export function printable(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, '').replace(/ffi|ffl|ff|fi|fl/g, '');
}
