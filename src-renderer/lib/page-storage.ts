/**
 * The kiosk keeps nothing of a client in web storage, but a session that ends by itself (the idle
 * guard) clears it anyway, so nothing a library or a future change wrote can reach the next person.
 */
export function clearPageStorage(): void {
  for (const storage of [window.localStorage, window.sessionStorage]) {
    try {
      storage.clear();
    } catch (error) {
      // Storage can be disabled by policy; there is then nothing to clear.
      console.warn('clearPageStorage: could not clear', error);
    }
  }
}
