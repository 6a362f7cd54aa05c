import { join } from 'node:path';
import { openDatabase, type Db } from '../adapters/sqlite/database';
import { markStationProvisioned, refuseLostDatabase } from '../adapters/sqlite/station-marker';
import { systemClock, type Clock } from '../adapters/clock';
import type { SettingsStore } from '../adapters/settings/settings-store';
import type { StationContext } from './base/context';
import { EventBus } from './base/event-bus';
import { hasMeta, writeMetaIfAbsent } from './shell/station-meta-store';
import { createDispatcher, type Dispatch } from './dispatcher';
import { checkpointElsewhere } from '../adapters/sqlite/background-checkpoint';
import type { Handlers } from './base/handlers';
import { readStationStatus, type StatusProviders } from './shell/status';
import { stationHandlers } from './shell/handlers';
import { printingHandlers } from './printing/handlers';
import { assertCardNotVoid } from './booking/void-cards';
import { cardReaderHandlers, closeCardReader } from './cardreader/handlers';
import { identityHandlers } from './identity/handlers';
import { StationSecurity } from './staff/security';
import { staffHandlers } from './staff/handlers';
import { seedDemoStaff } from './staff/demo-staff';
import { visitHandlers } from './visit-handlers';
import { auditHandlers } from './audit/handlers';
import { readPolicy } from './staff/policy';
import { CentreSync, registerCentreSync } from './centre-sync/service';
import { SEEDED_KEY, seedDemoCentre, seedDemoCentreYielding } from './demo/seed-demo';
import { closeSync, syncHandlers } from './sync/handlers';
import { cancelToFollowUp } from './booking/follow-up';
import { reportsHandlers } from './reports/handlers';
import { centreHandlers } from './centre/handlers';
import { importsHandlers } from './imports/handlers';
import { DeferredHandlers } from './base/deferred-handlers';
import { printingMethods } from '../../shared/api/printing';
import { syncMethods } from '../../shared/api/sync';
import { messagesMethods } from '../../shared/api/messages';
import { closeMessages, messagesHandlers } from './messages/handlers';
import type { MessageCentre, MessagesServiceOptions } from './messages/service';
import { centreInfo } from './booking/centre';
import type { MethodName } from '../../shared/contract';
import { markEndedSessions } from './booking/no-shows';
import { actorOf } from './booking/centre';

const NO_SHOW_SWEEP_MS = 60_000;

export interface StationOptions {
  dataDir: string;
  settings: SettingsStore;
  transport: 'electron' | 'http';
  clock?: Clock;
  /** Electron passes the path of a better-sqlite3 binding built for its own ABI. */
  nativeBinding?: string;
  /** How often live status is pushed to windows, in ms (0 disables the timer). */
  statusIntervalMs?: number;
  log?: (line: string) => void;
  /** Key of the encrypted database; the host and Electron always pass one (see docs/SECURITY.md). */
  databaseKey?: string;
  /** Refuse calls the caller's staff role does not allow (default true, in tests too: openTestStation). */
  enforceRoles?: boolean;
  /** Idle seconds before a session locks, overriding the stored policy (tests). */
  lockAfterSeconds?: number;
  /**
   * Leave the print queue and sync (with centre sync) unstarted until startServices() or the first
   * call that needs them: the Node host starts them once it serves the page. Default: started now.
   */
  deferServices?: boolean;
  /** The caller runs the integrity check and waits for it before any use (see OpenOptions). */
  integrityCheckedByCaller?: boolean;
  /** Pauses and time-outs of the citizen message worker (tests shorten them). */
  messages?: Omit<MessagesServiceOptions, 'centre'>;
}

/** The centre as citizen messages name it: booking's card details. */
function messageCentre(ctx: StationContext): MessageCentre {
  const info = centreInfo(ctx);
  return { name: info.centreName, place: info.place, address: info.address };
}

/** A running station back end: one database, one event bus, the handlers of every capability. */
export interface Station {
  readonly ctx: StationContext;
  readonly dispatch: Dispatch;
  readonly handlers: Handlers;
  readonly security: StationSecurity;
  publishStatus(): void;
  /** Starts the print queue and sync if they were deferred (idempotent). */
  startServices(): void;
  /** Seeds the demo centre (idempotent). */
  seedDemo(): void;
  /**
   * The same, in steps that give the event loop a turn between them (the page loads meanwhile).
   * `firstScreen` is called once the staff and what the sign-in screen shows are in, before the
   * calendar (or at once when nothing is left to seed); the promise settles when all is committed.
   */
  seedDemoInSteps(firstScreen?: () => void): Promise<void>;
  /** True once a demo seed has completed on this database (a later day only adds days). */
  demoSeededBefore(): boolean;
  close(): void;
}

/** Once per folder: a restart of a demo station writes nothing (no commit, no fsync) before it serves. */
function markDemo(ctx: StationContext): void {
  writeMetaIfAbsent(ctx.db, 'demo', '1', ctx.clock.now().toISOString());
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'station.sqlite');
}

/** Sync, with capacity between the centre's stations riding on it (centre sync). */
function centreSyncedHandlers(ctx: StationContext, providers: StatusProviders) {
  const centre = new CentreSync(ctx, {}, (line: string) => process.stderr.write(`[sync] ${line}\n`));
  return syncHandlers(ctx, providers, {
    extensions: [centre],
    beforeStart: (service) => registerCentreSync(ctx, centre, () => service.activeClient),
    // A session another station closed or changed: this station's bookings in it go to its follow-up desk.
    moveToFollowUp: (appointmentId, reason) => void cancelToFollowUp(ctx.db, actorOf(ctx, 'system'), appointmentId, reason),
  });
}

