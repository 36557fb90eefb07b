/**
 * The administrators' channels: unlock, lock, and who holds a passphrase. Changing who holds a
 * key needs a live unlock; every change is audited with who made it.
 */
import type { ApiContext } from '../api-context';
import type { ChannelHandlers } from '../contract';
import { KioskFailure } from '../failure';
import { addStaff, changeStaffPassphrase, listStaff, removeStaff, unlockStaff } from '../vault';
import { checkNewPassphrase } from './passphrase-policy';
import { checkNewStaff, isWrongSecret, secretKind } from './setup-channels';
import { actorOf } from './staff-unlock';

type StaffChannel = Extract<keyof ChannelHandlers, `staff.${string}`>;

export function staffChannels(ctx: ApiContext): ChannelHandlers<StaffChannel> {
  const kdf = ctx.kdf ? { kdf: ctx.kdf } : {};
  return {
    'staff.unlock': (secret) => {
      ctx.openVault();
      try {
        const unlock = unlockStaff(ctx.dataDir, secret);
        ctx.staff.hold(unlock);
        ctx.audit({ actor: actorOf(unlock), action: 'unlock', details: { via: unlock.via } });
      } catch (error) {
        if (isWrongSecret(error)) {
          ctx.audit({
            actor: 'unknown',
            action: 'unlock_failed',
            details: { purpose: 'staff_area', via: secretKind(secret) },
          });
        }
        throw error;
      }
      return ctx.staff.status();
    },
    'staff.lock': () => {
      ctx.lockStaff('requested');
      return ctx.staff.status();
    },
    'staff.status': () => ctx.staff.status(),
    'staff.list': () => {
      ctx.staff.require();
      return listStaff(ctx.dataDir);
    },
    'staff.add': (input) => {
      const unlock = ctx.staff.require();
      const name = checkNewStaff(ctx, input);
      const added = addStaff(ctx.dataDir, unlock, { name, passphrase: input.passphrase, ...kdf });
      ctx.audit({
        actor: actorOf(unlock),
        action: 'staff_added',
        details: { staffId: added.staffId, name: added.name },
      });
      return added;
    },
    'staff.remove': ({ staffId }) => {
      const unlock = ctx.staff.require();
      removeStaff(ctx.dataDir, staffId);
      ctx.audit({ actor: actorOf(unlock), action: 'staff_removed', details: { staffId } });
      if (unlock.staff?.staffId === staffId) {
        // Whoever removed their own slot holds no passphrase any more.
        ctx.lockStaff('requested');
      }
      return { removed: true };
    },
    'staff.changePassphrase': ({ current, passphrase, confirm }) => {
      const unlock = ctx.staff.require();
      if (!unlock.staff) {
        throw new KioskFailure(
          'NOT_ALLOWED',
          'The recovery key has no passphrase of its own. Add a staff member instead.',
        );
      }
      const fields = checkNewPassphrase(passphrase, confirm, [unlock.staff.name, ctx.clinic.name]);
      if (fields) {
        throw new KioskFailure('INVALID_INPUT', 'Please check the highlighted fields.', { fields });
      }
      changeStaffPassphrase(ctx.dataDir, unlock.staff.staffId, current, passphrase, ctx.kdf);
      ctx.audit({
        actor: actorOf(unlock),
        action: 'passphrase_changed',
        details: { staffId: unlock.staff.staffId },
      });
      return { changed: true };
    },
  };
}
