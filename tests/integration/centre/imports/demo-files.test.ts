import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/adapters/clock';
import type { Db } from '../../../../src/main/adapters/sqlite/database';
import { importCalendar } from '../../../../src/main/station/imports/calendar-import';
import { importInvitations } from '../../../../src/main/station/imports/invitations-import';
import { importProducts } from '../../../../src/main/station/imports/products-import';
import { listProducts } from '../../../../src/main/station/products/products';
import { openTestStation } from '../../../support/station';
import { demoTable } from './in-station';

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

/** resources/demo/calendar.csv covers the 120 days the seed makes when run on this day. */
const CALENDAR_FIRST_DAY = '2027-01-04T08:00:00Z';

const rows = (db: Db, sql: string) => db.prepare(sql).all();

function products(db: Db) {
  // The files add the ATC codes the FHIR mapping already used for these four products.
  return listProducts(db).map(({ cnk: _cnk, atc: _atc, ...p }) => p);
}

function calendar(db: Db) {
  return {
    sessions: rows(db, 'SELECT id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, status FROM sessions ORDER BY id'),
    slots: rows(db, 'SELECT id, session_id, start_at, end_at, local_date, capacity FROM slots ORDER BY id'),
  };
}

function people(db: Db) {
  return {
    citizens: rows(db, 'SELECT ssin, family_name, given_names, birth_date, sex, language FROM citizens ORDER BY ssin'),
    invitations: rows(db, 'SELECT i.id, c.ssin, i.code, i.eligible_products, i.valid_from, i.status FROM invitations i JOIN citizens c ON c.id = i.citizen_id ORDER BY i.code'),
  };
}

describe('the demo centre as spreadsheets (resources/demo)', () => {
  it('imported into a blank station, gives the seed’s products, sessions, slots, people and invitations', () => {
    const clock = new ManualClock(CALENDAR_FIRST_DAY);
    const seeded = openTestStation({ clock });
    const imported = openTestStation({ clock });
    stations.push(seeded, imported);
    seeded.seedDemo();
    const db = imported.ctx.db;
    expect(importProducts(db, demoTable('products'), { now: clock.now(), dryRun: false, by: 'test' })).toEqual({ products: 4, updated: 0, unchanged: 0 });
    expect(importCalendar(db, demoTable('calendar'), { centreId: 'demo-centre', stationId: 'station-1', now: clock.now(), dryRun: false }).sessions).toBeGreaterThan(300);
    expect(importInvitations(db, demoTable('invitations'), { centreId: 'demo-centre', now: clock.now(), dryRun: false })).toEqual({ invitations: 22, citizens: 22, unchanged: 0 });

    expect(products(db)).toEqual(products(seeded.ctx.db));
    expect(listProducts(db).map((p) => p.atc)).toEqual(['J07BN01', 'J07BN02', 'J07BN01', 'J07BN02']);
    expect(calendar(db)).toEqual(calendar(seeded.ctx.db));
    expect(people(db)).toEqual(people(seeded.ctx.db));
  });

  // The seed reads these same files through the imports: importing them again changes nothing, ATC codes included.
  it('imported into the seeded demo station, changes nothing', () => {
    const clock = new ManualClock(CALENDAR_FIRST_DAY);
    const station = openTestStation({ clock });
    stations.push(station);
    station.seedDemo();
    const db = station.ctx.db;
    expect(importProducts(db, demoTable('products'), { now: clock.now(), dryRun: false, by: 'test' })).toEqual({ products: 0, updated: 0, unchanged: 4 });
    const calendarSummary = importCalendar(db, demoTable('calendar'), { centreId: 'demo-centre', stationId: 'station-1', now: clock.now(), dryRun: false });
    expect(calendarSummary).toMatchObject({ sessions: 0, slots: 0, places: 0 });
    expect(calendarSummary.unchanged).toBe(demoTable('calendar').rows.length);
    expect(importInvitations(db, demoTable('invitations'), { centreId: 'demo-centre', now: clock.now(), dryRun: false })).toEqual({ invitations: 0, citizens: 0, unchanged: 22 });
  });
});
