import { describe, expect, it, vi } from 'vitest';
import { RENDERER_CHANNELS, splitChannel } from '../contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn((channel: string, input: unknown) =>
      Promise.resolve({ ok: true, value: { channel, input } }),
    ),
    send: vi.fn(),
    on: vi.fn(),
  },
}));

vi.mock('electron', () => electron);

await import('./preload');

type ExposedApi = Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;

function exposed(): ExposedApi {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
    string,
    ExposedApi,
  ];
  expect(name).toBe('kiosk');
  return api;
}

describe('the preload', () => {
  it('exposes exactly the renderer channels, by namespace, and nothing else', () => {
    const expected: Record<string, string[]> = {};
    for (const name of RENDERER_CHANNELS) {
      const [namespace, method] = splitChannel(name);
      (expected[namespace] ??= []).push(method);
    }
    const api = exposed();
    const actual = Object.fromEntries(
      Object.entries(api).map(([namespace, methods]) => [namespace, Object.keys(methods).sort()]),
    );
    expect(actual).toEqual(
      Object.fromEntries(Object.entries(expected).map(([ns, methods]) => [ns, methods.sort()])),
    );
    for (const generic of ['invoke', 'ipcRenderer', 'send', 'on', 'removeListener']) {
      expect(api).not.toHaveProperty(generic);
    }
    // Staff-only channel stays off the client-facing page.
    expect(api.app).not.toHaveProperty('status');
    for (const methods of Object.values(api)) {
      for (const method of Object.values(methods)) {
        expect(typeof method).toBe('function');
      }
    }
  });

  it('maps each method to its own channel, passing only the input', async () => {
    const api = exposed();
    for (const name of RENDERER_CHANNELS) {
      electron.ipcRenderer.invoke.mockClear();
      const [namespace, method] = splitChannel(name);
      const input = { probe: name };
      await api[namespace]?.[method]?.(input);
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.invoke.mock.calls[0]).toEqual([`kiosk:${name}`, input]);
    }
  });

  it('returns what main answered', async () => {
    const api = exposed();
    await expect(api.session?.start?.({ locale: 'en' })).resolves.toEqual({
      ok: true,
      value: { channel: 'kiosk:session.start', input: { locale: 'en' } },
    });
  });

  it('sends {} for a call without input, as the preview bridge does', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await exposed().app?.info?.();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:app.info', {});
  });

  it('cannot be changed by the page', () => {
    const api = exposed();
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.session)).toBe(true);
  });
});
