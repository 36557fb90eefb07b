/**
 * For callers inside main that want a value or an exception (the CLI, seed-demo, tests): a
 * typed call whose failure throws, naming the channel, the message and each bad field.
 */
import type { ChannelInput, ChannelName, ChannelOutput, KioskError } from '../contract';
import type { KioskApiTable } from './api-table';

export class ChannelCallError extends Error {
  override readonly name = 'ChannelCallError';
  constructor(
    readonly channel: ChannelName,
    readonly error: KioskError,
  ) {
    const fields = error.fields
      ? ` (${Object.entries(error.fields)
          .map(([field, reason]) => `${field}: ${reason}`)
          .join(', ')})`
      : '';
    super(`${channel}: ${error.code} ${error.message}${fields}`);
  }
}

export async function callOrThrow<C extends ChannelName>(
  api: Pick<KioskApiTable, 'call'>,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await api.call(channel, input);
  if (!result.ok) {
    throw new ChannelCallError(channel, result.error);
  }
  return result.value;
}
