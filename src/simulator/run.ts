import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFederalSim, type FederalSim } from '../federal-sim';
import { databasePath } from '../main/station/station';
import { hostKeyFile, readKeyFile } from '../main/adapters/crypto/host-key';
import { formatLocal } from '../domain/time/local-time';
import { VirtualPrinter } from '../devices/virtual-printer';
import { calendarDays, planDay, type DayPlan, type KillMode, type Visit } from './plan';
import { ScaledClock } from './scaled-clock';
import { StationGone, StationLink } from './station-link';
import { Booth, type Served } from './booth';
import { countStores, type Acknowledged, type StoreCounts } from './count';
import { MessageSink } from './message-sink';
import { addDays } from '../domain/time/local-time';
import type { EarlierCourse } from './protocol';

export interface SimulationOptions {
  stations: number;
  citizens: number;
  outageMinutes: number;
  seed: number;
  /** The simulated day (default 2021-04-26, a Monday). */
  date?: string;
  /** Keep every store in this (empty or new) folder instead of a temp folder removed at the end. */
  keepDir?: string | null;
  /** How the station is killed (default: drawn from the seed). */
  killMode?: KillMode;
  /** Real seconds the opening hours take (default from the number of citizens). */
  daySeconds?: number;
  /** Real seconds to wait for every outbox and print queue to empty after the last person. */
  drainTimeoutSeconds?: number;
  verbose?: boolean;
  log?: (line: string) => void;
}

export interface KillReport {
  stationId: string;
  ssin: string;
  mode: KillMode;
  /** Simulated time of the kill. */
  at: string;
  /** The station answered the dose before it died (the answer is then a promise it must keep). */
  answeredBeforeKill: boolean;
  /** Check-in after the restart found today's dose already recorded. */
  recordedBeforeKill: boolean;
  /** The second booking.administer found the dose already there (nothing recorded twice). */
  alreadyRecordedOnRetry: boolean;
  restartSeconds: number;
  cardsReprinted: number;
}

export interface SimulationSummary extends StoreCounts {
  seed: number;
  stations: number;
  citizens: number;
  outageMinutes: number;
  date: string;
  planDigest: string;
  visitsServed: number;
  failedVisits: number;
  failures: string[];
  kill: KillReport | null;
  /** Real ms the station's API took per person (the three calls of a visit, over IPC), on this machine. */
  stationMsPerPerson: { p50: number; p95: number; max: number };
  /** Size of the ESC/POS bytes of each printed slip, as the printers received them. */
  slipBytes: { average: number; max: number };
  staff: { rolesEnforced: true; signIns: number; vialsOpened: number };
  backendStats: { requests: number; byStatus: Record<string, number>; faults: Record<string, number> };
  /** Citizen e-mails the centre's SMTP server (down during the outage) received, each counted once. */
  messagesSent: number;
  /** E-mails received more than once (the same message id again): must be 0. */
  messagesDuplicated: number;
  /** Messages a station left for staff to check (the station died while handing one over). */
  messagesUncertain: number;
  /** Reactions recorded under observation (one person at most one). */
  reactions: number;
  /** Recorded reactions whose Immunization at the backend carries none: must be 0. */
  reactionsMissingAtBackend: number;
  /** Boosters given (people whose course was complete months before). */
  boosters: number;
  /** Boosters given whose Immunization at the backend does not carry a booster's dose number: must be 0. */
  boostersMissingAtBackend: number;
  /** Visits the screening ended without a dose (refusal, contraindication, postponement), recorded as not vaccinated. */
  notVaccinated: number;
  /** Not-vaccinated records a booth saw recorded whose not-done Immunization the backend lacks: must be 0. */
  notVaccinatedMissingAtBackend: number;
  drained: boolean;
  drainSeconds: number;
  setupSeconds: number;
  dayRealSeconds: number;
  totalSeconds: number;
  speed: number;
  backendDataDir: string;
  stationsDir: string;
  kept: boolean;
  zeroFigures: Record<string, number>;
  ok: boolean;
}

export const DEFAULT_DATE = '2021-04-26';

