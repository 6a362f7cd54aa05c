import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Resource, Schedule, Slot } from 'fhir/r4';
import { expect } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { ManualClock } from '../../../src/main/adapters/clock';
import { createFederalClient, type FederalClient } from '../../../src/main/adapters/federal/client';
import { localInstant } from '../../../src/domain/time/local-time';
import {
  CAPACITY_PER_SLOT_EXTENSION,
  CAPACITY_UNITS_EXTENSION,
  CENTRE_SYSTEM,
  PRODUCT_SYSTEM,
  SLOT_MINUTES_EXTENSION,
  STATION_SYSTEM,
} from '../../../src/domain/fhir/systems';
import { formatUnits, unitSlotFromFhir } from '../../../src/domain/fhir/capacity';
import { capacityUnitSystem } from '../../../src/domain/fhir/systems';
import { administerInTx } from '../../../src/main/station/booking/doses';
import { cancelToFollowUp } from '../../../src/main/station/booking/follow-up';
import { pullCentreDay } from '../../../src/main/station/sync/puller';
import { runCentreRound, type RoundReport } from '../../../src/main/station/centre-sync/round';
import type { CentreSyncOptions } from '../../../src/main/station/centre-sync/options';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre, testSsin } from '../../support/booking/world';
import { openTestStation, type TestStation } from '../../support/station';

/**
 * A loopback TCP proxy between one station and the stand-in: `cut()` is a network partition
 * (open connections are reset, new ones refused at once), `heal()` ends it. Each station talks
 * to the backend through its own proxy, so partitions are per station and real.
 */
