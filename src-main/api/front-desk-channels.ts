/**
 * The front desk's channels (PIN: pause, resume, exit kiosk mode, counts and health) and the
 * administrator's kiosk settings (PIN, retention, purge). Every change is audited.
 */
import type { ApiContext } from './api-context';
import { kioskHealth } from './kiosk-health';
import type { ChannelHandlers, FrontDeskAccess, KioskHealth, KioskSettings } from '../contract';
import { purgeExpired } from '../export';
import { KioskFailure } from '../failure';
import { FrontDeskPin, PIN_FAILURE_LIMIT } from '../staff/front-desk-pin';
import { retentionDays, setKioskPaused, setRetentionDays } from '../staff/kiosk-settings';
import { checkNewPin } from '../staff/pin-policy';
import { actorOf } from '../staff/staff-session';

type FrontDeskChannel =
  | Exclude<
      Extract<keyof ChannelHandlers, `frontdesk.${string}`>,
      'frontdesk.alerts' | 'frontdesk.acknowledgeAlert'
    >
  | 'admin.setPin'
  | 'admin.enablePin'
  | 'admin.settings'
  | 'admin.updateSettings'
  | 'admin.purge';

export function frontDeskChannels(ctx: ApiContext): ChannelHandlers<FrontDeskChannel> {
  const pin = (): FrontDeskPin =>
    new FrontDeskPin(ctx.openVault(), ctx.now, ctx.options.pinDelayBaseMs);

  const state = (): FrontDeskAccess => {
    const current = pin().state();
    return {
      pinSet: current.pinSet,
      pinDisabled: current.pinDisabled,
      retryAfterMs: current.retryAfterMs,
      unlocked: ctx.staff.role(),
    };
  };

  const setPaused = (paused: boolean): { paused: boolean } => {
    const holder = ctx.staff.requireFrontDesk();
    setKioskPaused(ctx.openVault(), paused);
    ctx.audit({ actor: actorOf(holder), action: paused ? 'kiosk_paused' : 'kiosk_resumed' });
    return { paused };
  };

  const settings = (): KioskSettings => ({ retentionDays: retentionDays(ctx.openVault()) });

  return {
    'frontdesk.access': state,
    'frontdesk.unlock': ({ pin: entered }) => {
      const check = pin().verify(entered);
      if (check.ok) {
        ctx.staff.holdFrontDesk();
        ctx.audit({ actor: 'front-desk', action: 'unlock', details: { via: 'pin' } });
        return state();
      }
      const { retryAfterMs, failures } = check.state;
      switch (check.reason) {
        case 'PIN_NOT_SET':
          throw new KioskFailure(
            'PIN_NOT_SET',
            'No front-desk PIN is set. An administrator can set one.',
          );
        case 'PIN_DISABLED':
          throw new KioskFailure(
            'PIN_DISABLED',
            'PIN entry is switched off after too many wrong PINs. An administrator can switch it on again.',
          );
        case 'RETRY_LATER':
          throw new KioskFailure('RETRY_LATER', 'Please wait before trying the PIN again.', {
            retryAfterMs,
          });
        case 'WRONG_PIN':
          ctx.audit({ actor: 'unknown', action: 'pin_failed', details: { failures } });
          if (check.justDisabled) {
            ctx.audit({ actor: 'unknown', action: 'pin_disabled', details: { failures } });
            throw new KioskFailure(
              'PIN_DISABLED',
              'PIN entry is switched off after too many wrong PINs. An administrator can switch it on again.',
            );
          }
          throw new KioskFailure('WRONG_PIN', 'That PIN is not right.', {
            retryAfterMs,
            failures: { count: failures, limit: PIN_FAILURE_LIMIT },
          });
      }
    },
    'frontdesk.lock': () => {
      ctx.lockStaff('requested');
      return state();
    },
    'frontdesk.health': (): KioskHealth => {
      ctx.staff.requireFrontDesk();
      return kioskHealth(ctx);
    },
    'frontdesk.pause': () => setPaused(true),
    'frontdesk.resume': () => setPaused(false),
    'frontdesk.exit': () => {
      const holder = ctx.staff.requireFrontDesk();
      ctx.audit({ actor: actorOf(holder), action: 'kiosk_exited' });
      ctx.lockStaff('requested');
      ctx.options.exitKiosk();
      return { exiting: true };
    },
    'admin.setPin': ({ pin: newPin, confirm }) => {
      const unlock = ctx.staff.require();
      const fields = checkNewPin(newPin, confirm);
      if (fields) {
        throw new KioskFailure('INVALID_INPUT', 'Please check the highlighted fields.', { fields });
      }
      pin().set(newPin);
      ctx.audit({ actor: actorOf(unlock), action: 'pin_changed' });
      return state();
    },
    'admin.enablePin': () => {
      const unlock = ctx.staff.require();
      pin().enable();
      ctx.audit({ actor: actorOf(unlock), action: 'pin_enabled' });
      return state();
    },
    'admin.settings': () => {
      ctx.staff.require();
      return settings();
    },
    'admin.updateSettings': ({ retentionDays: days }) => {
      const unlock = ctx.staff.require();
      const vault = ctx.openVault();
      const before = retentionDays(vault);
      setRetentionDays(vault, days);
      ctx.audit({
        actor: actorOf(unlock),
        action: 'settings_changed',
        details: { retentionDays: { from: before, to: days } },
      });
      return settings();
    },
    'admin.purge': () => {
      const unlock = ctx.staff.require();
      const days = retentionDays(ctx.openVault());
      if (days === null) {
        throw new KioskFailure('NOT_ALLOWED', 'Retention is off: nothing is purged.');
      }
      return { purged: purgeExpired(ctx.openVault(), days, actorOf(unlock), ctx.now()) };
    },
  };
}
