import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/adapters/sqlite/database';
import { applyCapacityAllocation, sessionShares } from '../../../src/main/station/capacity/capacity';
import { sessionIdOf } from '../../../src/main/station/capacity/calendar';
import { issueCardToken, verifyCardToken } from '../../../src/main/station/booking/card-token';
import { insertDemoFirstDose } from '../../../src/main/station/booking/demo-seed-store';
import type { CardTokenContent } from '../../../src/domain/booking/card-token';
import { verifyPin } from '../../../src/main/adapters/crypto/pin-hash';
import { findByLogin, pinOf } from '../../../src/main/station/staff/staff-store';
import { readCentreProfile, writeCentreProfile } from '../../../src/main/station/centre/centre-profile';
import { readCentreFile } from '../../../src/main/station/centre/centre-file-content';
import { sealCentreFile } from '../../../src/main/station/centre/centre-file-crypto';
import { PROJECT_ROOT } from '../../support/paths';
import { withStationFile } from '../../support/station-file';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Issue 15 end to end over real, encrypted station folders and the real command line: create a
 * centre, add its first supervisor, export the centre file, enrol a second station from it.
 */
const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

const PASSPHRASE = 'heysel hall five spring';
const CLOCK = '2026-05-04T08:00:00+02:00';

function cli(args: string[], input = '', env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, DOSEDESK_DB_KEY: '', DOSEDESK_DB_KEY_FILE: '', DOSEDESK_LANG: 'en', ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** The one JSON line a centre step prints. */
function json(run: { out: string }): Record<string, unknown> {
  const lines = run.out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

function tempDir(): string {
  const t = makeTempDir('dosedesk-centre-');
  temps.push(t.cleanup);
  return t.dir;
}

const withStation = <T>(dataDir: string, body: (db: Db) => T): T => withStationFile(dataDir, body);

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function initCentre(dir: string, name = 'a', centreId = 'bxl-heysel', stationId = 'desk-1'): string {
  const dataDir = join(dir, name);
  const made = cli(['centre', 'init', '--data', dataDir, '--centre-id', centreId, '--name', 'Heysel vaccination centre', '--station-id', stationId, '--address', 'Place de Belgique 1', '--address', '1020 Brussel', '--clock', CLOCK]);
  expect(made.err).toBe('');
  expect(made.code).toBe(0);
  expect(json(made)).toMatchObject({ centreId, stationId, data: dataDir, cardKeyFingerprint: expect.stringMatching(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/) });
  return dataDir;
}

/** Sessions yesterday, today and tomorrow on the first station, its capacity all its own. */
function addSessions(dataDir: string): void {
  withStation(dataDir, (db) => {
    const defs = ['2026-05-03', '2026-05-04', '2026-05-05'].map((date) => ({ date, productCode: 'comirnaty', start: '09:00', end: '10:00', slotMinutes: 15, capacityPerSlot: 4 }));
    const sessions = defs.map((d) => ({ ...d, id: sessionIdOf('bxl-heysel', d) }));
    applyCapacityAllocation(db, { id: 'test-allocation', source: 'supervisor', issuedAt: '2026-05-01T08:00:00.000Z', centreId: 'bxl-heysel', sessions, shares: sessions.flatMap((s) => sessionShares(s.id, 4, ['desk-1'])) });
  });
}

function exportFile(dataDir: string, out: string): Record<string, unknown> {
  const run = cli(['centre', 'export', '--data', dataDir, '--out', out, '--clock', CLOCK], `${PASSPHRASE}\n`);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  return json(run);
}

function join_(dataDir: string, stationId: string, file: string, passphrase = PASSPHRASE, env: Record<string, string> = {}) {
  return cli(['centre', 'join', '--data', dataDir, '--station-id', stationId, '--clock', CLOCK, file], `${passphrase}\n`, env);
}

const cardContent: CardTokenContent = {
  centreId: 'bxl-heysel',
  appointment: { id: '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f', slotId: 'b1e0c5a2-1d3f-5a6b-8c9d-0e1f2a3b4c5d', start: '2026-05-25T08:00:00.000Z', doseNumber: 2, productCode: 'comirnaty' },
  person: { ssin: '85073000488', familyName: 'Peeters', givenNames: 'An', birthDate: '1985-07-30', sex: 'F', language: 'nl' },
  previousDose: { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', doseNumber: 1, productCode: 'comirnaty', gtin: null, lot: 'FE1234', expiry: '2026-06-30', administeredAt: '2026-05-04T07:00:00.000Z', stationId: 'desk-1', vaccinatorNihdi: '10000000001' },
};

// Each step spawns the real command line (several seconds each on a busy 2-core machine): a hang
// guard, not a speed check.
describe('centre init, export and join', { timeout: 600_000 }, () => {
  it('creates a centre, adds its supervisor, and enrols a second station that shares its key, staff and calendar', async () => {
    const dir = tempDir();
    const a = initCentre(dir);
    expect(existsSync(`${a}.key`)).toBe(true);
    withStation(a, (db) => {
      expect(count(db, 'vaccine_products')).toBeGreaterThan(0);
      expect(count(db, 'citizens') + count(db, 'dose_records') + count(db, 'sessions') + count(db, 'staff')).toBe(0);
    });
    // The station file is encrypted like any other: no SQLite header, no plain text.
    expect(readFileSync(join(a, 'station.sqlite')).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    const again = cli(['centre', 'init', '--data', a, '--centre-id', 'other', '--name', 'Other', '--station-id', 'desk-9']);
    expect(again.code).toBe(1);
    expect(json(again)).toMatchObject({ error: { code: 'centre.station_exists', message: expect.stringContaining('already holds a station') } });

    const added = cli(['staff', 'add', '--data', a, '--name', 'Marie Dubois', '--roles', 'supervisor', '--code', 'SUP01'], '482916\n');
    expect(added).toMatchObject({ code: 0, err: '' });
    addSessions(a);

    const file = join(dir, 'heysel.centre');
    expect(exportFile(a, file)).toMatchObject({ centreId: 'bxl-heysel', stationId: 'desk-1', staff: 1, sessions: 2 });
    const sealed = readFileSync(file);
    for (const secret of ['Marie Dubois', 'SUP01', 'bxl-heysel', 'comirnaty']) expect(sealed.toString('latin1')).not.toContain(secret);

    const b = join(dir, 'b');
    const joined = join_(b, 'desk-2', file);
    expect(joined.err).toBe('');
    expect(joined.code).toBe(0);
    expect(json(joined)).toMatchObject({ centreId: 'bxl-heysel', stationId: 'desk-2', data: b, created: true, added: { staff: 1, sessions: 2, slots: 8, units: 32, allocations: 1 } });

    const fingerprint = (dataDir: string) => cli(['card-key', 'fingerprint', '--data', dataDir]);
    const [fa, fb] = [fingerprint(a), fingerprint(b)];
    expect(fa.code).toBe(0);
    expect(fb.out).toBe(fa.out);

    const list = cli(['staff', 'list', '--data', b]);
    expect(list.out).toMatch(/SUP01\t-\tMarie Dubois\tsupervisor\tactive/);
    // The supervisor signs in at the new station with the PIN set on the first one (same hash).
    const onB = withStation(b, (db) => findByLogin(db, 'SUP01'))!;
    expect(onB.pin_hash).toBe(withStation(a, (db) => findByLogin(db, 'SUP01'))!.pin_hash);
    expect(await verifyPin('482916', pinOf(onB))).toBe(true);
    expect(JSON.parse(readFileSync(join(b, 'settings.json'), 'utf8'))).toMatchObject({ centreId: 'bxl-heysel', centreName: 'Heysel vaccination centre', stationId: 'desk-2' });

    const token = withStation(a, (db) => issueCardToken(db, cardContent, new Date(CLOCK)));
    expect(withStation(b, (db) => verifyCardToken(db, token, 'bxl-heysel'))).toEqual(cardContent);

    withStation(b, (db) => {
      // Today's and later sessions only, with their unit owners as the first station knows them:
      // every unit is desk-1's, so the new station owns none and books none of them.
      expect((db.prepare('SELECT date FROM sessions ORDER BY date').all() as { date: string }[]).map((r) => r.date)).toEqual(['2026-05-04', '2026-05-05']);
      expect(db.prepare('SELECT owner_station, count(*) AS n FROM slot_units GROUP BY owner_station').all()).toEqual([{ owner_station: 'desk-1', n: 32 }]);
      expect((db.prepare('SELECT id FROM capacity_allocations').all() as { id: string }[]).map((r) => r.id)).toEqual(['test-allocation']);
    });
    expect(cli(['audit', 'verify', '--data', b]).out.trim()).toBe('audit ok: 1 entries');
    expect(cli(['audit', 'list', '--data', a]).out).toMatch(/centre\.export/);
  });

  it('stores the languages and opening days given to init, and refuses a bad list creating nothing', () => {
    const dir = tempDir();
    const dataDir = join(dir, 'a');
    const base = ['centre', 'init', '--data', dataDir, '--centre-id', 'bxl-heysel', '--name', 'Heysel', '--station-id', 'desk-1', '--clock', CLOCK];
    const bad = cli([...base, '--languages', 'nl,xx', '--open-days', 'mon']);
    expect(bad.code).toBe(1);
    expect(json(bad)).toMatchObject({ error: { code: 'centre.languages_invalid', message: expect.stringContaining('nl,xx') } });
    expect(existsSync(dataDir)).toBe(false);
    const badDays = cli([...base, '--languages', 'nl', '--open-days', 'monday']);
    expect(json(badDays)).toMatchObject({ error: { code: 'centre.open_days_invalid' } });
    const made = cli([...base, '--languages', 'NL, fr', '--open-days', 'mon,tue,sat']);
    expect(made.code).toBe(0);
    withStation(dataDir, (db) => expect(readCentreProfile(db)).toEqual({ languages: ['nl', 'fr'], openDays: ['mon', 'tue', 'sat'] }));
  });

  it('refuses a wrong passphrase, a short one and an altered file, in the staff language, writing nothing', () => {
    const dir = tempDir();
    const a = initCentre(dir);
    const file = join(dir, 'heysel.centre');
    exportFile(a, file);
    const target = join(dir, 'b');
    const before = readdirSync(dir).sort();

    const wrong = join_(target, 'desk-2', file, 'not the passphrase at all', { DOSEDESK_LANG: 'nl' });
    expect(wrong.code).toBe(1);
    expect(json(wrong)).toMatchObject({ error: { code: 'centre.file_passphrase', message: expect.stringContaining('wachtzin') } });

    const short = join_(target, 'desk-2', file, 'short');
    expect(json(short)).toMatchObject({ error: { code: 'centre.passphrase_short' } });
    const shortExport = cli(['centre', 'export', '--data', a, '--out', join(dir, 'x.centre')], '\n');
    expect(shortExport.code).toBe(1);
    expect(json(shortExport)).toMatchObject({ error: { code: 'centre.passphrase_short' } });

    const original = readFileSync(file);
    for (const at of [0, 20, 60, Math.floor(original.length / 2), original.length - 40, original.length - 1]) {
      const altered = Buffer.from(original);
      altered[at] = altered[at]! ^ 0x01;
      const copy = join(dir, 'altered.centre');
      writeFileSync(copy, altered);
      const run = join_(target, 'desk-2', copy);
      expect(run.code, `byte ${at}`).toBe(1);
      expect((json(run).error as { code: string }).code, `byte ${at}`).toMatch(/^centre\.file_(altered|format|version)$/);
    }
    expect(readdirSync(dir).sort()).toEqual([...before, 'altered.centre'].sort());
  });

  it('merges into a station of the same centre without touching its doses or outbox', () => {
    const dir = tempDir();
    const a = initCentre(dir);
    const file = join(dir, 'first.centre');
    exportFile(a, file);
    const b = join(dir, 'b');
    expect(join_(b, 'desk-2', file).code).toBe(0);

    // Desk 2 works: a person, a dose and its outbox row of its own.
    const at = '2026-05-04T07:30:00.000Z';
    const ownRecords = (db: Db) => ({
      doses: db.prepare('SELECT * FROM dose_records ORDER BY id').all(),
      outbox: db.prepare('SELECT * FROM outbox ORDER BY seq').all(),
      citizens: db.prepare('SELECT * FROM citizens ORDER BY id').all(),
    });
    const before = withStation(b, (db) => {
      db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073000488', 'Peeters', 'An', NULL, 'F', 'nl', 'checkin', ?, ?)`).run(at, at);
      insertDemoFirstDose(db, { id: 'dose-1', citizenId: 'c1', ssin: '85073000488', productCode: 'comirnaty', gtin: null, lot: 'FE1234', expiry: '2026-06-30', lotId: null, administeredAt: at, localDate: '2026-05-04', centreId: 'bxl-heysel' });
      db.prepare(`INSERT INTO outbox (id, kind, record_id, person_key, payload, created_at, updated_at) VALUES ('o1', 'dose', 'dose-1', 'p1', '{}', ?, ?)`).run(at, at);
      return ownRecords(db);
    });
    expect(before.doses).toHaveLength(1);

    // Meanwhile the first station gets a vaccinator and a calendar; the centre file is exported again.
    expect(cli(['staff', 'add', '--data', a, '--name', 'Dr. Jan Claes', '--roles', 'vaccinator', '--nihdi', '10000000002'], '739184\n').code).toBe(0);
    addSessions(a);
    const second = join(dir, 'second.centre');
    exportFile(a, second);
    const merged = join_(b, 'desk-2', second);
    expect(merged.code).toBe(0);
    expect(json(merged)).toMatchObject({ created: false, added: { staff: 1, sessions: 2, products: 0 } });
    withStation(b, (db) => {
      expect(ownRecords(db)).toEqual(before);
      expect(count(db, 'staff')).toBe(1);
    });

    expect(json(join_(b, 'desk-1', second))).toMatchObject({ error: { code: 'centre.station_id_taken' } });
    expect(json(join_(b, 'desk-7', second))).toMatchObject({ error: { code: 'centre.station_id_mismatch' } });
  });

  it('refuses to enrol a station of another centre that holds records of its own, and leaves it as it was', () => {
    const dir = tempDir();
    const second = join(dir, 'heysel.centre');
    exportFile(initCentre(dir), second);
    const at = '2026-05-04T07:30:00.000Z';
    const other = initCentre(dir, 'other', 'ghent-expo', 'desk-1b');
    withStation(other, (db) => db.prepare(`INSERT INTO outbox (id, kind, record_id, person_key, payload, created_at, updated_at) VALUES ('o9', 'dose', 'd9', 'p9', '{}', ?, ?)`).run(at, at));
    const refused = join_(other, 'desk-1b', second);
    expect(refused.code).toBe(1);
    expect(json(refused)).toMatchObject({ error: { code: 'centre.other_centre', params: { centreId: 'ghent-expo' } } });
    withStation(other, (db) => expect(count(db, 'staff')).toBe(0));
    expect(JSON.parse(readFileSync(join(other, 'settings.json'), 'utf8'))).toMatchObject({ centreId: 'ghent-expo' });
  });
});

describe('the centre profile and booths in the centre file', { timeout: 600_000 }, () => {
  const PROFILE = { languages: ['fr', 'de'], openDays: ['tue', 'sat'] };

  it('carries the languages, opening days and booths to a joining station; a version-1 file still joins; an unknown version is refused', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    const base = ['centre', 'init', '--data', a, '--centre-id', 'bxl-heysel', '--name', 'Heysel', '--station-id', 'desk-1', '--clock', CLOCK];
    expect(cli([...base, '--languages', 'fr,de', '--open-days', 'tue,sat']).code).toBe(0);
    addSessions(a);
    withStation(a, (db) => db.prepare(`UPDATE sessions SET booths = 2 WHERE date = '2026-05-05'`).run());
    const file = join(dir, 'heysel.centre');
    exportFile(a, file);
    expect(readFileSync(file)[16]).toBe(2);

    const b = join(dir, 'b');
    expect(json(join_(b, 'desk-2', file))).toMatchObject({ created: true });
    withStation(b, (db) => {
      expect(readCentreProfile(db)).toEqual(PROFILE);
      expect(db.prepare('SELECT date, booths FROM sessions ORDER BY date').all()).toEqual([
        { date: '2026-05-04', booths: null },
        { date: '2026-05-05', booths: 2 },
      ]);
    });

    // A file of version 1 (an older station's): no profile, no booths; it joins as before.
    const content = readCentreFile(readFileSync(file), PASSPHRASE);
    const { profile: _profile, ...older } = content;
    const version1 = { ...older, calendar: { ...older.calendar, sessions: older.calendar.sessions.map(({ booths: _booths, ...s }) => s) } };
    const oldFile = join(dir, 'older.centre');
    writeFileSync(oldFile, sealCentreFile(Buffer.from(JSON.stringify(version1), 'utf8'), PASSPHRASE, { version: 1 }));
    const c = join(dir, 'c');
    expect(json(join_(c, 'desk-3', oldFile))).toMatchObject({ created: true, added: { sessions: 2 } });
    withStation(c, (db) => {
      expect(readCentreProfile(db)).toBeNull();
      expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE booths IS NULL').get()).toEqual({ n: 2 });
    });

    // A station of the same centre with records and a profile of its own keeps it (a blank one
    // takes the centre over, profile included).
    withStation(c, (db) => {
      writeCentreProfile(db, { languages: ['nl'], openDays: ['mon'] }, new Date(CLOCK));
      db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073000488', 'Peeters', 'An', NULL, 'F', 'nl', 'checkin', ?, ?)`).run(CLOCK, CLOCK);
    });
    expect(json(join_(c, 'desk-3', file))).toMatchObject({ created: false });
    withStation(c, (db) => expect(readCentreProfile(db)).toEqual({ languages: ['nl'], openDays: ['mon'] }));

    const newer = join(dir, 'newer.centre');
    writeFileSync(newer, sealCentreFile(Buffer.from(JSON.stringify(content), 'utf8'), PASSPHRASE, { version: 3 }));
    const refused = join_(join(dir, 'd'), 'desk-4', newer);
    expect(refused.code).toBe(1);
    expect(json(refused)).toMatchObject({ error: { code: 'centre.file_version', params: { version: 3 } } });
    expect(existsSync(join(dir, 'd'))).toBe(false);
  });
});
