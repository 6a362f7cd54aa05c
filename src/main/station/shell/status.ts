import { stationMethods, type StationStatus } from '../../../shared/api/station';
import { outboxSummary } from '../../adapters/sqlite/outbox';
import { schemaVersion } from '../../adapters/sqlite/database';
import type { StationContext } from '../base/context';
import { workOf, type HandlersFor } from '../base/handlers';
import { APP_VERSION } from '../../version';
import type { Settings } from '../../../shared/settings';

/** Providers that later capabilities plug in (sync mode, printer state, card readers). */
export interface StatusProviders {
  sync?: () => { mode: StationStatus['sync']['mode']; offlineSince: string | null };
  printer?: () => StationStatus['printer'];
  cardReader?: () => StationStatus['cardReader'];
}

/** Station status, read from the stores each time: never a cached guess. */
export function readStationStatus(ctx: StationContext, providers: StatusProviders): StationStatus {
  const settings = ctx.settings.get();
  const outbox = outboxSummary(ctx.db);
  const sync = providers.sync?.() ?? { mode: 'offline' as const, offlineSince: null };
  return {
    stationId: settings.stationId,
    centreId: settings.centreId,
    centreName: settings.centreName,
    role: settings.role,
    language: settings.language,
    version: APP_VERSION,
    schemaVersion: schemaVersion(ctx.db),
    startedAt: ctx.startedAt.toISOString(),
    now: ctx.clock.now().toISOString(),
    sync: { ...sync, configured: settings.federalUrl !== '', waiting: outbox.waiting, oldestWaitingAt: outbox.oldestWaitingAt, needsReview: outbox.needsReview },
    printer: providers.printer?.() ?? { state: 'none', queued: 0 },
    cardReader: providers.cardReader?.() ?? { available: false, readers: [] },
    transport: ctx.transport,
  };
}

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
