/**
 * An encrypted export: one zip archive whose every entry is AES-256 encrypted (WinZip AE-2,
 * https://www.winzip.com/en/support/aes-encryption/), which the free 7-Zip opens on a Windows PC
 * (and `7z x -p<password>` anywhere). Written with zip.js (`@zip.js/zip.js`): maintained, no
 * dependencies, Zip64 for large archives, and its AES and PBKDF2 are its own tested code and the
 * Web Crypto API, not ours.
 *
 * The plaintext never touches a disk: each file's bytes go from main's memory straight into the
 * archive's compressor and cipher (in memory too), and only the archive's encrypted bytes are written, as one
 * file of the export's hidden temporary folder (export-folder.ts), renamed into place when done.
 */
import { createHash } from 'node:crypto';
import { configure, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import {
  writeWholeFile,
  type ExportFile,
  type ExportTarget,
  type WrittenFile,
} from './export-folder';

// Workers would load zip.js's worker script from a URL: in main, compress in this thread.
configure({ useWebWorkers: false });

/** AES-256: zip.js's `encryptionStrength` 3 (1 and 2 are AES-128 and AES-192). */
const AES_256 = 3;

export class ExportArchive implements ExportTarget {
  private readonly writer: ZipWriter<unknown>;
  private readonly written: WrittenFile[] = [];
  /** Entries are appended one after another, in the order their files are committed. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `archive`: the archive's own file, being written under its temporary name. `modified`: the
   * date every entry carries (the export's time).
   */
  constructor(
    private readonly archive: ExportFile,
    password: string,
    private readonly modified: Date,
  ) {
    const output = new WritableStream<Uint8Array>({ write: (chunk) => archive.write(chunk) });
    this.writer = new ZipWriter(output, {
      password,
      encryptionStrength: AES_256,
      zipCrypto: false,
      lastModDate: modified,
    });
  }

  get files(): readonly WrittenFile[] {
    return this.written;
  }

  /**
   * A file of the archive. Its bytes are held in memory until `commit`, then compressed and
   * encrypted into the archive in one go: several files can be written side by side (the four
   * CSVs) while the archive itself is written one entry after another.
   */
  openFile(name: string): Promise<ExportFile> {
    if (name !== name.split(/[\\/]/).pop() || name.startsWith('.') || this.hasName(name)) {
      return Promise.reject(
        new TypeError(`ExportArchive.openFile: "${name}" is not a new plain file name`),
      );
    }
    const chunks: Uint8Array[] = [];
    const hash = createHash('sha256');
    let bytes = 0;
    let committed = false;
    return Promise.resolve({
      name,
      write: (chunk) => {
        if (committed) {
          return Promise.reject(new TypeError(`ExportFile.write: ${name} is already committed`));
        }
        chunks.push(chunk);
        hash.update(chunk);
        bytes += chunk.length;
        return Promise.resolve();
      },
      commit: async () => {
        committed = true;
        const content = Buffer.concat(chunks);
        chunks.length = 0;
        const added = this.queue.then(() =>
          this.writer.add(name, new Uint8ArrayReader(content), { lastModDate: this.modified }),
        );
        this.queue = added;
        await added;
        const written = { name, bytes, sha256: hash.digest('hex') };
        this.written.push(written);
        return written;
      },
    });
  }

  writeFile(name: string, content: Uint8Array | string): Promise<WrittenFile> {
    return writeWholeFile(this, name, content);
  }

  /** Writes the archive's central directory and commits its file: the archive, as written. */
  async close(): Promise<WrittenFile> {
    await this.queue;
    await this.writer.close();
    return this.archive.commit();
  }

  private hasName(name: string): boolean {
    return this.written.some((file) => file.name === name);
  }
}
