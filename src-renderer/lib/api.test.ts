import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src-main/contract';
import { api } from './api';

type Bridge = Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;

function install(bridge: Bridge | undefined): void {
  vi.stubGlobal('window', bridge === undefined ? {} : { kiosk: bridge });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the renderer's client", () => {
  it('calls the same namespace and method on window.kiosk, with the input unchanged', async () => {
    const start = vi.fn((input: unknown) => Promise.resolve({ ok: true as const, value: input }));
    install({ session: { start } });
    await expect(api.session.start({ locale: 'es' })).resolves.toEqual({
      ok: true,
      value: { locale: 'es' },
    });
    expect(start).toHaveBeenCalledWith({ locale: 'es' });
  });

  it('sends {} for a channel called without input', async () => {
    const health = vi.fn(() => Promise.resolve({ ok: true as const, value: null }));
    install({ frontdesk: { health } });
    await api.frontdesk.health();
    expect(health).toHaveBeenCalledWith({});
  });

  it('looks the bridge up at call time, so a bridge installed later is used', async () => {
    install(undefined);
    const call = api.app.info;
    const info = vi.fn(() => Promise.resolve({ ok: true as const, value: 'later' }));
    install({ app: { info } });
    await expect(call()).resolves.toEqual({ ok: true, value: 'later' });
  });

  it('passes a failed result through as it is', async () => {
    const failure = { ok: false as const, error: { code: 'WRONG_PIN' as const, message: 'no' } };
    install({ frontdesk: { unlock: () => Promise.resolve(failure) } });
    await expect(api.frontdesk.unlock({ pin: '000000' })).resolves.toEqual(failure);
  });

  it.each([
    ['a missing bridge', undefined],
    ['a missing method', { session: {} }],
    ['a transport that rejects', { session: { submit: () => Promise.reject(new Error('gone')) } }],
    [
      'a transport that throws',
      {
        session: {
          submit: () => {
            throw new Error('preload crashed');
          },
        },
      },
    ],
  ] as [string, Bridge | undefined][])('turns %s into INTERNAL', async (_, bridge) => {
    install(bridge);
    const result = await api.session.submit({ sessionId: '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^session\.submit: transport failed: /);
  });
});
