import { randomBytes } from 'node:crypto';
import type { Clock } from '../../adapters/clock';

export type SessionKind = 'tab' | 'window';

/** A signed-in person at one window (Electron) or browser tab (Node host). Kept in memory only. */
export interface Session {
  readonly id: string;
  readonly kind: SessionKind;
  readonly staffId: string;
  readonly startedAt: number;
  lastActivity: number;
  locked: boolean;
}

const MAX_SESSIONS = 500;
/** A session nobody used for this long is forgotten (its tab was closed without signing out). */
const FORGET_AFTER_MS = 12 * 60 * 60 * 1000;

export function newSessionId(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Sessions live in the back end, never in the page: the page only holds an opaque id (HTTP) or
 * nothing at all (Electron, where the window is the session). A session locks itself after the
 * configured idle time; a locked session still names its person but opens no personal data.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    private readonly lockAfterMs: () => number,
  ) {}

  open(staffId: string, kind: SessionKind, id: string = newSessionId()): Session {
    this.prune();
    const now = this.clock.now().getTime();
    const session: Session = { id, kind, staffId, startedAt: now, lastActivity: now, locked: false };
    this.sessions.set(id, session);
    return session;
  }

  /** The session with its idle lock applied, or undefined. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (!session.locked && this.idleMs(session) >= this.lockAfterMs()) session.locked = true;
    return session;
  }

  idleMs(session: Session): number {
    return Math.max(0, this.clock.now().getTime() - session.lastActivity);
  }

  touch(session: Session): void {
    session.lastActivity = this.clock.now().getTime();
  }

  lock(id: string | undefined): void {
    const session = this.get(id);
    if (session) session.locked = true;
  }

  end(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    return session;
  }

  endForStaff(staffId: string): void {
    for (const [id, s] of this.sessions) if (s.staffId === staffId) this.sessions.delete(id);
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, s] of this.sessions) if (now - s.lastActivity > FORGET_AFTER_MS) this.sessions.delete(id);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.lastActivity - b.lastActivity)[0]!;
      this.sessions.delete(oldest.id);
    }
  }
}