/** The completed Comirnaty courses of the plan's booster visits (the second dose the given days before the day, the first 21 days earlier). */
function earlierCoursesOf(plan: DayPlan): EarlierCourse[] {
  return plan.visits.flatMap((v) => {
    if (!v.earlierCourseDaysAgo) return [];
    const second = addDays(plan.date, -v.earlierCourseDaysAgo);
    const c = v.citizen;
    return [{ ssin: c.ssin, familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, language: c.language, productCode: 'comirnaty', doseDays: [addDays(second, -21), second] as [string, string] }];
  });
}
/** The screen lock the supervisor sets at opening: booths are staffed all day (the policy allows up to an hour). */
const LOCK_AFTER_SECONDS = 3600;
/** Simulated time a booth PC takes to restart after a hard power-off. */
const RESTART_MINUTES = 2;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function prepareRoot(keepDir: string | null | undefined): { root: string; kept: boolean } {
  if (!keepDir) return { root: mkdtempSync(join(tmpdir(), 'dosedesk-sim-')), kept: false };
  const root = resolve(keepDir);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`--keep ${root}: the folder is not empty; give a new or empty folder`);
  mkdirSync(root, { recursive: true });
  return { root, kept: true };
}

export function defaultDaySeconds(citizens: number): number {
  return Math.min(120, Math.max(12, Math.round(8 + citizens * 0.08)));
}

