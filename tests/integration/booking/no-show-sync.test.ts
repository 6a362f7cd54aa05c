import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appointment, Bundle } from 'fhir/r4';
import { startFederalSim } from '../../../src/federal-sim';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { demoVialCode } from '../../../src/main/station/reports/demo-guide';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { CallEnvelope } from '../../../src/shared/envelope';
import { openTestStation, signedInCall } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';

/** A no-show and its undoing reach the federal stand-in through the outbox, as new versions of one Appointment. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a no-show, synced', () => {
  it('sends noshow when the session ends, then fulfilled when the person comes late the same day', async () => {
    const t = makeTempDir('dosedesk-noshow-sim-');
    const backend = await startFederalSim({ port: 0, dataDir: join(t.dir, 'sim') });
    cleanups.push(t.cleanup, () => backend.close());
    const clock = new ManualClock('2026-03-04T09:30:00Z');
    const station = openTestStation({ clock, settings: { centreId: 'demo-centre', federalUrl: backend.url } });
    cleanups.push(async () => {
      await syncServiceOf(station.ctx)?.close();
      station.cleanup();
    });
    seedDemoCentre(station.ctx.db, clock, 'station-1', { days: 30 });
    const staffAt = (iso: string) => {
      clock.set(iso);
      return { nurse: signedInCall(station, 'vaccinator'), boss: signedInCall(station, 'supervisor'), desk: signedInCall(station, 'checkin') };
    };
    const call = async <T,>(info: CallInfo, method: string, args: unknown): Promise<T> => {
      const envelope = (await station.dispatch(method, args, info)) as CallEnvelope;
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.result as T;
    };
    const remote = async (id: string): Promise<Appointment | undefined> => {
      const response = await fetch(`${backend.url}/Appointment?identifier=${encodeURIComponent(id)}`);
      const bundle = (await response.json()) as Bundle<Appointment>;
      return bundle.entry?.[0]?.resource;
    };

    const ssin = demoSsin('1990-11-02', 22);
    let who = staffAt('2026-03-04T09:30:00Z');
    const { lotId } = await call<{ lotId: string }>(who.nurse, 'vials.scan', { text: demoVialCode('05413868120110', '2049-12-31', 'DEMOCOM01') });
    const given = await call<{ next: { kind: string; appointment: { id: string } } }>(who.nurse, 'booking.administer', { ssin, lotId, print: false });
    const id = given.next.appointment.id;
    await call(who.boss, 'sync.now', {});
    expect((await remote(id))?.status).toBe('booked');

    who = staffAt('2026-03-25T11:31:00Z');
    expect((await call<{ reason: string }[]>(who.desk, 'booking.toBeBooked', {})).map((w) => w.reason)).toEqual(['noshow']);
    expect(await call(who.boss, 'sync.now', {})).toMatchObject({ waiting: 0, needsReview: 0 });
    expect((await remote(id))?.status).toBe('noshow');

    who = staffAt('2026-03-25T14:00:00Z');
    await call(who.nurse, 'booking.administer', { ssin, lotId, print: false });
    expect(await call(who.boss, 'sync.now', {})).toMatchObject({ waiting: 0, needsReview: 0 });
    expect((await remote(id))?.status).toBe('fulfilled');
  });
});
