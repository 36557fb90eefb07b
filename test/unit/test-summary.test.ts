import { describe, expect, it } from 'vitest';
import { testSummary } from '../../scripts/test-summary.mjs';

const counts = { passed: 1200, failed: 0, skipped: 0 };

describe("npm test's summary", () => {
  it('lists a suite that could not run here as "not run" with its reason, never as ok', () => {
    const { lines, exitCode } = testSummary(
      [
        { name: 'unit', ok: true, notRun: null },
        { name: 'electron', ok: true, notRun: 'no Electron binary in node_modules/electron/dist' },
      ],
      counts,
    );
    expect(lines).toEqual([
      'ok      unit',
      'not run electron (no Electron binary in node_modules/electron/dist)',
      'tests: 1200 passed, 0 failed, 0 skipped; not run: electron',
    ]);
    expect(lines.some((line) => /^ok\s+electron/.test(line))).toBe(false);
    expect(exitCode).toBe(0);
  });

  it('fails on a failed stage or a failed test, whatever else passed', () => {
    expect(testSummary([{ name: 'e2e', ok: false, notRun: null }], counts)).toEqual({
      lines: ['FAILED  e2e', 'tests: 1200 passed, 0 failed, 0 skipped'],
      exitCode: 1,
    });
    expect(
      testSummary([{ name: 'unit', ok: true, notRun: null }], { ...counts, failed: 1 }).exitCode,
    ).toBe(1);
  });
});
