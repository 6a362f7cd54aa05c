import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { recentAudit } from '../../../src/main/station/audit/audit-log';
import { readCentreProfile } from '../../../src/main/station/centre/centre-profile';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { ResultOf } from '../../../src/shared/contract';
import { PROJECT_ROOT } from '../../support/paths';
import { openTestStation, signedInCall } from '../../support/station';

/**
 * The set-up screens' contract (issue 15): centre.* and imports.* through the dispatcher with
 * roles checked, as a host serves them, on real station files.
 */
/** An answer read loosely: a test looks at the error of a refusal without narrowing first. */
type Answer = { ok: boolean; result?: unknown; error?: { code: string; message: string; params?: Record<string, unknown> } };

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const PASSPHRASE = 'heysel hall five spring';
const NOBODY: CallInfo = { language: 'en', transport: 'http' };

function station(stationId = 'desk-1') {
  const clock = new ManualClock('2026-12-01T09:00:00+01:00');
  const s = openTestStation({ clock, settings: { stationId }, lockAfterSeconds: 7 * 24 * 3600 });
  stations.push(s);
  const call = async <M extends string>(method: M, args: unknown, info: CallInfo = NOBODY) => (await s.dispatch(method, args, info)) as Answer;
  const ok = async <T,>(method: string, args: unknown, info: CallInfo = NOBODY): Promise<T> => {
    const envelope = await call(method, args, info);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.code} ${envelope.error?.message}`);
    return envelope.result as T;
  };
  const count = (table: string) => (s.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { s, clock, call, ok, count };
}

const CREATE = { centreId: 'bxl-heysel', name: 'Heysel vaccination centre', address: ['Place de Belgique 1', '1020 Brussel'], languages: ['nl', 'fr'], openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] };
const FIRST = { displayName: 'Ann Supervisor', code: 'SUP-1', pin: '482916' };

async function setUpCentre(stationId = 'desk-1') {
  const t = station(stationId);
  const made = await t.ok<ResultOf<'centre.create'>>('centre.create', CREATE);
  const signed = await t.ok<ResultOf<'centre.firstSupervisor'>>('centre.firstSupervisor', FIRST);
  const supervisor: CallInfo = { language: 'en', transport: 'http', sessionId: signed.sessionId, sessionKind: 'tab' };
  return { ...t, supervisor, fingerprint: made.cardKeyFingerprint };
}

const demoCsv = (name: string) => readFileSync(join(PROJECT_ROOT, 'resources', 'demo', `${name}.csv`), 'utf8');

describe('centre.* (first start)', () => {
  it('a blank station has no centre and no supervisor; create, then the first supervisor, who is signed in', async () => {
    const { s, ok, call } = station();
    expect(await ok('centre.status', {})).toEqual({ centre: false, supervisor: false, stationId: 'desk-1', centreId: null, centreName: null, openDays: null });
    expect((await call('centre.firstSupervisor', FIRST)).error?.code).toBe('centre.no_centre_yet');

    const made = await ok<ResultOf<'centre.create'>>('centre.create', CREATE);
    expect(made).toMatchObject({ centreId: 'bxl-heysel', stationId: 'desk-1', cardKeyFingerprint: expect.stringMatching(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/) });
    expect(s.ctx.settings.get()).toMatchObject({ centreId: 'bxl-heysel', centreName: 'Heysel vaccination centre' });
    expect(readCentreProfile(s.ctx.db)).toEqual({ languages: ['nl', 'fr'], openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(await ok('centre.status', {})).toMatchObject({ centre: true, supervisor: false, centreId: 'bxl-heysel', openDays: ['mon', 'tue', 'wed', 'thu', 'fri'] });

    const signed = await ok<ResultOf<'centre.firstSupervisor'>>('centre.firstSupervisor', FIRST);
    expect(signed.session).toMatchObject({ state: 'active', staff: { displayName: 'Ann Supervisor', roles: ['supervisor'] } });
    expect(await ok('centre.status', {})).toMatchObject({ centre: true, supervisor: true });
    const methods = recentAudit(s.ctx.db, 20).map((e) => e.method);
    expect(methods).toEqual(expect.arrayContaining(['centre.init', 'centre.firstSupervisor']));
  });

  it('refuses a second first supervisor, and creating or joining once a supervisor exists', async () => {
    const { call, count } = await setUpCentre();
    expect((await call('centre.firstSupervisor', { ...FIRST, code: 'SUP-2' })).error?.code).toBe('centre.setup_done');
    expect((await call('centre.create', { ...CREATE, centreId: 'other' })).error?.code).toBe('centre.setup_done');
    expect((await call('centre.join', { file: 'AAAA', passphrase: PASSPHRASE })).error?.code).toBe('centre.setup_done');
    expect(count('staff')).toBe(1);
  });

  it('a weak PIN or no login for the first supervisor is refused, nothing written', async () => {
    const { ok, call, count } = station();
    await ok('centre.create', CREATE);
    expect((await call('centre.firstSupervisor', { ...FIRST, pin: '1234' })).error?.code).toBe('staff.weak_pin');
    expect((await call('centre.firstSupervisor', { displayName: 'No Login', pin: '482916' })).error?.code).toBe('validation');
    expect(count('staff')).toBe(0);
  });
});

describe('centre.export and centre.join', () => {
  it('a second station joins from the exported bytes: same card key, the staff, the calendar', async () => {
    const first = await setUpCentre();
    await first.ok('imports.products', { text: demoCsv('products'), dryRun: false }, first.supervisor);
    await first.ok('imports.calendar', { text: demoCsv('calendar'), dryRun: false }, first.supervisor);
    const exported = await first.ok<ResultOf<'centre.export'>>('centre.export', { passphrase: PASSPHRASE }, first.supervisor);
    expect(exported.bytes).toBe(Buffer.from(exported.file, 'base64').length);
    expect(exported).toMatchObject({ staff: 1, sessions: first.count('sessions') });

    const second = station('desk-2');
    const joined = await second.ok<ResultOf<'centre.join'>>('centre.join', { file: exported.file, passphrase: PASSPHRASE });
    const made = await first.ok<ResultOf<'centre.status'>>('centre.status', {});
    expect(joined).toMatchObject({ centreId: 'bxl-heysel', stationId: 'desk-2', cardKeyFingerprint: first.fingerprint, added: { staff: 1, sessions: first.count('sessions') } });
    expect(second.s.ctx.settings.get()).toMatchObject({ centreId: 'bxl-heysel', centreName: made.centreName });
    // The centre's languages and opening days came with the file (centre file version 2).
    expect(await second.ok('centre.status', {})).toMatchObject({ centre: true, supervisor: true, openDays: CREATE.openDays });
    expect(readCentreProfile(second.s.ctx.db)).toEqual({ languages: CREATE.languages, openDays: CREATE.openDays });
    // The supervisor of the centre signs in on the new station with the same PIN.
    expect(await second.ok('staff.signIn', { login: 'SUP-1', pin: FIRST.pin })).toMatchObject({ session: { state: 'active' } });
    expect(second.count('sessions')).toBe(first.count('sessions'));
  });

  it('refuses a wrong passphrase and an altered file; the station stays blank', async () => {
    const first = await setUpCentre();
    const { file } = await first.ok<ResultOf<'centre.export'>>('centre.export', { passphrase: PASSPHRASE }, first.supervisor);
    const second = station('desk-2');
    expect((await second.call('centre.join', { file, passphrase: 'not the passphrase at all' })).error?.code).toBe('centre.file_passphrase');
    const bytes = Buffer.from(file, 'base64');
    bytes[bytes.length - 40]! ^= 0x01;
    const altered = await second.call('centre.join', { file: bytes.toString('base64'), passphrase: PASSPHRASE });
    expect(altered.error?.code).toBe('centre.file_altered');
    expect(altered.error?.message).toMatch(/altered or damaged/);
    expect(await second.ok('centre.status', {})).toMatchObject({ centre: false, supervisor: false });
    expect(second.count('staff')).toBe(0);
    expect(second.s.ctx.settings.get().centreId).not.toBe('bxl-heysel');
  });

  it('export is a supervisor’s: refused to nobody and to a vaccinator', async () => {
    const first = await setUpCentre();
    expect((await first.call('centre.export', { passphrase: PASSPHRASE })).error?.code).toMatch(/^staff\./);
    const vaccinator = signedInCall(first.s, 'vaccinator');
    expect((await first.call('centre.export', { passphrase: PASSPHRASE }, vaccinator)).error?.code).toMatch(/^staff\./);
    expect((await first.call('centre.export', { passphrase: 'short' }, first.supervisor)).error?.code).toBe('centre.passphrase_short');
  });
});

describe('imports.* (the import panel)', () => {
  it('answers what the command line prints: dry run writes nothing, the import writes, the same file again adds nothing', async () => {
    const t = await setUpCentre();
    const products = await t.ok('imports.products', { text: demoCsv('products'), dryRun: false }, t.supervisor);
    expect(products).toMatchObject({ unchanged: expect.any(Number) });
    const dry = await t.ok<ResultOf<'imports.calendar'>>('imports.calendar', { text: demoCsv('calendar'), dryRun: true }, t.supervisor);
    expect(dry.sessions).toBeGreaterThan(0);
    expect(dry.places).toBeGreaterThan(dry.slots);
    expect(t.count('sessions')).toBe(0);
    const done = await t.ok<ResultOf<'imports.calendar'>>('imports.calendar', { text: demoCsv('calendar'), dryRun: false }, t.supervisor);
    expect(done).toEqual(dry);
    expect(t.count('sessions')).toBe(dry.sessions);
    expect(await t.ok('imports.calendar', { text: demoCsv('calendar'), dryRun: false }, t.supervisor)).toEqual({ sessions: 0, slots: 0, places: 0, unchanged: dry.sessions });
    const invitations = await t.ok<ResultOf<'imports.invitations'>>('imports.invitations', { text: demoCsv('invitations'), dryRun: false }, t.supervisor);
    expect(invitations.invitations).toBe(demoCsv('invitations').trim().split('\n').length - 1);
    expect(t.count('invitations')).toBe(invitations.invitations);
  });

  it('a bad row is refused with its line and message, and nothing of the file is written', async () => {
    const t = await setUpCentre();
    const text = ['date;start;end;product;slot_minutes;capacity', '2027-01-04;09:00;12:30;comirnaty;15;24', '2027-01-05;13:00;12:00;comirnaty;15;24', ''].join('\n');
    const refused = await t.call('imports.calendar', { text, dryRun: false }, t.supervisor);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'import.time_order', params: { line: 3, start: '13:00', end: '12:00' } });
    expect(refused.error?.message).toContain('13:00');
    expect(t.count('sessions')).toBe(0);
    const unknown = await t.call('imports.invitations', { text: 'code;ssin;surname;given_names;language;product\nABC;85073000457;X;Y;xx;comirnaty\n', dryRun: false }, t.supervisor);
    expect(unknown.error).toMatchObject({ code: 'import.language_invalid', params: { line: 2 } });
    expect(t.count('invitations')).toBe(0);
  });

  it('is a supervisor’s, and audited', async () => {
    const t = await setUpCentre();
    expect((await t.call('imports.products', { text: demoCsv('products'), dryRun: false })).error?.code).toMatch(/^staff\./);
    expect((await t.call('imports.products', { text: demoCsv('products'), dryRun: false }, signedInCall(t.s, 'checkin'))).error?.code).toMatch(/^staff\./);
    await t.ok('imports.products', { text: demoCsv('products'), dryRun: false }, t.supervisor);
    expect(recentAudit(t.s.ctx.db, 5).map((e) => e.method)).toContain('imports.products');
  });
});

describe('imports.* with random files (fixed seed, bounded runs)', () => {
  it('answers a summary or a clear import error, never an internal failure, and a refusal writes nothing', async () => {
    const t = await setUpCentre();
    const tables = ['vaccine_products', 'sessions', 'slots', 'slot_units', 'centre_days', 'invitations', 'citizens'];
    const snapshot = () => Object.fromEntries(tables.map((table) => [table, t.count(table)]));
    const headers = {
      products: 'code;name;gtin;cnk;atc;doses_in_course;min_days;target_days;max_days;doses_per_vial;hours_after_puncture',
      calendar: 'date;start;end;product;slot_minutes;capacity',
      invitations: 'code;ssin;surname;given_names;language;product',
    };
    // Random text, or a right header followed by random lines: both reach the row checks.
    const file = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.tuple(fc.constantFrom(...Object.values(headers)), fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), { maxLength: 6 })).map(([h, lines]) => [h, ...lines].join('\n')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('products', 'calendar', 'invitations'), file, fc.boolean(), async (kind, text, dryRun) => {
        const before = snapshot();
        const answer = await t.call(`imports.${kind}`, { text, dryRun }, t.supervisor);
        if (answer.ok) return;
        expect(answer.error?.code).toMatch(/^(import\.|validation$)/);
        expect(answer.error?.message.length).toBeGreaterThan(10);
        expect(snapshot()).toEqual(before);
      }),
      { seed: 15, numRuns: 40 },
    );
  });
});
