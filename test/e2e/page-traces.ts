// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
/**
 * What the page could still hold about a client outside the kiosk's own memory, and the check
 * that none of it is left: shared by the privacy and idle specs.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { CLIENT } from './walkthrough';

export async function traces(page: Page) {
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

export type Traces = Awaited<ReturnType<typeof traces>>;

/** No client data anywhere, and no history entry or URL change made during the session. */
export function expectNothingOf(found: Traces, before: Traces, fragments: string[] = []): void {
  for (const fragment of [
    CLIENT.fullName,
    'Quillfeather',
    '1982',
    'data:image/png',
    ...fragments,
  ]) {
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
