/**
 * Writing an export's files safely. Each export gets a new folder of its own inside the folder
 * staff chose, made hidden and temporary (`.kiosk-export-….partial`) and renamed to its final
 * name only once every file in it is written and fsynced (`publish`); each file is written under
 * a temporary name in it, closed and renamed to its final name, and every file is fsynced
 * together when the export is complete (`sync`, before anything is published or recorded:
 * a few fsyncs at once let the file system commit them together, where one after another cost
 * each PDF an fsync of its own); nothing is ever overwritten
 * (folder and files are created exclusively); and on any failure everything this export wrote is
 * removed again. A process killed mid-export leaves at most the hidden folder, which
 * unfinished-exports.ts removes later. The file-system calls go through a small `FileSink` so
 * tests can simulate a full disk or a folder that cannot be written.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExportError, type ExportFailureReason } from './export-error';

/** An open file being written. */
export interface SinkFile {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls an export makes; `nodeFileSink` is the real one. */
export interface FileSink {
  /** Creates `dir`; fails (EEXIST) if it exists and (ENOENT) if its parent does not. */
  createFolder(dir: string): Promise<void>;
  /** Creates `file` for writing; fails (EEXIST) if it exists: flag `wx`. */
  createFile(file: string): Promise<SinkFile>;
  /** Renames `from` to `to`; fails (EEXIST) rather than replace an existing `to`. */
  rename(from: string, to: string): Promise<void>;
  removeFile(file: string): Promise<void>;
  removeFolder(dir: string): Promise<void>;
  /** fsync of a folder, so the names written in it survive a power cut. */
  syncFolder(dir: string): Promise<void>;
  /** fsync of a closed file, reopened for writing: its bytes are on the disk when it resolves. */
  syncFile(file: string): Promise<void>;
  /** The names in `dir`. */
  listFolder(dir: string): Promise<string[]>;
  /** Removes `dir` and everything in it; nothing if it is not there. */
  removeTree(dir: string): Promise<void>;
}

const PRIVATE_FILE_MODE = 0o600;
/** fsyncs in flight together: within libuv's four threads, and what a journal commits at once. */
const SYNCS_AT_ONCE = 4;
const PRIVATE_FOLDER_MODE = 0o700;

export const nodeFileSink: FileSink = {
  async createFolder(dir) {
    await fs.promises.mkdir(dir, { mode: PRIVATE_FOLDER_MODE });
  },
  async createFile(file) {
    const handle = await fs.promises.open(file, 'wx', PRIVATE_FILE_MODE);
    return {
      write: async (chunk) => {
        await handle.write(chunk);
      },
      close: () => handle.close(),
    };
  },
  async rename(from, to) {
    // rename(2) replaces an existing target. The folder is this export's own, created
    // exclusively moments ago, so only another program writing into it could race this check.
    try {
      await fs.promises.lstat(to);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') {
        await fs.promises.rename(from, to);
        return;
      }
      throw error;
    }
    throw Object.assign(new Error(`EEXIST: file already exists, rename '${from}' -> '${to}'`), {
      code: 'EEXIST',
    });
  },
  async removeFile(file) {
    await fs.promises.unlink(file);
  },
  async removeFolder(dir) {
    await fs.promises.rmdir(dir);
  },
  async listFolder(dir) {
    return fs.promises.readdir(dir);
  },
  async removeTree(dir) {
    await fs.promises.rm(dir, { recursive: true, force: true });
  },
  async syncFile(file) {
    // Opened for writing: Windows' FlushFileBuffers needs a handle with write access.
    const handle = await fs.promises.open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async syncFolder(dir) {
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(dir, 'r');
      await handle.sync();
    } catch (error) {
      // Windows cannot open or fsync a folder (EISDIR, EPERM); its renames are durable once
      // the files are. Anywhere else a failure here is a real one.
      if (process.platform !== 'win32') {
        throw error;
      }
    } finally {
      await handle?.close();
    }
  },
};

/** Name, size and SHA-256 of a file written in full. */
export interface WrittenFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** A file of the export being written under its temporary name. */
export interface ExportFile {
  readonly name: string;
  write(chunk: Uint8Array): Promise<void>;
  /** Close and rename to the final name; fsynced by the target's `sync`. */
  commit(): Promise<WrittenFile>;
}

/** Where an export writes its files: a folder of its own, or an encrypted archive. */
export interface ExportTarget {
  openFile(name: string): Promise<ExportFile>;
  /** A whole file in one go. */
  writeFile(name: string, content: Uint8Array | string): Promise<WrittenFile>;
  /** Every file written in full, in order. */
  readonly files: readonly WrittenFile[];
}

