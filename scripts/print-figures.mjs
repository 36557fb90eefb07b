/**
 * Prints the figures the reliability checks wrote (test/support/figures.ts), one line each:
 * `  api fuzzer: calls 2000, internal 0, …`. Nothing when no check wrote any.
 */
import { existsSync, readFileSync } from 'node:fs';

/** The lines to print for a figures file's text. */
export function figureLines(text) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { check, figures } = JSON.parse(line);
      const parts = Object.entries(figures).map(([name, value]) => `${name} ${String(value)}`);
      return `  ${check}: ${parts.join(', ')}`;
    });
}

export function printFigures(file, heading) {
  if (!existsSync(file)) {
    return;
  }
  const lines = figureLines(readFileSync(file, 'utf8'));
  if (lines.length > 0) {
    console.log(`\n=== ${heading} ===`);
    console.log(lines.join('\n'));
  }
}
