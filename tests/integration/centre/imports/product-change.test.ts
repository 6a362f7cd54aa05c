import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/adapters/clock';
import { localInstant } from '../../../../src/domain/time/local-time';
import { doseToImmunization } from '../../../../src/domain/fhir/immunization';
import { CNK_SYSTEM } from '../../../../src/domain/fhir/systems';
import type { DoseRecordPayload } from '../../../../src/domain/records';
import { importProducts } from '../../../../src/main/station/imports/products-import';
import { makeTempDir } from '../../../support/temp-dir';
import { addTestCitizen, seedSmallCentre, testSsin } from '../../../support/booking/world';
import { table } from './in-station';
import { openTestStation, stationApi, NO_IDLE_LOCK } from '../../../support/station';

/** A product list imported mid-campaign: new interval for later bookings only, CNK and ATC to the backend. */
const temp = makeTempDir('dosedesk-imports-');
afterAll(() => temp.cleanup());
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };

describe('centre import-products on a station in use', () => {
  it('applies a changed interval to bookings made afterwards only, and sends the CNK and ATC with later doses', async () => {
    const clock = new ManualClock(localInstant('2027-03-01', '10:00'));
    const station = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
    const { lots } = seedSmallCentre(station.db, clock, { from: '2027-03-01', days: 60, stations: ['station-1'], capacity: 4 });
    const api = stationApi(station, 'vaccinator');
    const [before, after] = [testSsin(1), testSsin(2)];
    for (const ssin of [before, after]) addTestCitizen(station.db, ssin, clock.now());

    const first = await api.call('booking.administer', { ssin: before, lotId: lots.comirnaty!, vaccinator });
    expect(first.next.kind === 'booked' && first.next.appointment.localDate).toBe('2027-03-22');

    const summary = importProducts(
      station.db,
      table(['code;name;gtin;cnk;atc;doses_in_course;min_days;target_days;max_days;doses_per_vial;hours_after_puncture', 'comirnaty;Comirnaty (Pfizer-BioNTech);05413868120110;1234567;J07BN01;2;28;35;42;6;6']),
      { now: clock.now(), dryRun: false, by: 'cli:test' },
    );
    expect(summary).toEqual({ products: 0, updated: 1, unchanged: 0 });
    const view = (await api.call('products.list', {})).find((p) => p.code === 'comirnaty')!;
    expect(view).toMatchObject({ cnk: '1234567', atc: 'J07BN01', interval: { minDays: 28, targetDays: 35, maxDays: 42 } });
    expect(station.db.prepare("SELECT by, reason FROM product_changes WHERE product_code = 'comirnaty'").all()).toEqual([{ by: 'cli:test', reason: 'centre product list imported' }]);

    // The booking made before keeps its day; one made now follows the new interval.
    const kept = station.db.prepare('SELECT local_date FROM appointments WHERE ssin = ? AND status = ?').get(before, 'booked') as { local_date: string };
    expect(kept.local_date).toBe('2027-03-22');
    const second = await api.call('booking.administer', { ssin: after, lotId: lots.comirnaty!, vaccinator });
    expect(second.next.kind === 'booked' && second.next.appointment.localDate).toBe('2027-04-05');

    const payload = JSON.parse((station.db.prepare("SELECT payload FROM outbox WHERE kind = 'dose' AND record_id = ?").get(second.dose.id) as { payload: string }).payload) as DoseRecordPayload;
    expect([payload.productCnk, payload.productAtc]).toEqual(['1234567', 'J07BN01']);
    const coded = doseToImmunization(payload).extension!.flatMap((e) => e.extension ?? []).find((e) => e.url === 'coded')!.valueCodeableConcept!.coding!;
    expect(coded).toContainEqual({ system: CNK_SYSTEM, code: '1234567' });
    station.close();
  });
});
