/**
 * One print of a record's client copy for any channel (the client's own at the end of the
 * session, an administrator's reprint): the configured printer or `NOT_ALLOWED`, and a printer
 * that does not take it is `PRINT_FAILED`, which the screens word as "please ask the front desk".
 */
import type { ApiContext } from './api-context';
import type { RecordDocument } from '../contract';
import { KioskFailure } from '../failure';
import { printClientCopy } from '../print';

const FAILURE_MESSAGES = {
  'no-lp': 'This kiosk cannot print: the print system (CUPS) is not installed.',
  refused: 'The printer did not take the copy.',
  timeout: 'The printer did not answer in time.',
} as const;

export async function printCopy(
  ctx: ApiContext,
  record: RecordDocument,
  actor: string,
): Promise<void> {
  if (ctx.printer === null) {
    throw new KioskFailure('NOT_ALLOWED', 'This kiosk has no printer for copies.');
  }
  const outcome = await printClientCopy(record, ctx.printer, actor, (event) => {
    ctx.audit(event);
  });
  if (!outcome.ok) {
    throw new KioskFailure(
      'PRINT_FAILED',
      `The copy could not be printed: ${FAILURE_MESSAGES[outcome.reason]}`,
    );
  }
}
