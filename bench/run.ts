/**
 * `npm run bench`: runs each benchmark section in turn and prints its figures. Sections are
 * plain functions so that others can be added beside `vault-bench.ts` without touching the
 * runner's logic. Figures only: nothing here asserts a speed.
 */
import { runVaultBench } from './vault-bench';

interface BenchSection {
  name: string;
  run(): void | Promise<void>;
}

const sections: BenchSection[] = [{ name: 'vault', run: runVaultBench }];

async function main(): Promise<void> {
  for (const section of sections) {
    console.log(`\n== ${section.name} ==`);
    await section.run();
  }
}

main().catch((error: unknown) => {
  console.error('main: a benchmark section failed:', error);
  process.exitCode = 1;
});
