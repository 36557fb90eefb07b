/**
 * The one guard every store puts between itself and main. A store calls main through `call()`,
 * and its reset calls `invalidate()`: an answer still on its way then comes back as null, so a
 * late reply cannot bring back anything the store has wiped.
 */
export class CallGuard {
  #generation = 0;

  /** Makes every answer still on its way stale. */
  invalidate(): void {
    this.#generation += 1;
  }

  /** Awaits `invoke`; null when `invalidate()` ran meanwhile (the answer no longer matters). */
  async call<T>(invoke: () => Promise<T>): Promise<T | null> {
    const generation = this.#generation;
    const answer = await invoke();
    return generation === this.#generation ? answer : null;
  }
}
