/**
 * Owns which submissions a list, an export or a count is about, turned into SQL from a fixed set of
 * fragments (never from the values) with every value bound.
 */

export interface SubmissionFilter {
  /** First calendar day (UTC), `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last calendar day (UTC), `YYYY-MM-DD`, inclusive. */
  to?: string;
  /** Only these submission ids; an empty list selects nothing. */
  ids?: readonly string[];
}

export interface FilterSql {
  /** `WHERE …` or '' (fragments are fixed text; only the parameters carry values). */
  where: string;
  params: Record<string, string>;
  /** Which fragments are in use, e.g. `from,ids`: a key for caching prepared statements. */
  key: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `submitted_at` is always written by `Date.prototype.toISOString` (`2025-01-02T03:04:05.000Z`,
 * UTC), so a calendar day `d` is the half-open string range [d, d + 1 day): it sorts that way
 * and lets SQLite use the `submitted_at` index, where `substr(submitted_at, 1, 10)` could not.
 */
export function filterSql(filter: SubmissionFilter = {}): FilterSql {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const parts: string[] = [];
  if (filter.from !== undefined) {
    clauses.push('submitted_at >= @from');
    params.from = checkedDate(filter.from);
    parts.push('from');
  }
  if (filter.to !== undefined) {
    clauses.push('submitted_at < @toExclusive');
    params.toExclusive = nextDay(checkedDate(filter.to));
    parts.push('to');
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

/** `YYYY-MM-DD` of a real calendar date, or a RangeError. */
export function checkedDate(value: string): string {
  const match = DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    ) {
      return value;
    }
  }
  throw new RangeError(`checkedDate: "${value}" is not a calendar date YYYY-MM-DD`);
}

/** The calendar day after `date` (`YYYY-MM-DD`, already checked). */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
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
