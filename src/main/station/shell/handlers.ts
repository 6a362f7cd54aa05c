import type { stationMethods } from '../../../shared/api/station';
import type { Settings } from '../../../shared/settings';
import type { StationContext } from '../base/context';
import { workOf, type HandlersFor } from '../base/handlers';
import { readStationStatus, type StatusProviders } from './status';

/** The station's own methods: its status and its settings (station.*, settings.*). */
export function stationHandlers(ctx: StationContext, providers: StatusProviders): HandlersFor<typeof stationMethods> {
  return {
    'station.status': () => readStationStatus(ctx, providers),
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch, call) => {
      const before = ctx.settings.get();
      if (!changesSettings(before, patch)) {
        workOf(call, ctx.db).nothingChanged();
        return before;
      }
      return ctx.settings.update(patch);
    },
  };
}

/** True when the patch sets at least one setting to a value different from the current one. */
function changesSettings(current: Settings, patch: Partial<Settings>): boolean {
  return (Object.keys(patch) as (keyof Settings)[]).some((key) => patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(current[key]));
}
