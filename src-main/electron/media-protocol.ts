/**
 * Pack media in Electron: `kiosk-media://<pack-id>/<path>`, answered by the same lookup as the
 * preview server's `/media/` (src-main/content/media-library.ts). Only this file knows it is
 * Electron: the scheme's privileges, and a `Response` made of the shared answer.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol, type CustomScheme } from 'electron';
import { answerMediaRequest, MEDIA_SCHEME, type MediaLibrary } from '../content';

/**
 * `standard`: parsed like http (the pack id is the host), so relative URLs and origins work;
 * `secure`: not mixed content; `stream`: the media element may read it as it plays, with Range
 * requests; `corsEnabled`: the page (on `app://kiosk`, another origin) may load captions, which
 * are always fetched with CORS. Registered with the app's scheme in schemes.ts. No `bypassCSP`: the window's policy names this scheme for media and images.
 */
export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, stream: true, corsEnabled: true },
};

/** Serves `library` on the scheme (after `ready`); returns the function that stops it. */
export function handleMediaProtocol(library: MediaLibrary): () => void {
  protocol.handle(MEDIA_SCHEME, (request) => mediaResponse(library, request));
  return () => {
    protocol.unhandle(MEDIA_SCHEME);
  };
}

/** The answer to one request on the scheme. */
export function mediaResponse(library: MediaLibrary, request: Request): Response {
  // A standard scheme: `kiosk-media://<pack-id>/<path>` has the pack id as its host.
  const url = new URL(request.url);
  const answer = answerMediaRequest(library, {
    urlPath: `${url.host}${url.pathname}`,
    method: request.method,
    range: request.headers.get('range') ?? undefined,
    ifRange: request.headers.get('if-range') ?? undefined,
  });
  const body =
    answer.file === undefined || answer.body === null
      ? null
      : (Readable.toWeb(
          createReadStream(answer.file.absolutePath, answer.body),
        ) as ReadableStream<Uint8Array>);
  // The page is on app://kiosk: its caption tracks are cross-origin, CORS-mode requests.
  return new Response(body, {
    status: answer.status,
    headers: { ...answer.headers, 'access-control-allow-origin': '*' },
  });
}
