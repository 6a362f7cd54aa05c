import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import type { Db } from '../../../../../src/main/adapters/sqlite/database';
import { applyCapacityAllocation, sessionShares } from '../../../../../src/main/station/capacity/capacity';
import { sessionIdOf } from '../../../../../src/main/station/capacity/calendar';
import { exportCentre } from '../../../../../src/main/station/centre/export-centre';
import { initCentre } from '../../../../../src/main/station/centre/init-centre';
import { joinCentre } from '../../../../../src/main/station/centre/join-centre';
import { groupUnitOwners } from '../../../../../src/main/station/centre/centre-units';
import { withStationFile, thrownCode } from '../../../../support/station-file';
import { makeTempDir } from '../../../../support/temp-dir';

/** Capacity unit owners travel in the centre file, so two stations never both own a unit. */
const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

const PASSPHRASE = 'twelve or more characters';
const clock = new ManualClock('2026-05-04T08:00:00+02:00');
const ENV = {};
const CENTRE = 'bxl-heysel';

function tempDir(): string {
  const t = makeTempDir('dosedesk-units-');
  temps.push(t.cleanup);
  return t.dir;
}

const withStation = <T>(dataDir: string, body: (db: Db) => T): T => withStationFile(dataDir, body);

const session = { date: '2026-05-05', productCode: 'comirnaty', start: '09:00', end: '09:30', slotMinutes: 15, capacityPerSlot: 4 };
const sessionId = sessionIdOf(CENTRE, session);

/** The session, its places shared between these stations (an allocation of this id). */
function allocate(db: Db, id: string, stations: string[]): void {
  applyCapacityAllocation(db, { id, source: 'supervisor', issuedAt: '2026-05-01T08:00:00.000Z', centreId: CENTRE, sessions: [{ ...session, id: sessionId }], shares: sessionShares(sessionId, 4, stations) }, clock.now());
}

const owners = (db: Db) =>
  (db.prepare('SELECT s.start_at, u.unit, u.owner_station FROM slot_units u JOIN slots s ON s.id = u.slot_id ORDER BY s.start_at, u.unit').all() as { start_at: string; unit: number; owner_station: string }[]).map(
    (r) => `${r.start_at.slice(11, 16)}#${r.unit}:${r.owner_station}`,
  );
const allocations = (db: Db) => (db.prepare('SELECT id FROM capacity_allocations ORDER BY id').all() as { id: string }[]).map((r) => r.id);

function centreA(dir: string, stations: string[]): { a: string; file: Buffer } {
  const a = join(dir, 'a');
  initCentre(a, { centreId: CENTRE, centreName: 'Heysel', stationId: 'desk-1' }, clock, 'test', ENV);
  withStation(a, (db) => allocate(db, 'split-1', stations));
  return { a, file: readFileSync(exportCentre(a, join(dir, 'heysel.centre'), PASSPHRASE, clock, 'test').out) };
}

const codeOf = thrownCode;

