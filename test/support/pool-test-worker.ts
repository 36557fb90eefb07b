/**
 * A worker for worker-pool.test.ts: doubles each number it is sent and says which thread did it;
 * `die` ends the thread at once (a worker that crashes); `refuse` answers with a refusal.
 */
import { threadId } from 'node:worker_threads';
import { serveBatches, workerInput } from '../../src-main/worker-pool';

export interface PoolTestItem {
  n: number;
  die?: boolean;
  refuse?: boolean;
}

export interface PoolTestAnswer {
  doubled: number;
  threadId: number;
  offset: number;
  refused: boolean;
}

const { offset } = workerInput() as { offset: number };

serveBatches(
  async (item: PoolTestItem): Promise<PoolTestAnswer> => {
    if (item.die) {
      process.exit(1);
    }
    await new Promise((resolve) => setImmediate(resolve));
    return { doubled: item.n * 2, threadId, offset, refused: item.refuse === true };
  },
  { onClose: () => undefined },
);
