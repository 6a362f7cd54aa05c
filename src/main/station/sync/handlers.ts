import type { syncMethods } from '../../../shared/api/sync';
import type { StationContext } from '../base/context';
import { awaiting, type HandlersFor } from '../base/handlers';
import type { StatusProviders } from '../shell/status';
import { SyncService, type SyncServiceOptions } from './service';

const services = new WeakMap<StationContext, SyncService>();

/**
 * The sync capability of a station: starts the background worker (when a federal URL is set),
 * plugs its mode into the status bar and answers the `sync.*` methods.
 */
export function syncHandlers(
  ctx: StationContext,
  providers: StatusProviders,
  options: SyncServiceOptions & { beforeStart?: (service: SyncService) => void } = {},
): HandlersFor<typeof syncMethods> {
  const service = new SyncService(ctx, options);
  // Extensions (centre sync) see the service before its first round.
  options.beforeStart?.(service);
  services.set(ctx, service);
  service.start();
  providers.sync = () => service.mode();
  return {
    'sync.status': () => service.status(),
    'sync.review': () => ({ persons: service.review() }),
    'sync.resolveReview': ({ id, action, reason }, call) =>
      service.resolveReview(id, action, reason, call.staff ? { id: call.staff.id, name: call.staff.displayName } : null),
    'sync.now': awaiting(() => service.runNow()),
  };
}

export function syncServiceOf(ctx: StationContext): SyncService | undefined {
  return services.get(ctx);
}

/** Stops the worker before the database closes (the station's close() calls it). */
export async function closeSync(ctx: StationContext): Promise<void> {
  await services.get(ctx)?.close();
}
