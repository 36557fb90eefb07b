import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, KioskConfigError, loadKioskConfig } from './kiosk-config';

const folder = mkdtempSync(join(tmpdir(), 'kiosk-config-'));

function load(fields: Record<string, unknown>): ReturnType<typeof loadKioskConfig> {
  const file = join(folder, 'kiosk.json');
  writeFileSync(file, JSON.stringify({ ...DEFAULT_KIOSK_CONFIG, ...fields }));
  return loadKioskConfig(file);
}

afterEach(() => {
  rmSync(join(folder, 'kiosk.json'), { force: true });
});

describe('alertWebhookUrl in kiosk.json', () => {
  it('is null when absent or null', () => {
    const file = join(folder, 'kiosk.json');
    const withoutIt: Partial<typeof DEFAULT_KIOSK_CONFIG> = { ...DEFAULT_KIOSK_CONFIG };
    delete withoutIt.alertWebhookUrl;
    writeFileSync(file, JSON.stringify(withoutIt));
    expect(loadKioskConfig(file).alertWebhookUrl).toBeNull();
    expect(load({ alertWebhookUrl: null }).alertWebhookUrl).toBeNull();
  });

  it('takes an http(s) URL', () => {
    expect(load({ alertWebhookUrl: 'https://alerts.example.org/k1' }).alertWebhookUrl).toBe(
      'https://alerts.example.org/k1',
    );
  });

  it('refuses anything else, naming the field', () => {
    for (const bad of ['file:///etc/passwd', 'ftp://example.org/', 'not a url', 42]) {
      expect(() => load({ alertWebhookUrl: bad }), String(bad)).toThrow(KioskConfigError);
      expect(() => load({ alertWebhookUrl: bad }), String(bad)).toThrow(/alertWebhookUrl/);
    }
  });
});

describe('programmes in kiosk.json', () => {
  it('defaults to the default pack alone when absent', () => {
    const file = join(folder, 'kiosk.json');
    const withoutIt: Partial<typeof DEFAULT_KIOSK_CONFIG> = { ...DEFAULT_KIOSK_CONFIG };
    delete withoutIt.programmes;
    writeFileSync(file, JSON.stringify(withoutIt));
    expect(loadKioskConfig(file).programmes).toEqual(['ketamine-education']);
  });

  it('keeps the clinic order', () => {
    expect(load({ programmes: ['ketamine-check-in', 'ketamine-education'] }).programmes).toEqual([
      'ketamine-check-in',
      'ketamine-education',
    ]);
  });

  it('refuses an empty list, a pack listed twice and a name that is not a folder id', () => {
    const bad: [unknown, RegExp][] = [
      [[], /programmes: must list at least one content pack/],
      [['ketamine-education', 'ketamine-education'], /programmes: must not list a pack twice/],
      [['../secrets'], /programmes\.0: must be a pack folder name/],
      ['ketamine-education', /programmes/],
    ];
    for (const [programmes, message] of bad) {
      expect(() => load({ programmes }), JSON.stringify(programmes)).toThrow(message);
    }
  });
});

describe('readingWordsPerMinute in kiosk.json', () => {
  it('defaults to 240 when absent, and takes a whole number from 60 to 1000', () => {
    const file = join(folder, 'kiosk.json');
    const withoutIt: Partial<typeof DEFAULT_KIOSK_CONFIG> = { ...DEFAULT_KIOSK_CONFIG };
    delete withoutIt.readingWordsPerMinute;
    writeFileSync(file, JSON.stringify(withoutIt));
    expect(loadKioskConfig(file).readingWordsPerMinute).toBe(240);
    expect(load({ readingWordsPerMinute: 180 }).readingWordsPerMinute).toBe(180);
  });

  it('refuses a speed no one reads at, or not a whole number, naming the field', () => {
    for (const bad of [0, 59, 1001, 200.5, '240', null]) {
      expect(() => load({ readingWordsPerMinute: bad }), String(bad)).toThrow(
        /readingWordsPerMinute/,
      );
    }
  });
});

describe('printer in kiosk.json', () => {
  it('is null (no copy offered) when absent or null', () => {
    const file = join(folder, 'kiosk.json');
    const withoutIt: Partial<typeof DEFAULT_KIOSK_CONFIG> = { ...DEFAULT_KIOSK_CONFIG };
    delete withoutIt.printer;
    writeFileSync(file, JSON.stringify(withoutIt));
    expect(loadKioskConfig(file).printer).toBeNull();
    expect(load({ printer: null }).printer).toBeNull();
  });

  it('takes a CUPS queue by name', () => {
    expect(load({ printer: { name: 'Front_Desk-HP' } }).printer).toEqual({
      name: 'Front_Desk-HP',
    });
  });

  it('refuses what is not a CUPS queue name, naming the field and why', () => {
    const bad: [unknown, RegExp][] = [
      ['Front_Desk', /printer: .*expected object/i],
      [{}, /printer\.name: .*expected string/i],
      [{ name: '' }, /printer\.name: must name a CUPS print queue/],
      [{ name: 'front desk' }, /printer\.name: must be a CUPS queue name/],
      [{ name: 'a/b' }, /printer\.name: must be a CUPS queue name/],
      [{ name: 'a#b' }, /printer\.name: must be a CUPS queue name/],
      // Never an option for lp: "-d -o…" must not be possible.
      [{ name: '-oraw' }, /printer\.name: must be a CUPS queue name/],
      [{ name: 'a\u0007b' }, /printer\.name: must not contain control characters/],
      [{ name: 'x'.repeat(128) }, /printer\.name: must be at most 127 characters/],
      [{ name: 'hp', driver: 'x' }, /printer: Unrecognized key/i],
    ];
    for (const [printer, message] of bad) {
      expect(() => load({ printer }), JSON.stringify(printer)).toThrow(message);
    }
  });
});

