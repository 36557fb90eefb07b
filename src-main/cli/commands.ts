/** The CLI's commands. Argument parsing lives in `src-main/cli/main.ts`. */
import { appendAudit, formatVerifyReport, verifyVault, type NamedAnchor } from '../audit';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { callOrThrow, secretAuditEvents, secretKind } from '../api';
import { openSubmissionPayload } from '../consent';
import type { StorageState } from '../contract';
import { readManifestAnchor, readRecordFingerprint, sealedRecordSha256 } from '../export';
import { openKioskApp, type KioskApp, type KioskAppOptions } from '../kiosk-app';
import {
  DEFAULT_SECRET_DELAY_BASE_MS,
  openVaultWithSecret,
  openVaultWithSecretAsync,
  rekeyVault,
  retryLaterError,
  SecretAttempts,
  vaultExists,
  type RecordKeys,
  type StaffSecret,
  type Vault,
} from '../vault';
import { actorOf } from '../staff';
import { readNewPassphrase, readStaffSecret } from './read-secret';
import { offeredProgrammes, seedDemo } from './seed-demo';

export const USAGE = `usage: npm run kiosk -- <command> --data-dir <dir> [options]

commands (every one but init needs a staff secret):
  init --name <administrator>     create a new vault; its first passphrase comes from
                                  KIOSK_PASSPHRASE; prints the recovery key once
  status [--json]                 submissions, schema version, content pack
  list [--json]                   submissions with client names
  verify [--anchor <manifest.json>]...
                                  audit chain, its head counter, each export's anchor,
                                  database and cipher integrity
  verify-record <file.pdf>        whether a record's PDF matches the record in the vault:
                                  exit 0 match, 2 no match, 3 no such record
  rekey                           rotate the database key
  staff list [--json]             staff members
  staff add --name <name>         add a staff member (passphrase from KIOSK_NEW_PASSPHRASE)
  staff remove --staff-id <id>    remove a staff member
  staff passwd                    change your passphrase (KIOSK_NEW_PASSPHRASE)
  pin set                         set the front-desk PIN (KIOSK_NEW_PIN)
  pin enable                      allow PIN entry again after a lockout
  export --format csv|pdf|fhir --out <dir> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--new]
         [--encrypt] [--json]
                                  write an export into <dir>; days are the clinic's (its
                                  profile's time zone); --new: only submissions not yet
                                  exported; --encrypt: one AES-256 zip (opens in 7-Zip),
                                  its password printed once
  push [--rejected] [--limit <n>] send the records waiting for the clinic's FHIR server
                                  (kiosk.json fhirPush), retrying server errors with
                                  backoff; --rejected: also those the server refused
  push-key [--rotate]             print the kiosk's public key as a JWKS for the FHIR
                                  server's client registration; --rotate: a new key first
  seed-demo --count <n> [--same-client] [--pack <id>]
                                  add clearly fake submissions (--same-client: as visits of
                                  one fake client, scores falling; --pack: of that program)

options:
  --data-dir <dir>                the kiosk's data folder (every command)
  --resources-dir <dir>           the kiosk's resources (kiosk.json with its fhirPush, the
                                  clinic profile, the packs) when not the app's own, e.g. a
                                  staff machine's copy of the kiosk's for a nightly push
  --json                          print the result as JSON (status, list, staff list, export)
  --recovery-key                  authorise with the recovery key instead of a passphrase
  --verbose                       also print the modules' diagnostics on stderr
  -h, --help                      print this help and exit

secrets: KIOSK_PASSPHRASE (or --recovery-key / KIOSK_RECOVERY_KEY), KIOSK_NEW_PASSPHRASE,
KIOSK_NEW_PIN; a secret not in the environment is asked for on the terminal`;

/**
 * A command's result, on stdout. The modules' `console` diagnostics are routed away from
 * stdout by `main.ts`, so this is the only thing a script reads there.
 */
