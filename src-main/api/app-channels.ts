/**
 * What the kiosk is: for the renderer at start (`app.info`: vault state, clinic, locales,
 * timings, paused) and for staff tools (`app.status`: counts and versions, never client data).
 */
import type { ApiContext } from './api-context';
import { kioskHealth } from './kiosk-health';
import type { ChannelHandlers, PackIdentity } from '../contract';

type AppChannel = Extract<keyof ChannelHandlers, `app.${string}`>;

export function appChannels(ctx: ApiContext): ChannelHandlers<AppChannel> {
  return {
    'app.info': () => {
      const pauseReason = ctx.pauseReason();
      return {
        vault: ctx.gate.state(),
        clinic: ctx.clinic,
        programmes: ctx.programmes.packs.map((pack) => ({
          packId: pack.id,
          defaultLocale: pack.defaultLocale,
          name: { ...(pack.programme?.name ?? pack.title) },
          ...(pack.programme ? { summary: { ...pack.programme.summary } } : {}),
        })),
        locales: [...ctx.programmes.locales],
        defaultLocale: ctx.programmes.first.defaultLocale,
        thankYouMs: ctx.options.thankYouMs,
        paused: pauseReason !== null,
        pauseReason,
        idle: { warnAfterMs: ctx.options.idleWarningMs, countdownMs: ctx.options.idleCountdownMs },
        onScreenKeyboard: ctx.options.onScreenKeyboard,
        printCopy: ctx.printer !== null,
      };
    },
    'app.status': () => {
      const vault = ctx.openVault();
      return {
        schemaVersion: vault.schemaVersion(),
        storage: ctx.storage(),
        submissions: vault.countSubmissions(),
        kioskId: vault.kioskId,
        packs: packIdentities(ctx),
        health: kioskHealth(ctx),
      };
    },
  };
}

export function packIdentities(ctx: ApiContext): PackIdentity[] {
  return ctx.programmes.packs.map(({ id, version, hash }) => ({ id, version, hash }));
}
