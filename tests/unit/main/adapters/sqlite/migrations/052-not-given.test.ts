import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../../../../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../../../../src/main/station/products/products';
import { ensureCitizen } from '../../../../../../src/main/station/identity/citizens';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m52-');
afterAll(() => temp.cleanup());
const now = new Date('2027-03-01T08:00:00.000Z');

describe('migration 52 (not given)', () => {
  it('adds not_given to a database of the previous version, one "not done" per person and day, with a known status only', () => {
    const db = openDatabase(join(temp.dir, 'm52.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 52) });
    try {
      ensureProducts(db, DEFAULT_PRODUCTS, now);
      const citizen = db.transaction(() => ensureCitizen(db, '58041903361', { familyName: 'Janssens', givenNames: 'Luc', birthDate: null, sex: null, language: 'nl' }, 'seed', now)).immediate();
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 52))).toBe(52);
      const insert = (id: string, status = 'not-done') =>
        db
          .prepare(
            `INSERT INTO not_given (id, citizen_id, ssin, product_code, dose_number, reason_system, reason_code, note, decided_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, status)
             VALUES (?, ?, '58041903361', 'vaxzevria', 1, 'http://terminology.hl7.org/CodeSystem/v3-ActReason', 'PATOBJ', NULL, ?, '2027-03-01', ?, 'station-1', 'centre-1', '10000000001', 'An', ?)`,
          )
          .run(id, citizen.id, now.toISOString(), now.toISOString(), status);
      insert('a');
      expect(() => insert('b')).toThrow(/UNIQUE/);
      expect(() => insert('c', 'done')).toThrow(/CHECK/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