function printResult(text: string): void {
  process.stdout.write(`${text}\n`);
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CommandOptions {
  dataDir: string;
  /** `--resources-dir`: kiosk.json, the clinic profile and the packs (default: the app's own). */
  resourcesDir: string | undefined;
  json: boolean;
  count: string | undefined;
  sameClient: boolean;
  pack: string | undefined;
  name: string | undefined;
  staffId: string | undefined;
  useRecoveryKey: boolean;
  format: string | undefined;
  out: string | undefined;
  from: string | undefined;
  to: string | undefined;
  /** `--anchor`, repeatable: export manifests whose audit anchor verify checks. */
  anchors: string[];
  onlyNew: boolean;
  encrypt: boolean;
  /** `push --rejected`: also retry the records the server refused. */
  rejected: boolean;
  /** `push --limit N`. */
  limit: string | undefined;
  /** `push-key --rotate`. */
  rotate: boolean;
}

/** The data folder, and the resources folder where one was named. */
function kioskPlace(options: CommandOptions): Pick<KioskAppOptions, 'dataDir' | 'resourcesDir'> {
  return {
    dataDir: options.dataDir,
    ...(options.resourcesDir === undefined ? {} : { resourcesDir: options.resourcesDir }),
  };
}

/** Every command but `init` needs a vault: say how to make one rather than fail deeper down. */
function assertVaultHere(dataDir: string): void {
  if (!vaultExists(dataDir)) {
    throw new UsageError(
      `no vault in ${dataDir}: create one with "npm run kiosk -- init --name <administrator> --data-dir ${dataDir}"`,
    );
  }
}

/** Opens the kiosk with a staff secret; `staffArea` also unlocks what shows client data. */
async function withKiosk(
  options: CommandOptions,
  staffArea: boolean,
  work: (app: KioskApp, secret: StaffSecret) => Promise<void>,
  appOptions: Partial<KioskAppOptions> = {},
): Promise<void> {
  // Only the running kiosk pushes its health; a command's snapshot would be a second reporter.
  const app = openKioskApp({ ...appOptions, ...kioskPlace(options), pushHealth: false });
  try {
    assertVaultHere(options.dataDir);
    const secret = await readStaffSecret(options.useRecoveryKey);
    await callOrThrow(app, 'vault.open', secret);
    if (staffArea) {
      await callOrThrow(app, 'admin.unlock', secret);
    }
    await work(app, secret);
  } finally {
    app.close();
  }
}

/**
 * The vault opened with a staff secret, for the commands that open it themselves (they need the
 * whole vault, not the API): under the same throttle as the kiosk's own unlocks, whose failures
 * it writes to the audit log once open.
 */
async function openVaultForCommand(
  dataDir: string,
  secret: StaffSecret,
): Promise<{ vault: Vault; unlock: RecordKeys }> {
  const attempts = new SecretAttempts(dataDir, {
    now: () => new Date(),
    delayBaseMs: DEFAULT_SECRET_DELAY_BASE_MS,
  });
  const result = await attempts.attempt(() => openVaultWithSecretAsync(dataDir, secret));
  switch (result.outcome) {
    case 'refused':
      throw retryLaterError(result.retryAfterMs);
    case 'wrong':
      // The vault is locked: the failure is counted in the throttle's file, whose totals the
      // next right secret writes to the log.
      throw result.error;
    case 'right':
      for (const event of secretAuditEvents(
        { purpose: 'cli', via: secretKind(secret) },
        result.notes,
      )) {
        appendAudit(result.value.vault, event);
      }
      return result.value;
    default:
      return result satisfies never;
  }
}

function print(options: CommandOptions, value: unknown, lines: () => string[]): void {
  printResult(options.json ? JSON.stringify(value, null, 2) : lines().join('\n'));
}

async function init(options: CommandOptions): Promise<void> {
  if (!options.name) {
    throw new UsageError('init: --name <administrator> is required (the first staff member)');
  }
  const app = openKioskApp({ ...kioskPlace(options), pushHealth: false });
  try {
    const { passphrase, confirm } = await readNewPassphrase('KIOSK_PASSPHRASE');
    const created = await callOrThrow(app, 'vault.create', {
      name: options.name,
      passphrase,
      confirm,
    });
    printResult(
      `init: created an encrypted vault in ${options.dataDir} (kiosk ${created.kioskId})`,
    );
    printResult('');
    printResult(`recovery key: ${created.recoveryKey}`);
    printResult('');
    printResult('Write the recovery key down now and keep it away from the kiosk. It is the only');
    printResult(
      'way back in if every staff passphrase is lost. It is not stored and cannot be shown again.',
    );
  } finally {
    app.close();
  }
}

async function status(options: CommandOptions): Promise<void> {
  await withKiosk(options, false, async (app) => {
    const value = await callOrThrow(app, 'app.status', {});
    print(options, value, () => [
      `kiosk:          ${value.kioskId} (${value.health.kiosk.name})`,
      `app version:    ${value.health.appVersion}`,
      `submissions:    ${value.submissions}, last ${value.health.lastSubmissionAt ?? 'never'}`,
      `waiting:        ${value.health.submissions.notExported} not exported, ${value.health.notPushed.total} not pushed`,
      `open alerts:    ${value.health.openAlerts}`,
      `vault:          integrity ${value.health.vault.integrity} (checked ${value.health.vault.checkedAt})`,
      `schema version: ${value.schemaVersion}`,
      `storage:        ${storageLine(value.storage)}`,
      ...value.packs.map(
        (pack) => `content pack:   ${pack.id} ${pack.version} (sha256 ${pack.hash})`,
      ),
    ]);
  });
}

/** "low: 1.2 MiB free, 8.0 MiB needed (no new clients)" or "ok: 3.4 GiB free". */
function storageLine(storage: StorageState): string {
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const free = storage.freeBytes === null ? 'free space unknown' : `${mib(storage.freeBytes)} free`;
  const reserve = storage.reserveHeld ? '' : ', storage reserve not held';
  return storage.low
    ? `low: ${free}, ${mib(storage.neededBytes)} needed (no new clients)${reserve}`
    : `ok: ${free}${reserve}`;
}

async function list(options: CommandOptions): Promise<void> {
  await withKiosk(options, true, async (app) => {
    const rows = await callOrThrow(app, 'submissions.list', {});
    print(options, rows, () =>
      rows.length === 0
        ? ['no submissions']
        : rows.map(
            (row) =>
              `${row.submittedAt}  ${row.submissionId}  ${row.fullName} (born ${row.dateOfBirth})  ${row.pack.id} ${row.pack.version}`,
          ),
    );
  });
}

async function verify(options: CommandOptions): Promise<void> {
  assertVaultHere(options.dataDir);
  const { vault, unlock } = await openVaultForCommand(
    options.dataDir,
    await readStaffSecret(options.useRecoveryKey),
  );
  try {
    const report = verifyVault(vault, anchorsFrom(options.anchors, vault.kioskId));
    printResult(formatVerifyReport(report));
    if (!report.ok) {
      throw new Error('verify: the vault failed a check (see the report on stdout)');
    }
  } finally {
    unlock.wipe();
    vault.close();
  }
}

/** Each manifest's anchor; one from another kiosk, or not a manifest, stops verify (exit 1). */
function anchorsFrom(files: readonly string[], kioskId: string): NamedAnchor[] {
  return files.map((file) => {
    const read = readManifestAnchor(file);
    if (read.kioskId !== kioskId) {
      throw new Error(
        `verify: ${file} is an export of kiosk ${read.kioskId}, not of this vault's kiosk ${kioskId}`,
      );
    }
    return { source: file, anchor: read.anchor };
  });
}

/** Exit statuses of verify-record besides 0 (match), 1 (could not check) and 64 (usage). */
export const VERIFY_RECORD_NO_MATCH = 2;
export const VERIFY_RECORD_NOT_FOUND = 3;

/**
 * Reads the fingerprint a kiosk PDF carries, finds its record, recomputes the sealed record's
 * SHA-256 and says whether they match. Opening the record is a read of client data: audited.
 */
async function verifyRecord(options: CommandOptions, file: string | undefined): Promise<void> {
  if (!file) {
    throw new UsageError('verify-record: the PDF to check is required (verify-record <file.pdf>)');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`verify-record: ${file} cannot be read (${String(error)})`);
  }
  const fingerprint = readRecordFingerprint(bytes);
  if (fingerprint === undefined) {
    throw new Error(
      `verify-record: ${file} carries no record fingerprint: it is not a record PDF made by this kiosk software, or it was rewritten by another program`,
    );
  }
  assertVaultHere(options.dataDir);
  const { vault, unlock } = await openVaultForCommand(
    options.dataDir,
    await readStaffSecret(options.useRecoveryKey),
  );
  try {
    const { submissionId, recordSha256 } = fingerprint;
    const [row] = vault.listSubmissions({ ids: [submissionId] });
    const result =
      row === undefined
        ? 'not_found'
        : sealedRecordSha256(openSubmissionPayload(row, unlock)) === recordSha256
          ? 'match'
          : 'no_match';
    appendAudit(vault, {
      actor: actorOf(unlock),
      action: 'record_checked',
      details: { submissionId, result },
    });
    switch (result) {
      case 'match':
        printResult(
          `verify-record: match: ${file} was made from record ${submissionId} as it is in the vault (sha256 ${recordSha256})`,
        );
        return;
      case 'no_match':
        printResult(
          `verify-record: NO MATCH: record ${submissionId} is in the vault, but ${file} was not made from it as it is now (the PDF says sha256 ${recordSha256})`,
        );
        process.exitCode = VERIFY_RECORD_NO_MATCH;
        return;
      case 'not_found':
        printResult(
          `verify-record: NO SUCH RECORD: ${file} names record ${submissionId}, which is not in this vault (another kiosk's, or purged)`,
        );
        process.exitCode = VERIFY_RECORD_NOT_FOUND;
        return;
      default:
        return result satisfies never;
    }
  } finally {
    unlock.wipe();
    vault.close();
  }
}

