import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionView, SignInResult, SignedInStaff, StaffRole } from '../../shared/api/staff';
import { StationProvider, useStation } from './StationContext';
import { StationCallError, type StationClient } from './transport';
import { setSessionId } from './session-id';

/** How often the screen asks whether its session still stands (a public call: it does not count as activity). */
const CHECK_EVERY_MS = 20_000;
/** While staff are busy on screen without calling the station, tell the station now and then. */
const KEEPALIVE_EVERY_MS = 30_000;

export interface SessionState {
  /** Null until the station answered once. */
  readonly view: SessionView | null;
  readonly staff: SignedInStaff | null;
  readonly locked: boolean;
  /** Someone pressed "switch person": the lock screen shows the full sign-in. */
  readonly switching: boolean;
  signIn(login: string, pin: string): Promise<void>;
  /** A call that signed someone in itself (the first supervisor of a new centre): its session becomes this screen's. */
  adopt(result: SignInResult): void;
  /** Signed in with a one-time PIN after a reset: nothing opens before a new PIN is chosen. */
  readonly mustChangePin: boolean;
  changeOwnPin(currentPin: string, newPin: string): Promise<void>;
  lock(options?: { switching?: boolean }): Promise<void>;
  signOut(): Promise<void>;
  cancelSwitch(): void;
  hasRole(role: StaffRole): boolean;
}

const Context = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * Wraps the client so that any call refused because the session locked or ended updates the
 * screen at once (lock screen or sign-in), whichever screen made the call.
 */
function guardClient(client: StationClient, onAuthLost: (code: string) => void): StationClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !prop.includes('.') || typeof value !== 'function') return value;
      return async (args: unknown) => {
        try {
          return await (value as (a: unknown) => Promise<unknown>)(args);
        } catch (error) {
          if (error instanceof StationCallError && (error.code === 'staff.locked' || error.code === 'staff.required')) onAuthLost(error.code);
          throw error;
        }
      };
    },
  });
}

/**
 * The person at the screen: sign-in, the idle lock (local inactivity, matched by the station's own
 * lock after the same number of seconds without calls), the fast switch and sign-out. Screens
 * below get a client that reports a lost session here.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const raw = useStation();
  const [view, setView] = useState<SessionView | null>(null);
  const [switching, setSwitching] = useState(false);
  const lastActivity = useRef(Date.now());
  const lastKeepalive = useRef(Date.now());

  const refresh = useCallback(async () => {
    try {
      setView(await raw['staff.current']({}));
    } catch {
      // The connection is down: the status bar says so; keep what we had.
    }
  }, [raw]);

  const client = useMemo(() => guardClient(raw, () => void refresh()), [raw, refresh]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const adopt = useCallback((result: SignInResult) => {
    setSessionId(result.sessionId);
    lastActivity.current = Date.now();
    setSwitching(false);
    setView(result.session);
  }, []);

  const signIn = useCallback(
    async (login: string, pin: string) => {
      adopt(await raw['staff.signIn']({ login, pin }));
    },
    [raw, adopt],
  );

  const changeOwnPin = useCallback(
    async (currentPin: string, newPin: string) => {
      setView(await raw['staff.changeOwnPin']({ currentPin, newPin }));
    },
    [raw],
  );

  const lock = useCallback(
    async (options: { switching?: boolean } = {}) => {
      setSwitching(!!options.switching);
      try {
        setView(await raw['staff.lock']({}));
      } catch {
        setView((v) => (v ? { ...v, state: v.state === 'none' ? 'none' : 'locked' } : v));
      }
    },
    [raw],
  );

  const signOut = useCallback(async () => {
    try {
      setView(await raw['staff.signOut']({}));
    } finally {
      setSessionId(null);
      setSwitching(false);
    }
  }, [raw]);

  // Local inactivity locks the screen; activity keeps the station's session alive too.
  const state = view?.state ?? 'none';
  const lockAfterMs = (view?.lockAfterSeconds ?? 120) * 1000;
  const mustChange = !!view?.staff?.mustChangePin;
  useEffect(() => {
    // A session that may only choose a new PIN keeps no other call alive.
    if (state !== 'active' || mustChange) return undefined;
    lastActivity.current = Date.now();
    const mark = () => {
      lastActivity.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, mark, { capture: true, passive: true });
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - lastActivity.current >= lockAfterMs) {
        void lock();
        return;
      }
      if (now - lastKeepalive.current >= KEEPALIVE_EVERY_MS && lastActivity.current > lastKeepalive.current) {
        lastKeepalive.current = now;
        client['sync.status']({}).catch(() => {});
      }
    }, 1000);
    return () => {
      for (const e of events) window.removeEventListener(e, mark, { capture: true });
      clearInterval(timer);
    };
  }, [state, mustChange, lockAfterMs, lock, client]);

  const staff = view?.staff ?? null;
  const value = useMemo<SessionState>(
    () => ({
      view,
      staff,
      locked: state === 'locked',
      switching,
      signIn,
      adopt,
      mustChangePin: state === 'active' && !!staff?.mustChangePin,
      changeOwnPin,
      lock,
      signOut,
      cancelSwitch: () => setSwitching(false),
      hasRole: (role) => state === 'active' && !!staff?.roles.includes(role),
    }),
    [view, staff, state, switching, signIn, adopt, changeOwnPin, lock, signOut],
  );

  return (
    <Context.Provider value={value}>
      <StationProvider client={client}>{children}</StationProvider>
    </Context.Provider>
  );
}
