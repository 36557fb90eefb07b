/**
 * The kiosk's two schemes, `app://` (the renderer, app-protocol.ts) and `kiosk-media://` (pack
 * media, media-protocol.ts), get their privileges here, in one call: Electron takes them once,
 * before the app is ready.
 */
import { protocol } from 'electron';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { MEDIA_SCHEME_PRIVILEGES } from './media-protocol';

export function registerKioskSchemes(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, MEDIA_SCHEME_PRIVILEGES]);
}
