// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CAPTION_TEXT, PICTURE_ALT, VIDEO_SECONDS, VIDEO_STEP_ID } from '../support/media-pack';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { t } from './en-copy';
import { exportButton, showTab, signInAdmin, submissionRows } from './staff-console';
import {
  begin,
  CLIENT,
  currentStep,
  fillIdentity,
  forwardButton,
  goForward,
  navBar,
  stepMain,
  submit,
  watchVideo,
} from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, mediaPack: { requireWatched: true } },
});

test('a client sees the picture, watches the captioned video to the end, and the record and its CSV say so', async ({
  page,
  kiosk,
}) => {
  // A client's walk, the video's own three seconds, an administrator's sign-in and an export:
  // more than the default minute when the other worker is busy too.
  test.slow();
  await begin(page);

  // The page's picture, from the kiosk's own media URL, named by its alt text.
  const picture = stepMain(page).getByRole('img', { name: PICTURE_ALT });
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('src', /^\/media\/video-education\/media\/picture\.png$/);
  await expect
    .poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBeGreaterThan(0);
  const box = await picture.boundingBox();
  expect(box?.height ?? 0).toBeLessThanOrEqual(1080 / 2 + 1);
  await goForward(page);

  // The video step: captions in the client's language, on by default, and Next held.
  expect(await currentStep(page)).toEqual({ kind: 'video', id: VIDEO_STEP_ID });
  const video = stepMain(page).locator('video');
  const track = video.locator('track');
  await expect(track).toHaveAttribute('kind', 'captions');
  await expect(track).toHaveAttribute('srclang', 'en');
  await expect(track).toHaveAttribute('default', '');
  await expect
    .poll(() =>
      video.evaluate((element: HTMLVideoElement) => {
        const captions = element.textTracks[0];
        return captions ? `${captions.mode} ${captions.cues?.length ?? 0}` : 'none';
      }),
    )
    .toBe('showing 2');
  await expect(forwardButton(page)).toBeDisabled();
  await expect(navBar(page).getByText(t('nav.nextBlocked.video'))).toBeVisible();
  await expect(stepMain(page).getByText(t('video.mustWatch'))).toBeVisible();
  await expectAccessible(page, 'video step');

  // Next does nothing yet.
  await forwardButton(page).click({ force: true });
  expect((await currentStep(page)).id).toBe(VIDEO_STEP_ID);

  // Large labelled buttons, played through; the first caption shows while it plays.
  await expect(stepMain(page).getByRole('group', { name: t('video.controls') })).toBeVisible();
  const played = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.videoProgress'),
  );
  await watchVideo(page);
  const report = (await (await played).json()) as { ok: boolean };
  expect(report.ok).toBe(true);
  expect(
    await video.evaluate((element: HTMLVideoElement) => {
      const cues = element.textTracks[0]?.cues;
      const texts: string[] = [];
      for (let index = 0; index < (cues?.length ?? 0); index += 1) {
        texts.push((cues?.[index] as VTTCue | undefined)?.text ?? '');
      }
      return texts;
    }),
  ).toContain(CAPTION_TEXT);
  await expect(forwardButton(page)).toBeEnabled();
  await expect(stepMain(page).getByRole('button', { name: t('video.replay') })).toBeVisible();
  await goForward(page);

  await fillIdentity(page, CLIENT);
  await goForward(page);
  expect((await currentStep(page)).kind).toBe('review');
  await submit(page);

  // The administrator's record view: the video, how much was watched, and to the end.
  await signInAdmin(page);
  await expect(submissionRows(page)).toHaveCount(1);
  await submissionRows(page)
    .first()
    .getByRole('button', { name: new RegExp(CLIENT.fullName) })
    .click();
  const record = page.getByRole('article');
  const videoRecord = record.getByRole('region', { name: 'A short video' });
  await expect(videoRecord).toBeVisible();
  await expect(
    videoRecord.getByText(new RegExp(`^Watched \\d s of ${VIDEO_SECONDS} s`)),
  ).toBeVisible();
  // After its ✓, which is hidden from screen readers.
  await expect(videoRecord.getByText(/^\W*Watched to the end$/)).toBeVisible();
  await expect(record.getByText(`Picture: ${PICTURE_ALT}`)).toBeVisible();
  await expectAccessible(page, 'record with a video');

  // Its CSV export: the video's row, and the counts on the submission's row.
  await page.getByRole('button', { name: 'Back to the list' }).first().click();
  await showTab(page, 'Export');
  await page.getByRole('radio', { name: 'CSV' }).check();
  await page.getByRole('radio', { name: /^Plain folder/ }).check();
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export complete' });
  await expect(result).toContainText('Submissions exported: 1');
  await expect(result.getByRole('listitem').filter({ hasText: 'videos.csv' })).toHaveCount(1);
  const folder = ((await result.locator('dd').first().textContent()) ?? '').trim();
  const rows = async (file: string) =>
    parse<Record<string, string>>(await readFile(join(kiosk.exportDir, folder, file)), {
      bom: true,
      columns: true,
    });
  const [videoRow] = await rows('videos.csv');
  expect(videoRow).toMatchObject({
    step_id: VIDEO_STEP_ID,
    title: 'A short video',
    watched_to_end: 'yes',
    duration_seconds: String(VIDEO_SECONDS),
  });
  expect(Number(videoRow?.seconds_watched)).toBeGreaterThanOrEqual(VIDEO_SECONDS - 1);
  expect(Number(videoRow?.seconds_watched)).toBeLessThanOrEqual(VIDEO_SECONDS);
  const [submission] = await rows('submissions.csv');
  expect(submission).toMatchObject({ full_name: CLIENT.fullName, videos_watched_to_end: '1' });
});

test('the video seeks with Range requests and the media route refuses what the pack does not declare', async ({
  page,
  kiosk,
}) => {
  const base = new URL(kiosk.url);
  const video = new URL('/media/video-education/media/intro.webm', base);
  const partial = await page.request.get(video.href, { headers: { range: 'bytes=0-99' } });
  expect(partial.status()).toBe(206);
  expect((await partial.body()).length).toBe(100);
  for (const path of [
    '/media/video-education/manifest.json',
    '/media/video-education/pages/en/welcome.md',
    '/media/video-education/media/%2e%2e/manifest.json',
  ]) {
    expect((await page.request.get(new URL(path, base).href)).status(), path).toBe(404);
  }
});

test.describe('with "Are you still there?" after 2 s', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      idleWarningMs: 2000,
      idleCountdownMs: 60_000,
      mediaPack: {},
    },
  });

  test('a playing video counts as activity; once it has ended the question comes', async ({
    page,
  }) => {
    const question = page.getByRole('dialog', { name: t('idle.title') });
    await begin(page);
    await goForward(page);
    expect((await currentStep(page)).kind).toBe('video');
    // Three seconds of video, more than the two the question waits for.
    await watchVideo(page);
    await expect(question).toHaveCount(0);
    await expect(question).toBeVisible();
  });
});
