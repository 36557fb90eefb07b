/**
 * What the kiosk is: for the renderer at start (`app.info`: vault state, clinic, locales,
 * timings, paused) and for staff tools (`app.status`: counts and versions, never client data).
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers } from '../contract';

type AppChannel = Extract<keyof ChannelHandlers, `app.${string}`>;

export function appChannels(ctx: ApiContext): ChannelHandlers<AppChannel> {
  return {
    'app.info': () => ({
      vault: ctx.gate.state(),
      clinic: ctx.clinic,
      locales: ctx.pack.locales,
      defaultLocale: ctx.pack.defaultLocale,
      thankYouMs: ctx.options.thankYouMs,
      paused: ctx.isPaused(),
      idle: { warnAfterMs: ctx.options.idleWarningMs, countdownMs: ctx.options.idleCountdownMs },
      onScreenKeyboard: ctx.options.onScreenKeyboard,
    }),
    'app.status': () => {
      const vault = ctx.openVault();
      return {
        schemaVersion: vault.schemaVersion(),
        submissions: vault.countSubmissions(),
        kioskId: vault.kioskId,
        pack: { id: ctx.pack.id, version: ctx.pack.version, hash: ctx.pack.hash },
      };
    },
  };
}
