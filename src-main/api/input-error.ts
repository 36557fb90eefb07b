/**
 * The message of an `INVALID_INPUT` answer to input the contract refuses: what is wrong and
 * where, bounded, so that a caller sending 80,000 unknown keys gets a short error naming a few
 * of them and how many there were, not the keys echoed back (a 948 KB answer).
 */
import type { z } from 'zod';

/** Issues named one by one; the rest are counted. */
const MAX_ISSUES = 5;
/** Unknown keys named in one issue; the rest are counted. */
const MAX_KEYS = 5;
/** Any one text taken from the input (a key, a path): longer is cut, marked with "…". */
const MAX_TEXT = 60;

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = cut(issue.path.map(String).join('.')) || 'input';
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.slice(0, MAX_KEYS).map((key) => `"${cut(key)}"`);
    const more = issue.keys.length - named.length;
    return `${where}: unknown key${issue.keys.length === 1 ? '' : 's'} ${named.join(', ')}${more > 0 ? ` and ${String(more)} more` : ''}`;
  }
  return `${where}: ${cut(issue.message)}`;
}

export function invalidInputMessage(channel: string, issues: readonly z.core.$ZodIssue[]): string {
  const named = issues.slice(0, MAX_ISSUES).map(describeIssue);
  const more = issues.length - named.length;
  return `Invalid input for ${channel}: ${named.join('; ')}${more > 0 ? `; and ${String(more)} more problems` : ''}`;
}
