import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import {
  MEDIA_PACK_ID,
  VIDEO_SECONDS,
  VIDEO_STEP_ID,
  writeMediaResources,
} from '../../test/support/media-pack';

let root: string;
let kiosk: TestKiosk;
let clock: number;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-video-'));
  clock = Date.parse('2025-06-02T14:00:00.000Z');
  mkdirSync(join(root, 'export'));
  kiosk = openTestKiosk({
    resourcesDir: writeMediaResources(root, inject('mediaCacheDir')),
    now: () => new Date(clock),
    chooseExportFolder: () => Promise.resolve(join(root, 'export')),
  });
  await kiosk.setUp();
});

afterEach(() => {
  kiosk.dispose();
  rmSync(root, { recursive: true, force: true });
});

async function startAtVideo(): Promise<string> {
  const { sessionId } = await kiosk.ok('session.start', { locale: 'en', packId: MEDIA_PACK_ID });
  await kiosk.ok('session.enterStep', { sessionId, stepId: 'welcome' });
  clock += 5000;
  await kiosk.ok('session.enterStep', { sessionId, stepId: VIDEO_STEP_ID });
  return sessionId;
}

const played = (seconds: number, ended: boolean) => ({
  played: [[0, seconds]] as [number, number][],
  durationSeconds: VIDEO_SECONDS,
  ended,
});

describe('session.videoProgress', () => {
  it('counts what was played, within the time on screen and the file’s own length', async () => {
    const sessionId = await startAtVideo();
    // Claimed at once: main has seen the step on screen for no time at all.
    expect(
      await kiosk.ok('session.videoProgress', {
        sessionId,
        stepId: VIDEO_STEP_ID,
        ...played(VIDEO_SECONDS, true),
      }),
    ).toEqual({ secondsWatched: 1, watchedToEnd: false });
    clock += 2000;
    expect(
      await kiosk.ok('session.videoProgress', {
        sessionId,
        stepId: VIDEO_STEP_ID,
        played: [[0, 60]],
        durationSeconds: 60,
        ended: true,
      }),
    ).toEqual({ secondsWatched: VIDEO_SECONDS, watchedToEnd: true });
  });

  it('refuses a step that is not a video, or not yet shown', async () => {
    const { sessionId } = await kiosk.ok('session.start', { locale: 'en', packId: MEDIA_PACK_ID });
    expect(
      await kiosk.call('session.videoProgress', {
        sessionId,
        stepId: VIDEO_STEP_ID,
        ...played(1, false),
      }),
    ).toMatchObject({ ok: false, error: { code: 'STEP_NOT_READY' } });
    expect(
      await kiosk.call('session.videoProgress', {
        sessionId,
        stepId: 'welcome',
        ...played(1, false),
      }),
    ).toMatchObject({ ok: false, error: { code: 'UNKNOWN_STEP' } });
  });

  it('holds the submission until a required video was watched to the end, then records it', async () => {
    const sessionId = await startAtVideo();
    clock += 1500;
    await kiosk.ok('session.videoProgress', {
      sessionId,
      stepId: VIDEO_STEP_ID,
      ...played(1.5, false),
    });
    await kiosk.ok('session.setIdentity', {
      sessionId,
      fullName: 'Ada Lovelace',
      dateOfBirth: '1985-12-10',
    });
    await kiosk.ok('session.enterStep', { sessionId, stepId: 'review' });
    expect(await kiosk.call('session.submit', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_INCOMPLETE', missing: [VIDEO_STEP_ID] },
    });

    // Back to the video, watched through this time.
    await kiosk.ok('session.enterStep', { sessionId, stepId: VIDEO_STEP_ID });
    clock += 3500;
    await kiosk.ok('session.videoProgress', {
      sessionId,
      stepId: VIDEO_STEP_ID,
      ...played(VIDEO_SECONDS, true),
    });
    await kiosk.ok('session.enterStep', { sessionId, stepId: 'review' });
    const { submissionId } = await kiosk.ok('session.submit', { sessionId });

    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const record = await kiosk.ok('submissions.get', { submissionId });
    const pack = kiosk.app.programmes.first;
    expect(record.videos).toEqual([
      {
        stepId: VIDEO_STEP_ID,
        title: 'A short video',
        secondsWatched: VIDEO_SECONDS,
        durationSeconds: VIDEO_SECONDS,
        watchedToEnd: true,
        fileSha256: pack.media.get('media/intro.webm')?.sha256,
        msOnScreen: 5000,
        visits: 2,
      },
    ]);
    expect(record.pack.contentVerified).toBe(true);
    expect(record.pages[0]?.shown[0]?.blocks).toContainEqual({
      kind: 'image',
      text: 'The kiosk screen showing a test pattern',
    });

    const exported = await kiosk.ok('export.run', { format: 'csv' });
    const folder = join(root, 'export', exported.folderName);
    expect(readdirSync(folder).sort()).toEqual([
      'answers.csv',
      'manifest.json',
      'statements.csv',
      'submissions.csv',
      'videos.csv',
    ]);
    const rows = (file: string) =>
      parse<Record<string, string>>(readFileSync(join(folder, file)), { bom: true, columns: true });
    expect(rows('videos.csv')).toEqual([
      {
        submission_id: submissionId,
        step_id: VIDEO_STEP_ID,
        title: 'A short video',
        seconds_watched: String(VIDEO_SECONDS),
        duration_seconds: String(VIDEO_SECONDS),
        watched_to_end: 'yes',
        seconds_on_screen: '5',
        video_sha256: pack.media.get('media/intro.webm')?.sha256,
      },
    ]);
    expect(rows('submissions.csv')[0]).toMatchObject({
      videos_watched_to_end: '1',
      video_seconds_watched: String(VIDEO_SECONDS),
      signed_at: '',
    });
  });
});
