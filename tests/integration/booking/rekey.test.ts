import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { doseToImmunization, PAPER_REKEYED_TAG } from '../../../src/domain/fhir/immunization';
import { validateResource } from '../../../src/federal-sim/validate';
import type { AdministerResult } from '../../../src/shared/api/booking';
import type { DoseRecordPayload } from '../../../src/domain/records';
import { getProduct } from '../../../src/main/station/products/products';
import { createTestStaff } from '../../support/test-staff';
import { openTestStation, signedInCall, stationApi, expectCode, type TestStation } from '../../support/station';

/** A Tuesday of the demo calendar, 13:00 in Brussels: the paper of this morning is typed in. */
const TODAY = '2026-03-03';
const NOW = localInstant(TODAY, '13:00');
/** Demo citizens (src/main/station/demo/demo-people.ts). */
const PEETERS = '90110202242'; // invited for Comirnaty
const VAN_DEN_BROECK = '01030106276'; // invited for Comirnaty, born 2001
const WOUTERS = '03022812415'; // invited for Comirnaty
const JANSSENS = '58041903361'; // invited for Vaxzevria only

const clock = new ManualClock(NOW);
let st: TestStation<ManualClock>;
let comirnaty: string;
let vaccinator: { code: string; nihdi: string; name: string; id: string };
let checkinOnly: string;

