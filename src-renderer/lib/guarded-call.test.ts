import { describe, expect, it } from 'vitest';
import { CallGuard } from './guarded-call';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('CallGuard', () => {
  it('hands on an answer that arrives while nothing was wiped', async () => {
    const guard = new CallGuard();
    await expect(guard.call(() => Promise.resolve('answer'))).resolves.toBe('answer');
  });

  it('drops an answer that arrives after invalidate(), and only that one', async () => {
    const guard = new CallGuard();
    const late = deferred<string>();
    const stale = guard.call(() => late.promise);
    guard.invalidate();
    const fresh = guard.call(() => Promise.resolve('new session'));
    late.resolve('old client name');
    await expect(stale).resolves.toBeNull();
    await expect(fresh).resolves.toBe('new session');
  });
});