async function rekey(options: CommandOptions): Promise<void> {
  assertVaultHere(options.dataDir);
  const secret = await readStaffSecret(options.useRecoveryKey);
  // Checked under the throttle first; the rekey needs the database to itself.
  const checked = await openVaultForCommand(options.dataDir, secret);
  checked.unlock.wipe();
  checked.vault.close();
  rekeyVault(options.dataDir, secret);
  const { vault, unlock } = openVaultWithSecret(options.dataDir, secret);
  try {
    appendAudit(vault, {
      actor: actorOf(unlock),
      action: 'rekey',
      details: { via: unlock.via, tool: 'cli' },
    });
  } finally {
    unlock.wipe();
    vault.close();
  }
  printResult(
    'rekey: the database key was rotated; staff passphrases and the recovery key still open it',
  );
  printResult(
    'rekey: the kiosk will ask a staff member to unlock it once, to store the new key in its keychain',
  );
}

async function staff(options: CommandOptions, action: string | undefined): Promise<void> {
  switch (action) {
    case 'list':
      await withKiosk(options, true, async (app) => {
        const members = await callOrThrow(app, 'admin.listStaff', {});
        print(options, members, () =>
          members.map((member) => `${member.staffId}  ${member.name}  (added ${member.createdAt})`),
        );
      });
      return;
    case 'add': {
      const { name } = options;
      if (!name) {
        throw new UsageError('staff add: --name <name> is required');
      }
      await withKiosk(options, true, async (app) => {
        const added = await callOrThrow(app, 'admin.addStaff', {
          name,
          ...(await readNewPassphrase('KIOSK_NEW_PASSPHRASE')),
        });
        printResult(`staff add: added ${added.name} (${added.staffId})`);
      });
      return;
    }
    case 'remove': {
      const { staffId } = options;
      if (!staffId) {
        throw new UsageError('staff remove: --staff-id <id> is required (see "staff list")');
      }
      await withKiosk(options, true, async (app) => {
        await callOrThrow(app, 'admin.removeStaff', { staffId });
        printResult(`staff remove: removed ${staffId}`);
      });
      return;
    }
    case 'passwd':
      await withKiosk(options, true, async (app, secret) => {
        if (!('passphrase' in secret)) {
          throw new UsageError(
            'staff passwd: sign in with your own passphrase, not the recovery key',
          );
        }
        await callOrThrow(app, 'admin.changePassphrase', {
          current: secret.passphrase,
          ...(await readNewPassphrase('KIOSK_NEW_PASSPHRASE')),
        });
        printResult('staff passwd: your passphrase was changed');
      });
      return;
    default:
      throw new UsageError(`staff: expected list, add, remove or passwd\n${USAGE}`);
  }
}

