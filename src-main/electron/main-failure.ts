/**
 * What happens when main itself fails: an exception nobody caught, or a promise rejection
 * nobody handled. Node's advice is to log and leave, never to carry on in an unknown state
 * (https://nodejs.org/api/process.html#warning-using-uncaughtexception-correctly), so the
 * failure is written to the log, remembered in `crash-history.json` beside it, and the app
 * restarts. The next start reads that file and audits `app_restarted` (the vault may not have
 * been open to take it before).
 *
 * Restarting cannot help a fault that comes back at once: the fifth failure within two minutes
 * (the renderer's crash-loop limits, counted across restarts through the same file) gives up
 * instead, and the kiosk shows its "out of order" page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { CrashLoopPolicy, DEFAULT_CRASH_LOOP_LIMITS, type CrashLoopLimits } from './crash-loop';

export type FatalKind = 'uncaughtException' | 'unhandledRejection';

/** A main-process failure as remembered across restarts. */
export interface MainCrash {
  /** ISO time of the failure. */
  at: string;
  kind: FatalKind;
  /** The error's class name only (`TypeError`): the message stays in the log file. */
  error: string;
}

interface CrashHistory {
  /** Times (ms since the epoch) of recent failures, for the crash-loop count. */
  recent: number[];
  /** The last failure, while no start has audited it yet. */
  unaudited?: MainCrash;
}

function readHistory(file: string): CrashHistory {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CrashHistory>;
    return {
      recent: Array.isArray(parsed.recent)
        ? parsed.recent.filter((t): t is number => typeof t === 'number')
        : [],
      ...(parsed.unaudited ? { unaudited: parsed.unaudited } : {}),
    };
  } catch {
    // Missing (no failure yet) or unreadable (a failure while writing it): start afresh.
    return { recent: [] };
  }
}

function writeHistory(file: string, history: CrashHistory): void {
  writeFileSync(file, JSON.stringify(history), { mode: 0o600 });
}

/**
 * The failure the previous run died of, if no start has audited it yet; marks it audited.
 * The crash times stay, so a loop of quick failures is still counted.
 */
export function takeUnauditedCrash(historyFile: string): MainCrash | undefined {
  const history = readHistory(historyFile);
  if (!history.unaudited) {
    return undefined;
  }
  try {
    writeHistory(historyFile, { recent: history.recent });
  } catch (error) {
    console.warn(`takeUnauditedCrash: could not update ${historyFile}: ${String(error)}`);
  }
  return history.unaudited;
}

export interface FatalHandlerOptions {
  /** `<dataDir>/logs/crash-history.json`. */
  historyFile: string;
  /** Relaunches the app and exits; must not return normally. */
  restart: () => void;
  /** A crash loop: stop restarting, show the "out of order" page. */
  giveUp: () => void;
  now?: () => Date;
  limits?: CrashLoopLimits;
  /** Keeps the failure for the health snapshot too (health/crash-record.ts); never throws. */
  recordCrash?: (crash: MainCrash) => void;
  /** `process`, or a stand-in in tests. */
  processLike?: Pick<NodeJS.Process, 'on' | 'off'>;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Installs the `uncaughtException` and `unhandledRejection` handlers; returns their removal. */
export function installFatalHandlers(options: FatalHandlerOptions): () => void {
  const target = options.processLike ?? process;
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? DEFAULT_CRASH_LOOP_LIMITS;
  let gaveUp = false;

  function fail(kind: FatalKind, error: unknown): void {
    // `console.error` is routed to the log file, synchronously (rotating-log.ts).
    console.error(`installFatalHandlers: ${kind}: ${inspect(error)}`);
    if (gaveUp) {
      return;
    }
    const at = now();
    options.recordCrash?.({ at: at.toISOString(), kind, error: errorName(error) });
    let verdict: ReturnType<CrashLoopPolicy['record']> = 'reload';
    try {
      const history = readHistory(options.historyFile);
      const policy = new CrashLoopPolicy(limits);
      const recent = [...history.recent, at.getTime()].filter(
        (t) => at.getTime() - t < limits.windowMs,
      );
      for (const t of recent) {
        verdict = policy.record(t);
      }
      writeHistory(options.historyFile, {
        recent,
        unaudited: { at: at.toISOString(), kind, error: errorName(error) },
      });
    } catch (writeError) {
      // Restart even if the disk refuses: a kiosk that restarts unaudited beats a dead one.
      console.error(`installFatalHandlers: could not record the failure: ${String(writeError)}`);
    }
    if (verdict === 'reload') {
      options.restart();
      return;
    }
    gaveUp = true;
    console.error(
      `installFatalHandlers: ${String(limits.crashes)} failures within ${String(limits.windowMs / 1000)} s; not restarting again.`,
    );
    options.giveUp();
  }

  const onException = (error: Error): void => {
    fail('uncaughtException', error);
  };
  const onRejection = (reason: unknown): void => {
    fail('unhandledRejection', reason);
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
