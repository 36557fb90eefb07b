/**
 * `npm run kiosk -- <command> --data-dir <dir>`: headless staff commands. Each goes through
 * the same API table as the kiosk's screens, so the same checks and the same audit apply.
 *
 *   init --name <admin>        new vault; prints the recovery key once
 *   status [--json]            submissions, schema version, content pack in use
 *   list [--json]              submissions with client names (needs a staff secret)
 *   verify                     audit chain, database and cipher integrity
 *   rekey                      rotate the database key (crash-safe)
 *   staff list|add|remove|passwd
 *   pin set|enable             the front-desk PIN (KIOSK_NEW_PIN)
 *   export --format csv|pdf|fhir --out <dir> [--from <date>] [--to <date>]
 *   seed-demo --count N        add N synthetic, clearly fake submissions
 *
 * Secrets: KIOSK_PASSPHRASE, or KIOSK_RECOVERY_KEY / --recovery-key; KIOSK_NEW_PASSPHRASE for
 * a passphrase being set; otherwise asked on the terminal.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCommand, UsageError, USAGE } from './commands';
import { ensureSodium } from '../vault';

// Diagnostics from the modules go to stderr, so stdout carries only each command's answer
// (a script can parse `status --json`).
console.info = console.error.bind(console);

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      count: { type: 'string' },
      name: { type: 'string' },
      'staff-id': { type: 'string' },
      'recovery-key': { type: 'boolean', default: false },
      format: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (!command) {
    throw new UsageError(USAGE);
  }
  if (!values['data-dir']) {
    throw new UsageError(`${command}: --data-dir <dir> is required\n${USAGE}`);
  }
  await ensureSodium();
  await runCommand(command, rest, {
    dataDir: resolve(values['data-dir']),
    json: values.json,
    count: values.count,
    name: values.name,
    staffId: values['staff-id'],
    useRecoveryKey: values['recovery-key'],
    format: values.format,
    out: values.out,
    from: values.from,
    to: values.to,
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`kiosk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 64 : 1);
});
