/**
 * The live client sessions of this kiosk. A kiosk serves one client at a time, so starting a
 * session discards any other: nothing of the previous client outlives the next "Begin".
 * Sessions left idle longer than `maxIdleMs` are dropped too.
 */
import { randomUUID } from 'node:crypto';
import type { Pack } from '../content';
import { KioskFailure } from '../failure';
import { ClientSession } from './client-session';

export const DEFAULT_MAX_IDLE_MS = 2 * 60 * 60 * 1000;

export class SessionRegistry {
  private readonly sessions = new Map<string, ClientSession>();

  constructor(
    private readonly now: () => Date,
    private readonly maxIdleMs = DEFAULT_MAX_IDLE_MS,
  ) {}

  start(pack: Pack, locale: string): ClientSession {
    this.sessions.clear();
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

  discard(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  clear(): void {
    this.sessions.clear();
  }
}
