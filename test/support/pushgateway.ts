/**
 * A real Prometheus Pushgateway for the health tests: Debian's `prometheus-pushgateway`, started
 * as a child on a free loopback port with no persistence file (so nothing outlives the test),
 * ready once `/-/ready` answers, stopped after. Where the binary cannot be had, the test prints
 * one line `Pushgateway not available: …` and, under CI (which installs it, `.ci/run`), fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sayUnavailable } from './unavailable';

export const PUSHGATEWAY_BIN = '/usr/bin/prometheus-pushgateway';

export interface RunningPushgateway {
  url: string;
  /** The Pushgateway's own `/metrics`: every pushed group, with `push_time_seconds`. */
  scrape(): Promise<Sample[]>;
  /** The raw exposition text of `/metrics`. */
  text(): Promise<string>;
  stop(): Promise<void>;
}

export type PushgatewaySetup =
  { ok: true; gateway: RunningPushgateway } | { ok: false; reason: string };

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A port nothing listens on now (the kernel's pick, released for the child to take). */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export async function startPushgateway(timeoutMs = 15_000): Promise<PushgatewaySetup> {
  if (!existsSync(PUSHGATEWAY_BIN)) {
    return {
      ok: false,
      reason: `${PUSHGATEWAY_BIN} is not installed (apt-get install prometheus-pushgateway)`,
    };
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  // Debian's build persists to /var/lib/prometheus/pushgateway.data unless told otherwise: an
  // empty name keeps every group in memory only, so no run sees another's kiosks.
  const args = [`--web.listen-address=127.0.0.1:${String(port)}`, '--persistence.file='];
  const child = spawn(PUSHGATEWAY_BIN, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    log = (log + chunk).slice(-2000);
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      return { ok: false, reason: `it exited with ${String(child.exitCode)}: ${log.trim()}` };
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) {
        return { ok: true, gateway: running(url, child) };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  await stopChild(child);
  return { ok: false, reason: `not ready on ${url} within ${String(timeoutMs)} ms: ${log.trim()}` };
}

function running(url: string, child: ChildProcess): RunningPushgateway {
  const text = async (): Promise<string> => {
    const response = await fetch(`${url}/metrics`);
    return await response.text();
  };
  return {
    url,
    text,
    scrape: async () => parseSamples(await text()),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
}

/** The gateway, or the one line a test prints when there is none; under CI that fails. */
export function gatewayOrSay(setup: PushgatewaySetup): RunningPushgateway | undefined {
  if (setup.ok) {
    return setup.gateway;
  }
  sayUnavailable('Pushgateway', setup.reason);
  return undefined;
}

/**
 * The samples of Prometheus' text format (name, labels, value; comments skipped), to read what
 * arrived. Label values here are ids, versions and hashes: no escaped quotes to undo beyond `\"`.
 */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || line.startsWith('#')) {
      continue;
    }
    const [, name = '', body = '', value = ''] = match;
    const labels: Record<string, string> = {};
    for (const pair of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = (pair[2] ?? '').replace(/\\(.)/g, '$1');
    }
    samples.push({ name, labels, value: Number(value) });
  }
  return samples;
}

/** The one sample of `name` for this kiosk (`instance`), or undefined. */
export function sampleOf(
  samples: readonly Sample[],
  name: string,
  instance: string,
  labels: Record<string, string> = {},
): Sample | undefined {
  return samples.find(
    (sample) =>
      sample.name === name &&
      sample.labels.instance === instance &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/**
 * The README's stale-kiosk rule, `time() - push_time_seconds{job="clinic_kiosk"} > threshold`,
 * evaluated on scraped samples at `nowSeconds`: the instances it fires for.
 */
export function staleInstances(
  samples: readonly Sample[],
  nowSeconds: number,
  thresholdSeconds: number,
): string[] {
  return samples
    .filter(
      (sample) =>
        sample.name === 'push_time_seconds' &&
        sample.labels.job === 'clinic_kiosk' &&
        nowSeconds - sample.value > thresholdSeconds,
    )
    .map((sample) => sample.labels.instance ?? '');
}

/** Polls `check` until it returns a value or the time runs out (then the last error). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`eventually: nothing within ${String(timeoutMs)} ms`);
    }
    await sleep(50);
  }
}
