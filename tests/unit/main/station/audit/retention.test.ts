import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { nameScrubber, PSEUDONYM_FAMILY, runRetention, scrubJson } from '../../../../../src/main/station/audit/retention';
import { verifyAudit } from '../../../../../src/main/station/audit/audit-log';
import { openTestStation, signedInCall } from '../../../../support/station';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

type S = ReturnType<typeof openTestStation>;

function citizen(s: S, id: string, ssin: string, family: string, given: string, at: string) {
  s.ctx.db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES (?, ?, ?, ?, '1985-07-31', 'F', 'nl', 'checkin', ?, ?)`).run(id, ssin, family, given, at, at);
}

function dose(s: S, id: string, citizenId: string, ssin: string, at: string) {
  s.ctx.db
    .prepare(
      `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at)
       VALUES (?, ?, ?, 1, 'testvax', NULL, 'LOT1', '2026-12-31', NULL, ?, ?, ?, 'st', 'c', '12345678901', 'Dr. An Peeters', 'station', 'completed', 1, ?)`,
    )
    .run(id, citizenId, ssin, at, at.slice(0, 10), at, at);
}

function outbox(s: S, recordId: string, personKey: string, payload: object, state: string, at: string) {
  s.ctx.db
    .prepare(`INSERT INTO outbox (id, kind, record_id, person_key, payload, state, created_at, updated_at, synced_at) VALUES (?, 'dose', ?, ?, ?, ?, ?, ?, ?)`)
    .run(crypto.randomUUID(), recordId, personKey, JSON.stringify(payload), state, at, at, state === 'synced' ? at : null);
}

function seed(s: S) {
  const old = '2025-01-10T09:00:00.000Z';
  s.ctx.db.prepare(`INSERT INTO vaccine_products (code, name, doses_in_course, doses_per_vial, usable_hours, updated_at) VALUES ('testvax', 'TestVax', 1, 6, 6, ?)`).run(old);
  // A: old and fully synced -> pseudonymised everywhere.
  citizen(s, 'cit-a', '85073100130', 'Janssens', 'Marie Louise', old);
  dose(s, 'dose-a', 'cit-a', '85073100130', old);
  outbox(s, 'dose-a', '85073100130', { person: { ssin: '85073100130', familyName: 'Janssens', givenNames: 'Marie Louise' }, lot: 'LOT1' }, 'synced', old);
  s.ctx.db.prepare(`INSERT INTO citizen_changes (id, citizen_id, at, by, reason, before, after) VALUES ('chg-a', 'cit-a', ?, 'staff:x', 'typo', ?, ?)`).run(old, JSON.stringify({ family_name: 'Jansens' }), JSON.stringify({ family_name: 'Janssens' }));
  s.ctx.db.prepare(`INSERT INTO standby (id, citizen_id, ssin, display_name, phone, product_codes, note, status, station_id, added_at, updated_at) VALUES ('sb-a', 'cit-a', '85073100130', 'Marie Janssens', '+32470000000', '[]', 'calls after 5pm', 'vaccinated', 'st', ?, ?)`).run(old, old);
  s.ctx.db
    .prepare(`INSERT INTO print_job (id, kind, card, citizen_name, language, is_copy, record_id, state, created_at, updated_at) VALUES ('job-a', 'card', ?, 'Marie Louise JANSSENS', 'nl', 0, 'dose-a', 'printed', ?, ?)`)
    .run(JSON.stringify({ fullName: 'Marie Louise JANSSENS', lines: ['JANSSENS Marie', 'Comirnaty'] }), old, old);
  // Messages sent to A long ago (their appointment is not part of this seed).
  s.ctx.db.pragma('foreign_keys = OFF');
  s.ctx.db
    .prepare(
      `INSERT INTO citizen_message (id, appointment_id, citizen_id, kind, channel, recipient, language, start_at, short_code, state, gateway_ref, created_at, updated_at) VALUES (?, 'appt-a', 'cit-a', ?, ?, ?, 'nl', ?, 'ABCD2345', 'sent', 'ref', ?, ?)`,
    )
    .run('msg-a1', 'booked', 'email', 'marie.janssens@example.test', old, old, old);
  s.ctx.db.prepare(`INSERT INTO citizen_message (id, appointment_id, citizen_id, kind, channel, recipient, language, start_at, short_code, state, created_at, updated_at) VALUES ('msg-a2', 'appt-a', 'cit-a', 'booked', 'sms', '+32470998877', 'nl', ?, 'ABCD2345', 'sent', ?, ?)`).run(old, old, old);
  s.ctx.db.pragma('foreign_keys = ON');
  // B: old but a record still waits to be sent -> untouched.
  citizen(s, 'cit-b', '90020200167', 'Peeters', 'Jan', old);
  outbox(s, 'dose-b', '90020200167', { person: { familyName: 'Peeters' } }, 'waiting', old);
  // C: recent -> untouched.
  citizen(s, 'cit-c', '70010100123', 'Dubois', 'Luc', '2026-02-20T09:00:00.000Z');
  // A standby entry of someone never registered, closed long ago -> name and phone go.
  s.ctx.db.prepare(`INSERT INTO standby (id, citizen_id, ssin, display_name, phone, product_codes, note, status, station_id, added_at, updated_at) VALUES ('sb-x', NULL, NULL, 'Walk-in Wouters', '+32471111111', '[]', NULL, 'removed', 'st', ?, ?)`).run(old, old);
}

const now = new Date('2026-03-01T08:00:00Z');

describe('retention', () => {
  it('counts in a dry run and changes nothing', () => {
    const s = openTestStation();
    cleanup = s.cleanup;
    seed(s);
    const summary = runRetention(s.ctx.db, { now, retentionDays: 120, dryRun: true, by: 'test' });
    expect(summary).toMatchObject({ dryRun: true, citizens: 1, outboxPayloads: 1, changes: 1, standby: 2, printJobs: 1 });
    expect(s.ctx.db.prepare(`SELECT family_name FROM citizens WHERE id = 'cit-a'`).get()).toEqual({ family_name: 'Janssens' });
  });

  it('pseudonymises names wherever the station copied them, keeps ids, SSIN and records, and leaves pending or recent people alone', () => {
    const s = openTestStation();
    cleanup = s.cleanup;
    seed(s);
    const summary = runRetention(s.ctx.db, { now, retentionDays: 120, dryRun: false, by: 'test' });
    expect(summary).toMatchObject({ dryRun: false, citizens: 1, cutoff: '2025-11-01T08:00:00.000Z' });
    const db = s.ctx.db;
    expect(db.prepare(`SELECT id, ssin, family_name, given_names FROM citizens WHERE id = 'cit-a'`).get()).toEqual({ id: 'cit-a', ssin: '85073100130', family_name: PSEUDONYM_FAMILY, given_names: '#cit-a' });
    expect(db.prepare(`SELECT id, lot, status FROM dose_records WHERE id = 'dose-a'`).get()).toEqual({ id: 'dose-a', lot: 'LOT1', status: 'completed' });
    const payload = JSON.parse((db.prepare(`SELECT payload FROM outbox WHERE record_id = 'dose-a'`).get() as { payload: string }).payload);
    expect(payload).toEqual({ person: { ssin: '85073100130', familyName: PSEUDONYM_FAMILY, givenNames: '#cit-a' }, lot: 'LOT1' });
    expect(db.prepare(`SELECT display_name, phone, note FROM standby WHERE id = 'sb-a'`).get()).toEqual({ display_name: `${PSEUDONYM_FAMILY} #cit-a`, phone: null, note: null });
    expect(db.prepare(`SELECT display_name, phone FROM standby WHERE id = 'sb-x'`).get()).toEqual({ display_name: PSEUDONYM_FAMILY, phone: null });
    const job = db.prepare(`SELECT card, citizen_name FROM print_job WHERE id = 'job-a'`).get() as { card: string; citizen_name: string };
    expect(JSON.parse(job.card).lines).toEqual([`${PSEUDONYM_FAMILY} #cit-a`, 'Comirnaty']);
    expect(`${job.card} ${job.citizen_name}`).not.toMatch(/janssens|marie|louise/i);
    expect(db.prepare(`SELECT family_name FROM citizens WHERE id IN ('cit-b', 'cit-c') ORDER BY id`).all()).toEqual([{ family_name: 'Peeters' }, { family_name: 'Dubois' }]);
    expect(db.prepare('SELECT citizen_id FROM retention_purged').all()).toEqual([{ citizen_id: 'cit-a' }]);
    expect(db.prepare(`SELECT recipient, gateway_ref FROM citizen_message WHERE citizen_id = 'cit-a' ORDER BY id`).all()).toEqual([
      { recipient: '(removed)', gateway_ref: null },
      { recipient: '(removed)', gateway_ref: null },
    ]);
    // Nothing of the old values stays in the file (secure_delete, WAL checkpointed).
    const bytes = Buffer.concat([readFileSync(join(s.dataDir, 'station.sqlite'))]).toString('latin1');
    expect(bytes).not.toMatch(/Janssens|JANSSENS|Louise|\+32470000000|Wouters|marie\.janssens|\+32470998877/);
    expect(bytes).toContain('Peeters');
    // A second run finds nothing new.
    expect(runRetention(db, { now, retentionDays: 120, dryRun: false, by: 'test' }).citizens).toBe(0);
  });

  it('runs for a supervisor through the contract and is audited as a purge', async () => {
    const s = openTestStation({ clock: new ManualClock(now), enforceRoles: true });
    cleanup = s.cleanup;
    seed(s);
    const supervisor = signedInCall(s, 'supervisor');
    expect(await s.dispatch('audit.runRetention', {}, signedInCall(s, 'vaccinator'))).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await s.dispatch('audit.runRetention', {}, supervisor)).toMatchObject({ ok: true, result: { citizens: 1 } });
    const entry = s.ctx.db.prepare(`SELECT action, actor, subjects FROM audit_log WHERE method = 'audit.runRetention' AND outcome = 'ok'`).get() as { action: string; actor: string; subjects: string };
    expect(entry.action).toBe('purge');
    expect(entry.actor).toBe(`staff:${supervisor.staff.id}`);
    expect(JSON.parse(entry.subjects)[0]).toMatch(/^retention:/);
    expect(verifyAudit(s.ctx.db).ok).toBe(true);
  });

  it('replaces whole name words in any case, keeping the JSON shape', () => {
    const scrub = nameScrubber('Van den Broeck', 'Anne-Marie', '#x');
    expect(scrub('ANNE-MARIE VAN DEN BROECK, Brussels')).toBe(`#x ${PSEUDONYM_FAMILY}, Brussels`);
    expect(scrub('Vanessa')).toBe('Vanessa');
    expect(scrubJson(JSON.stringify({ a: ['Van den Broeck'], n: 3, b: null }), scrub)).toBe(JSON.stringify({ a: [PSEUDONYM_FAMILY], n: 3, b: null }));
  });
});
