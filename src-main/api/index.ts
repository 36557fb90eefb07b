/** The one way into main: the channel → handler table every transport calls. */
export { createApi, type ApiDeps, type KioskApiTable, type TransportTarget } from './api-table';
export { callOrThrow, ChannelCallError } from './call-or-throw';
export { secretAuditEvents, secretKind } from './secret-check';
