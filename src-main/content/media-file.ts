/**
 * Reads one media file a pack declares and checks it is what its name says: inside the pack
 * folder (symbolic links included), a regular file of a sensible size, with the bytes of its
 * type, WebVTT captions starting "WEBVTT". Its SHA-256 goes into the pack hash, so the hash
 * covers the media as well as the text.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import {
  describeMediaKind,
  extensionOf,
  hasMediaExtension,
  isPackPath,
  MEDIA_CONTENT_TYPES,
  PACK_PATH_RULE,
  type MediaKind,
} from './media-path';
import { PackError } from './pack-error';
import { videoDuration } from './media-duration';
import { readTextFile } from './read-text-file';

/** One media file of a loaded pack. `absolutePath` stays in main: the renderer gets URLs. */
export interface PackMediaFile {
  /** The pack path, as the manifest or page names it (`media/intro.webm`). */
  path: string;
  kind: MediaKind;
  absolutePath: string;
  contentType: string;
  size: number;
  sha256: string;
  /** When it was read; a file changed since is not served (media-library.ts). */
  mtimeMs: number;
  /** A video's running time from its container header; null if it gives none (or not a video). */
  durationSeconds: number | null;
}

const MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  video: 2 * 1024 * 1024 * 1024,
  captions: 1024 * 1024,
  image: 10 * 1024 * 1024,
  audio: 5 * 1024 * 1024,
};

const CHUNK_BYTES = 1024 * 1024;

/**
 * `path` (a pack path named at `field` of `fromFile`) checked and hashed. Throws a PackError
 * naming the media file, or `fromFile` when the path itself is wrong.
 */
export function readMediaFile(
  packDir: string,
  path: string,
  kind: MediaKind,
  where: { fromFile: string; field: string },
): PackMediaFile {
  if (!isPackPath(path)) {
    throw new PackError(where.fromFile, where.field, `"${path}" ${PACK_PATH_RULE}`);
  }
  if (!hasMediaExtension(path, kind)) {
    throw new PackError(
      where.fromFile,
      where.field,
      `"${path}" must be ${describeMediaKind(kind)}`,
    );
  }
  const absolutePath = join(packDir, path);
  const stats = statSync(absolutePath, { throwIfNoEntry: false });
  if (stats === undefined) {
    throw new PackError(path, where.field, 'the file does not exist');
  }
  if (!stats.isFile()) {
    throw new PackError(path, where.field, 'is not a regular file');
  }
  // A symbolic link may not lead out of the pack: the pack hash would not vouch for its target.
  const root = realpathSync(packDir);
  if (!realpathSync(absolutePath).startsWith(root + sep)) {
    throw new PackError(path, where.field, 'leads outside the pack folder');
  }
  if (stats.size === 0 || stats.size > MAX_BYTES[kind]) {
    throw new PackError(path, where.field, `must hold 1 to ${MAX_BYTES[kind]} bytes`);
  }
  const { head, sha256 } = hashFile(absolutePath);
  checkContent(kind, path, where.field, head, absolutePath);
  const ext = extensionOf(path);
  return {
    path,
    kind,
    absolutePath,
    contentType: MEDIA_CONTENT_TYPES[ext] ?? 'application/octet-stream',
    size: stats.size,
    sha256,
    mtimeMs: stats.mtimeMs,
    durationSeconds: kind === 'video' ? videoDuration(absolutePath, ext) : null,
  };
}

/** SHA-256 of the whole file, read in chunks (a video need not fit in memory), and its start. */
function hashFile(absolutePath: string): { head: Buffer; sha256: string } {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let head = Buffer.alloc(0);
  const fd = openSync(absolutePath, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      if (head.length === 0) {
        head = Buffer.from(buffer.subarray(0, Math.min(read, 64)));
      }
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return { head, sha256: hash.digest('hex') };
}

const WEBVTT = /^WEBVTT(?:[ \t\n]|$)/;

/** The file's first bytes must be those of its type, so a renamed file is caught here. */
function checkContent(
  kind: MediaKind,
  path: string,
  field: string,
  head: Buffer,
  absolutePath: string,
): void {
  const ext = extensionOf(path);
  if (kind === 'captions') {
    // https://www.w3.org/TR/webvtt1/#file-structure: an optional BOM, then "WEBVTT".
    if (!WEBVTT.test(readTextFile(absolutePath, path, field))) {
      throw new PackError(path, field, 'is not WebVTT: the file must start with "WEBVTT"');
    }
    return;
  }
  if (!hasSignature(ext, head)) {
    throw new PackError(path, field, `does not hold the bytes of a ${ext.slice(1)} file`);
  }
}

function hasSignature(ext: string, head: Buffer): boolean {
  if (head.length < 12) {
    return false;
  }
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  switch (ext) {
    case '.webm':
      // An EBML header whose DocType is "webm" (Matroska's header, another DocType).
      return head.readUInt32BE(0) === 0x1a45dfa3 && head.includes('webm', 4, 'latin1');
    case '.mp4':
      // ISO base media: the first box is `ftyp` (ISO/IEC 14496-12 §4.3).
      return ascii(4, 8) === 'ftyp';
    case '.png':
      return head
        .subarray(0, 8)
        .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case '.jpg':
    case '.jpeg':
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case '.webp':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
    case '.ogg':
      // An Ogg page starts with the capture pattern "OggS" (RFC 3533 §6).
      return ascii(0, 4) === 'OggS';
    default:
      return false;
  }
}
