import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m60-');
afterAll(() => temp.cleanup());

describe('migration 60 (citizen messages)', () => {
  it('keeps citizens with their contact, consenting by default, and allows one message of a kind per appointment and channel', () => {
    const db = openDatabase(join(temp.dir, 'm60.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 60) });
    try {
      const at = '2027-03-01T08:00:00.000Z';
      db.prepare(
        `INSERT INTO citizens (id, ssin, family_name, given_names, language, source, created_at, updated_at, email, phone) VALUES ('c1', '85073000428', 'Peeters', 'An', 'nl', 'invitation', ?, ?, 'an@example.test', '0470112233')`,
      ).run(at, at);
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 60))).toBe(60);
      expect(db.prepare('SELECT email, phone, contact_refused FROM citizens WHERE id = ?').get('c1')).toEqual({ email: 'an@example.test', phone: '0470112233', contact_refused: 0 });
      db.pragma('foreign_keys = OFF');
      const insert = db.prepare(
        `INSERT INTO citizen_message (id, appointment_id, citizen_id, kind, channel, recipient, language, start_at, short_code, resend_of, created_at, updated_at) VALUES (?, 'a1', 'c1', 'booked', 'sms', '+32470112233', 'nl', ?, 'ABCD1234', ?, ?, ?)`,
      );
      insert.run('m1', at, null, at, at);
      expect(() => insert.run('m2', at, null, at, at)).toThrow(/UNIQUE/);
      insert.run('m3', at, 'm1', at, at); // a resend is a new row
      expect(() => db.prepare(`UPDATE citizen_message SET state = 'lost' WHERE id = 'm1'`).run()).toThrow(/CHECK/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
