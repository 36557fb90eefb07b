/**
 * The administrators' channels: unlock, lock, and who holds a passphrase. Changing who holds a
 * key needs a live unlock; every change is audited with who made it.
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers } from '../contract';
import { KioskFailure } from '../failure';
import {
  addStaff,
  changeStaffPassphrase,
  listStaff,
  openRecordKeysAsync,
  removeStaff,
} from '../vault';
import { checkNewPassphrase } from '../staff/passphrase-policy';
import { checkStaffSecret, refuseWhileWaiting, secretKind } from './secret-check';
import { checkNewStaff } from './vault-channels';
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
    'admin.unlock': async (secret) => {
      ctx.openVault();
      const unlock = await checkStaffSecret(
        ctx,
        { purpose: 'staff_area', via: secretKind(secret) },
        () => openRecordKeysAsync(ctx.dataDir, secret),
      );
      ctx.staff.hold(unlock);
      ctx.audit({ actor: actorOf(unlock), action: 'unlock', details: { via: unlock.via } });
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
    'admin.addStaff': async (input) => {
      const unlock = ctx.staff.require();
      const name = checkNewStaff(ctx, input);
      const added = await addStaff(ctx.dataDir, unlock, {
        name,
        passphrase: input.passphrase,
        ...kdf,
      });
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
    'admin.changePassphrase': async ({ current, passphrase, confirm }) => {
      const unlock = ctx.staff.require();
      const staff = unlock.staff;
      if (!staff) {
        throw new KioskFailure(
          'NOT_ALLOWED',
          'The recovery key has no passphrase of its own. Add a staff member instead.',
        );
      }
      // The cheap refusal before judging the new passphrase (zxcvbn) or the current one (scrypt).
      refuseWhileWaiting(ctx);
      const fields = checkNewPassphrase(passphrase, confirm, [staff.name, ctx.clinic.name]);
      if (fields) {
        throw new KioskFailure('INVALID_INPUT', 'Please check the highlighted fields.', { fields });
      }
      await checkStaffSecret(ctx, { purpose: 'change_passphrase', via: 'passphrase' }, () =>
        changeStaffPassphrase(ctx.dataDir, staff.staffId, current, passphrase, ctx.options.kdf),
      );
      ctx.audit({
        actor: actorOf(unlock),
        action: 'passphrase_changed',
        details: { staffId: staff.staffId },
      });
      return { changed: true };
    },
  };
}
