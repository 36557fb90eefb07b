import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERER_CHANNELS, type Result } from '../contract';

type Handler = (event: unknown, payload: unknown) => Promise<Result<unknown>>;

const ipcMain = vi.hoisted(() => {
  const handlers = new Map<string, unknown>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: unknown) => {
      if (handlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
});

vi.mock('electron', () => ({ ipcMain, BrowserWindow: vi.fn() }));

const { registerIpc } = await import('./ipc');

const APP_URL = 'file:///opt/kiosk/out/renderer/index.html';
const ourContents = { id: 7, isDestroyed: (): boolean => false, mainFrame: {} };
const trusted = { webContents: ourContents as never, appUrl: APP_URL };

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
const topFrame: FakeFrame = { url: `${APP_URL}#/welcome`, parent: null };

function eventFrom(frame: FakeFrame | null, sender: { id: number } = ourContents): unknown {
  return { sender, senderFrame: frame };
}

function handler(channel: string): Handler {
  const found = ipcMain.handlers.get(channel);
  if (!found) {
    throw new Error(`${channel} is not registered`);
  }
  return found as Handler;
}

const kiosk = { dispatch: vi.fn<(channel: string, input: unknown) => Promise<Result<unknown>>>() };
let unregister: () => void = () => undefined;

beforeEach(() => {
  unregister();
  vi.clearAllMocks();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  kiosk.dispatch.mockResolvedValue({ ok: true, value: { sessionId: 'abc' } });
  unregister = registerIpc(kiosk, trusted);
});

describe('registerIpc', () => {
  it('registers exactly the renderer channels, prefixed kiosk:', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      RENDERER_CHANNELS.map((name) => `kiosk:${name}`).sort(),
    );
    expect(ipcMain.handlers.has('kiosk:app.status')).toBe(false);
  });

  it('passes a valid call from the kiosk page through, payload untouched', async () => {
    const payload = { locale: 'en' };
    const result = await handler('kiosk:session.start')(eventFrom(topFrame), payload);
    expect(kiosk.dispatch).toHaveBeenCalledWith('session.start', payload);
    expect(result).toEqual({ ok: true, value: { sessionId: 'abc' } });
  });

  it('returns expected failures from the app as they are', async () => {
    const failure = { ok: false, error: { code: 'INVALID_INPUT', message: 'bad locale' } } as const;
    kiosk.dispatch.mockResolvedValue(failure);
    expect(await handler('kiosk:session.start')(eventFrom(topFrame), { locale: 1 })).toEqual(
      failure,
    );
  });

  it.each<[string, unknown]>([
    ['an iframe of the page', eventFrom({ url: APP_URL, parent: topFrame })],
    ['a top frame showing another page', eventFrom({ url: 'https://evil.example/', parent: null })],
    [
      'a look-alike file URL',
      eventFrom({ url: 'file:///opt/kiosk/out/renderer/index.html.evil', parent: null }),
    ],
    ['another web contents', eventFrom(topFrame, { id: 8 })],
    ['a frame that is gone', eventFrom(null)],
    [
      'a frame that throws when read',
      {
        sender: ourContents,
        get senderFrame(): never {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    ],
  ])('refuses a call from %s without reaching the app', async (_label, event) => {
    const result = await handler('kiosk:session.start')(event, { locale: 'en' });
    expect(kiosk.dispatch).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('maps a throw to INTERNAL without leaking its message, and logs it', async () => {
    kiosk.dispatch.mockRejectedValue(new Error('SQLITE_CORRUPT at /secret/path'));
    const result = await handler('kiosk:session.submit')(eventFrom(topFrame), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(console.error).toHaveBeenCalledWith(
      expect.stringContaining('registerIpc: session.submit'),
    );
  });

  it('unregisters every channel', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(RENDERER_CHANNELS.length);
    unregister = registerIpc(kiosk, trusted);
  });
});
