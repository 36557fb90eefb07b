/**
 * Owns which submissions a list, an export or a count is about, turned into SQL from a fixed set of
 * fragments (never from the values) with every value bound.
 */

export interface SubmissionFilter {
  /**
   * Submitted at or after this instant (a UTC ISO string as `toISOString` writes it). A day
   * range in the clinic's time zone becomes a pair of instants in `src-shared/clinic-time.ts`.
   */
  since?: string;
  /** Submitted before this instant, exclusive. */
  before?: string;
  /** Only submissions never exported (no row in `submission_exports`). */
  notExported?: boolean;
  /** Only these submission ids; an empty list selects nothing. */
  ids?: readonly string[];
}

export interface FilterSql {
  /** `WHERE …` or '' (fragments are fixed text; only the parameters carry values). */
  where: string;
  params: Record<string, string>;
  /** Which fragments are in use, e.g. `since,ids`: a key for caching prepared statements. */
  key: string;
}

/**
 * `submitted_at` is always written by `Date.prototype.toISOString` (`2025-01-02T03:04:05.000Z`,
 * UTC), so instants in the same form compare as strings: a range is the half-open string range
 * [since, before), which lets SQLite use the `submitted_at` index.
 */
export function filterSql(filter: SubmissionFilter = {}): FilterSql {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const parts: string[] = [];
  if (filter.since !== undefined) {
    clauses.push('submitted_at >= @since');
    params.since = checkedInstant(filter.since);
    parts.push('since');
  }
  if (filter.before !== undefined) {
    clauses.push('submitted_at < @before');
    params.before = checkedInstant(filter.before);
    parts.push('before');
  }
  if (filter.notExported === true) {
    clauses.push(NOT_EXPORTED);
    parts.push('notExported');
  }
  if (filter.ids !== undefined) {
    // One bound JSON array instead of a variable number of `?`: any count, one statement.
    clauses.push('id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(checkedIds(filter.ids));
    parts.push('ids');
  }
  return {
    where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`,
    params,
    key: parts.join(','),
  };
}

/** A submission no export has included yet: it has no row in the narrow `submission_exports`. */
export const NOT_EXPORTED =
  'NOT EXISTS (SELECT 1 FROM submission_exports WHERE submission_id = submissions.id)';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A UTC instant as `toISOString` writes it, or a RangeError. */
export function checkedInstant(value: string): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new RangeError(
      `checkedInstant: "${value}" is not a UTC instant as toISOString writes it`,
    );
  }
  return value;
}

function checkedIds(ids: readonly unknown[]): string[] {
  const checked: string[] = [];
  for (const id of ids) {
    if (typeof id !== 'string') {
      throw new TypeError('checkedIds: ids must be a list of strings');
    }
    checked.push(id);
  }
  return checked;
}
