import { openConfSettings, refuseLostSettings } from '../adapters/settings/conf-settings';
import { refuseLostDatabase } from '../adapters/sqlite/station-marker';
import { databasePath, openStation, type Station } from '../station/station';
import { hostKeyFile, resolveHostDatabaseKey } from '../adapters/crypto/host-key';
import type { Clock } from '../adapters/clock';
import { checkIntegrity } from '../adapters/sqlite/database';
import type { IntegrityVerdict } from '../adapters/sqlite/background-integrity';
import { DoseDeskError } from '../../shared/errors';
import { ensureRendererBuilt } from './ensure-renderer';
import { stationApi } from './http-host';
import { listenPageServer, type PageServer, type RunningHost } from './page-server';
import { defaultDataDir } from './paths';

export interface StationHostOptions {
  demo: boolean;
  port: number;
  dataDir?: string;
  stationId?: string;
  clock?: Clock;
  token?: string;
  log: (line: string) => void;
  /** The database's integrity check, started on another thread before the station loaded (early-integrity.ts). */
  integrity?: Promise<IntegrityVerdict> | null;
  /** The page server already listening (the host command starts it before the station's modules load); else one is started here. */
  server?: PageServer;
  /** Called once the station's database is open, before it is verified (the host command then starts the early check). */
  onOpen?: () => void;
}

export interface StationHost extends RunningHost {
  readonly station: Station;
  readonly dataDir: string;
  /** Settles once the integrity verdict is in and the demo seeded; rejects with the refusal (then close the host). */
  readonly verified: Promise<void>;
}

/** Opens a station on its folder and serves it with the renderer on 127.0.0.1. */
export async function startStationHost(options: StationHostOptions): Promise<StationHost> {
  const stationId = options.stationId ?? 'station-1';
  const dataDir = options.dataDir ?? defaultDataDir(options.demo ? `demo-${stationId}` : stationId);
  // Before anything is created: the key file beside the folder proves a station was provisioned
  // here (unless DOSEDESK_DB_KEY_FILE names a key shared elsewhere), and settings must not be reset.
  refuseLostDatabase(dataDir, databasePath(dataDir), process.env.DOSEDESK_DB_KEY_FILE ? [] : [hostKeyFile(dataDir)]);
  refuseLostSettings(dataDir, databasePath(dataDir));
  const settings = openConfSettings(dataDir, { stationId, dataDir });
  // Always encrypted, always role-checked: the key comes from DOSEDESK_DB_KEY or <folder>.key (created once, mode 0600).
  const { key } = resolveHostDatabaseKey(dataDir, { create: true, databaseFile: databasePath(dataDir) });
  const station = openStation({
    dataDir,
    settings,
    transport: 'http',
    log: options.log,
    enforceRoles: true,
    // Print queue and sync start once the page is served (below), not before.
    deferServices: true,
    ...(options.integrity ? { integrityCheckedByCaller: true } : {}),
    ...(key ? { databaseKey: key } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  options.onOpen?.();
  try {
    // A folder checked on another thread that needs no first demo seed: the page is served while
    // the verdict comes; until then only public reads are answered, every other call (and so every
    // write) waits for it, and a refusal stops the host. Otherwise the verdict comes first, then a
    // first demo seed answers the first screen's public reads once the staff and demo guide are in,
    // and every other call once the calendar is too (the page itself may already be served by the
    // host command's page server).
    let closed = false;
    const early = options.integrity && (!options.demo || station.demoSeededBefore()) ? options.integrity : null;
    const verified = early ? verify(station, options, early, () => !closed) : (await untilFirstScreen(station, options)).rest;
    verified.catch(() => {}); // reported by whoever awaits host.verified
    const server = options.server ?? (await listenPageServer({ rendererDir: await ensureRendererBuilt(options.log), port: options.port, log: options.log, ...(options.token ? { token: options.token } : {}) }));
    server.attach(stationApi({ station, verified }));
    const host = server;
    let services: NodeJS.Immediate | undefined;
    // Verified: the background services start (print queue, sync), after the page is served.
    void verified.then(() => {
      if (closed) return;
      services = setImmediate(() => {
        try {
          station.startServices();
        } catch (error) {
          options.log(`services not started: ${(error as Error).message}`);
        }
      });
    }, () => {});
    return {
      ...host,
      station,
      dataDir,
      verified,
      async close() {
        closed = true;
        if (services) clearImmediate(services);
        await host.close();
        // A check still running would use a closed database: its verdict is no longer needed.
        await verified.catch(() => {});
        station.close();
      },
    };
  } catch (error) {
    station.close();
    throw error;
  }
}

/** The integrity verdict (from the early check, or the check at open), then the demo seed. */
async function verify(station: Station, options: StationHostOptions, integrity = options.integrity, wanted = () => true, firstScreen = () => {}): Promise<void> {
  // Before any write to the database: the verdict of the check that ran meanwhile.
  const verdict = integrity ? await integrity : null;
  if (!wanted()) return; // the host closed meanwhile: its database is no longer used
  if (verdict) awaitedVerdict(verdict, station);
  if (options.demo) await station.seedDemoInSteps(firstScreen);
  else firstScreen();
}

/**
 * Verifies (and seeds) until the first screen's public reads may be answered; `rest` settles when
 * the whole seed is committed. A refusal, or a seed that fails before that point, rejects here.
 */
async function untilFirstScreen(station: Station, options: StationHostOptions): Promise<{ rest: Promise<void> }> {
  let shown = () => {};
  const firstScreen = new Promise<void>((resolveShown) => (shown = resolveShown));
  const rest = verify(station, options, options.integrity, () => true, () => shown());
  await Promise.race([firstScreen, rest]);
  return { rest };
}

/** Problems found refuse the station as the check at open would; a check that could not tell is run here. */
function awaitedVerdict(verdict: IntegrityVerdict, station: Station): void {
  if ('problems' in verdict) {
    if (verdict.problems.length > 0) throw new DoseDeskError('db.integrity', { detail: verdict.problems.slice(0, 3).join('; ') });
    return;
  }
  checkIntegrity(station.ctx.db);
}
