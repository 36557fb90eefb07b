/**
 * The health push against a real Prometheus Pushgateway (Debian's, started by the test): a kiosk
 * app that stores a visit has its snapshot at the Pushgateway with the right labels and values
 * and no client data; a pause arrives at once, not at the next interval; a kiosk that stops
 * pushing goes stale by the README's rule while another keeps reporting; and a Pushgateway that
 * hangs never holds up a submit.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportFigures } from '../../test/support/figures';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import {
  eventually,
  freePort,
  gatewayOrSay,
  sampleOf,
  staleInstances,
  startPushgateway,
  type RunningPushgateway,
  type Sample,
} from '../../test/support/pushgateway';
import { walkSession } from '../cli/seed-demo';

const CLIENT = 'Zebulon Quaxworth-Ingleby';
/** The date of birth walkSession enters (cli/seed-demo.ts). */
const BIRTH_DATE = '1900-01-01';
const PIN = '482193';

let gateway: RunningPushgateway | undefined;
const kiosks: TestKiosk[] = [];

beforeAll(async () => {
  gateway = gatewayOrSay(await startPushgateway());
});

afterAll(async () => {
  await gateway?.stop();
});

afterEach(() => {
  for (const kiosk of kiosks.splice(0)) {
    kiosk.dispose();
  }
  vi.restoreAllMocks();
});

async function kioskPushingTo(url: string, intervalSeconds: number, more = {}): Promise<TestKiosk> {
  const kiosk = openTestKiosk({
    health: { pushgatewayUrl: url, intervalSeconds },
    pinDelayBaseMs: 0,
    ...more,
  });
  kiosks.push(kiosk);
  await kiosk.setUp();
  return kiosk;
}

async function submitVisit(kiosk: TestKiosk, fullName: string): Promise<void> {
  const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
  await walkSession(kiosk.app, kiosk.app.programmes.first, sessionId, fullName);
  await kiosk.ok('session.submit', { sessionId });
}

function kioskIdOf(kiosk: TestKiosk): string {
  const vault = kiosk.app.gate.vault();
  if (!vault) {
    throw new Error('the test kiosk has no open vault');
  }
  return vault.kioskId;
}

/** The Pushgateway's samples, once `found` picks one out of them. */
async function arrived(found: (samples: Sample[]) => Sample | undefined): Promise<Sample[]> {
  const live = gateway;
  if (!live) {
    throw new Error('no Pushgateway');
  }
  return await eventually(async () => {
    const samples = await live.scrape();
    return found(samples) ? samples : undefined;
  });
}

