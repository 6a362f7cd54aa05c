/**
 * One station back end in its own process, for the simulator (so it can be killed for real):
 *   node --import tsx src/simulator/station-process.ts   (config in DOSEDESK_SIM_STATION, IPC channel)
 * It opens the station the way the Node host does (encrypted database with its key file beside
 * the folder, roles enforced, settings in the folder), seeds the simulated centre on first start,
 * and then only answers the simulator's messages (see protocol.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openConfSettings } from '../main/adapters/settings/conf-settings';
import { resolveHostDatabaseKey } from '../main/adapters/crypto/host-key';
import { databasePath, openStation, type Station } from '../main/station/station';
import { seedDemoStaff } from '../main/station/staff/demo-staff';
import { syncServiceOf } from '../main/station/sync/handlers';
import { FEDERAL_FILE } from '../main/adapters/federal/config';
import { countsByState } from '../main/station/sync/outbox-store';
import { unresolvedCountsByState } from '../main/station/printing/print-job-store';
import { messageCounts } from '../main/station/messages/store';
import { ScaledClock } from './scaled-clock';
import { seedSimulatedCentre } from './centre';
import { CONFIG_ENV, type FromStation, type Observation, type StationProcessConfig, type ToStation } from './protocol';

function send(message: FromStation): void {
  process.send?.(message);
}

function observe(station: Station): Observation {
  const db = station.ctx.db;
  const outbox = { waiting: 0, sending: 0, review: 0, synced: 0 };
  for (const r of countsByState(db)) {
    if (r.state === 'needs_review') outbox.review = r.n;
    else if (r.state in outbox) outbox[r.state as 'waiting' | 'sending' | 'synced'] = r.n;
  }
  const print = { queued: 0, sending: 0, uncertain: 0, printed: 0 };
  for (const r of unresolvedCountsByState(db)) {
    if (r.state in print) print[r.state as keyof typeof print] = r.n;
  }
  const m = messageCounts(db);
  return { outbox, print, messages: { waiting: m.waiting, uncertain: m.uncertain, sent: m.sent }, syncMode: syncServiceOf(station.ctx)?.mode().mode ?? 'offline' };
}

function main(): void {
  const raw = process.env[CONFIG_ENV];
  if (!raw || !process.send) {
    process.stderr.write(`station-process: start it from the simulator (needs ${CONFIG_ENV} and an IPC channel)\n`);
    process.exit(2);
  }
  const config = JSON.parse(raw) as StationProcessConfig;
  const clock = new ScaledClock(config.anchor);
  const dbFile = databasePath(config.dataDir);
  const firstStart = !existsSync(dbFile);
  const settings = openConfSettings(config.dataDir, {
    stationId: config.stationId,
    centreId: config.centreId,
    centreName: config.centreName,
    role: 'vaccinator',
    printer: { uri: config.printerUri, type: 'epson', width: '80', paper: 'receipt' },
    federalUrl: config.federalUrl,
    dataDir: config.dataDir,
    messages: {
      email: config.messagesSmtp ? { host: config.messagesSmtp.host, port: config.messagesSmtp.port, security: 'none', from: 'vaccination@centre.sim.test' } : null,
      sms: null,
    },
  });
  // Credentials file of the federal client: no token for the stand-in, short timeouts on loopback.
  writeFileSync(join(config.dataDir, FEDERAL_FILE), JSON.stringify({ timeoutMs: config.federalTimeoutMs, transactionTimeoutMs: config.federalTimeoutMs }));
  // Like the Node host: always encrypted, the key in <folder>.key (never from this shell's DOSEDESK_DB_KEY).
  const { key } = resolveHostDatabaseKey(config.dataDir, { create: true, databaseFile: dbFile, env: {} });
  const log = (line: string) => process.stderr.write(`[${config.stationId}] ${line}\n`);
  const station = openStation({
    dataDir: config.dataDir,
    settings,
    transport: 'http',
    clock,
    statusIntervalMs: 0,
    enforceRoles: true,
    log,
    // The sink is down during the outage: try again soon after it is back, the day runs fast.
    messages: { retryMs: 200, maxRetryMs: 2_000, idleMs: 500, gatewayTimeoutMs: 5_000, log },
    ...(key ? { databaseKey: key } : {}),
  });
  if (firstStart) {
    seedDemoStaff(station.ctx.db, clock);
    const c = config.centre;
    seedSimulatedCentre(station.ctx.db, clock.now(), {
      centreId: config.centreId,
      from: c.from,
      days: c.days,
      stationIds: c.stationIds,
      productCodes: c.productCodes,
      capacityPerSlot: c.capacityPerSlot,
      cardKey: Buffer.from(c.cardKeyBase64, 'base64'),
      ...(c.earlierCourses ? { earlierCourses: c.earlierCourses } : {}),
    });
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    station.close();
  };
  process.on('disconnect', () => {
    stop();
    process.exit(0);
  });
  process.on('message', (message: ToStation) => {
    if (message.type === 'clock') clock.adopt(message.anchor);
    else if (message.type === 'observe') send({ type: 'observed', id: message.id, observation: observe(station) });
    else if (message.type === 'stop') {
      stop();
      // Exit once the answer is out: fetch keeps idle sockets that would hold the process a while.
      process.send?.({ type: 'stopped', id: message.id } satisfies FromStation, () => process.exit(0));
    } else if (message.type === 'call') {
      if (message.announce) send({ type: 'begin', id: message.id });
      void station
        .dispatch(message.method, message.args, { language: 'en', transport: 'http', sessionKind: 'tab', ...(message.sessionId ? { sessionId: message.sessionId } : {}) })
        .then(async (envelope) => {
          if (message.holdAnswerMs) {
            send({ type: 'held', id: message.id });
            await new Promise((r) => setTimeout(r, message.holdAnswerMs));
          }
          send({ type: 'reply', id: message.id, envelope });
        });
    }
  });
  send({ type: 'ready', firstStart, pid: process.pid });
}

try {
  main();
} catch (error) {
  process.send?.({ type: 'fatal', message: (error as Error).stack ?? String(error) } satisfies FromStation);
  process.exitCode = 1;
  process.disconnect?.();
}
