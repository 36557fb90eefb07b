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
