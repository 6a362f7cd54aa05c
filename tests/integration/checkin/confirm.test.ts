import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { demoInvitationCode, demoSsin } from '../../../src/main/station/demo/demo-people';
import { demoVialCode } from '../../../src/main/station/reports/demo-guide';
import { personSubject, recentAudit, subjectKey } from '../../../src/main/station/audit/audit-log';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { CheckinAnswer } from '../../../src/shared/api/checkin';
import type { EndOfDayReport } from '../../../src/shared/api/reports';
import { openTestStation, signedInCall } from '../../support/station';

/** Arrivals confirmed at the check-in desk: recorded, remembered for the day, counted at night. */
const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const ZOE = demoSsin('1985-07-30', 4); // demo citizen, invited
const LUC = demoSsin('1958-04-19', 33);
const STRANGER = demoSsin('1970-01-15', 301); // never seen here

function desk(options: { at?: string; demo?: boolean } = {}) {
  const clock = new ManualClock(options.at ?? '2026-03-04T09:30:00Z');
  // The manual clock jumps hours: sessions must not lock meanwhile.
  const station = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 7 * 24 * 3600 });
  stations.push(station);
  if (options.demo) station.seedDemo();
  const agent = signedInCall(station, 'checkin', { displayName: 'Desk Agent' });
  const call = async <T,>(method: string, args: unknown, info: Parameters<typeof station.dispatch>[2] = agent): Promise<T> => {
    const envelope = (await station.dispatch(method, args, info)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as T;
  };
  return { station, clock, agent, call };
}

interface Row {
  id: string;
  ssin: string;
  local_date: string;
  at: string;
  station_id: string;
  staff_id: string | null;
  staff_name: string | null;
  source: string;
  invitation_code: string | null;
  warnings_acknowledged: string;
}