/**
 * A centre's day, fast-forwarded: N station processes with their own folders, databases,
 * settings and virtual printers; the federal stand-in on loopback going down for the outage
 * and misbehaving while up; citizens checked in, vaccinated and given their card by staff acting
 * through the API; one station killed (SIGKILL) mid-day and restarted on its folder; then the
 * drain, and the figures counted from the stores.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const date = options.date ?? DEFAULT_DATE;
  const plan = planDay({
    stations: options.stations,
    citizens: options.citizens,
    outageMinutes: options.outageMinutes,
    seed: options.seed,
    date,
    ...(options.killMode ? { killMode: options.killMode } : {}),
  });
  const daySeconds = options.daySeconds ?? defaultDaySeconds(options.citizens);
  const speed = (plan.closeAt - plan.openAt) / (daySeconds * 1000);
  const { root, kept } = prepareRoot(options.keepDir);
  const federalDir = join(root, 'federal');
  const stationsDir = join(root, 'stations');
  const centreId = 'sim-centre';
  const clock = new ScaledClock({ realMs: Date.now(), simMs: plan.openAt - 30 * 60_000, speed: 0 });
  const hhmm = (ms: number) => formatLocal(new Date(ms)).slice(11, 16);
  log(`simulate: ${options.stations} stations, ${options.citizens} citizens, ${options.outageMinutes} min outage, seed ${options.seed}, day ${date} in ~${daySeconds} s (plan ${plan.digest}); folder ${root}`);

  let sim: FederalSim | null = null;
  let sink: MessageSink | null = null;
  const printers: VirtualPrinter[] = [];
  const links: StationLink[] = [];
  try {
    sim = await startFederalSim({ port: 0, dataDir: federalDir, faults: { seed: options.seed } });
    sink = await MessageSink.start();
    for (let i = 0; i < plan.stations.length; i++) printers.push(await VirtualPrinter.start({ type: 'epson', columns: 48 }));
    const productCodes = [...new Set(plan.stations.map((s) => s.productCode))];
    const cardKey = createHash('sha256').update(`dosedesk-simulator:${options.seed}:${centreId}`).digest('base64');
    plan.stations.forEach((s, i) =>
      links.push(
        new StationLink(
          {
            dataDir: join(stationsDir, s.stationId),
            stationId: s.stationId,
            centreId,
            centreName: 'Simulated vaccination centre',
            printerUri: printers[i]!.uri,
            federalUrl: sim!.url,
            federalTimeoutMs: 2_000,
            messagesSmtp: { host: '127.0.0.1', port: sink!.port },
            anchor: clock.current(),
            centre: { from: date, days: calendarDays(productCodes), stationIds: plan.stations.map((p) => p.stationId), productCodes, capacityPerSlot: 2 * plan.stations.length, cardKeyBase64: cardKey, earlierCourses: earlierCoursesOf(plan) },
          },
          { verbose: options.verbose ?? false, log },
        ),
      ),
    );
    await Promise.all(links.map((l) => l.start(clock.current())));
    const booths = links.map((l, i) => new Booth(l, plan.stations[i]!.vialScan, plan.stations[i]!.productCode));
    await Promise.all(
      booths.map(async (b) => {
        await b.openDay(LOCK_AFTER_SECONDS);
        await b.signIn('checkin');
        await b.signIn('vaccinator');
      }),
    );
    const setupSeconds = (performance.now() - started) / 1000;
    log(`simulate: ${links.length} stations ready in ${setupSeconds.toFixed(1)} s (staff signed in, roles enforced); the centre opens`);

    // Doors open: the clock runs.
    clock.setSpeed(speed, plan.openAt - 60_000);
    links.forEach((l) => l.setClock(clock.current()));
    const dayStarted = performance.now();
    // Polls while the clock stands still (a station restarting), sleeps the rest of the way otherwise.
    const untilSim = async (simMs: number) => {
      for (let ms = clock.realMsUntil(simMs); ms > 0; ms = clock.realMsUntil(simMs)) await sleep(Math.min(ms, 50));
    };
    const setSpeed = (to: number, simMs?: number) => {
      const next = clock.setSpeed(to, simMs);
      links.forEach((l) => l.setClock(next));
    };

    const acknowledged = new Map<string, Acknowledged>(plan.stations.map((s) => [s.stationId, { doses: new Set(), appointments: new Set(), notGiven: new Set() }]));
    const failures: string[] = [];
    /** Real time the station's API took per person (check-in scan, vial scan, dose + booking + card queued). */
    const visitMs: number[] = [];
    let served = 0;
    let reactions = 0;
    let notVaccinated = 0;
    let killReport: KillReport | null = null;
    const acknowledge = (stationId: string, s: Served) => {
      const ack = acknowledged.get(stationId)!;
      ack.doses.add(s.administered.dose.id);
      if (s.reactionRecorded) reactions++;
      if (s.administered.next.kind === 'booked') ack.appointments.add(s.administered.next.appointment.id);
    };

    const runFaults = (async () => {
      for (const phase of plan.faultPhases) {
        await untilSim(phase.at);
        sim!.setFaults(phase.faults);
        // The centre's mail server shares the outage: messages wait and go out once it is back.
        if (phase.label === 'outage') await sink!.down();
        else await sink!.up();
        log(`[${hhmm(clock.nowMs())}] federal backend ${phase.label === 'outage' ? 'DOWN' : 'up, misbehaving'} (${JSON.stringify(phase.faults)}); mail server ${sink!.isUp ? 'up' : 'down'}`);
      }
    })();

    const serveThroughKill = async (booth: Booth, visit: Visit) => {
      let killing: Promise<void> | null = null;
      let answered: Served | null = null;
      const killedAt = clock.nowMs();
      const pid = booth.link.pid;
      // answer-lost: the station holds its answer; the plug is pulled when it says it holds it, so the
      // dose is committed and the answer never reaches the booth, however busy the machine is.
      // From the moment the station has the call until it is back, the centre's clock stands still
      // (then jumps the two minutes a booth PC takes to restart): the day does not depend on how
      // fast this machine kills and starts Node.
      const mode = plan.kill!.mode;
      const pullPlug = () => {
        killing ??= booth.link.kill();
      };
      const onBegin = () => {
        setSpeed(0);
        if (mode === 'mid-call') pullPlug();
      };
      try {
        answered = await booth.serve(visit, mode === 'mid-call' ? { onBegin } : { onBegin, onHeld: pullPlug, holdAnswerMs: 30_000 });
      } catch (error) {
        if (!(error instanceof StationGone)) throw error;
      }
      if (!killing) throw new Error(`${booth.link.stationId}: the kill never happened`);
      await killing;
      if (answered) acknowledge(booth.link.stationId, answered);
      log(`[${hhmm(killedAt)}] ${booth.link.stationId} KILLED (SIGKILL pid ${pid}, ${mode}) while recording ${visit.citizen.ssin}; ${answered ? 'it had answered' : 'no answer'}; restarting on its folder`);
      setSpeed(0);
      const restartStart = performance.now();
      await booth.link.start(clock.current());
      booth.forgetSessions();
      await booth.signIn('checkin');
      await booth.signIn('vaccinator');
      const restartSeconds = (performance.now() - restartStart) / 1000;
      setSpeed(speed, clock.nowMs() + RESTART_MINUTES * 60_000);
      const backAt = clock.nowMs();
      const again = await booth.serve(visit);
      acknowledge(booth.link.stationId, again);
      const cardsReprinted = await booth.settleUncertainCards();
      killReport = {
        stationId: booth.link.stationId,
        ssin: visit.citizen.ssin,
        mode,
        at: new Date(killedAt).toISOString(),
        answeredBeforeKill: answered !== null,
        // The person came for a first dose: any dose check-in shows now was recorded by the killed call.
        // (Not compared with the plan's day: on a busy machine the fast-forwarded clock may be days on.)
        recordedBeforeKill: again.checkin.doses.some((d) => d.status === 'completed'),
        alreadyRecordedOnRetry: again.administered.alreadyRecorded,
        restartSeconds: Math.round(restartSeconds * 100) / 100,
        cardsReprinted,
      };
      log(`[${hhmm(backAt)}] ${booth.link.stationId} back after ${restartSeconds.toFixed(1)} s real; ${visit.citizen.ssin} served again: ${again.administered.alreadyRecorded ? 'dose already recorded, nothing twice' : 'dose recorded now'}`);
    };

    const runBooth = async (booth: Booth, visits: Visit[]) => {
      let freeAt = plan.openAt;
      for (const visit of visits) {
        await untilSim(Math.max(visit.arrivalAt, freeAt));
        const begun = clock.nowMs();
        try {
          if (plan.kill && visit.index === plan.kill.visitIndex) await serveThroughKill(booth, visit);
          else if (visit.notVaccinated) {
            const ended = await booth.serveNotVaccinated(visit);
            acknowledged.get(booth.link.stationId)!.notGiven!.add(ended.screening.notGiven!.id);
            notVaccinated++;
          } else {
            const t = performance.now();
            acknowledge(booth.link.stationId, await booth.serve(visit));
            visitMs.push(performance.now() - t);
          }
          served++;
        } catch (error) {
          failures.push(`${booth.link.stationId} ${visit.citizen.ssin}: ${(error as Error).message}`);
          log(`[${hhmm(clock.nowMs())}] ${booth.link.stationId}: visit of ${visit.citizen.ssin} FAILED: ${(error as Error).message}`);
        }
        freeAt = begun + visit.serviceMs;
      }
    };

    let dayOver = false;
    const progress = (async () => {
      for (let at = plan.openAt + 3_600_000; at <= plan.closeAt + 4 * 3_600_000 && !dayOver; at += 3_600_000) {
        for (let ms = clock.realMsUntil(at); ms > 0 && !dayOver; ms = clock.realMsUntil(at)) await sleep(Math.min(ms, 100));
        if (dayOver) break;
        try {
          const seen = await Promise.all(links.map((l) => l.observe()));
          const waiting = seen.reduce((n, o) => n + o.outbox.waiting + o.outbox.sending, 0);
          const printed = seen.reduce((n, o) => n + o.print.printed, 0);
          log(`[${hhmm(at)}] served ${served}/${plan.visits.length} · backend ${sim!.getFaults().down ? 'DOWN' : 'up'} · records waiting to sync ${waiting} · cards printed ${printed} · modes ${seen.map((o) => o.syncMode).join('/')}`);
        } catch {
          // a station restarting: no line this hour
        }
      }
    })();

    await Promise.all(booths.map((b) => runBooth(b, plan.visits.filter((v) => v.stationId === b.link.stationId))));
    dayOver = true;
    await runFaults;
    const dayRealSeconds = (performance.now() - dayStarted) / 1000;
    log(`[${hhmm(clock.nowMs())}] last person served (${served}/${plan.visits.length}) after ${dayRealSeconds.toFixed(1)} s real; draining outboxes and print queues`);

    const drainStart = performance.now();
    const deadline = drainStart + (options.drainTimeoutSeconds ?? 120) * 1000;
    let drained = false;
    for (;;) {
      const seen = await Promise.all(links.map((l) => l.observe()));
      const pending = seen.reduce((n, o) => n + o.outbox.waiting + o.outbox.sending + o.print.queued + o.print.sending + o.messages.waiting, 0);
      if (pending === 0) {
        drained = true;
        break;
      }
      if (performance.now() > deadline) {
        log(`drain: ${pending} records or cards still pending after ${options.drainTimeoutSeconds ?? 120} s`);
        break;
      }
      await sleep(100);
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;
    log(`drain: ${drained ? 'every outbox synced, every card printed and every message sent' : 'NOT complete'} in ${drainSeconds.toFixed(1)} s`);
    await progress;
    const messagesUncertain = (await Promise.all(links.map((l) => l.observe()))).reduce((n, o) => n + o.messages.uncertain, 0);

    await Promise.all(links.map((l) => l.stop()));
    await sleep(100); // the printers decode what arrived last
    const slips = new Map(plan.stations.map((s, i) => [s.stationId, printers[i]!.slips.length]));
    const slipBytes = printers.flatMap((p) => p.slips.map((slip) => slip.raw.length));
    const stats = sim.stats();
    await sim.close();
    sim = null;
    const messages = sink.counts();
    await sink.down();
    sink = null;

    const counts = countStores({
      stations: links.map((l) => {
        const keyFile = hostKeyFile(l.config.dataDir, {});
        return { stationId: l.stationId, dbFile: databasePath(l.config.dataDir), key: existsSync(keyFile) ? readKeyFile(keyFile) : null };
      }),
      backendDbFile: join(federalDir, 'federal-sim.sqlite'),
      acknowledged,
      slips,
      expectedSsins: plan.visits.map((v) => v.citizen.ssin),
    });
    const citizensWithoutDose = counts.citizensWithoutDose;
    const zeroFigures = {
      overbookedSlots: counts.overbookedSlots,
      unitsBookedTwice: counts.unitsBookedTwice,
      duplicateDoses: counts.duplicateDoses,
      lostRecords: counts.lostRecords,
      duplicateRecordsAtBackend: counts.duplicateRecordsAtBackend,
      unsyncedRecords: counts.unsyncedRecords,
      cardsNotPrinted: counts.cardsNotPrinted,
      messagesDuplicated: messages.duplicated,
      reactionsMissingAtBackend: Math.max(0, reactions - counts.backend.reactions),
      boostersMissingAtBackend: Math.max(0, counts.boostersRecorded - (counts.backend.boosters ?? 0)),
      notVaccinatedMissingAtBackend: counts.notVaccinatedMissingAtBackend,
      failedVisits: failures.length,
      citizensWithoutDose,
    };
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      seed: options.seed,
      stations: options.stations,
      citizens: options.citizens,
      outageMinutes: options.outageMinutes,
      date,
      planDigest: plan.digest,
      visitsServed: served,
      failedVisits: failures.length,
      failures: failures.slice(0, 20),
      ...counts,
      kill: killReport,
      stationMsPerPerson: { p50: round(percentile(visitMs, 50)), p95: round(percentile(visitMs, 95)), max: round(Math.max(0, ...visitMs)) },
      slipBytes: { average: Math.round(slipBytes.reduce((a, b) => a + b, 0) / Math.max(1, slipBytes.length)), max: Math.max(0, ...slipBytes) },
      staff: { rolesEnforced: true, signIns: booths.reduce((n, b) => n + b.signIns, 0), vialsOpened: booths.reduce((n, b) => n + b.vialsOpened, 0) },
      backendStats: { requests: stats.requests.total, byStatus: stats.requests.byStatus, faults: { ...stats.faults } },
      messagesSent: messages.sent,
      messagesDuplicated: messages.duplicated,
      messagesUncertain,
      reactions,
      reactionsMissingAtBackend: Math.max(0, reactions - counts.backend.reactions),
      // From the stations' records, as the backend counts them: a booth killed with its station never saw some answers.
      boosters: counts.boostersRecorded,
      boostersMissingAtBackend: Math.max(0, counts.boostersRecorded - (counts.backend.boosters ?? 0)),
      notVaccinated,
      notVaccinatedMissingAtBackend: counts.notVaccinatedMissingAtBackend,
      drained,
      drainSeconds: round(drainSeconds),
      setupSeconds: round(setupSeconds),
      dayRealSeconds: round(dayRealSeconds),
      totalSeconds: round((performance.now() - started) / 1000),
      speed: Math.round(speed),
      backendDataDir: federalDir,
      stationsDir,
      kept,
      zeroFigures,
      ok: Object.values(zeroFigures).every((n) => n === 0) && drained,
    };
  } finally {
    for (const l of links) if (l.pid !== undefined) await l.kill().catch(() => undefined);
    for (const p of printers) await p.close();
    if (sim) await sim.close();
    if (sink) await sink.down();
    if (!kept) rmSync(root, { recursive: true, force: true });
  }
}

export type { DayPlan };
