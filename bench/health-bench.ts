/**
 * What the health push costs and how many kiosks one Pushgateway serves, measured against a real
 * one (Debian's `prometheus-pushgateway`, started here as the tests start it):
 * - the snapshot's build time on a kiosk with stored records (quick_check cached, as every
 *   minute sees it) and the bytes of one push;
 * - push latency p50/p99, one kiosk pushing in turn;
 * - many kiosks at once: distinct kiosk ids pushing concurrently, the pushes a second the
 *   Pushgateway takes, and the size and time of one Prometheus scrape of all their groups.
 * Figures only: nothing here asserts a speed.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callOrThrow } from '../src-main/api';
import { seedDemo } from '../src-main/cli/seed-demo';
import type { KioskHealth } from '../src-main/contract';
import { putHealth } from '../src-main/health';
import { openKioskApp } from '../src-main/kiosk-app';
import { ensureSodium } from '../src-main/vault';
import { gatewayOrSay, startPushgateway } from '../test/support/pushgateway';
import { FAST_KDF, PASSPHRASE } from '../test/support/secrets';
import { percentile } from './vault-bench';

const STORED_RECORDS = 200;
const SNAPSHOTS = 200;
const SEQUENTIAL_PUSHES = 300;
const FLEET = 1000;
const CONCURRENCY = 50;
/** Longer than the kiosk's 5 s: here a slow push is a figure, not a failure. */
const FLEET_TIMEOUT_MS = 30_000;

export async function runHealthBench(): Promise<void> {
  await ensureSodium();
  const gateway = gatewayOrSay(await startPushgateway());
  if (!gateway) {
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-health-bench-'));
  const app = openKioskApp({ dataDir: path.join(root, 'data'), kdf: FAST_KDF, pushHealth: false });
  try {
    await callOrThrow(app, 'vault.create', {
      name: 'Benchmark',
      passphrase: PASSPHRASE,
      confirm: PASSPHRASE,
    });
    await seedDemo(app, STORED_RECORDS);
    const health = benchSnapshot(() => app.healthSnapshot());
    await benchSequentialPushes(gateway.url, health, 'one push, the only group');
    await benchFleet(gateway.url, health, () => gateway.text());
    await benchSequentialPushes(
      gateway.url,
      health,
      `one push, beside ${String(FLEET)} other groups`,
    );
  } finally {
    app.close();
    await gateway.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function benchSnapshot(snapshot: () => KioskHealth | undefined): KioskHealth {
  const times: number[] = [];
  let last: KioskHealth | undefined;
  for (let i = 0; i < SNAPSHOTS; i++) {
    const start = performance.now();
    last = snapshot();
    times.push(performance.now() - start);
  }
  if (!last) {
    throw new Error('benchSnapshot: the vault is not open');
  }
  times.sort((a, b) => a - b);
  console.log(
    `  snapshot with ${String(STORED_RECORDS)} stored records: p50 ${ms(percentile(times, 0.5))}, p99 ${ms(percentile(times, 0.99))} (quick_check cached; the first build ran it: ${ms(times[times.length - 1] ?? 0)} max)`,
  );
  return last;
}

/** One kiosk pushing in turn: the Pushgateway checks each push against every group it holds. */
async function benchSequentialPushes(
  url: string,
  health: KioskHealth,
  what: string,
): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SEQUENTIAL_PUSHES; i++) {
    const start = performance.now();
    bytes = await putHealth(url, health, AbortSignal.timeout(5000));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${what}: ${String(bytes)} bytes (${String(health.packs.length)} packs); latency p50 ${ms(percentile(times, 0.5))}, p99 ${ms(percentile(times, 0.99))} over ${String(SEQUENTIAL_PUSHES)} pushes`,
  );
}

async function benchFleet(
  url: string,
  health: KioskHealth,
  scrape: () => Promise<string>,
): Promise<void> {
  const kiosks = Array.from({ length: FLEET }, (_, i) => ({
    ...health,
    kiosk: { id: randomUUID(), name: `Kiosk ${String(i + 1)}` },
  }));
  const times: number[] = [];
  const failures = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let kiosk = kiosks[next++]; kiosk; kiosk = kiosks[next++]) {
      const start = performance.now();
      try {
        await putHealth(url, kiosk, AbortSignal.timeout(FLEET_TIMEOUT_MS));
        times.push(performance.now() - start);
      } catch (error) {
        const reason = error instanceof Error ? error.name : String(error);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const perSecond = times.length / seconds;
  if (failures.size > 0) {
    console.log(
      `  failed pushes (${String(FLEET_TIMEOUT_MS / 1000)} s limit): ${[...failures].map(([reason, n]) => `${reason} ×${String(n)}`).join(', ')}`,
    );
  }
  console.log(
    `  ${String(FLEET)} kiosks, ${String(CONCURRENCY)} at once: ${perSecond.toFixed(0)} pushes/s, latency p50 ${ms(percentile(times, 0.5))}, p99 ${ms(percentile(times, 0.99))}`,
  );
  console.log(
    `  at one push a minute each, that rate would serve about ${Math.floor(perSecond * 60).toLocaleString('en')} kiosks (the push load alone, on this machine)`,
  );
  const scrapeStart = performance.now();
  const text = await scrape();
  const scrapeMs = performance.now() - scrapeStart;
  const groups = text.split('\n').filter((line) => line.startsWith('push_time_seconds{')).length;
  console.log(
    `  one scrape of all ${String(groups)} groups: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB in ${ms(scrapeMs)}`,
  );
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
