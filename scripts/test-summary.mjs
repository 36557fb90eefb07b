// The closing summary of `npm test` (scripts/test-all.mjs): one line per stage, then the counts.
// A stage that could not run on this machine (the Electron suite without a binary) is listed as
// "not run" with its reason: never "ok", so a green summary never claims a suite that did not run.

/**
 * @param {{ name: string, ok: boolean, notRun: string | null }[]} stages
 * @param {{ passed: number, failed: number, skipped: number }} total
 * @returns {{ lines: string[], exitCode: number }}
 */
export function testSummary(stages, total) {
  const lines = stages.map((stage) => {
    if (!stage.ok) {
      return `FAILED  ${stage.name}`;
    }
    return stage.notRun ? `not run ${stage.name} (${stage.notRun})` : `ok      ${stage.name}`;
  });
  const notRun = stages.filter((stage) => stage.ok && stage.notRun).map((stage) => stage.name);
  lines.push(
    `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped` +
      (notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''),
  );
  const failed = stages.some((stage) => !stage.ok) || total.failed > 0;
  return { lines, exitCode: failed ? 1 : 0 };
}
