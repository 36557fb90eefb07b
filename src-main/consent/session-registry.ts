/**
 * The live client sessions of this kiosk. A kiosk serves one client at a time, so starting a
 * session discards any other: nothing of the previous client outlives the next "Begin".
 * Sessions left idle longer than `maxIdleMs` are dropped too.
 *
 * A submitted session may leave its client's copy behind, in memory, for the thank-you screen's
 * "Print my copy": only under that session's id (so a client can print only their own), for
 * `COPY_PRINTS` tries at most, until the session is discarded, another starts, or
 * `COPY_HOLD_MS` has passed, whichever comes first.
 */
import { randomUUID } from 'node:crypto';
import type { Pack } from '../content';
import type { RecordDocument } from '../contract';
import { KioskFailure } from '../failure';
import { ClientSession } from './client-session';

export const DEFAULT_MAX_IDLE_MS = 2 * 60 * 60 * 1000;
/** Print attempts a client has for their copy: one, and two more should the printer fail. */
export const COPY_PRINTS = 3;
/** The longest a client's copy waits for "Print my copy" after the submission. */
export const COPY_HOLD_MS = 5 * 60 * 1000;

interface HeldCopy {
  record: RecordDocument;
  printsLeft: number;
  until: number;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, ClientSession>();
  private readonly copies = new Map<string, HeldCopy>();

  constructor(
    private readonly now: () => Date,
    private readonly maxIdleMs = DEFAULT_MAX_IDLE_MS,
  ) {}

  start(pack: Pack, locale: string): ClientSession {
    this.clear();
    const session = new ClientSession(randomUUID(), pack, locale, this.now);
    this.sessions.set(session.id, session);
    return session;
  }

  get(sessionId: string): ClientSession {
    const session = this.sessions.get(sessionId);
    if (!session || this.now().getTime() - session.lastActivity > this.maxIdleMs) {
      this.sessions.delete(sessionId);
      throw new KioskFailure(
        'SESSION_NOT_FOUND',
        'This session has ended. Please start again from the welcome screen.',
      );
    }
    return session;
  }

  /** Ends a session, and with it any copy it left: true if there was either. */
  discard(sessionId: string): boolean {
    const copy = this.copies.delete(sessionId);
    return this.sessions.delete(sessionId) || copy;
  }

  clear(): void {
    this.sessions.clear();
    this.copies.clear();
  }

  /** Keeps the submitted session's record for its client's copy (see above); never stored. */
  holdCopy(sessionId: string, record: RecordDocument): void {
    this.copies.set(sessionId, {
      record,
      printsLeft: COPY_PRINTS,
      until: this.now().getTime() + COPY_HOLD_MS,
    });
  }

  /**
   * The record for one print of the copy `sessionId` left, counted: `SESSION_NOT_FOUND` once it
   * has gone (discarded, expired, or never held), `NOT_ALLOWED` once its tries are used.
   */
  takeCopy(sessionId: string): { record: RecordDocument; printsLeft: number } {
    const copy = this.copies.get(sessionId);
    if (!copy || this.now().getTime() > copy.until) {
      this.copies.delete(sessionId);
      throw new KioskFailure(
        'SESSION_NOT_FOUND',
        'This copy is no longer available. Please ask the front desk for a copy.',
      );
    }
    if (copy.printsLeft === 0) {
      throw new KioskFailure(
        'NOT_ALLOWED',
        'This copy has been printed as many times as the kiosk allows. Please ask the front desk.',
      );
    }
    copy.printsLeft -= 1;
    return { record: copy.record, printsLeft: copy.printsLeft };
  }
}
