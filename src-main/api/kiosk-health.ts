/**
 * The health snapshot from the API's context: what `frontdesk.health`, `app.status` (the CLI's
 * `status --json`) and the Pushgateway push all send, built by the one builder in health/.
 */
import type { ApiContext } from './api-context';
import { clinicToday } from './date-range';
import type { KioskHealth } from '../contract';
import { buildHealthSnapshot } from '../health';
import { kioskPaused } from '../staff/kiosk-settings';

export function kioskHealth(ctx: ApiContext): KioskHealth {
  const vault = ctx.openVault();
  return buildHealthSnapshot({
    vault,
    kioskName: ctx.options.kioskName,
    appVersion: ctx.appVersion,
    packs: ctx.programmes.packs,
    storage: ctx.storage(),
    paused: kioskPaused(vault),
    pauseReason: ctx.pauseReason(),
    today: clinicToday(ctx),
    integrity: ctx.health.integrity,
    startedAt: ctx.health.startedAt,
    now: ctx.now(),
    healthPush: ctx.health.pushState(),
  });
}
