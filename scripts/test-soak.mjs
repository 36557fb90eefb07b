#!/usr/bin/env node
// `npm run test:soak`: the long runs (vitest.soak.config.ts), then the unit suite on the current
// Node LTS (test-unit-lts.mjs); each runs to the end even when the other failed, then the
// figures the checks wrote (test/support/figures.ts) and one line per part.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { printFigures } from './print-figures.mjs';

const results = join(import.meta.dirname, '..', '.cache', 'soak-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const figures = join(results, 'figures.jsonl');
const env = { ...process.env, KIOSK_FIGURES_FILE: figures };

const parts = [
  { name: 'soak', command: 'npx', args: ['vitest', 'run', '--config', 'vitest.soak.config.ts'] },
  { name: 'unit on Node LTS', command: 'node', args: ['scripts/test-unit-lts.mjs'] },
];
const outcomes = parts.map((part) => {
  console.log(`\n=== npm run test:soak: ${part.name} ===`);
  const run = spawnSync(part.command, part.args, { stdio: 'inherit', env });
  return { name: part.name, ok: run.status === 0 };
});
printFigures(figures, 'npm run test:soak: figures');
console.log('\n=== npm run test:soak: summary ===');
for (const outcome of outcomes) {
  console.log(`  ${outcome.ok ? 'ok    ' : 'FAILED'} ${outcome.name}`);
}
process.exit(outcomes.every((outcome) => outcome.ok) ? 0 : 1);
