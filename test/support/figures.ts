/**
 * The reliability suite's figures (calls made, rounds killed, records acknowledged and lost…),
 * kept where the CI log shows them: vitest hides what a passing test prints, so each figure is
 * one JSON line in a file that `npm test` and `npm run test:soak` print at their end
 * (scripts/print-figures.mjs). The file is KIOSK_FIGURES_FILE when the runner sets it, else
 * `.cache/test-results/figures.jsonl` at the repository's root.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DEFAULT_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '.cache',
  'test-results',
  'figures.jsonl',
);

export type Figures = Record<string, number | string>;

/** Appends `figures` under `check` (a short name, e.g. "api fuzzer"). */
export function reportFigures(check: string, figures: Figures): void {
  const file = process.env.KIOSK_FIGURES_FILE ?? DEFAULT_FILE;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ check, figures })}\n`);
}
