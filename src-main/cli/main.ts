/**
 * `npm run kiosk -- <command> --data-dir <dir>`: headless staff commands. Each goes through
 * the same API table as the kiosk's screens, so the same checks and the same audit apply.
 * `npm run kiosk -- --help` lists them (`USAGE` in `commands.ts`).
 *
 * Output: stdout carries only each command's result (a script can parse `status --json`);
 * errors go to stderr with a non-zero exit (64 for a usage error); the modules' diagnostics
 * (`console.debug/log/info/warn`) go to stderr with `--verbose` and nowhere without it.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runCommand, UsageError, USAGE } from './commands';
import { ensureSodium } from '../vault';

const OPTIONS = {
  'data-dir': { type: 'string' },
  'resources-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  count: { type: 'string' },
  'same-client': { type: 'boolean', default: false },
  pack: { type: 'string' },
  name: { type: 'string' },
  'staff-id': { type: 'string' },
  'recovery-key': { type: 'boolean', default: false },
  format: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  anchor: { type: 'string', multiple: true },
  new: { type: 'boolean', default: false },
  encrypt: { type: 'boolean', default: false },
  rejected: { type: 'boolean', default: false },
  limit: { type: 'string' },
  rotate: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

const SEE_HELP = 'see "npm run kiosk -- --help"';

/**
 * `parseArgs` in strict mode names an unknown option in a sentence about positionals after
 * `--`, which does not fit here; a lenient pass finds it first so the message can name it.
 */
function parse(argv: string[]) {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, tokens: true });
  const unknown = tokens.find((token) => token.kind === 'option' && !(token.name in OPTIONS));
  if (unknown?.kind === 'option') {
    throw new UsageError(`unknown option "${unknown.rawName}" (${SEE_HELP})`);
  }
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's parse errors (a missing value, a value given to a flag) are usage errors too.
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (${SEE_HELP})`);
  }
}

/** Diagnostics to stderr with `--verbose`, else nowhere; `console.error` is left alone. */
function routeDiagnostics(verbose: boolean): void {
  const diagnostic = verbose ? console.error.bind(console) : (): void => undefined;
  console.debug = diagnostic;
  console.log = diagnostic;
  console.info = diagnostic;
  console.warn = diagnostic;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  routeDiagnostics(values.verbose);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
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
    resourcesDir:
      values['resources-dir'] === undefined ? undefined : resolve(values['resources-dir']),
    json: values.json,
    count: values.count,
    sameClient: values['same-client'],
    pack: values.pack,
    name: values.name,
    staffId: values['staff-id'],
    useRecoveryKey: values['recovery-key'],
    format: values.format,
    out: values.out,
    from: values.from,
    to: values.to,
    anchors: values.anchor ?? [],
    onlyNew: values.new,
    encrypt: values.encrypt,
    rejected: values.rejected,
    limit: values.limit,
    rotate: values.rotate,
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`kiosk: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 64 : 1);
});
