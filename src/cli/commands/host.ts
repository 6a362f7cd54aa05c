import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { intOption, parseOptions } from '../args';
import type { Clock } from '../../main/adapters/clock';
import { UsageError } from '../command';
import { defaultDataDir } from '../../main/host/paths';
import { isNewStationFolder, startEarlyIntegrityCheck } from '../../main/host/early-integrity';
import { builtRendererDir } from '../../main/host/ensure-renderer';
import type { PageServer } from '../../main/host/page-server';
import { onStopSignal } from '../../main/adapters/process/stop-signals';

/** A clock that starts at `iso` and runs at normal speed (a test opens dose-2 day 21 days later). */
function clockFrom(iso: string): Clock {
  const start = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(start)) throw new UsageError(`--clock takes an ISO date and time such as 2026-05-04T09:30:00+02:00, not "${iso}"`);
  const offset = start - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** How long the station waits for a browser to ask for the page before it loads anyway (none may come). */
const PAGE_WAIT_MS = 150;
/** How long a new folder waits for the first call of a page being loaded before it is created anyway. */
const FIRST_CALL_WAIT_MS = 3000;
/** How long after the station opened its database the integrity check's thread starts. */
const INTEGRITY_DELAY_MS = 100;

/** True once `event` settles, false when `ms` pass first. */
async function within(event: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const pause = new Promise<false>((resolvePause) => (timer = setTimeout(() => resolvePause(false), ms)));
  return Promise.race([event.then(() => true), pause]).finally(() => clearTimeout(timer));
}

/** True once the page has been served, false after PAGE_WAIT_MS without it (or without a page server). */
const pageOrPause = (server: PageServer | null): Promise<boolean> => (server ? within(server.pageServed, PAGE_WAIT_MS) : Promise.resolve(false));

/** Settles at the page's first call, or after FIRST_CALL_WAIT_MS. */
const callOrPause = (server: PageServer): Promise<boolean> => within(server.firstCall, FIRST_CALL_WAIT_MS);

export const hostCommand: CliCommand = {
  name: 'host',
  summary: 'Run a station in the Node host and print the URL to open in a browser',
  usage: [
    'Usage: npm run -s cli -- host [--demo] [--port P] [--data DIR] [--station ID] [--clock ISO]',
    '  --demo        seed the demo centre (products, calendar, citizens) into the station database',
    '  --port P      port on 127.0.0.1 (default 0: any free port)',
    '  --data DIR    station folder (database, settings); default: the user data folder per station',
    '  --station ID  station id for a new folder (default station-1)',
    '  --clock ISO   run the station as if it were this moment (then time runs on), e.g. to open dose-2 day in a demo',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      data: { type: 'string' },
      station: { type: 'string' },
      clock: { type: 'string' },
    });
    const stationId = values.station ?? 'station-1';
    const dataDir = values.data ? resolve(values.data) : defaultDataDir(values.demo ? `demo-${stationId}` : stationId);
    const port = intOption(values.port, 'port', 0);
    const clock = values.clock ? clockFrom(values.clock) : undefined;
    const log = (line: string) => process.stderr.write(`${line}\n`);
    // Heard from here on: a stop asked while the station opens or seeds closes it once it has opened.
    const stopped = new Promise<'stopped'>((resolveStop) => onStopSignal(() => resolveStop('stopped')));
    // The page is served before the station's modules load, and those load once the browser has
    // the page: their evaluation and the database's opening hold this thread for a while, and the
    // page's HTML is all a kiosk's browser needs from here before its scripts (from its cache) run.
    // Its calls wait until the station is open (page-server.ts). Screens not built yet (a fresh
    // clone) are built once the station has opened, so a refused folder builds nothing.
    const rendererDir = builtRendererDir();
    const early: PageServer | null = rendererDir ? await (await import('../../main/host/page-server')).listenPageServer({ rendererDir, port, log }) : null;
    if (early) process.stdout.write(`DoseDesk station starting: open ${early.url}\n`);
    const served = await pageOrPause(early);
    // A new folder: its station is loaded, created, migrated and (demo) seeded on this thread, which
    // would hold back a browser fetching the page's scripts from nothing (a new kiosk): that starts
    // at the page's first call. A restart loads while the browser runs the scripts from its cache.
    if (early && served && isNewStationFolder(dataDir)) await callOrPause(early);
    // The check runs on another thread, started shortly after the station has opened: a thread's
    // start costs the two cores about 0.1 s, which the page's first answers should not wait for.
    let opened = () => {};
    const integrity = startEarlyIntegrityCheck(dataDir, new Promise<void>((resolveOpened) => (opened = resolveOpened)));
    const [{ startStationHost }, { reportRefusals }] = await Promise.all([import('../../main/host/start-host'), import('../refusal')]);
    const options = {
      integrity: integrity?.verdict ?? null,
      demo: values.demo,
      port,
      dataDir,
      stationId,
      ...(early ? { server: early } : {}),
      ...(clock ? { clock } : {}),
      onOpen: () => setTimeout(opened, INTEGRITY_DELAY_MS),
      log,
    };
    let host: Awaited<ReturnType<typeof startStationHost>> | undefined;
    const started = await reportRefusals(dataDir, async () => {
      try {
        host = await startStationHost(options);
      } catch (error) {
        integrity?.stop(); // no longer needed by a refused start
        if (early) {
          early.fail((error as { code?: string }).code ?? 'internal');
          await early.close();
        }
        throw error;
      }
      return 0;
    });
    if (!host) return started || 1;
    if (!early) process.stdout.write(`DoseDesk station starting: open ${host.url}\n`);
    const verdict = await Promise.race([reportRefusals(dataDir, () => host!.verified.then(() => 0)), stopped]);
    if (verdict === 0) {
      process.stdout.write(`DoseDesk station ready: open ${host.url}\n`);
      await stopped;
    }
    const closing = host.close(); // first, so that a check still running is no longer wanted
    integrity?.stop();
    await closing;
    return verdict === 'stopped' ? 0 : verdict;
  },
};
