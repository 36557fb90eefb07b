/**
 * The thank-you screen's "Print my copy": all the renderer holds of it is the id of the session
 * just submitted (main keeps the copy itself, in memory, under that id) and how the last print
 * went. `forget()` ends it, here and in main, when the thank-you screen goes; a reply that comes
 * after that is dropped.
 */
import { api } from './api';
import { CallGuard } from './guarded-call';
import type { StoreFields } from './store-fields';

export type CopyStatus = 'ready' | 'printing' | 'printed' | 'failed';

function freshState() {
  return { sessionId: null, status: 'ready', printsLeft: null } satisfies Pick<
    ClientCopy,
    StoreFields<ClientCopy>
  >;
}

class ClientCopy {
  /** The submitted session whose copy main may hold; null when there is none. */
  sessionId = $state<string | null>(null);
  status = $state<CopyStatus>('ready');
  /** Prints main still allows, once one was tried; null before. */
  printsLeft = $state<number | null>(null);
  readonly #guard = new CallGuard();

  /** Whether "Print my copy" may be offered now. */
  get available(): boolean {
    return this.sessionId !== null && this.status !== 'printing' && this.printsLeft !== 0;
  }

  offer(sessionId: string): void {
    this.#guard.invalidate();
    Object.assign(this, freshState(), { sessionId });
  }

  async print(): Promise<void> {
    const sessionId = this.sessionId;
    if (sessionId === null || !this.available) {
      return;
    }
    this.status = 'printing';
    const result = await this.#guard.call(() => api.session.printCopy({ sessionId }));
    if (result === null) {
      return;
    }
    if (result.ok) {
      this.status = 'printed';
      this.printsLeft = result.value.printsLeft;
    } else {
      this.status = 'failed';
      // Gone, or used up: nothing more to offer; a printer's failure may be tried again.
      if (result.error.code !== 'PRINT_FAILED') {
        this.printsLeft = 0;
      }
    }
  }

  /** Drops the copy: main's too (its session is discarded), then the id here. */
  forget(): void {
    const sessionId = this.sessionId;
    this.#guard.invalidate();
    Object.assign(this, freshState());
    if (sessionId !== null) {
      void api.session.discard({ sessionId });
    }
  }
}

export const clientCopy = new ClientCopy();
