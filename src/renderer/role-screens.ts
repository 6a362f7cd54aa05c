import type { CheckinScreen } from './screens/CheckinScreen';
import type { VaccinatorScreen } from './screens/VaccinatorScreen';
import type { SupervisorScreen } from './screens/SupervisorScreen';

/** The screens behind sign-in: not needed for the first screen, so loaded as separate chunks. */
export interface RoleScreens {
  CheckinScreen: typeof CheckinScreen;
  VaccinatorScreen: typeof VaccinatorScreen;
  SupervisorScreen: typeof SupervisorScreen;
}

const RETRY_MS = 1000;
let loading: Promise<RoleScreens> | undefined;

/**
 * Loads the three role screens once. A failed fetch (the station restarting) is tried again after
 * a second rather than leaving the station without its screens.
 */
export function loadRoleScreens(): Promise<RoleScreens> {
  loading ??= Promise.all([import('./screens/CheckinScreen'), import('./screens/VaccinatorScreen'), import('./screens/SupervisorScreen')]).then(
    ([c, v, s]) => ({ CheckinScreen: c.CheckinScreen, VaccinatorScreen: v.VaccinatorScreen, SupervisorScreen: s.SupervisorScreen }),
    async () => {
      loading = undefined;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      return loadRoleScreens();
    },
  );
  return loading;
}