async function pin(options: CommandOptions, action: string | undefined): Promise<void> {
  switch (action) {
    case 'set':
      await withKiosk(options, true, async (app) => {
        const newPin = process.env.KIOSK_NEW_PIN;
        if (!newPin) {
          throw new UsageError('pin set: put the new PIN in KIOSK_NEW_PIN');
        }
        await callOrThrow(app, 'admin.setPin', { pin: newPin, confirm: newPin });
        printResult('pin set: the front-desk PIN was set');
      });
      return;
    case 'enable':
      await withKiosk(options, true, async (app) => {
        await callOrThrow(app, 'admin.enablePin', {});
        printResult('pin enable: the front desk may enter the PIN again');
      });
      return;
    default:
      throw new UsageError(`pin: expected set or enable\n${USAGE}`);
  }
}

/** Scripted exports: the same checks as the console; a clear message and exit 1 on any failure. */
async function exportCommand(options: CommandOptions): Promise<void> {
  const { format, out } = options;
  if (format !== 'csv' && format !== 'pdf' && format !== 'fhir') {
    throw new UsageError('export: --format must be csv, pdf or fhir');
  }
  if (!out) {
    throw new UsageError('export: --out <dir> is required');
  }
  const folder = resolve(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`export: the folder ${folder} does not exist`);
  }
  await withKiosk(
    options,
    true,
    async (app) => {
      const result = await callOrThrow(app, 'export.run', {
        format,
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        ...(options.onlyNew ? { onlyNew: true } : {}),
        ...(options.encrypt ? { encrypted: true } : {}),
      });
      print(options, result, () => [
        `export: ${result.count} submissions to ${folder}/${result.folderName}`,
        ...result.files.map((file) => `  ${file}`),
        `manifest sha256: ${result.manifestSha256}`,
        ...(result.password === null
          ? []
          : [
              `password: ${result.password}`,
              'This password is shown only now and is not stored anywhere: write it down.',
            ]),
      ]);
    },
    { chooseExportFolder: () => Promise.resolve(folder) },
  );
}

