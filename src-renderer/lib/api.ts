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
