/**
 * `npm run kiosk -- <command> --data-dir <dir>`: headless staff commands.
 *
 *   init                 create a new vault (passphrase from KIOSK_PASSPHRASE or a prompt)
 *   status [--json]      submissions, schema version, content pack in use
 *   seed-demo --count N  add N synthetic, clearly fake submissions (demos, benchmarks)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPassphrase } from './cli/read-passphrase';
import { seedDemo } from './cli/seed-demo';
import type { KioskStatus, Result } from './contract';
import { openKioskApp, type KioskApp } from './kiosk-app';
import { initVault } from './vault';

// Diagnostics from the modules go to stderr, so stdout carries only each command's answer
// (a script can parse `status --json`).
console.info = console.error.bind(console);

const USAGE = `usage: npm run kiosk -- <init|status|seed-demo> --data-dir <dir> [--json] [--count N]`;

class UsageError extends Error {}

async function openUnlocked(dataDir: string): Promise<KioskApp> {
  const app = openKioskApp({ dataDir });
  if (app.gate.state() === 'needs-setup') {
    app.close();
    throw new UsageError(
      `no vault in ${dataDir}: create one with "npm run kiosk -- init --data-dir ${dataDir}"`,
    );
  }
  app.gate.unlock(await readPassphrase());
  return app;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      count: { type: 'string' },
    },
    strict: true,
  });
  const [command, ...extra] = positionals;
  if (!command || extra.length > 0) {
    throw new UsageError(USAGE);
  }
  if (!values['data-dir']) {
    throw new UsageError(`${command}: --data-dir <dir> is required\n${USAGE}`);
  }
  const dataDir = resolve(values['data-dir']);

  switch (command) {
    case 'init': {
      const vault = initVault(dataDir, {
        passphrase: await readPassphrase('New staff passphrase: '),
      });
      console.log(`init: created an encrypted vault in ${dataDir} (kiosk ${vault.kioskId})`);
      vault.close();
      return;
    }
    case 'status': {
      const app = await openUnlocked(dataDir);
      try {
        const result = (await app.invoke('kiosk.status', {})) as Result<KioskStatus>;
        if (!result.ok) {
          throw new Error(`status: ${result.error.message}`);
        }
        const status = result.value;
        if (values.json) {
          console.log(JSON.stringify(status, null, 2));
        } else {
          console.log(`kiosk:          ${status.kioskId}`);
          console.log(`submissions:    ${status.submissions}`);
          console.log(`schema version: ${status.schemaVersion}`);
          console.log(
            `content pack:   ${status.pack.id} ${status.pack.version} (sha256 ${status.pack.hash})`,
          );
        }
      } finally {
        app.close();
      }
      return;
    }
    case 'seed-demo': {
      const count = Number(values.count);
      if (!Number.isInteger(count) || count < 1) {
        throw new UsageError('seed-demo: --count must be a whole number of at least 1');
      }
      const app = await openUnlocked(dataDir);
      try {
        const ids = await seedDemo(app, count);
        console.log(`seed-demo: added ${ids.length} fake submissions`);
      } finally {
        app.close();
      }
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`kiosk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 64 : 1);
});
