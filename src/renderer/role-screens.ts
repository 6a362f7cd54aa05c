import type { CheckinScreen } from './screens/CheckinScreen';
import type { VaccinatorScreen } from './screens/VaccinatorScreen';
import type { SupervisorScreen } from './screens/SupervisorScreen';
import type { FollowUpScreen } from './screens/FollowUpScreen';
import type { PaperScreen } from './screens/PaperScreen';

/** The screens behind sign-in: not needed for the first screen, so loaded as separate chunks. */
export interface RoleScreens {
  CheckinScreen: typeof CheckinScreen;
  VaccinatorScreen: typeof VaccinatorScreen;
  SupervisorScreen: typeof SupervisorScreen;
  FollowUpScreen: typeof FollowUpScreen;
  PaperScreen: typeof PaperScreen;
}

const RETRY_MS = 1000;
let loading: Promise<RoleScreens> | undefined;

/**
 * Loads the role screens once (check-in, vaccination, supervisor, follow-up desk, paper records). A failed fetch (the station restarting) is tried again after
 * a second rather than leaving the station without its screens.
 */
export function loadRoleScreens(): Promise<RoleScreens> {
  loading ??= Promise.all([import('./screens/CheckinScreen'), import('./screens/VaccinatorScreen'), import('./screens/SupervisorScreen'), import('./screens/FollowUpScreen'), import('./screens/PaperScreen')]).then(
    ([c, v, s, f, p]) => ({ CheckinScreen: c.CheckinScreen, VaccinatorScreen: v.VaccinatorScreen, SupervisorScreen: s.SupervisorScreen, FollowUpScreen: f.FollowUpScreen, PaperScreen: p.PaperScreen }),
    async () => {
      loading = undefined;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      return loadRoleScreens();
    },
  );
  return loading;
}
