/** Accessibility checks shared by the specs: axe-core on the whole page. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core on the whole page: no `serious` or `critical` violation on this screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${String(violation.impact)}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
  expect(blocking, `axe on the ${screen} screen`).toEqual([]);
}

/**
 * axe's enhanced contrast rule alone (WCAG 2.2 SC 1.4.6, level AAA: 7:1 for text, 4.5:1 for
 * large text), for the high-contrast theme, which promises it. Text axe cannot judge (over a
 * gradient or an image) is reported as incomplete, not as a violation.
 */
export async function expectEnhancedContrast(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
  const failing = results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  );
  expect(failing, `AAA contrast on the ${screen} screen`).toEqual([]);
}
