/** Owns the one mapping from a stored alert row to the alert staff see. */
import type { AlertKind, KioskAlert } from '../contract';
import type { AlertRow } from '../vault';

const KINDS: Readonly<Record<AlertKind, true>> = { 'clinician-now': true, 'front-desk': true };

function isAlertKind(kind: string): kind is AlertKind {
  return Object.hasOwn(KINDS, kind);
}

/** The row's kind is checked by the table too; a row that still fails here is a fault, loudly. */
export function kioskAlertOf(row: AlertRow): KioskAlert {
  if (!isAlertKind(row.kind)) {
    throw new TypeError(`kioskAlertOf: alert ${row.id} has an unknown kind "${row.kind}"`);
  }
  return {
    alertId: row.id,
    kioskId: row.kioskId,
    kind: row.kind,
    ruleId: row.ruleId,
    raisedAt: row.raisedAt,
    acknowledged:
      row.acknowledgedAt !== null && row.acknowledgedBy !== null
        ? { by: row.acknowledgedBy, at: row.acknowledgedAt }
        : null,
  };
}
