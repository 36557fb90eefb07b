/**
 * The renderer's typed client for `window.kiosk`.
 *
 * Thin wrappers: each returns the channel's `Result` unchanged, and turns a transport that
 * throws or rejects (bridge missing, connection lost, preload crash) into an `INTERNAL` result,
 * so screens handle exactly one shape of failure.
 */
import type { ChannelInput, ChannelOutput, RendererChannel, Result } from '../../src-main/contract';

type Call<C extends RendererChannel> = Promise<Result<ChannelOutput<C>>>;

async function guarded<T>(channel: RendererChannel, invoke: () => Promise<Result<T>>) {
  try {
    return await invoke();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure: Result<T> = {
      ok: false,
      error: { code: 'INTERNAL', message: `${channel}: transport failed: ${reason}` },
    };
    return failure;
  }
}

export const api = {
  info: (): Call<'kiosk.info'> => guarded('kiosk.info', () => window.kiosk.kiosk.info({})),

  createVault: (input: ChannelInput<'setup.create'>): Call<'setup.create'> =>
    guarded('setup.create', () => window.kiosk.setup.create(input)),

  unlockVault: (input: ChannelInput<'setup.unlock'>): Call<'setup.unlock'> =>
    guarded('setup.unlock', () => window.kiosk.setup.unlock(input)),

  startSession: (input: ChannelInput<'session.start'>): Call<'session.start'> =>
    guarded('session.start', () => window.kiosk.session.start(input)),

  enterStep: (input: ChannelInput<'session.enterStep'>): Call<'session.enterStep'> =>
    guarded('session.enterStep', () => window.kiosk.session.enterStep(input)),

  answerCheck: (input: ChannelInput<'session.answerCheck'>): Call<'session.answerCheck'> =>
    guarded('session.answerCheck', () => window.kiosk.session.answerCheck(input)),

  acknowledge: (input: ChannelInput<'session.acknowledge'>): Call<'session.acknowledge'> =>
    guarded('session.acknowledge', () => window.kiosk.session.acknowledge(input)),

  setIdentity: (input: ChannelInput<'session.setIdentity'>): Call<'session.setIdentity'> =>
    guarded('session.setIdentity', () => window.kiosk.session.setIdentity(input)),

  setSignature: (input: ChannelInput<'session.setSignature'>): Call<'session.setSignature'> =>
    guarded('session.setSignature', () => window.kiosk.session.setSignature(input)),

  submit: (input: ChannelInput<'session.submit'>): Call<'session.submit'> =>
    guarded('session.submit', () => window.kiosk.session.submit(input)),

  discard: (input: ChannelInput<'session.discard'>): Call<'session.discard'> =>
    guarded('session.discard', () => window.kiosk.session.discard(input)),
};

/** The staff area's channels: front desk, administrators, records and exports. */
export const staffApi = {
  status: (): Call<'staff.status'> => guarded('staff.status', () => window.kiosk.staff.status({})),

  unlock: (input: ChannelInput<'staff.unlock'>): Call<'staff.unlock'> =>
    guarded('staff.unlock', () => window.kiosk.staff.unlock(input)),

  lock: (): Call<'staff.lock'> => guarded('staff.lock', () => window.kiosk.staff.lock({})),

  list: (): Call<'staff.list'> => guarded('staff.list', () => window.kiosk.staff.list({})),

  add: (input: ChannelInput<'staff.add'>): Call<'staff.add'> =>
    guarded('staff.add', () => window.kiosk.staff.add(input)),

  remove: (input: ChannelInput<'staff.remove'>): Call<'staff.remove'> =>
    guarded('staff.remove', () => window.kiosk.staff.remove(input)),

  changePassphrase: (
    input: ChannelInput<'staff.changePassphrase'>,
  ): Call<'staff.changePassphrase'> =>
    guarded('staff.changePassphrase', () => window.kiosk.staff.changePassphrase(input)),

  submissions: (input: ChannelInput<'submissions.list'>): Call<'submissions.list'> =>
    guarded('submissions.list', () => window.kiosk.submissions.list(input)),

  record: (input: ChannelInput<'submissions.get'>): Call<'submissions.get'> =>
    guarded('submissions.get', () => window.kiosk.submissions.get(input)),

  exportRun: (input: ChannelInput<'export.run'>): Call<'export.run'> =>
    guarded('export.run', () => window.kiosk.export.run(input)),

  frontDeskState: (): Call<'frontdesk.state'> =>
    guarded('frontdesk.state', () => window.kiosk.frontdesk.state({})),

  frontDeskUnlock: (input: ChannelInput<'frontdesk.unlock'>): Call<'frontdesk.unlock'> =>
    guarded('frontdesk.unlock', () => window.kiosk.frontdesk.unlock(input)),

  frontDeskLock: (): Call<'frontdesk.lock'> =>
    guarded('frontdesk.lock', () => window.kiosk.frontdesk.lock({})),

  health: (): Call<'frontdesk.status'> =>
    guarded('frontdesk.status', () => window.kiosk.frontdesk.status({})),

  pause: (): Call<'frontdesk.pause'> =>
    guarded('frontdesk.pause', () => window.kiosk.frontdesk.pause({})),

  resume: (): Call<'frontdesk.resume'> =>
    guarded('frontdesk.resume', () => window.kiosk.frontdesk.resume({})),

  exitKiosk: (): Call<'frontdesk.exit'> =>
    guarded('frontdesk.exit', () => window.kiosk.frontdesk.exit({})),

  setPin: (input: ChannelInput<'admin.setPin'>): Call<'admin.setPin'> =>
    guarded('admin.setPin', () => window.kiosk.admin.setPin(input)),

  enablePin: (): Call<'admin.enablePin'> =>
    guarded('admin.enablePin', () => window.kiosk.admin.enablePin({})),

  settings: (): Call<'admin.settings'> =>
    guarded('admin.settings', () => window.kiosk.admin.settings({})),

  updateSettings: (input: ChannelInput<'admin.updateSettings'>): Call<'admin.updateSettings'> =>
    guarded('admin.updateSettings', () => window.kiosk.admin.updateSettings(input)),

  purge: (): Call<'admin.purge'> => guarded('admin.purge', () => window.kiosk.admin.purge({})),
};
