/**
 * What may be audited: the closed list of staff and kiosk actions, and the event a caller hands
 * to `appendAudit`. The list only grows: a stored entry keeps its action name forever, and the
 * verifier does not judge names, so an older build can still verify a newer log.
 */

export const AUDIT_ACTIONS = [
  'unlock',
  'unlock_failed',
  'lock',
  'export',
  'purge',
  'staff_added',
  'staff_removed',
  // Not in the first sketch: staff/ has roles, and a promotion is as sensitive as an addition.
  'staff_role_changed',
  'passphrase_changed',
  'settings_changed',
  'kiosk_paused',
  'kiosk_resumed',
  'kiosk_exited',
  'recovery',
  'rekey',
  'vault_created',
  // Not in the first sketch: the vault can add an OS-keychain slot to an existing vault, which
  // is a new way to open it unattended and so belongs in the log.
  'keychain_slot_added',
  'pin_failed',
  // Not in the first sketch: a PIN can be set or changed as well as enabled and disabled.
  'pin_changed',
  'pin_disabled',
  'pin_enabled',
  // The kiosk itself (actor 'kiosk'): a renderer that crashed or hung and was reloaded, a crash
  // loop that put up the "out of order" screen, a restart (daily, or after a main-process fault).
  'renderer_crashed',
  'crash_loop',
  'app_restarted',
  // A questionnaire rule raised a safety or front-desk alert (actor 'kiosk'; details: the
  // alert's id, kind and rule, never the client), and who acknowledged it.
  'alert_raised',
  'alert_acknowledged',
  // An administrator opened a client's progress across visits: reading several records at once
  // (details: the record it was opened from and how many visits it showed, never the client).
  'progress_viewed',
  // A client's submission was stored (actor 'kiosk'; details: its id and submission time only).
  'submission_created',
  // Staff reading client data: the list (details: its date filter, whether a name was searched,
  // never the name, and how many rows it showed) and one record's view (details: its id).
  'records_listed',
  'record_viewed',
  // An administrator read the audit log in the console or exported it as CSV (details: the
  // filter, how many entries).
  'audit_log_viewed',
  'audit_log_exported',
  // `kiosk verify-record` opened a record to check a PDF against it (details: its id, the result).
  'record_checked',
  // A client's copy sent to the printer (actor 'kiosk' for the client's own, at the end of the
  // session; the administrator for a reprint): requested, then printed or failed. Details: the
  // submission id, the printer, CUPS' job id or the failure's kind; never a word of the copy.
  'copy_print_requested',
  'copy_printed',
  'copy_print_failed',
  // A record sent to the clinic's FHIR server (src-main/push/): at submit (actor 'kiosk'), or a
  // run by staff (`kiosk push`, the console). Details: submission ids, the server's base URL,
  // the outcome and HTTP status, counts; never a word of the record.
  'record_push',
  'push_run',
  // The kiosk's key for the FHIR server's token endpoint was replaced (details: old and new kid).
  'push_key_rotated',
  // Staff opened the server's sealed messages about failed pushes (`push.status`; details: the
  // submission ids whose message was opened), as opening a record is audited.
  'push_failures_read',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * One thing that happened. `actor` names who did it: `staff:<uuid>`, `recovery-key`, `cli`,
 * `front-desk`, `kiosk`. `details` is plain JSON data (no `undefined`, `Date`, `NaN`): anything
 * else is refused, loudly, rather than dropped from the record.
 */
export interface AuditEvent {
  actor: string;
  action: AuditAction;
  details?: Record<string, unknown>;
}
