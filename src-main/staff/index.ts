export { checkNewPassphrase, checkStaffName, MIN_ZXCVBN_SCORE } from './passphrase-policy';
export { actorOf, DEFAULT_STAFF_IDLE_MS, StaffUnlock, type UnlockHolder } from './staff-unlock';
