/**
 * What the staff-secret forms say when main makes them wait (a passphrase or recovery key tried
 * too often): the wait in plain words, in the kiosk's language. Main sets the wait
 * (`KioskError.retryAfterMs`); this only words it.
 */
import type { KioskError } from '../../src-main/contract';
import { errorMessage, t } from './i18n';

/** 8_000 → "8 seconds"; from two minutes on, whole minutes rounded up ("15 minutes"). */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds >= 120) {
    return t('error.wait.minutes', { minutes: Math.ceil(seconds / 60) });
  }
  return seconds === 1 ? t('error.wait.second') : t('error.wait.seconds', { seconds });
}

/** A staff secret's failure in words, one paragraph each: why, then how long to wait, if at all. */
export function secretFailureWords(error: KioskError): string[] {
  const wait = error.retryAfterMs ?? 0;
  if (error.code === 'RETRY_LATER') {
    return [t('error.RETRY_LATER.wait', { wait: formatWait(wait) })];
  }
  const words = [errorMessage(error.code)];
  if ((error.code === 'WRONG_PASSPHRASE' || error.code === 'WRONG_RECOVERY_KEY') && wait > 0) {
    words.push(t('error.wrongSecret.wait', { wait: formatWait(wait) }));
  }
  return words;
}
