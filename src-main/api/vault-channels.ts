/**
 * First run and unattended-start failure: create the vault with the first administrator, or
 * reopen it with a staff secret when this machine's keychain cannot (recovery).
 */
import { ensurePushKey } from '../push';
import type { ApiContext } from './api-context';
import type { ChannelHandlers } from '../contract';
import { KioskFailure } from '../failure';
import { checkNewPassphrase, checkStaffName } from '../staff/passphrase-policy';
import { actorOf } from '../staff/staff-session';
import { checkStaffSecret, secretKind } from './secret-check';

type VaultChannel = Extract<keyof ChannelHandlers, `vault.${string}`>;

/** Checks a new administrator's name and passphrase; `INVALID_INPUT` names each bad field. */
export function checkNewStaff(
  ctx: ApiContext,
  input: { name: string; passphrase: string; confirm: string },
): string {
  const name = checkStaffName(input.name);
  const fields = {
    ...('error' in name ? { name: name.error } : {}),
    ...checkNewPassphrase(input.passphrase, input.confirm, [input.name, ctx.clinic.name]),
  };
  if (Object.keys(fields).length > 0 || 'error' in name) {
    throw new KioskFailure('INVALID_INPUT', 'Please check the highlighted fields.', { fields });
  }
  return name.name;
}

export function vaultChannels(ctx: ApiContext): ChannelHandlers<VaultChannel> {
  return {
    'vault.create': (input) => {
      // The cheap refusal first: judging a passphrase (zxcvbn) costs time a kiosk with a vault
      // should never spend on an unauthenticated call.
      if (ctx.gate.state() !== 'needs-setup') {
        throw new KioskFailure('VAULT_EXISTS', 'This kiosk already has a vault.');
      }
      const name = checkNewStaff(ctx, input);
      const created = ctx.gate.create({ name, passphrase: input.passphrase });
      // The key the clinic's FHIR server will know this kiosk by, ready to register at setup.
      ensurePushKey(created.vault);
      ctx.audit({
        actor: actorOf({ via: 'passphrase', staff: created.admin }),
        action: 'vault_created',
        details: { kioskId: created.vault.kioskId, admin: created.admin.name },
      });
      return { kioskId: created.vault.kioskId, recoveryKey: created.recoveryKey };
    },
    'vault.open': async (secret) => {
      const state = ctx.gate.state();
      if (state === 'needs-setup') {
        throw new KioskFailure('VAULT_UNAVAILABLE', 'This kiosk has no vault yet.');
      }
      if (state === 'ready') {
        return { unlocked: true };
      }
      const opened = await checkStaffSecret(
        ctx,
        { purpose: 'open_kiosk', via: secretKind(secret) },
        () => ctx.gate.unlock(secret),
      );
      const holder = { via: opened.unlock.via, staff: opened.unlock.staff };
      // Opening the kiosk for clients does not leave staff unlocked.
      opened.unlock.wipe();
      // A vault made before the push has no key yet.
      ensurePushKey(ctx.openVault());
      ctx.audit({
        actor: actorOf(holder),
        action: opened.rewrapped || holder.via === 'recovery-key' ? 'recovery' : 'unlock',
        details: { purpose: 'open_kiosk', rewrappedForKeychain: opened.rewrapped },
      });
      return { unlocked: true };
    },
  };
}
