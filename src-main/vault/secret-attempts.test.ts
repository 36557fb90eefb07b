import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultError } from './errors';
import {
  MAX_SECRET_DELAY_MS,
  SECRET_ATTEMPTS_FILE,
  SecretAttempts,
  secretDelayMs,
} from './secret-attempts';
import { useTempRoot } from './vault-test-fixtures';

const wrong = () => Promise.reject(new VaultError('WRONG_PASSPHRASE', 'test: wrong'));
const right = () => Promise.resolve('opened');

describe('secret attempts', () => {
  const temp = useTempRoot();
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const file = () => path.join(temp.dataDir, SECRET_ATTEMPTS_FILE);
  const attempts = (delayBaseMs = 1000) =>
    new SecretAttempts(temp.dataDir, { now: () => new Date(clock), delayBaseMs });

  function freshFolder(): void {
    fs.mkdirSync(temp.dataDir, { recursive: true });
    clock = Date.parse('2026-03-02T09:00:00Z');
  }

  it('lets three failures go free, then doubles the wait up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => secretDelayMs(n, 1000))).toEqual([
      0, 0, 0, 2000, 4000, 8000,
    ]);
    expect(secretDelayMs(40, 1000)).toBe(MAX_SECRET_DELAY_MS);
    expect(secretDelayMs(Number.MAX_SAFE_INTEGER, 1000)).toBe(MAX_SECRET_DELAY_MS);
  });

  it('keeps its state in a private file that holds no secret, and clears it on success', async () => {
    freshFolder();
    const throttle = attempts();
    for (let i = 0; i < 4; i++) {
      expect(await throttle.attempt(wrong)).toMatchObject({ outcome: 'wrong' });
    }
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toMatchObject({ failures: 4 });
    expect(await throttle.attempt(right)).toEqual({ outcome: 'refused', retryAfterMs: 2000 });
    clock += 2000;
    expect(await throttle.attempt(right)).toMatchObject({
      outcome: 'right',
      value: 'opened',
      notes: [{ kind: 'failures', count: 4 }],
    });
    expect(throttle.retryAfterMs()).toBe(0);
  });

  it('counts attempts still running, so parallel guesses get no more than the free ones', async () => {
    freshFolder();
    const throttle = attempts();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowWrong = async () => {
      await held;
      return wrong();
    };
    const results = Array.from({ length: 10 }, () => throttle.attempt(slowWrong));
    release();
    const outcomes = (await Promise.all(results)).map((result) => result.outcome);
    // The first four each saw fewer than four counted: the fourth one's wait starts after it.
    expect(outcomes.filter((outcome) => outcome === 'wrong')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'refused')).toHaveLength(6);
  });

  it('does not count an attempt that failed for another reason', async () => {
    freshFolder();
    const throttle = attempts();
    const broken = () => Promise.reject(new VaultError('BAD_KEY_SHAPE', 'test: broken'));
    for (let i = 0; i < 6; i++) {
      await expect(throttle.attempt(broken)).rejects.toThrow('test: broken');
    }
    expect(throttle.retryAfterMs()).toBe(0);
  });

  it('fails closed on a corrupt file: the longest wait from its last change, then a good file', async () => {
    freshFolder();
    fs.writeFileSync(file(), '{"version":1,"failures":"lots"');
    const changed = fs.statSync(file()).mtime.getTime();
    clock = changed;
    expect(await attempts().attempt(right)).toEqual({
      outcome: 'refused',
      retryAfterMs: MAX_SECRET_DELAY_MS,
    });
    clock = changed + MAX_SECRET_DELAY_MS;
    expect(await attempts().attempt(wrong)).toMatchObject({ outcome: 'wrong' });
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('starts afresh when the file is deleted (a known limit: README, "Security")', async () => {
    freshFolder();
    const throttle = attempts();
    for (let i = 0; i < 6; i++) {
      clock += throttle.retryAfterMs();
      await throttle.attempt(wrong);
    }
    expect(throttle.retryAfterMs()).toBeGreaterThan(0);
    fs.rmSync(file());
    expect(throttle.retryAfterMs()).toBe(0);
  });

  it('never waits longer than the delay when the clock is set back', async () => {
    freshFolder();
    const throttle = attempts();
    for (let i = 0; i < 4; i++) {
      await throttle.attempt(wrong);
    }
    clock -= 24 * 60 * 60 * 1000;
    expect(throttle.retryAfterMs()).toBe(2000);
  });
});
