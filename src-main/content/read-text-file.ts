import { readFileSync, statSync } from 'node:fs';
import { PackError, WHOLE_FILE } from './pack-error';

/** Content files are small; anything bigger is a mistake (a pasted image, a wrong file). */
const MAX_FILE_BYTES = 1024 * 1024;

/** `\r\n` and lone `\r` become `\n`, so a file saved on Windows hashes and renders the same. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Reads a UTF-8 text file for a pack or profile, with line endings normalised and any byte order
 * mark dropped. `file` and `field` name the file and the field that required it in errors.
 */
export function readTextFile(absolutePath: string, file: string, field = WHOLE_FILE): string {
  const stats = statSync(absolutePath, { throwIfNoEntry: false });
  if (stats === undefined) {
    throw new PackError(file, field, 'the file does not exist');
  }
  if (!stats.isFile()) {
    throw new PackError(file, field, 'is not a regular file');
  }
  if (stats.size > MAX_FILE_BYTES) {
    throw new PackError(file, field, `is larger than ${MAX_FILE_BYTES} bytes`);
  }
  const bytes = readFileSync(absolutePath);
  let text: string;
  try {
    // `fatal` rejects invalid UTF-8 instead of silently replacing it; the BOM is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PackError(file, field, 'is not valid UTF-8 text');
  }
  return normaliseLineEndings(text);
}

/** Reads and parses a JSON file; a syntax error names the line and column. */
export function readJsonFile(absolutePath: string, file: string): unknown {
  const text = readTextFile(absolutePath, file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PackError(file, WHOLE_FILE, `is not valid JSON (${describeJsonError(text, detail)})`);
  }
}

/**
 * Node reports most syntax errors `... at position 123` (some with no position at all); people
 * editing a file want a line and column.
 */
function describeJsonError(text: string, detail: string): string {
  const match = /at position (\d+)/.exec(detail);
  if (match?.[1] === undefined) {
    return detail;
  }
  const position = Number(match[1]);
  const before = text.slice(0, position).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${detail}: line ${line}, column ${column}`;
}