describe('the health push to a real Pushgateway', () => {
  it('sends the snapshot after a submit, with the labels and values it holds and no client data', async (context) => {
    if (!gateway) {
      context.skip();
      return;
    }
    const kiosk = await kioskPushingTo(gateway.url, 3600, { kioskName: 'Reception left' });
    const instance = kioskIdOf(kiosk);
    const started = performance.now();
    await submitVisit(kiosk, CLIENT);
    const samples = await arrived((all) =>
      sampleOf(all, 'clinic_kiosk_last_submission_time_seconds', instance),
    );
    const arrivedMs = performance.now() - started;
    const vault = kiosk.app.gate.vault();
    const submittedAt = vault?.lastSubmittedAt() ?? '';
    const pack = kiosk.app.programmes.first;
    const at = (name: string, labels: Record<string, string> = {}): number | undefined =>
      sampleOf(samples, name, instance, { job: 'clinic_kiosk', ...labels })?.value;

    expect(at('clinic_kiosk_last_submission_time_seconds')).toBe(Date.parse(submittedAt) / 1000);
    expect(at('clinic_kiosk_records_not_exported')).toBe(1);
    expect(at('clinic_kiosk_records_not_pushed')).toBe(1);
    expect(at('clinic_kiosk_submissions_stored')).toBe(1);
    expect(at('clinic_kiosk_open_alerts')).toBe(0);
    expect(at('clinic_kiosk_vault_integrity_ok')).toBe(1);
    expect(at('clinic_kiosk_paused', { reason: 'none' })).toBe(0);
    expect(at('clinic_kiosk_audit_head_seq')).toBe(vault?.lastAuditRow()?.seq);
    expect(at('clinic_kiosk_disk_free_bytes')).toBeGreaterThan(0);
    expect(
      at('clinic_kiosk_pack_info', {
        pack_id: pack.id,
        pack_version: pack.version,
        pack_hash: pack.hash,
      }),
    ).toBe(1);
    const info = sampleOf(samples, 'clinic_kiosk_info', instance);
    expect(info?.labels).toMatchObject({
      job: 'clinic_kiosk',
      instance,
      kiosk_name: 'Reception left',
    });
    expect(info?.labels.app_version).toMatch(/^\d+\.\d+\.\d+/);
    // The Pushgateway's own record of the push.
    expect(at('push_time_seconds')).toBeGreaterThan(0);
    expect(at('push_failure_time_seconds')).toBe(0);

    const pushed = await gateway.text();
    const lastName = CLIENT.split(' ')[1] ?? CLIENT;
    for (const secret of [CLIENT, lastName, 'Zebulon', BIRTH_DATE, '19000101']) {
      expect(pushed).not.toContain(secret);
    }
    const groupText = pushed
      .split('\n')
      .filter((line) => line.includes(`instance="${instance}"`))
      .join('\n');
    reportFigures('health push: submit', {
      arrivedAfterSubmitMs: Math.round(arrivedMs),
      samplesInGroup: groupText.split('\n').length,
    });
    expect(kiosk.app.healthPusher?.state()).toMatchObject({ ok: true, error: null });
  });

  it('sends a pause at once, not at the next interval', async (context) => {
    if (!gateway) {
      context.skip();
      return;
    }
    const kiosk = await kioskPushingTo(gateway.url, 3600);
    const instance = kioskIdOf(kiosk);
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await kiosk.ok('admin.setPin', { pin: PIN, confirm: PIN });
    await kiosk.ok('admin.lock', {});
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    await arrived((all) => sampleOf(all, 'clinic_kiosk_paused', instance, { reason: 'none' }));

    const started = performance.now();
    await kiosk.ok('frontdesk.pause', {});
    const samples = await arrived((all) =>
      sampleOf(all, 'clinic_kiosk_paused', instance, { reason: 'front-desk' }),
    );
    const pauseArrivedMs = performance.now() - started;
    expect(sampleOf(samples, 'clinic_kiosk_paused', instance)?.value).toBe(1);
    // The group is replaced, not added to: the "none" series is gone.
    expect(sampleOf(samples, 'clinic_kiosk_paused', instance, { reason: 'none' })).toBeUndefined();
    // Well inside the hour the interval would take.
    expect(pauseArrivedMs).toBeLessThan(30_000);
    reportFigures('health push: pause', { pauseArrivedMs: Math.round(pauseArrivedMs) });

    await kiosk.ok('frontdesk.resume', {});
    await arrived((all) => sampleOf(all, 'clinic_kiosk_paused', instance, { reason: 'none' }));
  });

  it('shows a kiosk that stops pushing as stale while another keeps reporting', async (context) => {
    if (!gateway) {
      context.skip();
      return;
    }
    const live = gateway;
    // The README's rule allows three intervals (180 s for the default minute); here, 1 s ones.
    const intervalSeconds = 1;
    const threshold = 3 * intervalSeconds;
    const stopping = await kioskPushingTo(live.url, intervalSeconds);
    const staying = await kioskPushingTo(live.url, intervalSeconds);
    const [a, b] = [kioskIdOf(stopping), kioskIdOf(staying)];
    const pushTime = (samples: Sample[], instance: string): number =>
      sampleOf(samples, 'push_time_seconds', instance, { job: 'clinic_kiosk' })?.value ?? 0;
    await arrived((all) => (pushTime(all, a) > 0 && pushTime(all, b) > 0 ? all[0] : undefined));

    kiosks.splice(kiosks.indexOf(stopping), 1);
    stopping.dispose();
    await sleep(300);
    const before = await live.scrape();
    await sleep((threshold + 1) * 1000);
    const after = await live.scrape();
    const nowSeconds = Date.now() / 1000;

    expect(pushTime(after, a)).toBe(pushTime(before, a));
    expect(pushTime(after, b)).toBeGreaterThan(pushTime(before, b));
    const stale = staleInstances(after, nowSeconds, threshold);
    expect(stale).toContain(a);
    expect(stale).not.toContain(b);
    reportFigures('health push: stale kiosk', {
      stoppedKioskSilentSeconds: Math.round(nowSeconds - pushTime(after, a)),
      otherKioskAgeSeconds: Number((nowSeconds - pushTime(after, b)).toFixed(2)),
      thresholdSeconds: threshold,
    });
  });

  it('never holds up a submit when the Pushgateway hangs, and logs the outage once', async () => {
    // A Pushgateway that takes the connection and never answers: the worst case for a caller.
    const sockets: Socket[] = [];
    const hanging: Server = createServer((socket) => sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => hanging.listen(port, '127.0.0.1', resolve));
    const warn = vi.spyOn(console, 'warn');
    try {
      const kiosk = await kioskPushingTo(`http://127.0.0.1:${String(port)}`, 3600, {
        healthPushTimeoutMs: 300,
      });
      const started = performance.now();
      await submitVisit(kiosk, CLIENT);
      const submitMs = performance.now() - started;
      expect(kiosk.app.gate.vault()?.countSubmissions()).toBe(1);

      const pusher = kiosk.app.healthPusher;
      expect(await pusher?.pushNow()).toBe(false);
      expect(await pusher?.pushNow()).toBe(false);
      expect(pusher?.state()).toMatchObject({ ok: false, lastSuccessAt: null });
      expect(pusher?.state().error).toMatch(/TimeoutError|timed out|aborted/i);
      const outageLines = warn.mock.calls.filter((call) =>
        String(call[0]).startsWith('healthPush:'),
      );
      expect(outageLines).toHaveLength(1);
      reportFigures('health push: Pushgateway hanging', { submitMs: Math.round(submitMs) });
    } finally {
      // Closed first, then the connections it holds ended: the kiosk still runs until afterEach,
      // and a push it starts in between (on a change) would open a connection that kept
      // close() waiting forever.
      const closed = new Promise<void>((resolve) => {
        hanging.close(() => {
          resolve();
        });
      });
      for (const socket of sockets) {
        socket.destroy();
      }
      await closed;
    }
  });
});
