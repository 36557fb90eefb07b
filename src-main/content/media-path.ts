/**
 * Media a pack may carry (video, WebVTT captions, pictures, read-aloud clips), named by paths inside the pack
 * folder, and the URLs the renderer fetches them from. Pure rules; the files are read in
 * media-file.ts and served through media-library.ts.
 */

/**
 * A path inside the pack folder: segments of letters, digits, `.`, `_` and `-`, joined by `/`,
 * none starting with a dot. So no `..`, no absolute or drive path (`/x`, `C:`), no backslash, no
 * URL (`https:`), no percent-encoding and no hidden file: nothing that could name a file outside
 * the pack, or the same file two ways (the path is also the media's key in the pack hash).
 */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const PATH_MAX = 200;

export const PACK_PATH_RULE =
  'must be a file inside the pack folder, such as "media/welcome.webm": letters, digits, ".", "_" and "-" in folders joined by "/", with no "..", no leading "/" and no web address';

export function isPackPath(path: string): boolean {
  return (
    path.length > 0 &&
    path.length <= PATH_MAX &&
    path.split('/').every((segment) => SEGMENT.test(segment))
  );
}

export type MediaKind = 'video' | 'captions' | 'image' | 'audio';

/** What each kind of media may be, by file extension (checked against the bytes too). */
export const MEDIA_EXTENSIONS: Readonly<Record<MediaKind, readonly string[]>> = {
  // Chromium (and so Electron) plays both; WebM (VP8/VP9) needs no patent-encumbered codec.
  video: ['.webm', '.mp4'],
  captions: ['.vtt'],
  // No SVG: it is a document that can hold script and links, not a picture.
  image: ['.png', '.jpg', '.jpeg', '.webp'],
  // Read-aloud clips (audio-index.ts): Ogg Opus, which Chromium plays without any OS codec.
  audio: ['.ogg'],
};

export const MEDIA_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ogg': 'audio/ogg',
};

/** `.webm` for `media/intro.WebM`; '' when the last segment has no dot. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

export function hasMediaExtension(path: string, kind: MediaKind): boolean {
  return MEDIA_EXTENSIONS[kind].includes(extensionOf(path));
}

/** "a WebM or MP4 video (.webm, .mp4)", for errors. */
export function describeMediaKind(kind: MediaKind): string {
  const what = {
    video: 'a WebM or MP4 video',
    captions: 'WebVTT captions',
    image: 'a picture',
    audio: 'an Ogg Opus clip',
  }[kind];
  return `${what} (${MEDIA_EXTENSIONS[kind].join(', ')})`;
}

/** The custom scheme Electron serves pack media on (src-main/electron/media-protocol.ts). */
export const MEDIA_SCHEME = 'kiosk-media';

/**
 * Where the renderer fetches a pack's media, `<base><pack-id>/<path>`: Electron's privileged
 * scheme (`kiosk-media://ketamine-education/media/intro.webm`, the pack id as host), or the
 * preview server's own `/media/` (same origin as the page). The transport chooses; pages and
 * video steps are built with its base, and each transport's CSP admits only its own.
 */
export const MEDIA_BASES = {
  electron: `${MEDIA_SCHEME}://`,
  preview: '/media/',
} as const;
export type MediaBase = (typeof MEDIA_BASES)[keyof typeof MEDIA_BASES];

export function mediaUrl(base: MediaBase, packId: string, path: string): string {
  return `${base}${packId}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The pack id and pack path a media URL's path names (`/ketamine-education/media/intro.webm`,
 * as either transport sees it after its base), or undefined when it names none: percent-escapes
 * are decoded once, and the result must still be a pack path, so `%2e%2e` or `%2f` cannot
 * climb out of the pack.
 */
export function parseMediaPath(urlPath: string): { packId: string; path: string } | undefined {
  const match = /^\/?([a-z0-9][a-z0-9-]*)\/(.+)$/.exec(urlPath);
  if (!match?.[1] || match[2] === undefined) {
    return undefined;
  }
  let path: string;
  try {
    path = match[2].split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  return isPackPath(path) ? { packId: match[1], path } : undefined;
}
