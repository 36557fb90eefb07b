/**
 * `npm run test:electron`: the Playwright `_electron` suite, when this machine has an Electron
 * binary. It never downloads one (that is `npm start`'s job): with no binary it says so in one
 * line and exits 0, so `npm test` stays green on machines that cannot reach GitHub, and its
 * summary lists the suite as "not run" (it passes KIOSK_NOT_RUN_MARKER for that), never "ok".
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  REPO_ROOT,
  StepFailure,
  buildApp,
  electronEnv,
  ensureSqliteForElectron,
  locateElectronBinary,
} from '../../scripts/start-electron.mjs';

function run() {
  const electron = locateElectronBinary();
  if (!electron.found) {
    const where = electron.override
      ? `at ${electron.path} (ELECTRON_OVERRIDE_DIST_PATH)`
      : 'in node_modules/electron/dist (it is downloaded from GitHub on first run, which this machine cannot reach)';
    console.info(`electron suite: not run — no Electron binary ${where}`);
    // `npm test` names a file here so its summary says "not run", never "ok", for this suite.
    if (process.env.KIOSK_NOT_RUN_MARKER) {
      writeFileSync(process.env.KIOSK_NOT_RUN_MARKER, `no Electron binary ${where}\n`);
    }
    return Promise.resolve(0);
  }
  return ensureSqliteForElectron(electron.version).then((sqliteBinding) => {
    buildApp();
    const result = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'cli.js'),
        'test',
        '--config',
        relative(REPO_ROOT, join(import.meta.dirname, 'playwright.config.ts')),
        ...process.argv.slice(2),
      ],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
        env: { ...electronEnv(process.env, sqliteBinding), KIOSK_ELECTRON_BINARY: electron.path },
      },
    );
    if (result.error) {
      throw new StepFailure(`Playwright could not be started (${result.error.message}).`);
    }
    return result.status ?? 1;
  });
}

run().then(
  (code) => {
    process.exit(code);
  },
  (error) => {
    if (error instanceof StepFailure) {
      console.error(`electron suite: ${error.message}`);
    } else {
      console.error(`electron suite: unexpected failure: ${error?.stack ?? String(error)}`);
    }
    process.exit(1);
  },
);
