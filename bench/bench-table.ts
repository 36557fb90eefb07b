/**
 * The issue-13 table in one place: each bench section adds the rows it measures (figure today,
 * target, today/target, the reference it is read beside), and `npm run bench` prints them
 * together at the end, so one run shows every target side by side. Figures only: a target
 * missed is printed as missed, never thrown.
 */
export interface TableRow {
  what: string;
  /** The figure measured now, in `unit`. */
  today: number;
  target: number;
  unit: string;
  /** `lower`: a time or a size (met at or under the target); `higher`: a rate. */
  better: 'lower' | 'higher';
  /** What to read it beside: the plain database, the fsync rate, the machine's load. */
  reference?: string;
}

const rows: TableRow[] = [];

export function tableRow(row: TableRow): void {
  rows.push(row);
}

function figure(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function printTable(load: string): void {
  if (rows.length === 0) {
    return;
  }
  console.log(`\n== issue 13 targets (load average ${load}) ==`);
  for (const row of rows) {
    const ratio = row.today / row.target;
    const met = row.better === 'lower' ? ratio <= 1 : ratio >= 1;
    console.log(
      `${met ? 'met   ' : 'missed'} ${row.what}: ${figure(row.today, row.unit)} | target ` +
        `${row.better === 'lower' ? '≤' : '≥'} ${figure(row.target, row.unit)} | ` +
        `${ratio.toFixed(2)}× of target${row.reference === undefined ? '' : ` | ${row.reference}`}`,
    );
  }
}
