import type { z } from 'zod';

/** The field name used when a problem concerns a whole file rather than one field in it. */
export const WHOLE_FILE = '(file)';

/**
 * A content pack or clinic profile that cannot be used. The message names the file and the
 * field, e.g. `manifest.json: steps[3].options[1].label.en: is required`, so a clinic editing
 * the pack can find the problem without reading code.
 */
export class PackError extends Error {
  readonly file: string;
  readonly field: string;

  /**
   * @param file path of the offending file, relative to the pack folder where there is one
   * @param field path of the field inside it (`steps[3].title.en`), or `WHOLE_FILE`
   * @param reason what is wrong, in words
   * @param others further problems found in the same pass, already formatted, to list after
   */
  constructor(file: string, field: string, reason: string, others: readonly string[] = []) {
    const first = `${file}: ${field}: ${reason}`;
    const rest =
      others.length === 0
        ? ''
        : `\n(and ${others.length} more problem${others.length === 1 ? '' : 's'}:\n  ${others.join('\n  ')})`;
    super(first + rest);
    this.name = 'PackError';
    this.file = file;
    this.field = field;
  }

  /** The same problem with its file named from a folder above the pack (`ketamine-check-in/…`). */
  within(folder: string): PackError {
    const moved = new PackError(`${folder}/${this.file}`, this.field, '');
    moved.message = `${folder}/${this.message}`;
    return moved;
  }
}

/** `['steps', 3, 'label', 'en']` → `steps[3].label.en`; keys that are not plain names are quoted. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else {
      const key = String(part);
      if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) {
        out += out === '' ? key : `.${key}`;
      } else {
        out += `[${JSON.stringify(key)}]`;
      }
    }
  }
  return out === '' ? '(root)' : out;
}

/** One problem found while validating a file: where it is and what is wrong. */
export interface Problem {
  path: readonly PropertyKey[];
  reason: string;
}

/** Throws a PackError for the first problem, listing the others in its message. */
export function throwProblems(file: string, problems: readonly Problem[]): never {
  const [first, ...others] = problems;
  if (first === undefined) {
    throw new Error('throwProblems: called with no problems');
  }
  throw new PackError(
    file,
    formatFieldPath(first.path),
    first.reason,
    others.map((p) => `${formatFieldPath(p.path)}: ${p.reason}`),
  );
}

/** zod's wording for a missing key ("expected string, received undefined") is for programmers. */
export function missingIsRequired(issue: { input?: unknown }): string | undefined {
  return issue.input === undefined ? 'is required' : undefined;
}

/** zod issues as problems; each unknown key is its own problem, at its own path. */
export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue): Problem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], reason: 'is not a known field' }))
      : [{ path: issue.path, reason: issue.message }],
  );
}
