/**
 * The administrators' channels: unlock, lock, and who holds a passphrase. Changing who holds a
 * key needs a live unlock; every change is audited with who made it.
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers } from '../contract';
import { KioskFailure } from '../failure';
import { addStaff, changeStaffPassphrase, listStaff, removeStaff, openRecordKeys } from '../vault';
import { checkNewPassphrase } from '../staff/passphrase-policy';
import { checkNewStaff, isWrongSecret, secretKind } from './vault-channels';
import { actorOf } from '../staff/staff-session';

/** The administrators' own accounts: the rest of `admin.*` is the kiosk's settings. */
type AdminChannel =
  | 'admin.unlock'
  | 'admin.lock'
  | 'admin.status'
  | 'admin.listStaff'
  | 'admin.addStaff'
  | 'admin.removeStaff'
  | 'admin.changePassphrase';

export function adminChannels(ctx: ApiContext): ChannelHandlers<AdminChannel> {
  const kdf = ctx.options.kdf ? { kdf: ctx.options.kdf } : {};
  return {
    'admin.unlock': (secret) => {
      ctx.openVault();
      try {
        const unlock = openRecordKeys(ctx.dataDir, secret);
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
    'admin.lock': () => {
      ctx.lockStaff('requested');
      return ctx.staff.status();
    },
    'admin.status': () => ctx.staff.status(),
    'admin.listStaff': () => {
      ctx.staff.require();
      return listStaff(ctx.dataDir);
    },
    'admin.addStaff': (input) => {
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
    'admin.removeStaff': ({ staffId }) => {
      const unlock = ctx.staff.require();
      removeStaff(ctx.dataDir, staffId);
      ctx.audit({ actor: actorOf(unlock), action: 'staff_removed', details: { staffId } });
      if (unlock.staff?.staffId === staffId) {
        // Whoever removed their own slot holds no passphrase any more.
        ctx.lockStaff('requested');
      }
      return { removed: true };
    },
    'admin.changePassphrase': ({ current, passphrase, confirm }) => {
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
      changeStaffPassphrase(
        ctx.dataDir,
        unlock.staff.staffId,
        current,
        passphrase,
        ctx.options.kdf,
      );
      ctx.audit({
        actor: actorOf(unlock),
        action: 'passphrase_changed',
        details: { staffId: unlock.staff.staffId },
      });
      return { changed: true };
    },
  };
}
