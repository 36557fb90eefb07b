export { checkNewPassphrase, checkStaffName, MIN_ZXCVBN_SCORE } from './passphrase-policy';
export { actorOf, DEFAULT_STAFF_IDLE_MS, StaffSession, type SessionHolder } from './staff-session';
