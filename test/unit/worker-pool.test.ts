import { threadId } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { mapInWorkers, type WorkerMap } from '../../src-main/worker-pool';
import type { PoolTestAnswer, PoolTestItem } from '../support/pool-test-worker';

interface Done {
  n: number;
  doubled: number;
  by: number;
}

const here = new URL('../support/x.ts', import.meta.url).href;

function doubling(
  inline: (item: PoolTestItem) => Done = (item) => ({
    n: item.n,
    doubled: item.n * 2,
    by: threadId,
  }),
): WorkerMap<PoolTestItem, PoolTestItem, PoolTestAnswer, Done> {
  return {
    from: here,
    script: 'pool-test-worker',
    workerData: { offset: 7 },
    workers: 2,
    batch: 3,
    message: (item) => item,
    result: (item, answer) => {
      if (answer.refused) {
        throw new Error(`item ${String(item.n)} refused`);
      }
      expect(answer.offset).toBe(7);
      return { n: item.n, doubled: answer.doubled, by: answer.threadId };
    },
    inline,
  };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

const numbers = (count: number): PoolTestItem[] => Array.from({ length: count }, (_, n) => ({ n }));

describe('mapInWorkers', () => {
  let warn: MockInstance<typeof console.warn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
  });

  it('does every item in worker threads, both of them, and yields the results in order', async () => {
    const results = await all(mapInWorkers(numbers(50), doubling()));
    expect(results.map((r) => r.n)).toEqual(numbers(50).map((item) => item.n));
    expect(results.every((r) => r.doubled === r.n * 2)).toBe(true);
    const threads = new Set(results.map((r) => r.by));
    expect(threads.has(threadId)).toBe(false);
    expect(threads.size).toBe(2);
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes an async iterable, and with no workers does the items on this thread', async () => {
    async function* source(): AsyncGenerator<PoolTestItem> {
      for (const item of numbers(5)) {
        yield await Promise.resolve(item);
      }
    }
    const results = await all(mapInWorkers(source(), { ...doubling(), workers: 0 }));
    expect(results.map((r) => [r.n, r.doubled, r.by])).toEqual(
      numbers(5).map(({ n }) => [n, n * 2, threadId]),
    );
  });

  it('does on this thread, in order, the items of a worker that dies', async () => {
    const items = numbers(30).map((item) => (item.n === 4 ? { ...item, die: true } : item));
    const results = await all(mapInWorkers(items, doubling()));
    expect(results.map((r) => r.n)).toEqual(items.map((item) => item.n));
    expect(results.find((r) => r.n === 4)?.by).toBe(threadId);
    expect(results.every((r) => r.doubled === r.n * 2)).toBe(true);
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      expect.stringMatching(/a pool-test-worker thread could not start or ended \(exit code 1\)/),
    );
  });

  it('does every item on this thread when the worker script cannot load, and says so', async () => {
    const results = await all(
      mapInWorkers(numbers(10), { ...doubling(), script: 'no-such-worker' }),
    );
    expect(results.map((r) => [r.n, r.doubled, r.by])).toEqual(
      numbers(10).map(({ n }) => [n, n * 2, threadId]),
    );
    expect(warn).toHaveBeenCalledOnce();
  });

  it('throws a refused item where it stands, after the items before it', async () => {
    const items = numbers(20).map((item) => (item.n === 9 ? { ...item, refuse: true } : item));
    const seen: number[] = [];
    await expect(async () => {
      for await (const result of mapInWorkers(items, doubling())) {
        seen.push(result.n);
      }
    }).rejects.toThrow('item 9 refused');
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reads only a few batches ahead of its consumer (streamed)', async () => {
    let read = 0;
    function* counted(): Generator<PoolTestItem> {
      for (let n = 0; n < 1000; n++) {
        read += 1;
        yield { n };
      }
    }
    const iterator = mapInWorkers(counted(), doubling());
    await iterator.next();
    // Two workers, two batches in flight each, three items a batch: twelve read, then one more batch.
    expect(read).toBeLessThanOrEqual(15);
    await iterator.return(undefined);
    expect(read).toBeLessThanOrEqual(15);
  });
});
