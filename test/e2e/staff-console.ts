/**
 * How staff get into and drive the staff area: the hidden corner gesture, the PIN pad, the
 * administrator's sign-in and the console's tabs, found by role and label as a person would.
 */
import { readdir } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { PASSPHRASE, expect } from './fixtures';

/** A PIN that passes main's policy (not a run, repeat or popular PIN). */
export const FRONT_DESK_PIN = '274915';

const TAP_GAP_MS = 120;
const HOLD_MS = 1300;

export interface CornerTaps {
  taps: number;
  /** How long the last press is held (0: a plain tap). */
  holdLastMs: number;
  /** Where to tap, in CSS pixels from the top-left; the corner by default. */
  at?: { x: number; y: number };
}

/** Taps (and holds) with the mouse, which sends the same pointer events as a finger. */
export async function tapCorner(page: Page, { taps, holdLastMs, at }: CornerTaps): Promise<void> {
  const { x, y } = at ?? { x: 30, y: 30 };
  await page.mouse.move(x, y);
  for (let i = 1; i <= taps; i += 1) {
    await page.mouse.down();
    await page.waitForTimeout(i === taps && holdLastMs > 0 ? holdLastMs : 60);
    await page.mouse.up();
    await page.waitForTimeout(TAP_GAP_MS);
  }
}

export function staffEntryHeading(page: Page): Locator {
  return page.getByRole('heading', { level: 1, name: 'Staff sign-in' });
}

/** Five taps in the top-left corner, the fifth held: the staff sign-in screen. */
export async function openStaffArea(page: Page): Promise<void> {
  // The corner listens only once a client screen is up (not while the kiosk is loading).
  await expect(page.getByTestId('staff-corner')).toBeAttached();
  await tapCorner(page, { taps: 5, holdLastMs: HOLD_MS });
  await expect(staffEntryHeading(page)).toBeVisible();
}

export function lockButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Lock', exact: true });
}

/** Locks the staff area and waits for the client screen (welcome, or paused). */
export async function lockStaffArea(page: Page): Promise<void> {
  await lockButton(page).click();
  await expect(page.getByRole('banner').getByText('Staff area')).toHaveCount(0);
}

export function pinPad(page: Page) {
  const pad = page.getByRole('group', { name: 'PIN pad' });
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Front-desk PIN' }),
    digit: (digit: string) => pad.getByRole('button', { name: digit, exact: true }),
    ok: pad.getByRole('button', { name: /^(OK|Checking…)$/ }),
    remove: pad.getByRole('button', { name: 'Delete last digit' }),
    dots: page.getByTestId('pin-dots'),
    alert: page.getByRole('alert'),
  };
}

/** From the staff sign-in screen to the PIN pad. */
export async function chooseFrontDesk(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Front desk', exact: true }).click();
  await expect(pinPad(page).heading).toBeVisible();
}

/** Taps the PIN on the pad and presses OK; resolves with main's answer. */
export async function tapPin(page: Page, pin: string): Promise<{ ok: boolean; code?: string }> {
  const pad = pinPad(page);
  for (const digit of pin) {
    await pad.digit(digit).click();
  }
  const answered = page.waitForResponse((response) =>
    response.url().endsWith('/api/frontdesk.unlock'),
  );
  await pad.ok.click();
  const body = (await (await answered).json()) as { ok: boolean; error?: { code: string } };
  return body.error ? { ok: body.ok, code: body.error.code } : { ok: body.ok };
}

export function frontDeskHeading(page: Page): Locator {
  return page.getByRole('heading', { level: 1, name: 'Front desk' });
}

/** Gesture, Front desk, the PIN: the front desk's view. */
export async function signInFrontDesk(page: Page, pin = FRONT_DESK_PIN): Promise<void> {
  await openStaffArea(page);
  await chooseFrontDesk(page);
  expect(await tapPin(page, pin)).toEqual({ ok: true });
  await expect(frontDeskHeading(page)).toBeVisible();
}

/** Gesture, Administrator, the passphrase: the console's list of submissions. */
export async function signInAdmin(page: Page): Promise<void> {
  await openStaffArea(page);
  await page.getByRole('button', { name: 'Administrator', exact: true }).click();
  await page.getByLabel('Administrator passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Submissions' })).toBeVisible();
}

export type ConsoleTab =
  'Submissions' | 'Export' | 'Front desk' | 'Settings' | 'Staff' | 'Audit log';

export async function showTab(page: Page, tab: ConsoleTab): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Staff console' })
    .getByRole('button', { name: tab, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: tab })).toBeVisible();
}

/** The Export panel's own button (the console's nav has an "Export" tab too). */
export function exportButton(page: Page): Locator {
  return page.getByRole('main').getByRole('button', { name: 'Export', exact: true });
}

export function submissionRows(page: Page): Locator {
  return page.getByRole('table').locator('tbody tr');
}

/** The files (relative paths) under `dir`, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath.slice(dir.length + 1)}/${entry.name}`.replace(/^\//, ''));
}
