/**
 * The one lookup both transports serve pack media through (the preview server's `/media/`,
 * Electron's `kiosk-media://`): a pack id and a pack path give a file only if that pack
 * declares it (a video step's video, captions or poster, a picture in a page), never anything
 * else in the pack folder (the manifest, a page's Markdown, a stray file), and only while it is
 * the file that was hashed. The answer, Range requests included (video seeking needs them), is
 * worked out here once, as status, headers and a byte span; each transport writes it its way.
 */
import { statSync } from 'node:fs';
import type { PackMediaFile } from './media-file';
import { parseMediaPath } from './media-path';
import type { Pack } from './pack-model';

export interface MediaLibrary {
  /** The declared media file, or undefined: unknown pack, undeclared path, or changed on disk. */
  find(packId: string, path: string): PackMediaFile | undefined;
}

export function mediaLibraryOf(packs: readonly Pack[]): MediaLibrary {
  const byPack = new Map(packs.map((pack) => [pack.id, pack.media]));
  return {
    find(packId, path) {
      const file = byPack.get(packId)?.get(path);
      if (file === undefined) {
        return undefined;
      }
      // Served bytes must be the hashed bytes: a file replaced since the kiosk started is not
      // served (restarting the kiosk loads, checks and hashes it again).
      const now = statSync(file.absolutePath, { throwIfNoEntry: false });
      if (now?.size !== file.size || now.mtimeMs !== file.mtimeMs) {
        console.error(
          `find: ${packId}/${path} changed after the pack was loaded; restart the kiosk to use it`,
        );
        return undefined;
      }
      return file;
    },
  };
}

export interface MediaRequest {
  /** The URL's path after the transport's base: `<pack-id>/<path>`, still percent-encoded. */
  urlPath: string;
  method: string;
  /** The request's `Range` and `If-Range` headers, if any. */
  range?: string | undefined;
  ifRange?: string | undefined;
}

export type MediaAnswer =
  | {
      status: 200 | 206;
      headers: Record<string, string>;
      file: PackMediaFile;
      /** The bytes to send, `start` to `end` inclusive; none for HEAD. */
      body: { start: number; end: number } | null;
    }
  | { status: 404 | 405 | 416; headers: Record<string, string>; file?: undefined; body: null };

const PLAIN = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/** What to answer a request for a pack's media (RFC 9110 §14 for ranges). */
export function answerMediaRequest(library: MediaLibrary, request: MediaRequest): MediaAnswer {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, headers: { ...PLAIN, allow: 'GET, HEAD' }, body: null };
  }
  const target = parseMediaPath(request.urlPath);
  const file = target && library.find(target.packId, target.path);
  if (file === undefined) {
    return { status: 404, headers: PLAIN, body: null };
  }
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'accept-ranges': 'bytes',
    etag,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  // A stale If-Range (another version of the file) asks for the whole file (§13.1.5).
  const range =
    request.ifRange === undefined || request.ifRange === etag
      ? parseRange(request.range, file.size)
      : undefined;
  if (range === 'unsatisfiable') {
    return {
      status: 416,
      headers: { ...PLAIN, 'content-range': `bytes */${file.size}` },
      body: null,
    };
  }
  const span = range ?? { start: 0, end: file.size - 1 };
  return {
    status: range === undefined ? 200 : 206,
    headers: {
      ...headers,
      'content-length': String(span.end - span.start + 1),
      ...(range === undefined
        ? {}
        : { 'content-range': `bytes ${span.start}-${span.end}/${file.size}` }),
    },
    file,
    body: request.method === 'HEAD' ? null : span,
  };
}

/**
 * One `bytes=` range of a file of `size` bytes (`0-99`, `100-`, `-500`): the span, undefined to
 * send the whole file (no header, another unit, several ranges, or a malformed one, which
 * §14.2 lets a server ignore), or `unsatisfiable` when it starts past the end.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) {
    return undefined;
  }
  const [first, last] = [match[1] ?? '', match[2] ?? ''];
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) {
    return undefined;
  }
  return start >= size ? 'unsatisfiable' : { start, end: Math.min(end, size - 1) };
}
