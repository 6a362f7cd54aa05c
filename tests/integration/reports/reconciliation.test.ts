import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { doseToImmunization } from '../../../src/domain/fhir/immunization';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { demoVialCode } from '../../../src/main/station/reports/demo-guide';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import type { DayReconciliation } from '../../../src/shared/api/reports';
import { openTestStation, signedInCall } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';
import { dose, person } from '../../support/federal/records';

/** A Tuesday morning in Brussels: the demo centre has a Comirnaty session. */
const START = '2026-03-03T09:30:00+01:00';
const TODAY = '2026-03-03';
/** Demo citizens invited for Comirnaty only (src/main/station/demo/demo-people.ts). */
const PEETERS = '90110202242';
const VAN_DEN_BROECK = '01030106276';
const WOUTERS = '03022812415';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function standIn(): Promise<FederalSim> {
  const t = makeTempDir('dosedesk-sim-');
  const sim = await startFederalSim({ port: 0, dataDir: join(t.dir, 'sim') });
  cleanups.push(t.cleanup, () => sim.close());
  return sim;
}

async function dayAtTheCentre() {
  const sim = await standIn();
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1', federalUrl: sim.url } });
  cleanups.push(async () => {
    await syncServiceOf(s.ctx)?.close();
    s.cleanup();
  });
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 40 });
  const nurse = signedInCall(s, 'vaccinator', { displayName: 'Dr. Test' });
  const supervisor = signedInCall(s, 'supervisor', { displayName: 'Sup Ervisor' });
  const call = async <T>(method: string, args: unknown, who: typeof nurse = nurse): Promise<T> => {
    const answer = await s.dispatch(method, args, who);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
    return answer.result as T;
  };
  const lot = await call<{ lotId: string }>('vials.scan', { text: demoVialCode('05413868120110', '2049-12-31', 'DEMOCOM01') });
  const vial = await call<{ id: string }>('vials.open', { lotId: lot.lotId, openedBy: 'Dr. Test' });
  const vaccinator = { nihdi: nurse.staff.nihdi!, name: nurse.staff.displayName };
  const give = async (ssin: string) => {
    clock.advance(5 * 60_000);
    return (await call<{ dose: { id: string } }>('booking.administer', { ssin, lotId: lot.lotId, vialId: vial.id, vaccinator })).dose.id;
  };
  const reconcile = () => call<DayReconciliation>('reports.reconciliation', { date: TODAY }, supervisor);
  return { sim, s, clock, call, give, reconcile, nurse, supervisor };
}

describe('reports.reconciliation: the day closes equal or explained', () => {
  it('counts doses at the backend, waiting and in review, lists each difference, and balances once all are synced', async () => {
    const { sim, s, call, give, reconcile, supervisor } = await dayAtTheCentre();
    // The backend already holds a Comirnaty dose of Wouters today, recorded elsewhere: ours goes to review.
    const elsewhere = doseToImmunization(dose({ ...person(1), ssin: WOUTERS }, { administeredAt: '2026-03-03T07:30:00.000Z', centreId: 'gp-practice' }));
    elsewhere.identifier = [{ system: 'https://www.ehealth.fgov.be/vaccinnet', value: 'VN-1' }];
    const posted = await fetch(`${sim.url}/Immunization`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(elsewhere) });
    expect(posted.status).toBe(201);

    const synced = await give(PEETERS);
    const inReview = await give(WOUTERS);
    await call('sync.now', {});
    sim.setFaults({ down: true });
    const waiting = await give(VAN_DEN_BROECK);
    await s.dispatch('sync.now', {}, supervisor);

    const day = await reconcile();
    expect(day).toMatchObject({ date: TODAY, stationId: 'station-1', dosesGiven: 3, notGiven: 0, records: 3, atBackend: 1, waiting: 1, inReview: 1, notQueued: 0, verdict: 'explained' });
    expect(day.differences.map((d) => d.recordId)).not.toContain(synced);
    // Each dose booked the next one; the appointments of Wouters and Van den Broeck wait behind their doses.
    expect(day.appointments).toEqual({ booked: 3, cancelled: 0, noShow: 0, fulfilled: 0, atBackend: 1, waiting: 2, inReview: 0 });
    expect(day.differences).toEqual([
      expect.objectContaining({ recordId: inReview, type: 'dose', ssin: WOUTERS, personName: 'Céline Wouters', state: 'needs_review', reason: expect.stringContaining('recorded elsewhere') }),
      expect.objectContaining({ recordId: waiting, type: 'dose', ssin: VAN_DEN_BROECK, personName: 'Sofie Van den Broeck', state: 'waiting', at: expect.any(String) }),
    ]);

    // The end-of-day report carries the same reconciliation, and its CSV prints it (here in French).
    const { report } = await call<{ report: { reconciliation: DayReconciliation } }>('reports.endOfDay', { date: TODAY, format: 'json' }, supervisor);
    expect(report.reconciliation).toEqual(day);
    const csv = await call<{ file: { base64: string } }>('reports.endOfDay', { date: TODAY, format: 'csv' }, { ...supervisor, language: 'fr' });
    const text = Buffer.from(csv.file.base64, 'base64').toString('utf8');
    expect(text).toContain(';Verdict;Expliqué\r\n');
    expect(text).toContain(';Enregistrés ici = au serveur + en attente + à vérifier;3 = 1 + 1 + 1\r\n');
    expect(text).toContain(';Rendez-vous modifiés ici = au serveur + en attente + à vérifier;3 = 1 + 2 + 0\r\n');
    expect(text).toMatch(/Sofie Van den Broeck \(01030106276\), Dose 1, comirnaty, 2026-03-03 \d\d:\d\d[^;]*;En attente d’envoi\r\n/);

    // The backend is back and the supervisor confirms Wouters' dose as another one: everything reaches it.
    sim.setFaults({});
    const review = await call<{ persons: { items: { id: string }[] }[] }>('sync.review', {}, supervisor);
    await call('sync.resolveReview', { id: review.persons[0]!.items[0]!.id, action: 'retry', reason: 'second dose confirmed by the doctor' }, supervisor);
    await call('sync.now', {});
    expect(await reconcile()).toMatchObject({
      dosesGiven: 3,
      atBackend: 3,
      waiting: 0,
      inReview: 0,
      verdict: 'balanced',
      differences: [],
      appointments: { booked: 3, atBackend: 3, waiting: 0, inReview: 0 },
    });
  });

  it('is for supervisors only', async () => {
    const { s, nurse } = await dayAtTheCentre();
    expect(await s.dispatch('reports.reconciliation', {}, nurse)).toMatchObject({ ok: false });
  });
});