const minDays = () => getProduct(st.db, 'comirnaty').interval!.minDays;
const count = (table: string) => (st.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const counts = () => ({ doses: count('dose_records'), outbox: count('outbox'), appointments: count('appointments'), print: count('print_job') });

beforeAll(() => {
  st = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  seedDemoCentre(st.db, clock, 'station-1', { days: 60 });
  comirnaty = (st.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty' LIMIT 1`).get() as { id: string }).id;
  const staff = createTestStaff(st.db, clock, ['vaccinator'], 'Dr. An Peeters', '12345678901');
  const row = st.db.prepare('SELECT code FROM staff WHERE id = ?').get(staff.id) as { code: string };
  vaccinator = { code: row.code, nihdi: staff.nihdi!, name: staff.displayName, id: staff.id };
  checkinOnly = (st.db.prepare('SELECT code FROM staff WHERE id = ?').get(createTestStaff(st.db, clock, ['checkin'], 'Els Onthaal', '12345678902').id) as { code: string }).code;
});
afterAll(() => st.cleanup());

describe('booking.rekey: a dose written on paper, typed in afterwards', () => {
  it('records a dose given 3 hours ago: dose 2 booked from that time, outbox marked re-keyed with recorded ≠ occurrence, audit says re-keyed', async () => {
    const supervisor = signedInCall(st, 'supervisor', { displayName: 'Sara Supervisor' });
    const answer = await st.dispatch('booking.rekey', { ssin: PEETERS, date: TODAY, time: '10:00', lotId: comirnaty, vaccinator: vaccinator.code }, supervisor);
    if (!answer.ok) throw new Error(answer.error.message);
    const r = answer.result as AdministerResult;
    expect(r.dose.administeredAt).toBe(localInstant(TODAY, '10:00'));
    expect(r.dose.vaccinator).toEqual({ nihdi: vaccinator.nihdi, name: vaccinator.name });
    expect(r.next.kind).toBe('booked');
    if (r.next.kind !== 'booked') return;
    expect(r.next.window.earliestDate).toBe(addDays(TODAY, minDays()));
    expect(r.printJobId).not.toBeNull();

    const row = st.db.prepare('SELECT payload FROM outbox WHERE record_id = ?').get(r.dose.id) as { payload: string };
    const payload = JSON.parse(row.payload) as DoseRecordPayload;
    expect(payload.administeredAt).toBe(localInstant(TODAY, '10:00'));
    expect(payload.recordedAt).toBe(new Date(NOW).toISOString());
    expect(payload.rekeyed).toEqual({ source: 'paper', by: 'Sara Supervisor' });
    const immunization = doseToImmunization(payload);
    expect(immunization.recorded).not.toBe(immunization.occurrenceDateTime);
    expect(immunization.meta?.tag).toEqual([PAPER_REKEYED_TAG]);
    expect(validateResource('Immunization', immunization)).toEqual([]);

    const audit = st.db.prepare(`SELECT actor, method, action, outcome FROM audit_log WHERE method LIKE 'booking.%' ORDER BY seq DESC LIMIT 1`).get();
    expect(audit).toEqual({ actor: `staff:${supervisor.staff.id}`, method: 'booking.rekey', action: 'create', outcome: 'ok' });
    const stored = st.db.prepare('SELECT rekeyed_by, rekeyed_by_name FROM dose_records WHERE id = ?').get(r.dose.id);
    expect(stored).toEqual({ rekeyed_by: supervisor.staff.id, rekeyed_by_name: 'Sara Supervisor' });
  });

  it('books dose 2 from the day given, not from today, for paper from two days ago (vaccinator chosen by NIHDI)', async () => {
    const api = stationApi(st, 'vaccinator');
    const given = addDays(TODAY, -2);
    const r = await api.call('booking.rekey', { ssin: VAN_DEN_BROECK, date: given, time: '11:15', lotId: comirnaty, vaccinator: '1-23456-78-901' });
    expect(r.dose.localDate).toBe(given);
    expect(r.next.kind === 'booked' && r.next.window.earliestDate).toBe(addDays(given, minDays()));
  });

  it('takes a lot typed with its product (vials.registerLot) and a site other than the vaccine’s usual one', async () => {
    const api = stationApi(st, 'vaccinator');
    const typed = await api.call('vials.registerLot', { productCode: 'comirnaty', lot: 'PAPER42', expiry: '2049-12-31' });
    const r = await api.call('booking.rekey', { ssin: WOUTERS, date: TODAY, time: '11:40', lotId: typed.lotId, vaccinator: vaccinator.code, administration: { site: '35259002', side: 'right' } });
    expect(r.dose.lot).toBe('PAPER42');
    expect(r.dose.administration).toMatchObject({ site: '35259002', side: 'right', route: 'IM' });
  });

  it('refuses a future time, an unknown or non-vaccinating staff number, paper older than the window and a product the person is not invited for, in the staff’s language, writing nothing', async () => {
    const nurse = signedInCall(st, 'vaccinator', { language: 'nl', displayName: 'Jan Vaccinator' });
    const before = counts();
    const refused = async (args: Record<string, unknown>, code: string) => {
      const answer = await st.dispatch('booking.rekey', { ssin: JANSSENS, date: TODAY, time: '09:30', lotId: comirnaty, vaccinator: vaccinator.code, ...args } as never, nurse);
      expect(answer.ok).toBe(false);
      if (answer.ok) return '';
      expect(answer.error.code).toBe(code);
      return answer.error.message;
    };
    const vaxzevria = (st.db.prepare(`SELECT id FROM lots WHERE product_code = 'vaxzevria' LIMIT 1`).get() as { id: string }).id;
    expect(await refused({ time: '13:01', lotId: vaxzevria }, 'booking.rekey_future')).toContain('ligt na het huidige uur');
    expect(await refused({ vaccinator: 'NOBODY', lotId: vaxzevria }, 'booking.rekey_unknown_vaccinator')).toContain('NOBODY');
    expect(await refused({ vaccinator: checkinOnly, lotId: vaxzevria }, 'booking.rekey_not_vaccinator')).toContain('Els Onthaal');
    expect(await refused({ date: addDays(TODAY, -8), lotId: vaxzevria }, 'booking.rekey_too_old')).toContain(addDays(TODAY, -7));
    expect(await refused({}, 'vials.not_invited')).toContain('Vaxzevria');
    expect(counts()).toEqual(before);
  });

  it('refuses a mistyped national number as check-in does, and a second dose the same day', async () => {
    const api = stationApi(st, 'vaccinator');
    await expectCode(api.call('booking.rekey', { ssin: '90.11.02-022.43', date: TODAY, time: '10:00', lotId: comirnaty, vaccinator: vaccinator.code }), 'identity.ssin.checksum');
    await expectCode(api.call('booking.rekey', { ssin: '9011020224', date: TODAY, time: '10:00', lotId: comirnaty, vaccinator: vaccinator.code }), 'identity.ssin.format');
    await expectCode(api.call('booking.rekey', { ssin: PEETERS, date: TODAY, time: '10:30', lotId: comirnaty, vaccinator: vaccinator.code }), 'vials.dose_today');
  });
});
