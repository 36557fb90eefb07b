/**
 * `npm run bench`: runs each benchmark section in turn and prints its figures. Sections are
 * plain functions so that others can be added beside `vault-bench.ts` without touching the
 * runner's logic. Figures only: nothing here asserts a speed.
 *
 * `npm run bench -- export` runs only the sections named.
 */
import { readFileSync } from 'node:fs';
import { printTable } from './bench-table';
import { runBundleBench } from './bundle';
import { runCipherBench } from './cipher-bench';
import { runExportBench } from './export-bench';
import { runHeapBench } from './heap-bench';
import { runPushBench } from './push-bench';
import { runHealthBench } from './health-bench';
import { runSealBench } from './seal-bench';
import { runSecretBench } from './secret-bench';
import { runVaultBench } from './vault-bench';

interface BenchSection {
  name: string;
  run(): void | Promise<void>;
}

const sections: BenchSection[] = [
  { name: 'vault', run: runVaultBench },
  { name: 'cipher', run: runCipherBench },
  { name: 'export', run: runExportBench },
  { name: 'secrets', run: runSecretBench },
  { name: 'seal', run: runSealBench },
  { name: 'bundle', run: runBundleBench },
  { name: 'heap', run: runHeapBench },
  { name: 'push', run: runPushBench },
  { name: 'health', run: runHealthBench },
];

async function main(): Promise<void> {
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !sections.some((section) => section.name === name));
  if (unknown.length > 0) {
    throw new Error(`main: no benchmark section ${unknown.join(', ')}`);
  }
  for (const section of sections) {
    if (named.length > 0 && !named.includes(section.name)) {
      continue;
    }
    console.log(`\n== ${section.name} ==`);
    await section.run();
  }
  printTable(readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '));
}

main().catch((error: unknown) => {
  console.error('main: a benchmark section failed:', error);
  process.exitCode = 1;
});