describe('minFreeDiskMegabytes in kiosk.json', () => {
  it('is 8 MiB when absent, and takes a whole number of MiB from 4', () => {
    const file = join(folder, 'kiosk.json');
    const withoutIt: Partial<typeof DEFAULT_KIOSK_CONFIG> = { ...DEFAULT_KIOSK_CONFIG };
    delete withoutIt.minFreeDiskMegabytes;
    writeFileSync(file, JSON.stringify(withoutIt));
    expect(loadKioskConfig(file).minFreeDiskMegabytes).toBe(8);
    expect(load({ minFreeDiskMegabytes: 512 }).minFreeDiskMegabytes).toBe(512);
  });

  it('refuses less than a checkpoint and a record need, naming the field', () => {
    for (const bad of [0, 3, 2.5, '8', null]) {
      expect(() => load({ minFreeDiskMegabytes: bad }), String(bad)).toThrow(
        /minFreeDiskMegabytes/,
      );
    }
  });
});

describe('kioskName and health in kiosk.json', () => {
  it('takes a name and a Pushgateway, and defaults both to none', () => {
    expect(load({}).health).toBeNull();
    expect(load({}).kioskName).toBeNull();
    expect(
      load({
        kioskName: 'Reception left',
        health: { pushgatewayUrl: 'http://metrics.clinic:9091' },
      }),
    ).toMatchObject({
      kioskName: 'Reception left',
      health: { pushgatewayUrl: 'http://metrics.clinic:9091', intervalSeconds: 60 },
    });
  });

  it('refuses a bad Pushgateway, interval or name, naming the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ health: { pushgatewayUrl: 'ftp://metrics.clinic' } }, /health\.pushgatewayUrl: .*http/],
      [{ health: { pushgatewayUrl: 'metrics.clinic:9091' } }, /health\.pushgatewayUrl/],
      [
        { health: { pushgatewayUrl: 'http://m:9091', intervalSeconds: 5 } },
        /health\.intervalSeconds: must be at least 10/,
      ],
      [{ health: { pushgatewayUrl: 'http://m:9091', job: 'x' } }, /health: .*job/],
      [{ kioskName: '' }, /kioskName: must not be empty/],
      [{ kioskName: 'a\nb' }, /kioskName: must not contain control characters/],
    ];
    for (const [fields, message] of cases) {
      expect(() => load(fields), JSON.stringify(fields)).toThrow(message);
    }
  });
});

describe('fhirPush in kiosk.json', () => {
  const good = {
    baseUrl: 'https://fhir.clinic.example/r4',
    tokenUrl: 'https://fhir.clinic.example/oauth2/token',
    clientId: 'kiosk-front-1',
    scope: 'system/Patient.write system/Observation.write',
  };

  it('is off (null) unless set, and takes a server with a 20-second default limit', () => {
    expect(load({}).fhirPush).toBeNull();
    expect(load({ fhirPush: good }).fhirPush).toEqual({ ...good, timeoutSeconds: 20 });
  });

  it('takes plain http only for a loopback host (tests)', () => {
    for (const host of ['127.0.0.1:8080', '[::1]:8080', 'localhost']) {
      const local = { ...good, baseUrl: `http://${host}/fhir`, tokenUrl: `http://${host}/token` };
      expect(load({ fhirPush: local }).fhirPush).toMatchObject(local);
    }
  });

  it('refuses a bad server, naming the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, baseUrl: 'ftp://fhir.example/' }, /fhirPush\.baseUrl: must be the FHIR base URL/],
      [{ ...good, tokenUrl: 'nope' }, /fhirPush\.tokenUrl/],
      [
        { ...good, baseUrl: 'http://fhir.clinic.example/r4' },
        /fhirPush\.baseUrl: must be the FHIR base URL as an https URL/,
      ],
      [
        { ...good, tokenUrl: 'http://10.0.0.5/token' },
        /fhirPush\.tokenUrl: must be the token endpoint as an https URL/,
      ],
      [{ ...good, baseUrl: 'http://127.0.0.1.example.org/r4' }, /fhirPush\.baseUrl/],
      [{ ...good, clientId: '' }, /fhirPush\.clientId/],
      [{ ...good, scope: 'patient/*.read' }, /fhirPush\.scope: must be SMART system scopes/],
      [{ ...good, timeoutSeconds: 0 }, /fhirPush\.timeoutSeconds/],
      [{ ...good, secret: 'x' }, /fhirPush/],
    ];
    for (const [fhirPush, message] of cases) {
      expect(() => load({ fhirPush }), JSON.stringify(fhirPush)).toThrow(message);
    }
  });
});