export function openStation(options: StationOptions): Station {
  // A folder that held a station never silently becomes a new, empty one (see station-marker.ts).
  refuseLostDatabase(options.dataDir, databasePath(options.dataDir));
  const db: Db = openDatabase(databasePath(options.dataDir), {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.databaseKey ? { key: options.databaseKey } : {}),
    ...(options.integrityCheckedByCaller ? { integrityCheckedByCaller: true } : {}),
  });
  try {
    markStationProvisioned(options.dataDir, { stationId: options.settings.get().stationId, at: (options.clock ?? systemClock).now() });
  } catch (error) {
    db.close();
    throw error;
  }
  const ctx: StationContext = {
    db,
    clock: options.clock ?? systemClock,
    settings: options.settings,
    events: new EventBus(),
    dataDir: options.dataDir,
    transport: options.transport,
    startedAt: (options.clock ?? systemClock).now(),
  };
  // Checks roles and writes each call's audit entry in the call's own transaction (base/unit-of-work.ts).
  const security = new StationSecurity(ctx, {
    enforceRoles: options.enforceRoles ?? true,
    ...(options.lockAfterSeconds !== undefined ? { lockAfterSeconds: options.lockAfterSeconds } : {}),
  });
  const providers: StatusProviders = {};
  // The print queue, sync and the message worker start background work when created: deferred when the host asks.
  const services = new DeferredHandlers([...Object.keys(printingMethods), ...Object.keys(syncMethods), ...Object.keys(messagesMethods)] as MethodName[], () => ({
    ...printingHandlers(ctx, providers, { mayReprint: (card) => assertCardNotVoid(ctx.db, card.qrPayload, ctx.settings.get().centreId) }),
    ...centreSyncedHandlers(ctx, providers),
    ...messagesHandlers(ctx, providers, { ...options.messages, centre: () => messageCentre(ctx) }),
  }));
  // Status read before they started starts them: it never reports "no printer, offline" by mistake.
  const statusProviders: StatusProviders = {
    get sync() {
      return services.start() && providers.sync;
    },
    get printer() {
      return services.start() && providers.printer;
    },
    get cardReader() {
      return providers.cardReader;
    },
    get messages() {
      return services.start() && providers.messages;
    },
  };
  const partial: Partial<Handlers> = {
    ...stationHandlers(ctx, statusProviders),
    ...cardReaderHandlers(ctx, providers),
    ...identityHandlers(ctx),
    ...staffHandlers(ctx, security),
    ...auditHandlers(ctx, { retentionDays: () => readPolicy(db).retentionDays }),
    ...visitHandlers(ctx),
    ...reportsHandlers(ctx),
    ...centreHandlers(ctx, security),
    ...importsHandlers(ctx),
  };
  services.install(partial);
  if (!options.deferServices) services.start();
  const handlers = partial as Handlers;
  const log = options.log ?? ((line: string) => process.stderr.write(`[station] ${line}\n`));
  const publishStatus = () => {
    try {
      ctx.events.publish('station.status', readStationStatus(ctx, statusProviders));
    } catch (error) {
      log(`status not published: ${(error as Error).message}`);
    }
  };
  const unwatch = ctx.settings.onChange(publishStatus);
  const interval = options.statusIntervalMs ?? 2000;
  const timer = interval > 0 ? setInterval(publishStatus, interval) : undefined;
  timer?.unref();
  // Sessions end while nobody looks at the desk: their no-shows are marked within a minute.
  const sweepNoShows = () => {
    try {
      markEndedSessions(db, actorOf(ctx, 'system'));
    } catch (error) {
      log(`no-shows not marked: ${(error as Error).message}`);
    }
  };
  const noShowTimer = interval > 0 ? setInterval(sweepNoShows, NO_SHOW_SWEEP_MS) : undefined;
  noShowTimer?.unref();
  return {
    ctx,
    dispatch: createDispatcher(handlers, log, security),
    handlers,
    security,
    publishStatus,
    startServices: () => void services.start(),
    seedDemo() {
      markDemo(ctx);
      seedDemoStaff(ctx.db, ctx.clock);
      seedDemoCentre(ctx.db, ctx.clock, ctx.settings.get().stationId, { centreId: ctx.settings.get().centreId });
    },
    async seedDemoInSteps(firstScreen = () => {}) {
      markDemo(ctx);
      // The centre is seeded in steps that let the page load meanwhile, with the staff (the demo
      // PIN's ready-made hash, demo-staff.ts) before the calendar: the first screen's public reads
      // may be answered from there on, every other call waits for the whole seed (start-host.ts).
      const staffThenFirstScreen = () => {
        seedDemoStaff(ctx.db, ctx.clock);
        firstScreen();
      };
      const centre = await seedDemoCentreYielding(ctx.db, ctx.clock, ctx.settings.get().stationId, { centreId: ctx.settings.get().centreId, firstScreen: staffThenFirstScreen });
      if (centre.sessionsCreated > 0) checkpointElsewhere(ctx.db, databasePath(options.dataDir), options.databaseKey ?? null, log);
    },
    demoSeededBefore: () => hasMeta(ctx.db, SEEDED_KEY),
    close() {
      if (timer) clearInterval(timer);
      if (noShowTimer) clearInterval(noShowTimer);
      unwatch();
      void closeCardReader(ctx);
      void closeSync(ctx);
      void closeMessages(ctx);
      db.close();
    },
  };
}