describe('checkin.confirm', () => {
  it('records who confirmed, where, when, how and which warnings; scan and lookup then say "already checked in"', async () => {
    const { station, clock, agent, call } = desk({ demo: true });
    const first = await call<CheckinAnswer>('checkin.scan', { text: demoInvitationCode(ZOE), source: 'scanner' });
    expect(first.person?.ssin).toBe(ZOE);
    expect(first.checkedInAt).toBeNull();

    const confirmed = await call<{ id: string; at: string }>('checkin.confirm', {
      ssin: ZOE,
      source: 'scanner',
      invitationCode: first.invitation!.code,
      warningsAcknowledged: ['expired_card', 'expired_card', 'too_early'],
      // The screen cannot name someone else: the row takes the signed-in agent.
    });
    expect(confirmed.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(confirmed.at).toBe('2026-03-04T09:30:00.000Z');

    const row = station.ctx.db.prepare('SELECT * FROM checkins WHERE id = ?').get(confirmed.id) as Row;
    expect(row).toMatchObject({
      ssin: ZOE,
      local_date: '2026-03-04',
      at: confirmed.at,
      station_id: station.ctx.settings.get().stationId,
      staff_id: agent.staff.id,
      staff_name: 'Desk Agent',
      source: 'scanner',
      invitation_code: demoInvitationCode(ZOE),
    });
    expect(JSON.parse(row.warnings_acknowledged)).toEqual(['expired_card', 'too_early']);

    clock.advance(20 * 60_000);
    const again = await call<CheckinAnswer>('checkin.scan', { text: ZOE, source: 'scanner' });
    expect(again.checkedInAt).toBe(confirmed.at);
    const typed = await call<CheckinAnswer>('checkin.lookup', { ssin: '85.07.30-004.57' });
    expect(typed.person?.ssin).toBe(ZOE);
    expect(typed.checkedInAt).toBe(confirmed.at);
    // Someone else is not checked in.
    expect((await call<CheckinAnswer>('checkin.lookup', { ssin: LUC })).checkedInAt).toBeNull();

    // Confirmed a second time: a second row, and the latest time is the one shown.
    const second = await call<{ id: string; at: string }>('checkin.confirm', { ssin: ZOE, source: 'typed', warningsAcknowledged: [] });
    expect(second.id).not.toBe(confirmed.id);
    expect((await call<CheckinAnswer>('checkin.lookup', { ssin: ZOE })).checkedInAt).toBe(second.at);
    expect((station.ctx.db.prepare('SELECT COUNT(*) AS n FROM checkins WHERE ssin = ?').get(ZOE) as { n: number }).n).toBe(2);
  });

  it('forgets at midnight in Brussels, not at midnight UTC', async () => {
    // 23:45 in Brussels on 4 March (CET, UTC+1).
    const { clock, call } = desk({ at: '2026-03-04T22:45:00Z' });
    await call('checkin.confirm', { ssin: STRANGER, source: 'typed', warningsAcknowledged: ['unknown_person'] });
    expect((await call<CheckinAnswer>('checkin.lookup', { ssin: STRANGER })).checkedInAt).toBe('2026-03-04T22:45:00.000Z');
    // 00:15 on 5 March in Brussels, still 4 March in UTC.
    clock.set('2026-03-04T23:15:00Z');
    expect((await call<CheckinAnswer>('checkin.lookup', { ssin: STRANGER })).checkedInAt).toBeNull();
  });

  it('keeps the log append-only', async () => {
    const { station, call } = desk();
    const { id } = await call<{ id: string }>('checkin.confirm', { ssin: STRANGER, source: 'chip', warningsAcknowledged: [] });
    const db = station.ctx.db;
    expect(() => db.prepare(`UPDATE checkins SET staff_name = 'someone else' WHERE id = ?`).run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM checkins WHERE id = ?').run(id)).toThrow(/append-only/);
    expect((db.prepare('SELECT staff_name FROM checkins WHERE id = ?').get(id) as { staff_name: string }).staff_name).toBe('Desk Agent');
  });

  it('is for the check-in desk and supervisors, refuses a bad number, and is audited as a creation', async () => {
    const { station, call, agent } = desk();
    const nurse = signedInCall(station, 'vaccinator');
    const boss = signedInCall(station, 'supervisor');
    const args = { ssin: STRANGER, source: 'typed', warningsAcknowledged: [] };
    expect(await station.dispatch('checkin.confirm', args, nurse)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await station.dispatch('checkin.confirm', args, { language: 'en', transport: 'http' })).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await station.dispatch('checkin.confirm', args, boss)).toMatchObject({ ok: true });
    const badDigits = await station.dispatch('checkin.confirm', { ...args, ssin: `${STRANGER.slice(0, 9)}${STRANGER.slice(9) === '00' ? '01' : '00'}` }, agent);
    expect(badDigits.ok || badDigits.error.code).toMatch(/^identity\./);
    expect(await station.dispatch('checkin.confirm', { ...args, source: 'telepathy' }, agent)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((station.ctx.db.prepare('SELECT COUNT(*) AS n FROM checkins').get() as { n: number }).n).toBe(1);

    const { id } = await call<{ id: string }>('checkin.confirm', args);
    const person = personSubject(subjectKey(station.ctx.db, station.ctx.clock.now()), STRANGER);
    const entry = recentAudit(station.ctx.db, 50).find((e) => e.method === 'checkin.confirm' && e.subjects.includes(`checkin:${id}`));
    expect(entry).toMatchObject({ action: 'create', outcome: 'ok', actor: `staff:${agent.staff.id}` });
    expect(entry!.subjects).toContain(person);
  });
});

describe('the end-of-day report counts arrivals', () => {
  it('people checked in, confirmed again, and checked in without a dose that day; in the CSV too', async () => {
    const { station, clock, call } = desk({ demo: true });
    const nurse = signedInCall(station, 'vaccinator', { displayName: 'Dr. Test' });
    const boss = signedInCall(station, 'supervisor');
    await call('checkin.confirm', { ssin: ZOE, source: 'scanner', warningsAcknowledged: [] });
    clock.advance(60_000);
    await call('checkin.confirm', { ssin: ZOE, source: 'scanner', warningsAcknowledged: [] });
    await call('checkin.confirm', { ssin: LUC, source: 'typed', warningsAcknowledged: [] });
    // Zoë is vaccinated; Luc left before.
    const lot = await call<{ lotId: string }>('vials.scan', { text: demoVialCode('05413868120110', '2049-12-31', 'DEMOCOM01') }, nurse);
    await call('booking.administer', { ssin: ZOE, lotId: lot.lotId, vaccinator: { nihdi: nurse.staff.nihdi!, name: 'Dr. Test' }, print: false }, nurse);
    // The next day's first arrival is not today's.
    clock.set('2026-03-05T08:00:00Z');
    await call('checkin.confirm', { ssin: LUC, source: 'typed', warningsAcknowledged: [] });

    const { report } = await call<{ report: EndOfDayReport }>('reports.endOfDay', { date: '2026-03-04', format: 'json' }, boss);
    expect(report.arrivals).toEqual({ checkedIn: 2, repeated: 1, withoutDose: 1 });
    const next = await call<{ report: EndOfDayReport }>('reports.endOfDay', { date: '2026-03-05', format: 'json' }, boss);
    expect(next.report.arrivals).toEqual({ checkedIn: 1, repeated: 0, withoutDose: 1 });

    const csv = await call<{ file: { base64: string } }>('reports.endOfDay', { date: '2026-03-04', format: 'csv' }, { ...boss, language: 'fr' });
    const text = Buffer.from(csv.file.base64, 'base64').toString('utf8');
    expect(text).toContain('Arrivées à l’accueil;Personnes enregistrées à l’accueil;2');
    expect(text).toContain('Arrivées à l’accueil;"Enregistrées une nouvelle fois (même personne, même jour)";1');
  });
});
