/**
 * Per-record work on every core, in order: `mapInWorkers` sends the items of an iterable, in small
 * batches, to a few worker threads running one script (its other half is `serveBatches`, in the
 * worker), and yields each item's result in the items' order. A few batches are in flight at a
 * time, so only those are held however many items there are (streamed). Where a worker cannot
 * start, or dies, its items are done on this thread by `inline`, the same function the worker
 * runs: slower, never different. Used by the opening of many records (consent/parallel-open.ts)
 * and by the PDFs of an export (export/pdf-pool.ts).
 *
 * A worker's script is a file beside its caller: from the sources (tests, the CLI and the preview
 * server run TypeScript) the .ts file, loaded through tsx's require hook (the one tsx API a worker
 * thread takes on Node 20: `--import tsx` in a worker's execArgv is not applied there); in the
 * built app electron-vite builds it as its own entry beside the main bundle
 * (electron.vite.config.ts), where the caller is bundled.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData, type Transferable } from 'node:worker_threads';

export interface WorkerMap<I, M, R, O> {
  /** The caller's `import.meta.url`, and the worker script's name beside it, without extension. */
  from: string;
  script: string;
  /** Copied into each worker once, as it starts (the worker's `workerInput()`). */
  workerData: unknown;
  /** Worker threads; default: the cores Node may use, at most four. Below 1: none. */
  workers?: number;
  /** Items a batch. */
  batch: number;
  /** What the worker is sent of an item (structured-clone data). */
  message: (item: I) => M;
  /** The item's result from what its worker answered; may throw (a refused item). */
  result: (item: I, answer: R) => O;
  /** The same work on this thread: for an item whose worker could not do it. */
  inline: (item: I) => O | Promise<O>;
}

const MAX_WORKERS = 4;
/** Batches in flight a worker: one being worked on, one waiting, so a worker never idles. */
const IN_FLIGHT_PER_WORKER = 2;
const CLOSE_GRACE_MS = 1000;

/** The default number of workers: the cores Node may use, at most four. */
export function defaultWorkers(): number {
  return Math.min(MAX_WORKERS, os.availableParallelism());
}

/** Each item's result, in order, computed in `map.workers` worker threads. */
export async function* mapInWorkers<I, M, R, O>(
  items: Iterable<I> | AsyncIterable<I>,
  map: WorkerMap<I, M, R, O>,
): AsyncGenerator<O> {
  const size = map.workers ?? defaultWorkers();
  if (size < 1) {
    for await (const item of items) {
      yield await map.inline(item);
    }
    return;
  }
  const pool = startPool<M, R>(workerFile(map.from, map.script), map.workerData, size);
  const source = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : null;
  const syncSource = source ? null : (items as Iterable<I>)[Symbol.iterator]();
  const next = async (): Promise<IteratorResult<I>> =>
    source ? source.next() : (syncSource as Iterator<I>).next();
  const inFlight: { items: I[]; answers: Promise<R[] | undefined> }[] = [];
  let sent = 0;
  let ended = false;
  const fill = async (): Promise<void> => {
    while (!ended && inFlight.length < size * IN_FLIGHT_PER_WORKER) {
      const batch: I[] = [];
      while (batch.length < map.batch) {
        const step = await next();
        if (step.done) {
          ended = true;
          break;
        }
        batch.push(step.value);
      }
      if (batch.length > 0) {
        inFlight.push({ items: batch, answers: pool.send(sent++ % size, batch.map(map.message)) });
      }
    }
  };
  try {
    await fill();
    for (let head = inFlight.shift(); head; head = inFlight.shift()) {
      const answers = await head.answers;
      await fill();
      for (const [index, item] of head.items.entries()) {
        const answer = answers?.[index];
        yield answer === undefined ? await map.inline(item) : map.result(item, answer);
      }
    }
  } finally {
    pool.close();
    if (pool.failure !== undefined) {
      // Slower, not different: say so once, for whoever wonders why (no item's data in it).
      console.warn(
        `mapInWorkers: a ${map.script} thread could not start or ended (${pool.failure}); its items were done on the main thread`,
      );
    }
  }
}

