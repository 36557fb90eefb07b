/**
 * What a push costs: 1,000 waiting sealed submissions (the export bench's seed), pushed by the
 * staff run `kiosk push` calls (PushService.run: open, PDF, transaction Bundle, record the
 * outcome) to the test FHIR server (Medplum's router over its in-memory repository, on
 * 127.0.0.1, behind the SMART token endpoint). Figures: records per second for the run, and
 * the latency of each record's HTTP push (token cached, Bundle with the PDF, the server's
 * conditional creates), p50 and p99, with the Bundle's size.
 *
 * The in-memory repository scans every stored resource of a type for each conditional create,
 * so its cost grows with what it holds: the last records are slower than the first. A real
 * server answers `identifier` from an index. KIOSK_BENCH_PUSH_COUNT sets another count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFhirServer } from '../test/support/fhir-server';
import { PASSPHRASE } from '../test/support/secrets';
import { CLINIC } from '../src-main/export/sample-records';
import {
  createPushService,
  createRecordPusher,
  ensurePushKey,
  pushJwks,
  type RecordPusher,
} from '../src-main/push';
import { ensureSodium, openVaultWithSecret } from '../src-main/vault';
import { seed } from './export-bench';

const DEFAULT_COUNT = 1000;
const CLIENT_ID = 'bench-kiosk';

export async function runPushBench(): Promise<void> {
  await ensureSodium();
  const count = Number(process.env.KIOSK_BENCH_PUSH_COUNT ?? DEFAULT_COUNT);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-push-bench-'));
  const server = await startFhirServer({ clientId: CLIENT_ID, jwks: { keys: [] } });
  try {
    const dataDir = path.join(root, 'data');
    seed(dataDir, count);
    const { vault, unlock } = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
    try {
      const key = ensurePushKey(vault);
      server.setJwks(pushJwks(key));
      const inner = createRecordPusher({
        config: {
          baseUrl: server.baseUrl,
          tokenUrl: server.tokenUrl,
          clientId: CLIENT_ID,
          scope: 'system/*.write',
          timeoutSeconds: 60,
        },
        clinic: CLINIC,
        key: () => key,
        now: () => new Date(),
      });
      const latencies: number[] = [];
      const pusher: RecordPusher = {
        server: inner.server,
        async push(record, pdf) {
          const start = performance.now();
          const outcome = await inner.push(record, pdf);
          latencies.push(performance.now() - start);
          if (latencies.length % 100 === 0) {
            console.log(`push: ${String(latencies.length)} records sent…`);
          }
          return outcome;
        },
        close: () => inner.close(),
      };
      const service = createPushService({
        pusher,
        openVault: () => vault,
        audit: () => undefined,
        now: () => new Date(),
        clinic: CLINIC,
        readingWordsPerMinute: 240,
        retryDelaysMs: [],
      });
      const start = performance.now();
      const result = await service.run(unlock, {}, 'bench');
      const seconds = (performance.now() - start) / 1000;
      await service.close();
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number): number =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      const bundleBytes = server.bundles.map((bundle) => Buffer.byteLength(JSON.stringify(bundle)));
      const counts = await server.counts();
      console.log(
        `push: ${result.pushed} of ${result.tried} records pushed (${result.retry} retry, ${result.rejected} rejected)`,
      );
      console.log(
        `push: ${(result.tried / seconds).toFixed(1)} records/s for the run (${seconds.toFixed(1)} s, PDF drawn per record)`,
      );
      console.log(
        `push: latency per record p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms (first ${sorted.length > 0 ? latencies[0]?.toFixed(1) : '-'} ms, last ${latencies.at(-1)?.toFixed(1) ?? '-'} ms)`,
      );
      console.log(
        `push: bundle with the PDF ${Math.round(mean(bundleBytes) / 1024)} KiB on average, ${Math.round(Math.max(...bundleBytes) / 1024)} KiB at most`,
      );
      console.log(
        `push: server holds ${JSON.stringify(counts)}; tokens issued ${server.tokensIssued}`,
      );
    } finally {
      unlock.wipe();
      vault.close();
    }
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}