export interface Proxy {
  readonly port: number;
  cut(): void;
  heal(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    heal() {
      cut = false;
    },
    get isCut() {
      return cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A backend allocation as the federal platform would publish it (see sync/allocations.ts). */
export function allocationSchedule(a: {
  centreId: string;
  productCode: string;
  date: string;
  start: string;
  end: string;
  session?: { slotMinutes: number; capacityPerSlot: number };
  share?: { stationId: string; units: number[] };
  identifier?: string;
}): Schedule {
  return {
    resourceType: 'Schedule',
    identifier: [{ system: 'https://federal.example/allocation', value: a.identifier ?? crypto.randomUUID() }],
    active: true,
    extension: [
      ...(a.session
        ? [
            { url: SLOT_MINUTES_EXTENSION, valuePositiveInt: a.session.slotMinutes },
            { url: CAPACITY_PER_SLOT_EXTENSION, valueUnsignedInt: a.session.capacityPerSlot },
          ]
        : []),
      ...(a.share ? [{ url: CAPACITY_UNITS_EXTENSION, valueString: formatUnits(a.share.units) }] : []),
    ],
    serviceType: [{ coding: [{ system: PRODUCT_SYSTEM, code: a.productCode }] }],
    actor: [
      { type: 'Location', identifier: { system: CENTRE_SYSTEM, value: a.centreId } },
      ...(a.share ? [{ type: 'Device', identifier: { system: STATION_SYSTEM, value: a.share.stationId } }] : []),
    ],
    planningHorizon: { start: localInstant(a.date, a.start), end: localInstant(a.date, a.end) },
  };
}

/** POSTs a resource straight to the stand-in (as the federal platform would hold it). */
export async function post<T extends Resource>(sim: FederalSim, resource: T): Promise<T> {
  const res = await fetch(`${sim.url}/${resource.resourceType}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) });
  expect(res.status).toBe(201);
  return (await res.json()) as T;
}

export interface WorldStation extends TestStation {
  proxy: Proxy;
  client: FederalClient;
  lotId: string;
}

/**
 * Stations of one centre, each with its own SQLite file, each reaching the stand-in through its
 * own proxy, all on one manual clock.
 */
export class CentreWorld {
  readonly stations: WorldStation[] = [];
  private person = 0;
  private constructor(
    readonly sim: FederalSim,
    readonly clock: ManualClock,
    readonly centreId: string,
    readonly options: Partial<CentreSyncOptions>,
    private readonly temp: { dir: string; cleanup: () => void },
    private readonly ownsSim: boolean,
  ) {}

  static async start(input: { stationIds: string[]; start: string; centreId?: string; sim?: FederalSim; options?: Partial<CentreSyncOptions> }): Promise<CentreWorld> {
    const temp = makeTempDir('dosedesk-centre-');
    const sim = input.sim ?? (await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal') }));
    const clock = new ManualClock(input.start);
    const world = new CentreWorld(sim, clock, input.centreId ?? 'heysel', input.options ?? {}, temp, !input.sim);
    for (const id of input.stationIds) {
      const st = openTestStation({ dir: temp.dir, stationId: id, clock, centreId: world.centreId, deferServices: true });
      // Products, lots and the card key; the calendar comes from the backend's allocation.
      const { lots } = seedSmallCentre(st.db, clock, { centreId: world.centreId, days: 0, stations: [id], capacity: 0 });
      const proxy = await startProxy(sim.port);
      const client = createFederalClient({ baseUrl: `http://127.0.0.1:${proxy.port}/fhir`, timeoutMs: 3_000, transactionTimeoutMs: 3_000 });
      world.stations.push(Object.assign(st, { proxy, client, lotId: lots.comirnaty! }));
    }
    return world;
  }

  station(id: string): WorldStation {
    return this.stations.find((s) => s.stationId === id)!;
  }

  /** A pull as the station's sync worker makes it (sessions other stations closed move its bookings to follow-up). */
  pull(st: WorldStation) {
    const moveToFollowUp = (appointmentId: string, reason: string) => void cancelToFollowUp(st.db, st.actor('system'), appointmentId, reason);
    return pullCentreDay({ db: st.db, clock: this.clock, client: st.client, centreId: this.centreId, moveToFollowUp });
  }

  round(st: WorldStation, what: { plan?: boolean; weights?: Record<string, number> } = {}): Promise<RoundReport> {
    return runCentreRound({ db: st.db, clock: this.clock, client: st.client, centreId: this.centreId, stationId: st.stationId, options: this.options }, what);
  }

  /** A round on every station whose network is up (the others would only fail). */
  async roundAll(): Promise<RoundReport[]> {
    const out: RoundReport[] = [];
    for (const st of this.stations) if (!st.proxy.isCut) out.push(await this.round(st));
    return out;
  }

  /** Vaccinates a new person (dose 1 of Comirnaty) and books dose 2: 'booked' or 'to_be_booked'. */
  vaccinate(st: WorldStation): { kind: string; slotId: string | null; unit: number | null } {
    const n = ++this.person;
    const outcome = st.db
      .transaction(() =>
        administerInTx(st.db, st.actor(), {
          ssin: testSsin(1000 + n),
          person: { familyName: `Person${n}`, givenNames: 'T', birthDate: null, sex: null, language: 'nl' },
          lotId: st.lotId,
          vaccinator: { nihdi: '10000000001', name: 'An Peeters' },
        }),
      )
      .immediate();
    const next = outcome.next;
    return next.kind === 'booked' ? { kind: 'booked', slotId: next.appointment.slot_id, unit: next.appointment.unit } : { kind: next.kind, slotId: null, unit: null };
  }

  /** Units each station owns by its own records (`slot/unit` -> stations claiming it). */
  claims(): Map<string, string[]> {
    const claims = new Map<string, string[]>();
    for (const st of this.stations) {
      for (const r of st.db.prepare('SELECT slot_id, unit FROM slot_units WHERE owner_station = ?').all(st.stationId) as { slot_id: string; unit: number }[]) {
        const key = `${r.slot_id}/${r.unit}`;
        claims.set(key, [...(claims.get(key) ?? []), st.stationId]);
      }
    }
    return claims;
  }

  ownedBy(st: WorldStation): number {
    return (st.db.prepare('SELECT COUNT(*) AS n FROM slot_units WHERE owner_station = ?').get(st.stationId) as { n: number }).n;
  }

  /**
   * The safety invariants: no unit claimed by two stations; every live booking on a unit its
   * station owns; no unit booked twice across stations; no slot above its capacity.
   */
  checkSafety(): void {
    for (const [key, who] of this.claims()) expect(who.length, `unit ${key} owned by ${who.join(', ')}`).toBeLessThanOrEqual(1);
    const booked = new Map<string, string>();
    const perSlot = new Map<string, number>();
    for (const st of this.stations) {
      const rows = st.db
        .prepare(
          `SELECT a.slot_id, a.unit, s.capacity, u.owner_station FROM appointments a JOIN slots s ON s.id = a.slot_id
           LEFT JOIN slot_units u ON u.slot_id = a.slot_id AND u.unit = a.unit
           WHERE a.status != 'cancelled' AND a.station_id = ? AND a.origin = 'station'`,
        )
        .all(st.stationId) as { slot_id: string; unit: number; capacity: number; owner_station: string | null }[];
      for (const r of rows) {
        const key = `${r.slot_id}/${r.unit}`;
        expect(r.owner_station, `booking on ${key} at ${st.stationId} on a unit it does not own`).toBe(st.stationId);
        expect(booked.has(key), `unit ${key} booked by ${booked.get(key)} and ${st.stationId}`).toBe(false);
        booked.set(key, st.stationId);
        perSlot.set(r.slot_id, (perSlot.get(r.slot_id) ?? 0) + 1);
        expect(perSlot.get(r.slot_id)!, `slot ${r.slot_id}`).toBeLessThanOrEqual(r.capacity);
      }
    }
  }

  /** Units each station owns: exactly one owner for every unit of the centre (after the dust settled). */
  expectEveryUnitOwnedOnce(total: number): void {
    const claims = this.claims();
    expect([...claims.values()].filter((who) => who.length !== 1)).toEqual([]);
    expect(claims.size).toBe(total);
  }

  /**
   * When nothing is under way, the backend's unit Slots say what the stations say: every moved
   * unit is taken by the station on whose Schedule it is, at the epoch that station knows.
   */
  async expectBackendAgrees(): Promise<void> {
    const reader = this.stations.find((s) => !s.proxy.isCut)!;
    const slots = await reader.client.search<Slot>('Slot', { identifier: `${capacityUnitSystem(this.centreId)}|`, _count: '500' });
    for (const resource of slots) {
      const u = unitSlotFromFhir(resource, this.centreId)!;
      expect(u.taken, `unit ${u.slotId}/${u.unit} still offered to ${u.holder}`).toBe(true);
      const holder = this.station(u.holder);
      const local = holder.db.prepare('SELECT owner_station, epoch FROM slot_units WHERE slot_id = ? AND unit = ?').get(u.slotId, u.unit);
      expect(local, `unit ${u.slotId}/${u.unit}`).toEqual({ owner_station: u.holder, epoch: u.epoch });
    }
  }

  async close(): Promise<void> {
    for (const st of this.stations) {
      st.client.close();
      await st.proxy.close();
      if (st.db.open) st.close();
    }
    if (this.ownsSim) await this.sim.close();
    this.temp.cleanup();
  }
}
