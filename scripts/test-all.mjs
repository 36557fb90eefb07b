#!/usr/bin/env node
// `npm test`: every check, in order, each to the end even when an earlier one failed, then one
// summary. The closing line counts the tests that ran (unit + end to end + Electron), not stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { printFigures } from './print-figures.mjs';
import { testSummary } from './test-summary.mjs';

const results = join(import.meta.dirname, '..', '.cache', 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
// The reliability checks' figures (test/support/figures.ts), printed before the summary.
const figures = join(results, 'figures.jsonl');

const stages = [
  { name: 'lint', args: ['run', 'lint'] },
  { name: 'typecheck', args: ['run', 'typecheck'] },
  // Builds the app and runs Electronegativity over it; fails on any HIGH finding.
  { name: 'security', args: ['run', 'security', '--silent'] },
  {
    name: 'unit',
    args: [
      'run',
      'test:unit',
      '--',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(results, 'unit.json')}`,
    ],
  },
  {
    name: 'e2e',
    args: ['run', 'test:e2e', '--', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'e2e.json') },
  },
  {
    name: 'electron',
    args: ['run', 'test:electron'],
    env: {
      PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'electron.json'),
      KIOSK_NOT_RUN_MARKER: join(results, 'electron.not-run'),
    },
  },
];

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Counts from a vitest JSON report. */
function vitestCounts(report) {
  return report
    ? {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      }
    : undefined;
}

/** Counts from a Playwright JSON report (`stats.expected` are passes, `unexpected` failures). */
function playwrightCounts(report) {
  return report
    ? {
        passed: report.stats.expected + report.stats.flaky,
        failed: report.stats.unexpected,
        skipped: report.stats.skipped,
      }
    : undefined;
}

const summary = [];
for (const stage of stages) {
  console.log(`\n=== npm test: ${stage.name} ===`);
  const run = spawnSync('npm', stage.args, {
    stdio: 'inherit',
    env: { ...process.env, KIOSK_FIGURES_FILE: figures, ...stage.env },
  });
  const notRun = stage.env?.KIOSK_NOT_RUN_MARKER;
  summary.push({
    name: stage.name,
    ok: run.status === 0,
    // A suite that could not run here (no Electron binary) is neither passed nor failed.
    notRun: notRun !== undefined && existsSync(notRun) ? readFileSync(notRun, 'utf8').trim() : null,
  });
}

const counts = [
  vitestCounts(readJson(join(results, 'unit.json'))),
  playwrightCounts(readJson(join(results, 'e2e.json'))),
  playwrightCounts(readJson(join(results, 'electron.json'))),
].filter(Boolean);
const total = counts.reduce(
  (sum, c) => ({
    passed: sum.passed + c.passed,
    failed: sum.failed + c.failed,
    skipped: sum.skipped + c.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);

printFigures(figures, 'npm test: figures');
console.log('\n=== npm test: summary ===');
const { lines, exitCode } = testSummary(summary, total);
console.log(lines.join('\n'));
process.exit(exitCode);