interface Pool<M, R> {
  /** Worker `index`'s answers to `messages`; undefined if that worker failed. */
  send(index: number, messages: M[]): Promise<R[] | undefined>;
  close(): void;
  /** Why the first worker that failed did (its error, or its exit code). */
  readonly failure: string | undefined;
}

interface Batch<M> {
  seq: number;
  messages: M[];
}

interface Answers<R> {
  seq: number;
  answers: R[];
}

function startPool<M, R>(file: string, data: unknown, size: number): Pool<M, R> {
  const threads: { worker: Worker; waiting: Map<number, (answers?: R[]) => void> }[] = [];
  const failed = new Set<number>();
  let failure: string | undefined;
  let closing = false;
  for (let i = 0; i < size; i++) {
    const worker = startWorker(file, data);
    const waiting = new Map<number, (answers?: R[]) => void>();
    const fail = (why: string): void => {
      for (const resolve of waiting.values()) {
        resolve(undefined);
      }
      waiting.clear();
      failed.add(i);
      failure ??= closing ? undefined : why;
    };
    worker.on('message', (message: Answers<R>) => {
      waiting.get(message.seq)?.(message.answers);
      waiting.delete(message.seq);
    });
    worker.on('error', (error) => {
      fail(error.message);
    });
    worker.on('exit', (code) => {
      fail(`exit code ${String(code)}`);
    });
    threads.push({ worker, waiting });
  }
  let seq = 0;
  return {
    get failure() {
      return failure;
    },
    send(index, messages) {
      const thread = threads[index];
      if (!thread || failed.has(index)) {
        return Promise.resolve(undefined);
      }
      const batch: Batch<M> = { seq: seq++, messages };
      return new Promise((resolve) => {
        thread.waiting.set(batch.seq, resolve);
        thread.worker.postMessage(batch);
      });
    },
    close() {
      closing = true;
      for (const { worker } of threads) {
        // The worker runs its `onClose` and ends; one still busy a moment later is ended.
        worker.postMessage('close');
        setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS).unref();
      }
    },
  };
}

function workerFile(from: string, script: string): string {
  const caller = fileURLToPath(from);
  return path.join(path.dirname(caller), `${script}${caller.endsWith('.ts') ? '.ts' : '.js'}`);
}

function startWorker(file: string, data: unknown): Worker {
  if (file.endsWith('.ts')) {
    const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`;
    return new Worker(source, { eval: true, workerData: data });
  }
  return new Worker(file, { workerData: data });
}

/** In a worker script: what `mapInWorkers` gave it as `workerData`. */
export function workerInput(): unknown {
  return workerData;
}

/**
 * In a worker script: answers each batch `mapInWorkers` sends, a `handle` call an item, in order.
 * `transfer` names the buffers of an answer to move rather than copy; `onClose` runs when the
 * caller is done (wipe what the worker holds).
 */
export function serveBatches<R>(
  handle: (message: never) => R | Promise<R>,
  options: { transfer?: (answer: R) => Transferable[]; onClose?: () => void } = {},
): void {
  const port = parentPort;
  if (!port) {
    throw new Error('serveBatches: this script runs only as a worker thread (worker-pool.ts)');
  }
  port.on('message', (message: Batch<never> | 'close') => {
    if (message === 'close') {
      options.onClose?.();
      port.close();
      return;
    }
    void answer(message.messages, handle).then((answers) => {
      const reply: Answers<R> = { seq: message.seq, answers };
      port.postMessage(reply, options.transfer ? answers.flatMap(options.transfer) : []);
    });
  });
}

/** One item after another (not all at once: an item's work may hold much memory). */
async function answer<R>(
  messages: never[],
  handle: (message: never) => R | Promise<R>,
): Promise<R[]> {
  const answers: R[] = [];
  for (const message of messages) {
    answers.push(await handle(message));
  }
  return answers;
}
