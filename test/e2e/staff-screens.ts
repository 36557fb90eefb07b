/**
 * How staff drive the kiosk's own staff screens (first-run setup, the one-time recovery key,
 * unlock), found by role and label as a person would find them.
 */
// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { ADMIN_NAME, PASSPHRASE, expect } from './fixtures';
import { attractButton } from './walkthrough';

/** 32 base32 characters in 8 groups of 4. */
export const RECOVERY_KEY = /^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/;
export { ADMIN_NAME };

export function setupForm(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Set up this kiosk' }),
    name: page.getByLabel('Your name'),
    passphrase: page.getByLabel('Administrator passphrase'),
    confirm: page.getByLabel('Type the passphrase again'),
    create: page.getByRole('button', { name: 'Create administrator' }),
  };
}

export function recoveryKeyScreen(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Write down the recovery key' }),
    key: page.getByRole('region', { name: 'Recovery key' }).getByText(RECOVERY_KEY),
    written: page.getByRole('checkbox', { name: 'I have written down the recovery key' }),
    continue: page.getByRole('button', { name: 'Continue' }),
  };
}

/** The key as shown, once its screen is up. */
export async function readRecoveryKey(page: Page): Promise<string> {
  const { heading, key } = recoveryKeyScreen(page);
  await expect(heading).toBeVisible();
  await expect(key).toBeVisible();
  const text = ((await key.textContent()) ?? '').trim();
  expect(text).toMatch(RECOVERY_KEY);
  return text;
}

/** Creates the first administrator on the setup screen; returns the recovery key shown. */
export async function createVault(page: Page): Promise<string> {
  const form = setupForm(page);
  await expect(form.heading).toBeVisible();
  await form.name.fill(ADMIN_NAME);
  await form.passphrase.fill(PASSPHRASE);
  await form.confirm.fill(PASSPHRASE);
  await form.create.click();
  return readRecoveryKey(page);
}

/** Ticks the box and continues past the recovery key screen to the welcome screen. */
export async function confirmWrittenDown(page: Page): Promise<void> {
  const screen = recoveryKeyScreen(page);
  await screen.written.check();
  await screen.continue.click();
  await expect(attractButton(page)).toBeVisible();
}

export function unlockScreen(page: Page) {
  return {
    heading: page.getByRole('heading', {
      level: 1,
      name: 'This kiosk needs a staff member to unlock it',
    }),
    passphrase: page.getByLabel('Administrator passphrase'),
    recoveryKey: page.getByLabel('Recovery key'),
    useRecoveryKey: page.getByRole('button', { name: 'Use the recovery key instead' }),
    usePassphrase: page.getByRole('button', { name: 'Use a passphrase instead' }),
    unlock: page.getByRole('button', { name: 'Unlock', exact: true }),
    alert: page.getByRole('alert'),
  };
}

/** Anything the page could still hold outside the kiosk's own memory. */
export async function pageTraces(page: Page) {
  return page.evaluate(async () => ({
    html: document.documentElement.outerHTML,
    text: document.documentElement.textContent,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).map((db) => db.name),
    historyState: history.state as unknown,
    url: location.href,
  }));
}
