/**
 * Whole files written while an export goes on drawing the next one (export-folder.ts writes
 * each; this keeps a few in flight).
 */
import type { ExportTarget, WrittenFile } from './export-folder';

/** Whole files in flight at once in a `FileWindow`. */
const FILES_AT_ONCE = 8;

/**
 * Whole files written while the caller goes on (draws the next PDF): each file's create, write,
 * close and rename are a few trips to libuv's threads, and awaiting them one file after another
 * left the CPU idle for much of a PDF export. At most `limit` files are in flight; the first
 * failure is thrown (by `writeFile` or `drain`) once every write in flight has settled, so
 * nothing is still being written when the caller removes what the export wrote.
 */
export class FileWindow {
  private readonly inFlight: Promise<WrittenFile>[] = [];

  constructor(
    private readonly target: Pick<ExportTarget, 'writeFile'>,
    private readonly limit = FILES_AT_ONCE,
  ) {}

  async writeFile(name: string, content: Uint8Array): Promise<void> {
    const write = this.target.writeFile(name, content);
    // Handled here; its failure is thrown when it is awaited below or in `drain`.
    write.catch(() => undefined);
    this.inFlight.push(write);
    if (this.inFlight.length >= this.limit) {
      try {
        await this.inFlight.shift();
      } catch (error) {
        await this.settle();
        throw error;
      }
    }
  }

  /** Every file written: resolves when all are, or throws the first failure once all settled. */
  async drain(): Promise<void> {
    const results = await Promise.allSettled(this.inFlight.splice(0));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
  }

  /** Waits for every write in flight, whatever became of it (before a failure is cleaned up). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.inFlight.splice(0));
  }
}
