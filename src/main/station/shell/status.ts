import type { StationStatus } from '../../../shared/api/station';
import { outboxSummary } from '../../adapters/sqlite/outbox';
import { schemaVersion } from '../../adapters/sqlite/database';
import type { StationContext } from '../base/context';
import { APP_VERSION } from '../../version';

/** Providers that later capabilities plug in (sync mode, printer state, card readers). */
export interface StatusProviders {
  sync?: () => { mode: StationStatus['sync']['mode']; offlineSince: string | null };
  printer?: () => StationStatus['printer'];
  cardReader?: () => StationStatus['cardReader'];
  messages?: () => StationStatus['messages'];
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
    messages: providers.messages?.() ?? { configured: false, waiting: 0, uncertain: 0 },
    transport: ctx.transport,
  };
}