/** A whole file in one go, into any target: opened, written, committed. */
export async function writeWholeFile(
  target: Pick<ExportTarget, 'openFile'>,
  name: string,
  content: Uint8Array | string,
): Promise<WrittenFile> {
  const file = await target.openFile(name);
  await file.write(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  return file.commit();
}

/** The hidden name an export's folder has until it is complete: `.<name>.partial`. */
export function temporaryName(name: string): string {
  return `.${name}.partial`;
}

export class ExportFolder implements ExportTarget {
  /** Every path this export created that still exists: removed again by `discard`. */
  private readonly created = new Set<string>();
  private readonly open = new Set<SinkFile>();
  private readonly written: WrittenFile[] = [];
  /** The order each written file was opened in: `files` lists them so, however commits overlap. */
  private readonly slots = new Map<WrittenFile, number>();
  private opened = 0;
  /** Files committed but not yet fsynced, by path: all synced by `sync`. */
  private readonly unsynced: string[] = [];
  private folderCreated = false;
  /** Set once `publish` or `publishFile` moved this export into place: what now holds it. */
  private published: string | undefined;

  private constructor(
    private readonly sink: FileSink,
    /** The folder staff chose. */
    readonly parent: string,
    /** The export's own folder, by its final name. */
    readonly name: string,
  ) {}

  /** Where the folder is now: its hidden temporary name until `publish`, then its final name. */
  get path(): string {
    return this.published === this.finalPath ? this.finalPath : this.temporaryPath;
  }

  get temporaryPath(): string {
    return path.join(this.parent, temporaryName(this.name));
  }

  get finalPath(): string {
    return path.join(this.parent, this.name);
  }

  get files(): readonly WrittenFile[] {
    const slot = (file: WrittenFile): number => this.slots.get(file) ?? 0;
    return [...this.written].sort((a, b) => slot(a) - slot(b));
  }

  /** Creates `<parent>/.<name>.partial`, which must not exist. */
  static async create(sink: FileSink, parent: string, name: string): Promise<ExportFolder> {
    const folder = new ExportFolder(sink, path.resolve(parent), name);
    try {
      await sink.createFolder(folder.path);
    } catch (error) {
      throw folder.failure(error, 'create the export folder', folder.path);
    }
    folder.folderCreated = true;
    return folder;
  }

  async openFile(name: string): Promise<ExportFile> {
    if (name !== path.basename(name) || name.startsWith('.') || this.hasName(name)) {
      throw new TypeError(`ExportFolder.openFile: "${name}" is not a new plain file name`);
    }
    const temporary = path.join(this.path, `.${name}.partial`);
    const final = path.join(this.path, name);
    const slot = this.opened++;
    let file: SinkFile;
    try {
      file = await this.sink.createFile(temporary);
    } catch (error) {
      throw this.failure(error, 'create', temporary);
    }
    this.created.add(temporary);
    this.open.add(file);
    const hash: Hash = createHash('sha256');
    let bytes = 0;
    let committed = false;
    return {
      name,
      write: async (chunk) => {
        if (committed) {
          throw new TypeError(`ExportFile.write: ${name} is already committed`);
        }
        try {
          await file.write(chunk);
        } catch (error) {
          throw this.failure(error, 'write', final);
        }
        hash.update(chunk);
        bytes += chunk.length;
      },
      commit: async () => {
        committed = true;
        try {
          this.open.delete(file);
          await file.close();
        } catch (error) {
          throw this.failure(error, 'write', final);
        }
        try {
          await this.sink.rename(temporary, final);
        } catch (error) {
          throw this.failure(error, 'rename', final);
        }
        this.created.delete(temporary);
        this.created.add(final);
        this.unsynced.push(final);
        const written = { name, bytes, sha256: hash.digest('hex') };
        this.written.push(written);
        this.slots.set(written, slot);
        return written;
      },
    };
  }

  writeFile(name: string, content: Uint8Array | string): Promise<WrittenFile> {
    return writeWholeFile(this, name, content);
  }

  /** fsync of every file committed since the last `sync`, then of the folder: all durable. */
  async sync(): Promise<void> {
    const files = this.unsynced.splice(0);
    let next = 0;
    const syncSome = async (): Promise<void> => {
      for (let file = files[next++]; file !== undefined; file = files[next++]) {
        try {
          await this.sink.syncFile(file);
        } catch (error) {
          throw this.failure(error, 'write', file);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SYNCS_AT_ONCE, files.length) }, syncSome));
    try {
      await this.sink.syncFolder(this.path);
    } catch (error) {
      throw this.failure(error, 'write', this.path);
    }
  }

  /**
   * Fails (EEXIST) if `name` (the folder's final name, or an archive's) is taken in the chosen
   * folder: checked before the export is recorded completed, so that a name taken by another
   * program fails the export cleanly instead of leaving a recorded export that cannot be moved
   * into place. `sink.rename` checks again.
   */
  async ensureFree(name: string): Promise<void> {
    const target = path.join(this.parent, name);
    let names: string[];
    try {
      names = await this.sink.listFolder(this.parent);
    } catch (error) {
      throw this.failure(error, 'read', this.parent);
    }
    if (names.includes(name)) {
      throw this.failure(
        Object.assign(new Error(`EEXIST: ${target} exists`), { code: 'EEXIST' }),
        'rename',
        target,
      );
    }
  }

  /**
   * Every file is written and synced: the hidden folder takes its final name (never replacing
   * anything there), and the rename is made durable.
   */
  async publish(): Promise<void> {
    if (this.open.size > 0) {
      throw new TypeError(`ExportFolder.publish: ${this.name} still has files being written`);
    }
    try {
      await this.sink.rename(this.temporaryPath, this.finalPath);
    } catch (error) {
      throw this.failure(error, 'rename', this.finalPath);
    }
    this.published = this.finalPath;
    await this.syncParent();
  }

  /**
   * For an export that is one file (an encrypted archive): moves that file, written and synced,
   * out of the hidden folder into the chosen folder, and removes the hidden folder.
   */
  async publishFile(name: string): Promise<void> {
    const file = this.written.find((written) => written.name === name);
    if (!file || this.written.length !== 1 || this.open.size > 0) {
      throw new TypeError(`ExportFolder.publishFile: ${name} is not the one finished file`);
    }
    const target = path.join(this.parent, name);
    try {
      await this.sink.rename(path.join(this.temporaryPath, name), target);
    } catch (error) {
      throw this.failure(error, 'rename', target);
    }
    this.published = target;
    try {
      await this.sink.removeFolder(this.temporaryPath);
    } catch (error) {
      throw this.failure(error, 'remove', this.temporaryPath);
    }
    this.folderCreated = false;
    this.created.clear();
    await this.syncParent();
  }

  private async syncParent(): Promise<void> {
    try {
      await this.sink.syncFolder(this.parent);
    } catch (error) {
      throw this.failure(error, 'write', this.parent);
    }
  }

  /**
   * Removes everything this export wrote: open files are closed, temporary and final files
   * deleted, and the folder too (it was created by this export). Returns the paths that could
   * not be removed (a disk pulled out mid-export), which the caller reports.
   */
  async discard(): Promise<string[]> {
    const left: string[] = [];
    const published = this.published;
    if (published !== undefined) {
      // Moved into place a moment ago: everything in it is this export's.
      try {
        await this.sink.removeTree(published);
        if (published === this.finalPath) {
          this.folderCreated = false;
        }
        this.published = undefined;
      } catch {
        left.push(published);
      }
    }
    for (const file of this.open) {
      try {
        await file.close();
      } catch {
        // Closing is only to release the handle; the file is deleted next either way.
      }
    }
    this.open.clear();
    for (const file of this.created) {
      try {
        await this.sink.removeFile(file);
      } catch (error) {
        if (errnoOf(error) !== 'ENOENT') {
          left.push(file);
        }
      }
    }
    this.created.clear();
    if (this.folderCreated) {
      try {
        await this.sink.removeFolder(this.path);
        this.folderCreated = false;
      } catch (error) {
        if (errnoOf(error) !== 'ENOENT') {
          left.push(this.path);
        }
      }
    }
    return left;
  }

  private hasName(name: string): boolean {
    return (
      this.written.some((file) => file.name === name) ||
      this.created.has(path.join(this.path, name))
    );
  }

  /** A file-system error as an ExportError that says what failed and where. */
  private failure(error: unknown, action: string, where: string): ExportError {
    const code = errnoOf(error);
    const [reason, message] = describe(code, action, where, this.parent, error);
    return new ExportError('EXPORT_FAILED', message, reason, { cause: error });
  }
}

function describe(
  code: string | undefined,
  action: string,
  where: string,
  parent: string,
  error: unknown,
): [ExportFailureReason, string] {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return ['disk_full', `The disk is full: could not ${action} ${where}.`];
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return [
        'not_writable',
        `The folder ${parent} cannot be written to (${code}): could not ${action} ${where}.`,
      ];
    case 'ENOENT':
      return [
        'missing_folder',
        `The folder ${parent} does not exist (or was removed during the export).`,
      ];
    case 'ENOTDIR':
      return ['not_a_folder', `${parent} is not a folder: could not ${action} ${where}.`];
    case 'EEXIST':
      return [
        'exists',
        `${where} already exists; an export never replaces an existing file or folder.`,
      ];
    default:
      return [
        'io',
        `Could not ${action} ${where}: ${error instanceof Error ? error.message : String(error)}`,
      ];
  }
}

export function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return typeof error.code === 'string' ? error.code : undefined;
  }
  return undefined;
}
