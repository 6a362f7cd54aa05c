import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../shared/api/staff';
import { useStationStatus } from './api/StationContext';
import { SessionProvider, useSession } from './api/SessionContext';
import { StatusBar } from './components/StatusBar';
import { LanguageSwitch } from './components/LanguageSwitch';
import { LockScreen } from './components/LockScreen';
import { SignInScreen } from './screens/SignInScreen';
import { SetupScreen } from './screens/SetupScreen';
import { useStation } from './api/StationContext';
import type { CentreStatus } from '../shared/api/centre';
import { preloadLanguages } from './i18n/setup';
import { loadRoleScreens, type RoleScreens } from './role-screens';

type Screen = 'checkin' | 'followup' | 'paper' | 'vaccinator' | 'supervisor';

/**
 * Which screens a person may open: check-in for every role, the follow-up desk for check-in and
 * supervisors (booking.bookAllThatFit's rule), paper records for vaccinators and supervisors
 * (booking.rekey's rule), vaccination and supervision for their own.
 */
const SCREENS: readonly { screen: Screen; roles: readonly StaffRole[] }[] = [
  { screen: 'checkin', roles: ['checkin', 'vaccinator', 'supervisor'] },
  { screen: 'followup', roles: ['checkin', 'supervisor'] },
  { screen: 'paper', roles: ['vaccinator', 'supervisor'] },
  { screen: 'vaccinator', roles: ['vaccinator'] },
  { screen: 'supervisor', roles: ['supervisor'] },
];

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { status, error } = useStationStatus();
  const session = useSession();
  const staff = session.staff;
  // The role screens are their own chunk, fetched once the first screen is up (or at once when
  // someone is already signed in). Nobody counts as signed in before they are there, so a scan
  // right after sign-in always finds its screen.
  const sessionOpen = session.view?.state === 'active' || session.view?.state === 'locked';
  const screens = useRoleScreens(!!status && session.view !== null, sessionOpen);
  // A one-time PIN opens only the choice of a new one, on the sign-in screen.
  const signedIn = !!screens && sessionOpen && !session.mustChangePin;
  const centre = useCentreStatus(!!status);
  const allowed = SCREENS.filter((s) => staff?.roles.some((r) => s.roles.includes(r))).map((s) => s.screen);
  // The follow-up desk and paper records are never where someone lands: the station's own screen, or their last role's.
  const landing: Screen[] = allowed.filter((s) => s !== 'followup' && s !== 'paper');
  const preferred: Screen | undefined = landing.includes(status?.role as Screen) ? (status?.role as Screen) : landing[landing.length - 1];
  const [screen, setScreen] = useState<Screen | undefined>(undefined);
  const current = screen && allowed.includes(screen) ? screen : preferred;

  // A new person at the screen starts on their station's screen, and stays where they are after that
  // (a supervisor changing the station's role keeps the settings open).
  const staffId = staff?.id;
  useEffect(() => setScreen(undefined), [staffId]);
  const ready = !!status && !!staff;
  const connected = !!status;
  useEffect(() => {
    if (connected) return whenIdle(preloadLanguages);
  }, [connected]);
  useEffect(() => {
    if (ready && screen === undefined && preferred) setScreen(preferred);
  }, [ready, screen, preferred]);

  return (
    <>
      <div className="app" inert={session.locked} aria-hidden={session.locked || undefined}>
        <a className="skip-link" href="#main">
          {t('ui.skip')}
        </a>
        <header className="top">
          <span className="brand" title={status?.centreName}>
            {t('ui.app.title')}
          </span>
          {signedIn && allowed.length > 0 ? (
            <nav aria-label={t('ui.nav.label')}>
              {allowed.map((s) => (
                <button key={s} type="button" aria-current={current === s ? 'page' : undefined} onClick={() => setScreen(s)} data-testid={`nav-${s}`}>
                  {t(`ui.nav.${s}`)}
                </button>
              ))}
            </nav>
          ) : null}
          <LanguageSwitch />
          {signedIn && staff ? (
            <div className="staff-controls" role="group" aria-label={t('ui.staff.group')}>
              <span className="staff-name" data-testid="staff-name">
                {staff.displayName}
              </span>
              <button type="button" onClick={() => void session.lock()} data-testid="lock-button">
                {t('ui.staff.lock')}
              </button>
              <button type="button" onClick={() => void session.lock({ switching: true })} data-testid="switch-button">
                {t('ui.staff.switch')}
              </button>
            </div>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {session.view === null ? (
            <p>{t('ui.status.connecting')}</p>
          ) : sessionOpen && !screens ? (
            <p>{t('ui.busy')}</p>
          ) : !signedIn && centre.status && !centre.status.supervisor ? (
            <SetupScreen status={centre.status} onChanged={centre.reload} />
          ) : !signedIn ? (
            <SignInScreen status={status} />
          ) : (
            <div key={staffId} className="screen">
              {current === 'checkin' ? <screens.CheckinScreen /> : null}
              {current === 'followup' ? <screens.FollowUpScreen /> : null}
              {current === 'paper' ? <screens.PaperScreen status={status} /> : null}
              {current === 'vaccinator' ? <screens.VaccinatorScreen /> : null}
              {current === 'supervisor' ? <screens.SupervisorScreen status={status} /> : null}
            </div>
          )}
        </main>
        <StatusBar status={status} error={error} staffName={signedIn ? (staff?.displayName ?? null) : null} />
      </div>
      {session.locked ? <LockScreen /> : null}
    </>
  );
}

/**
 * Whether the station has a centre and a supervisor (centre.status), asked once connected and
 * again after each set-up step: without a supervisor the set-up screen replaces sign-in.
 */
function useCentreStatus(connected: boolean): { status: CentreStatus | null; reload: () => void } {
  const client = useStation();
  const [status, setStatus] = useState<CentreStatus | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!connected) return;
    let live = true;
    client['centre.status']({}).then(
      (s) => live && setStatus(s),
      () => {
        // Not answered (connection down): the status bar says so; sign-in stays as it is.
      },
    );
    return () => {
      live = false;
    };
  }, [client, connected, round]);
  return { status, reload: () => setRound((r) => r + 1) };
}

/**
 * The role screens once their chunk is loaded, null before: fetched when the page is idle after
 * `firstScreenUp`, so they do not compete with the first screen, or at once when `needed`.
 */
function useRoleScreens(firstScreenUp: boolean, needed: boolean): RoleScreens | null {
  const [screens, setScreens] = useState<RoleScreens | null>(null);
  useEffect(() => {
    if (screens || !(firstScreenUp || needed)) return;
    let live = true;
    const load = () => void loadRoleScreens().then((s) => live && setScreens(s));
    const cancel = needed ? (load(), undefined) : whenIdle(load);
    return () => {
      live = false;
      cancel?.();
    };
  }, [firstScreenUp, needed, screens]);
  return screens;
}

/** Runs `task` when the page has nothing else to do (at the latest after two seconds); returns a cancel. */
function whenIdle(task: () => void): () => void {
  const id = requestIdleCallback(task, { timeout: 2000 });
  return () => cancelIdleCallback(id);
}
