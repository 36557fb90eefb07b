/**
 * The renderer's client for `window.kiosk`, derived from the contract's `KioskApi` type like
 * the preload and the preview bridge: `api.session.start({ locale })`, one method per renderer
 * channel, so a new channel needs no plumbing here.
 *
 * Each call returns the channel's `Result` unchanged, and turns a transport that throws or
 * rejects (bridge missing, connection lost, preload crash) into an `INTERNAL` result, so
 * screens handle exactly one shape of failure.
 */
import type { KioskApi, Result } from '../../src-main/contract';

type Method = (input?: unknown) => Promise<Result<unknown>>;

function guarded(namespace: string, method: string): Method {
  return async (input) => {
    try {
      const group = (window.kiosk as unknown as Record<string, Record<string, Method>>)[namespace];
      const call = group?.[method];
      if (!call) {
        throw new Error(`window.kiosk has no ${namespace}.${method}`);
      }
      return await call(input ?? {});
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `${namespace}.${method}: transport failed: ${reason}` },
      };
    }
  };
}

/**
 * The methods are looked up on `window.kiosk` at call time, so the client exists before the
 * transport has put the bridge in place, and a missing one is a failed call, not a crash.
 */
function namespaceOf(namespace: string): Record<string, Method> {
  const methods = new Map<string, Method>();
  return new Proxy<Record<string, Method>>(
    {},
    {
      get: (_, method) => {
        if (typeof method !== 'string') {
          return undefined;
        }
        let found = methods.get(method);
        if (!found) {
          found = guarded(namespace, method);
          methods.set(method, found);
        }
        return found;
      },
    },
  );
}

const namespaces = new Map<string, Record<string, Method>>();

// The one cast: the proxy answers every `namespace.method` of `KioskApi` with a guarded call.
export const api = new Proxy({} as KioskApi, {
  get: (_, namespace) => {
    if (typeof namespace !== 'string') {
      return undefined;
    }
    let found = namespaces.get(namespace);
    if (!found) {
      found = namespaceOf(namespace);
      namespaces.set(namespace, found);
    }
    return found;
  },
});
