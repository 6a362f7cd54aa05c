import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { enqueueOutbox } from '../../../../../src/main/adapters/sqlite/outbox';
import { createDispatcher } from '../../../../../src/main/station/dispatcher';
import type { Handlers } from '../../../../../src/main/station/base/handlers';
import { appendAudit, auditHead, personSubject, subjectKey, verifyAudit } from '../../../../../src/main/station/audit/audit-log';
import { chainHash, GENESIS_HASH } from '../../../../../src/main/station/audit/chain';
import { collectSubjects } from '../../../../../src/main/station/audit/subjects';
import { DoseDeskError } from '../../../../../src/shared/errors';
import { openTestStation, signedInCall } from '../../../../support/station';

let cleanup: (() => void) | undefined;
const cancel = { appointmentId: 'a-17', reason: 'moved by phone' };
afterEach(() => cleanup?.());

type Row = { seq: number; actor: string; method: string; action: string; subjects: string; outcome: string; session: string | null; station_id: string };
const rows = (s: { ctx: { db: { prepare: (q: string) => { all: () => unknown[] } } } }) => s.ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];

function setup() {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const s = openTestStation({ clock, enforceRoles: true, settings: { stationId: 'heysel-07', centreId: 'heysel' } });
  cleanup = s.cleanup;
  return { s, clock };
}

/** A dispatcher on the station's own handlers and guard, with a stand-in for one personal-data method. */
function withHandler(s: ReturnType<typeof setup>['s'], method: keyof Handlers, handler: (args: unknown) => unknown) {
  return createDispatcher({ ...s.handlers, [method]: handler } as Handlers, () => {}, s.security);
}