describe('unit owners in the centre file', () => {
  it('gives the joining station the owners the exporting station knows, its allocation record with them; joining again changes nothing', () => {
    const dir = tempDir();
    const { a, file } = centreA(dir, ['desk-1', 'desk-2']);
    const b = join(dir, 'b');
    expect(joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV).added).toMatchObject({ sessions: 1, slots: 2, units: 8, allocations: 1 });
    const onA = withStation(a, owners);
    expect(onA).toEqual(['07:00#0:desk-1', '07:00#1:desk-2', '07:00#2:desk-1', '07:00#3:desk-2', '07:15#0:desk-1', '07:15#1:desk-2', '07:15#2:desk-1', '07:15#3:desk-2']);
    expect(withStation(b, owners)).toEqual(onA);
    expect(withStation(b, allocations)).toEqual(['split-1']);
    // The same allocation arriving again (e.g. from the backend) is known: nothing moves.
    withStation(b, (db) => allocate(db, 'split-1', ['desk-2']));
    expect(withStation(b, owners)).toEqual(onA);

    expect(joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV).added).toMatchObject({ sessions: 0, slots: 0, units: 0, allocations: 0 });
    expect(withStation(b, owners)).toEqual(onA);
  });

  it('makes a blank station that imported the calendar itself give up the units the centre gives another station', () => {
    const dir = tempDir();
    const { a, file } = centreA(dir, ['desk-1']);
    const b = join(dir, 'b');
    initCentre(b, { centreId: CENTRE, centreName: 'Heysel', stationId: 'desk-2' }, clock, 'test', ENV);
    // Its own import: it owned every place, as desk-1 does: double-owned before the join.
    withStation(b, (db) => allocate(db, 'import-on-b', ['desk-2']));
    expect(withStation(b, owners).every((o) => o.endsWith(':desk-2'))).toBe(true);

    expect(joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV).added).toMatchObject({ units: 8 });
    expect(withStation(b, owners)).toEqual(withStation(a, owners));
    expect(withStation(b, owners).every((o) => o.endsWith(':desk-1'))).toBe(true);
  });

  it('keeps a unit it learned by a transfer after the export (newer epoch), never takes another station’s unit on a tie, and refuses a file that gives away a unit it has booked', () => {
    const dir = tempDir();
    const { a, file } = centreA(dir, ['desk-1', 'desk-2']);
    const b = join(dir, 'b');
    joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV);
    const at = '2026-05-04T06:00:00.000Z';
    const slot = withStation(b, (db) => (db.prepare('SELECT id FROM slots ORDER BY start_at LIMIT 1').get() as { id: string }).id);
    // Unit 0 came to desk-2 by a transfer (epoch 1) that the file (epoch 0) does not know.
    withStation(b, (db) => db.prepare("UPDATE slot_units SET owner_station = 'desk-2', epoch = 1 WHERE slot_id = ? AND unit = 0").run(slot));
    expect(joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV).added).toMatchObject({ units: 0 });
    expect(withStation(b, owners)[0]).toBe('07:00#0:desk-2');
    // Unit 1 is desk-2's in the file, but desk-2 knows it as desk-3's at the same epoch: it does not take it.
    withStation(b, (db) => db.prepare("UPDATE slot_units SET owner_station = 'desk-3' WHERE slot_id = ? AND unit = 1").run(slot));
    expect(joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV).added).toMatchObject({ units: 0 });
    expect(withStation(b, owners)[1]).toBe('07:00#1:desk-3');

    // Unit 2 is desk-1's in the file, but desk-2 took it (same epoch) and booked it: two owners, one booking.
    withStation(b, (db) => {
      db.prepare("UPDATE slot_units SET owner_station = 'desk-2' WHERE slot_id = ? AND unit = 2").run(slot);
      db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073000488', 'Peeters', 'An', NULL, 'F', 'nl', 'checkin', ?, ?)`).run(at, at);
      db.prepare(
        `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, origin, created_at, updated_at)
         VALUES ('ap1', 'c1', '85073000488', 'comirnaty', 1, ?, 2, '2026-05-05T07:00:00.000Z', '2026-05-05T07:15:00.000Z', '2026-05-05', 'booked', 'desk-2', ?, NULL, 'ABCDEFGH', 'station', ?, ?)`,
      ).run(slot, CENTRE, at, at);
    });
    const before = withStation(b, owners);
    expect(codeOf(() => joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV))).toBe('centre.unit_conflict');
    expect(withStation(b, owners)).toEqual(before);
    expect(withStation(a, owners)[2]).toBe('07:00#2:desk-1');
  });

  it('carries one entry per slot and owner (same epoch and time), not one per unit', () => {
    const at = '2026-05-01T08:00:00.000Z';
    const row = (slot: string, unit: number, owner: string, epoch = 0) => ({ slot_id: slot, unit, owner_station: owner, epoch, updated_at: at });
    expect(groupUnitOwners([row('s1', 0, 'desk-1'), row('s1', 1, 'desk-2'), row('s1', 2, 'desk-1'), row('s1', 3, 'desk-2', 1), row('s2', 0, 'desk-1')])).toEqual([
      { slot_id: 's1', owner_station: 'desk-1', epoch: 0, updated_at: at, units: [0, 2] },
      { slot_id: 's1', owner_station: 'desk-2', epoch: 0, updated_at: at, units: [1] },
      { slot_id: 's1', owner_station: 'desk-2', epoch: 1, updated_at: at, units: [3] },
      { slot_id: 's2', owner_station: 'desk-1', epoch: 0, updated_at: at, units: [0] },
    ]);
  });
});
