// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CLIENT, begin, fillIdentity, submit, walkTo } from './walkthrough';

/** Everything the page could still hold about a client, outside the kiosk's own memory. */
async function traces(page: Page) {
  return page.evaluate(async () => ({
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).map((db) => db.name),
    historyState: history.state as unknown,
    historyLength: history.length,
    url: location.href,
  }));
}

type Traces = Awaited<ReturnType<typeof traces>>;

/** No client data anywhere, and no history entry or URL change made during the session. */
function expectNothingOf(found: Traces, before: Traces) {
  for (const fragment of [CLIENT.fullName, 'Quillfeather', '1982', 'data:image/png']) {
    expect(found.html, `the page still holds "${fragment}"`).not.toContain(fragment);
    expect(found.text).not.toContain(fragment);
  }
  expect(found.localStorage).toBe(0);
  expect(found.sessionStorage).toBe(0);
  expect(found.indexedDb).toEqual([]);
  expect(found.historyState).toBeNull();
  expect(found.historyLength).toBe(before.historyLength);
  expect(found.url).toBe(before.url);
}

test('after the thank-you delay the kiosk is back at welcome with nothing of the client left', async ({
  page,
}) => {
  const before = await traces(page);
  await begin(page);
  await walkTo(page, 'review');
  await expect(page.getByText(CLIENT.fullName)).toBeVisible();
  await submit(page);
  // The thank-you screen already holds nothing of the client.
  await expect(page.locator('body')).not.toContainText(CLIENT.fullName);

  // Nobody touches the screen: it returns to welcome by itself (thank-you-ms is 1.5 s here).
  await expect(page.getByRole('button', { name: 'Begin' })).toBeVisible({ timeout: 10_000 });
  expectNothingOf(await traces(page), before);

  // The next client starts from nothing.
  await begin(page);
  await walkTo(page, 'identity');
  await expect(page.getByLabel('Full name')).toHaveValue('');
  await expect(page.getByLabel('Year')).toHaveValue('');
});

test('Start over asks first, then discards the session and clears the screen', async ({ page }) => {
  const before = await traces(page);
  await begin(page);
  await walkTo(page, 'identity');
  await fillIdentity(page, CLIENT);

  await page.getByRole('button', { name: 'Start over' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start over?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'No, keep going' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Full name')).toHaveValue(CLIENT.fullName);

  await page.getByRole('button', { name: 'Start over' }).click();
  const discarded = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.discard'),
  );
  await dialog.getByRole('button', { name: 'Yes, start over' }).click();
  const body = (await (await discarded).json()) as { ok: boolean };
  expect(body.ok).toBe(true);
  await expect(page.getByRole('button', { name: 'Begin' })).toBeVisible();
  expectNothingOf(await traces(page), before);
});

test('an abandoned session is cleared after the "Are you still there?" warning', async ({
  page,
}) => {
  // Playwright's fake clock stands in for minutes of nobody touching the screen.
  await page.clock.install();
  await page.reload();
  const before = await traces(page);
  await begin(page);
  await walkTo(page, 'identity');
  await fillIdentity(page, CLIENT);

  const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
  await page.clock.runFor(180_000);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: "I'm still here" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Full name')).toHaveValue(CLIENT.fullName);

  await page.clock.runFor(180_000);
  await expect(dialog).toBeVisible();
  const discarded = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.discard'),
  );
  await page.clock.runFor(31_000);
  expect(((await (await discarded).json()) as { ok: boolean }).ok).toBe(true);
  await expect(page.getByRole('button', { name: 'Begin' })).toBeVisible();
  expectNothingOf(await traces(page), before);
});
