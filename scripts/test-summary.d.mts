export interface StageResult {
  name: string;
  ok: boolean;
  /** Why the stage could not run on this machine, or null when it ran. */
  notRun: string | null;
}

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export function testSummary(
  stages: readonly StageResult[],
  total: TestCounts,
): { lines: string[]; exitCode: number };