/** A nightly job's push: exit 1 if any record is still not pushed, so the job's owner hears of it. */
async function pushCommand(options: CommandOptions): Promise<void> {
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new UsageError('push: --limit must be a whole number of at least 1');
  }
  await withKiosk(options, true, async (app) => {
    const result = await callOrThrow(app, 'push.run', {
      ...(options.rejected ? { includeRejected: true } : {}),
      ...(limit === undefined ? {} : { limit }),
    });
    print(options, result, () => [
      `push: ${result.pushed} of ${result.tried} records pushed to ${result.server}` +
        (result.tried === result.pushed
          ? ''
          : ` (${result.retry} to retry, ${result.rejected} refused by the server)`) +
        (result.untried === 0 ? '' : `; ${result.untried} not tried: the server is down`),
      ...result.failures.map(
        (failure) =>
          `  ${failure.submissionId}  ${failure.state}  ${failure.reason}${failure.httpStatus === null ? '' : ` (HTTP ${failure.httpStatus})`}`,
      ),
    ]);
    if (result.failures.length > 0) {
      process.exitCode = 1;
    }
  });
}

async function pushKey(options: CommandOptions): Promise<void> {
  await withKiosk(options, true, async (app) => {
    const { jwks } = await callOrThrow(app, 'push.key', options.rotate ? { rotate: true } : {});
    printResult(JSON.stringify(jwks, null, 2));
  });
}

export async function runCommand(
  command: string,
  rest: string[],
  options: CommandOptions,
): Promise<void> {
  if (rest.length > (['staff', 'pin', 'verify-record'].includes(command) ? 1 : 0)) {
    throw new UsageError(`${command}: unexpected "${rest.join(' ')}"\n${USAGE}`);
  }
  switch (command) {
    case 'init':
      return init(options);
    case 'status':
      return status(options);
    case 'list':
      return list(options);
    case 'verify':
      return verify(options);
    case 'verify-record':
      return verifyRecord(options, rest[0]);
    case 'rekey':
      return rekey(options);
    case 'staff':
      return staff(options, rest[0]);
    case 'pin':
      return pin(options, rest[0]);
    case 'export':
      return exportCommand(options);
    case 'push':
      return pushCommand(options);
    case 'push-key':
      return pushKey(options);
    case 'seed-demo': {
      const count = Number(options.count);
      if (!Number.isInteger(count) || count < 1) {
        throw new UsageError('seed-demo: --count must be a whole number of at least 1');
      }
      await withKiosk(options, false, async (app) => {
        if (options.pack !== undefined && !app.programmes.find(options.pack)) {
          throw new UsageError(`seed-demo: ${offeredProgrammes(app, options.pack)}`);
        }
        const ids = await seedDemo(app, count, {
          sameClient: options.sameClient,
          packId: options.pack,
        });
        printResult(`seed-demo: added ${ids.length} fake submissions`);
      });
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}