describe('the audit trail', () => {
  it('chains each entry to the one before with SHA-256, starting from zeros', () => {
    const { s } = setup();
    const input = { at: new Date('2026-03-02T08:00:00Z'), stationId: 'st', centreId: 'c', actor: 'system', transport: 'cli', method: 'm', action: 'read' as const, subjects: ['x:1'], outcome: 'ok' };
    const first = appendAudit(s.ctx.db, input);
    const second = appendAudit(s.ctx.db, { ...input, subjects: ['x:2'] });
    expect(first.prev_hash).toBe(GENESIS_HASH);
    expect(second.prev_hash).toBe(first.hash);
    const { prev_hash: _p, hash: _h, ...content } = second;
    expect(chainHash(first.hash, content)).toBe(second.hash);
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHead(s.ctx.db)).toEqual({ hash: second.hash, count: 2 });
    expect(verifyAudit(s.ctx.db)).toEqual({ ok: true, entries: 2, problem: null });
  });

  it('records a read of personal data right after it: who, what, which person, which station, when', async () => {
    const { s, clock } = setup();
    const nurse = signedInCall(s, 'vaccinator');
    const dispatch = withHandler(s, 'checkin.lookup', () => {
      throw new DoseDeskError('booking.unknown_person', { ssin: '85073100145' });
    });
    clock.set('2026-03-02T08:01:00Z');
    await dispatch('checkin.lookup', { ssin: '85073100145' }, nurse);
    const entry = rows(s).at(-1)!;
    const person = personSubject(subjectKey(s.ctx.db, clock.now()), '85073100145');
    expect(entry).toMatchObject({ actor: `staff:${nurse.staff.id}`, method: 'checkin.lookup', action: 'read', outcome: 'booking.unknown_person', station_id: 'heysel-07' });
    expect(JSON.parse(entry.subjects)).toEqual([person]);
    expect(entry.session).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.session).not.toBe(nurse.sessionId);
    expect(JSON.stringify(rows(s))).not.toContain('85073100145');
  });

  it('writes the entry of a write in the same transaction as the record, naming what was queued for sync', async () => {
    const { s } = setup();
    const nurse = signedInCall(s, 'vaccinator');
    let doseId = '';
    const dispatch = withHandler(s, 'booking.cancel', () =>
      s.ctx.db.transaction(() => {
        s.ctx.db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe', 'x', 'now')`).run();
        doseId = crypto.randomUUID();
        enqueueOutbox(s.ctx.db, { kind: 'dose', recordId: doseId, personKey: '85073100145', payload: {} }, s.ctx.clock.now());
        // Inside the transaction the entry is not there yet: it is added just before commit.
        expect(s.ctx.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE method = 'booking.cancel'`).get()).toEqual({ n: 0 });
        return { ok: true };
      })(),
    );
    const answer = await dispatch('booking.cancel', cancel, nurse);
    // The stand-in's result does not match the contract; the write and its entry committed anyway.
    expect(answer.ok).toBe(false);
    const entry = rows(s).find((r) => r.method === 'booking.cancel')!;
    expect(entry).toMatchObject({ action: 'correct', outcome: 'ok' });
    expect(JSON.parse(entry.subjects).sort()).toEqual(['appointment:a-17', `dose:${doseId}`]);
    expect(verifyAudit(s.ctx.db).ok).toBe(true);
  });

  it('rolls the record back when its audit entry cannot be written, and the other way round', async () => {
    const { s } = setup();
    const nurse = signedInCall(s, 'vaccinator');
    const write = () =>
      s.ctx.db.transaction(() => {
        s.ctx.db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe', 'x', 'now')`).run();
      })();
    // The audit entry fails (its station_meta head row is made unwritable): the record must not stay.
    s.ctx.db.exec(`CREATE TRIGGER break_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit disk full'); END;`);
    const refused = await withHandler(s, 'booking.cancel', write)('booking.cancel', cancel, nurse);
    expect(refused).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(s.ctx.db.prepare(`SELECT value FROM station_meta WHERE key = 'probe'`).get()).toBeUndefined();
    s.ctx.db.exec('DROP TRIGGER break_audit');
    // The record's transaction fails: no entry says it was written; the failure itself is logged.
    const before = rows(s).length;
    const failing = () =>
      s.ctx.db.transaction(() => {
        s.ctx.db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe2', 'x', 'now')`).run();
        throw new DoseDeskError('booking.dose_today');
      })();
    expect(await withHandler(s, 'booking.cancel', failing)('booking.cancel', cancel, nurse)).toMatchObject({ ok: false, error: { code: 'booking.dose_today' } });
    expect(s.ctx.db.prepare(`SELECT value FROM station_meta WHERE key = 'probe2'`).get()).toBeUndefined();
    expect(rows(s).slice(before).map((r) => r.outcome)).toEqual(['booking.dose_today']);
  });

  it('leaves neither the record nor its audit entry when the use case throws after it wrote', async () => {
    const { s } = setup();
    const nurse = signedInCall(s, 'vaccinator');
    const before = rows(s).length;
    const recordId = crypto.randomUUID();
    let openBeforeUseCase: boolean | undefined;
    const dispatch = withHandler(s, 'booking.cancel', () => {
      openBeforeUseCase = s.ctx.db.inTransaction;
      s.ctx.db
        .transaction(() => {
          s.ctx.db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe3', 'x', 'now')`).run();
          enqueueOutbox(s.ctx.db, { kind: 'dose', recordId, personKey: '85073100145', payload: {} }, s.ctx.clock.now());
        })
        .immediate();
      throw new Error('card template missing');
    });
    expect(await dispatch('booking.cancel', cancel, nurse)).toMatchObject({ ok: false, error: { code: 'internal' } });
    // The call's transaction was open before the use case started; the use case's own IMMEDIATE transaction joined it.
    expect(openBeforeUseCase).toBe(true);
    expect(s.ctx.db.prepare(`SELECT value FROM station_meta WHERE key = 'probe3'`).get()).toBeUndefined();
    expect(s.ctx.db.prepare('SELECT count(*) AS n FROM outbox WHERE record_id = ?').get(recordId)).toEqual({ n: 0 });
    // Only the failure is logged, on its own, naming no record that does not exist.
    const added = rows(s).slice(before);
    expect(added.map((r) => [r.method, r.outcome])).toEqual([['booking.cancel', 'internal']]);
    expect(added[0]!.subjects).not.toContain(recordId);
    expect(verifyAudit(s.ctx.db)).toMatchObject({ ok: true });
  });

  it('runs a method that writes without being audited as one transaction too, and audits nothing for it', async () => {
    const { s } = setup();
    const nurse = signedInCall(s, 'vaccinator');
    const before = rows(s).length;
    const dispatch = withHandler(s, 'vials.open', () => {
      s.ctx.db.transaction(() => s.ctx.db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe5', 'x', 'now')`).run()).immediate();
      throw new DoseDeskError('vials.closed');
    });
    expect(await dispatch('vials.open', { lotId: 'l-1' }, nurse)).toMatchObject({ ok: false, error: { code: 'vials.closed' } });
    expect(s.ctx.db.prepare(`SELECT value FROM station_meta WHERE key = 'probe5'`).get()).toBeUndefined();
    expect(rows(s).length).toBe(before);
  });

  it('refuses a plain handler that returns a promise, writing nothing but the failure', async () => {
    const { s } = setup();
    const nurse = signedInCall(s, 'vaccinator');
    const before = rows(s).length;
    const dispatch = withHandler(s, 'booking.cancel', () => {
      s.ctx.db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe4', 'x', 'now')`).run();
      return Promise.resolve({});
    });
    expect(await dispatch('booking.cancel', cancel, nurse)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(s.ctx.db.prepare(`SELECT value FROM station_meta WHERE key = 'probe4'`).get()).toBeUndefined();
    expect(rows(s).slice(before).map((r) => r.outcome)).toEqual(['internal']);
  });

  it('logs refused attempts at personal data, sign-ins and failed sign-ins, never a PIN', async () => {
    const { s } = setup();
    await s.dispatch('checkin.lookup', { ssin: '85073100145' }, { language: 'en', transport: 'http' });
    const supervisor = signedInCall(s, 'supervisor');
    await s.dispatch('staff.create', { displayName: 'New Nurse', roles: ['checkin'], code: 'CHK77', pin: '482916' }, supervisor);
    await s.dispatch('staff.signIn', { login: 'CHK77', pin: '739251' }, { language: 'en', transport: 'http' });
    const ok = await s.dispatch('staff.signIn', { login: 'CHK77', pin: '482916' }, { language: 'en', transport: 'http' });
    const newId = (ok as { result: { session: { staff: { id: string } } } }).result.session.staff.id;
    const log = rows(s).map((r) => [r.method, r.action, r.actor, r.outcome]);
    expect(log).toContainEqual(['checkin.lookup', 'read', 'anonymous', 'staff.required']);
    expect(log).toContainEqual(['staff.create', 'admin', `staff:${supervisor.staff.id}`, 'ok']);
    expect(log).toContainEqual(['staff.signIn', 'auth', 'anonymous', 'staff.bad_credentials']);
    expect(log).toContainEqual(['staff.signIn', 'auth', `staff:${newId}`, 'ok']);
    expect(rows(s).find((r) => r.method === 'staff.create')!.subjects).toContain(`staff:${newId}`);
    const text = JSON.stringify(rows(s));
    expect(text).not.toContain('482916');
    expect(text).not.toContain('739251');
    const signedIn = ok as { result: { sessionId: string } };
    expect(text).not.toContain(signedIn.result.sessionId);
    expect(verifyAudit(s.ctx.db)).toMatchObject({ ok: true });
  });

  it('writes no admin entry without a signed-in staff member, and none for an empty or unchanged settings update', async () => {
    const { s } = setup();
    const anonymous = { language: 'en' as const, transport: 'http' as const };
    const admin = () => rows(s).filter((r) => r.action === 'admin');
    // The page token alone: an empty patch is not a language switch, and a refused attempt names nobody.
    expect(await s.dispatch('settings.update', {}, anonymous)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await s.dispatch('staff.create', { displayName: 'X', roles: ['checkin'], code: 'CHK78', pin: '482916' }, anonymous)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    // A real language switch by nobody in particular changes the screen and is allowed, but is no administration act.
    expect((await s.dispatch('settings.update', { language: 'fr' }, anonymous)).ok).toBe(true);
    expect(s.ctx.settings.get().language).toBe('fr');
    expect(admin()).toEqual([]);

    const supervisor = signedInCall(s, 'supervisor');
    const before = auditHead(s.ctx.db).count;
    expect((await s.dispatch('settings.update', {}, supervisor)).ok).toBe(true);
    expect((await s.dispatch('settings.update', { language: 'fr', kiosk: s.ctx.settings.get().kiosk }, supervisor)).ok).toBe(true);
    expect(auditHead(s.ctx.db).count).toBe(before);
    expect((await s.dispatch('settings.update', { language: 'de' }, supervisor)).ok).toBe(true);
    expect(admin().map((r) => [r.method, r.actor, r.outcome])).toEqual([['settings.update', `staff:${supervisor.staff.id}`, 'ok']]);
    expect(admin().every((r) => r.actor.startsWith('staff:'))).toBe(true);
    expect(verifyAudit(s.ctx.db)).toMatchObject({ ok: true });
  });

  it('refuses UPDATE and DELETE on the trail with triggers', () => {
    const { s } = setup();
    appendAudit(s.ctx.db, { at: s.ctx.clock.now(), stationId: 'st', centreId: 'c', actor: 'system', transport: 'cli', method: 'm', action: 'read', subjects: [], outcome: 'ok' });
    expect(() => s.ctx.db.prepare(`UPDATE audit_log SET outcome = 'x'`).run()).toThrow(/append-only/);
    expect(() => s.ctx.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('takes subjects only from ssin, login and id fields', () => {
    const key = Buffer.alloc(32, 7);
    const subjects = collectSubjects(
      [
        { ssin: '85073100145', pin: '482916', note: 'Jan Peeters', login: '1-23456-78-901', doseId: 'd-1' },
        { dose: { id: 'd-2', familyName: 'Peeters' }, appointments: [{ id: 'a-1' }] },
      ],
      key,
      'booking',
    );
    expect(subjects).toEqual([personSubject(key, '85073100145'), 'login:12345678901', 'dose:d-1', 'dose:d-2', 'appointments:a-1']);
    expect(JSON.stringify(subjects)).not.toMatch(/482916|Peeters|85073100145/);
  });
});
