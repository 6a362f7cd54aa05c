import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { loadFederalConnection } from '../../../../../src/main/adapters/federal/config';
import type { Db } from '../../../../../src/main/adapters/sqlite/database';
import { readCardKey } from '../../../../../src/main/station/booking/card-key';
import { exportCentre } from '../../../../../src/main/station/centre/export-centre';
import { initCentre } from '../../../../../src/main/station/centre/init-centre';
import { joinCentre } from '../../../../../src/main/station/centre/join-centre';
import { openConfSettings } from '../../../../../src/main/adapters/settings/conf-settings';
import { readKeyFile } from '../../../../../src/main/adapters/crypto/host-key';
import { hashPinSync } from '../../../../../src/main/adapters/crypto/pin-hash';
import { openStation } from '../../../../../src/main/station/station';
import { insertStaff } from '../../../../../src/main/station/staff/staff-store';
import { issueCardToken } from '../../../../../src/main/station/booking/card-token';
import type { CardTokenContent } from '../../../../../src/domain/booking/card-token';
import { withStationFile, thrownCode } from '../../../../support/station-file';
import { makeTempDir } from '../../../../support/temp-dir';

const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

const PASSPHRASE = 'twelve or more characters';
const clock = new ManualClock('2026-05-04T08:00:00+02:00');
const ENV = {};

function tempDir(): string {
  const t = makeTempDir('dosedesk-centre-');
  temps.push(t.cleanup);
  return t.dir;
}

const withStation = <T>(dataDir: string, body: (db: Db) => T): T => withStationFile(dataDir, body);

const settingsOf = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;

const codeOf = thrownCode;

describe('joining a centre', () => {
  it('carries the federal address, CA and credentials into files only the station user can read', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    initCentre(a, { centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-1' }, clock, 'test', ENV);
    writeFileSync(join(a, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n');
    writeFileSync(join(a, 'federal.json'), JSON.stringify({ caFile: 'ca.pem', bearerToken: 'token-of-the-centre' }));
    const settings = settingsOf(a);
    writeFileSync(join(a, 'settings.json'), JSON.stringify({ ...settings, federalUrl: 'https://federal.example/fhir', printer: { uri: 'none', type: 'star', width: '58', paper: 'receipt' } }));
    const file = join(dir, 'heysel.centre');
    expect(exportCentre(a, file, PASSPHRASE, clock, 'test')).toMatchObject({ federalCredentials: true });
    expect(statSync(file).mode & 0o077).toBe(0);

    const b = join(dir, 'b');
    expect(joinCentre(b, 'desk-2', readFileSync(file), PASSPHRASE, clock, 'test', ENV)).toMatchObject({ created: true, federalFiles: true });
    expect(settingsOf(b)).toMatchObject({ federalUrl: 'https://federal.example/fhir', printer: { type: 'star', width: '58' } });
    const connection = loadFederalConnection('https://federal.example/fhir', b, {});
    expect(connection.bearerToken).toBe('token-of-the-centre');
    expect(readFileSync(connection.tls!.caFile!, 'utf8')).toContain('BEGIN CERTIFICATE');
    for (const name of ['federal.json', 'federal-ca.pem']) expect(statSync(join(b, name)).mode & 0o077).toBe(0);
  });

  it('lets a blank station of another centre take the centre over, key included, but keeps a station with records', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    initCentre(a, { centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-1' }, clock, 'test', ENV);
    const file = readFileSync((exportCentre(a, join(dir, 'heysel.centre'), PASSPHRASE, clock, 'test')).out);

    const blank = join(dir, 'blank');
    initCentre(blank, { centreId: 'placeholder', centreName: 'Not set up yet', stationId: 'desk-2' }, clock, 'test', ENV);
    expect(joinCentre(blank, 'desk-2', file, PASSPHRASE, clock, 'test', ENV)).toMatchObject({ created: false });
    expect(settingsOf(blank)).toMatchObject({ centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-2' });
    expect(withStation(blank, readCardKey)).toEqual(withStation(a, readCardKey));

    // Same centre, own records and its own card key: its printed cards would stop verifying.
    const busy = join(dir, 'busy');
    initCentre(busy, { centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-3' }, clock, 'test', ENV);
    const at = '2026-05-04T06:00:00.000Z';
    withStation(busy, (db) => db.prepare(`INSERT INTO outbox (id, kind, record_id, person_key, payload, created_at, updated_at) VALUES ('o1', 'dose', 'd1', 'p1', '{}', ?, ?)`).run(at, at));
    const keyBefore = withStation(busy, readCardKey);
    expect(codeOf(() => joinCentre(busy, 'desk-3', file, PASSPHRASE, clock, 'test', ENV))).toBe('centre.card_key_conflict');
    expect(withStation(busy, readCardKey)).toEqual(keyBefore);
  });

  it('refuses to create a station in a folder that holds other files, or under an id settings refuse', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    initCentre(a, { centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-1' }, clock, 'test', ENV);
    const file = readFileSync(exportCentre(a, join(dir, 'heysel.centre'), PASSPHRASE, clock, 'test').out);
    writeFileSync(join(dir, 'note.txt'), 'x');
    expect(codeOf(() => initCentre(dir, { centreId: 'x', centreName: 'x', stationId: 'x' }, clock, 'test', ENV))).toBe('centre.folder_not_empty');
    expect(codeOf(() => joinCentre(dir, 'desk-2', file, PASSPHRASE, clock, 'test', ENV))).toBe('centre.folder_not_empty');
    const badId = join(dir, 'bad');
    expect(codeOf(() => initCentre(badId, { centreId: 'bad id!', centreName: 'x', stationId: 'x' }, clock, 'test', ENV))).toBe('settings.invalid');
    expect(existsSync(badId) || existsSync(`${badId}.key`)).toBe(false);
  });
});

describe('exporting a centre', () => {
  it('refuses a station whose federal.json cannot be read, and writes no file', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    initCentre(a, { centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-1' }, clock, 'test', ENV);
    writeFileSync(join(a, 'federal.json'), JSON.stringify({ caFile: 'missing-ca.pem' }));
    const out = join(dir, 'heysel.centre');
    expect(codeOf(() => exportCentre(a, out, PASSPHRASE, clock, 'test'))).toBe('centre.federal_unreadable');
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
    expect(codeOf(() => exportCentre(join(dir, 'nothing'), out, PASSPHRASE, clock, 'test'))).toBe('centre.no_station');
    rmSync(join(a, 'federal.json'));
    expect(codeOf(() => exportCentre(a, join(dir, 'no-such-folder', 'x.centre'), PASSPHRASE, clock, 'test'))).toBe('centre.out_unwritable');
    writeFileSync(join(a, 'federal.json'), '{}');
    // A folder with settings but no database is no station to export from or merge into.
    const settingsOnly = join(dir, 'settings-only');
    mkdirSync(settingsOnly);
    writeFileSync(join(settingsOnly, 'settings.json'), readFileSync(join(a, 'settings.json')));
    expect(codeOf(() => exportCentre(settingsOnly, out, PASSPHRASE, clock, 'test'))).toBe('centre.no_station');
    rmSync(join(a, 'federal.json'));
    const file = readFileSync(exportCentre(a, out, PASSPHRASE, clock, 'test').out);
    expect(codeOf(() => joinCentre(settingsOnly, 'desk-2', file, PASSPHRASE, clock, 'test', ENV))).toBe('centre.no_station');
    expect(readdirSync(settingsOnly)).toEqual(['settings.json']);
  });
});

describe('a joined station at work', () => {
  it('signs in the first station’s supervisor and verifies a card the first station printed, through its contract', async () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    initCentre(a, { centreId: 'bxl-heysel', centreName: 'Heysel', stationId: 'desk-1' }, clock, 'test', ENV);
    const content: CardTokenContent = {
      centreId: 'bxl-heysel',
      appointment: { id: '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f', slotId: 'b1e0c5a2-1d3f-5a6b-8c9d-0e1f2a3b4c5d', start: '2026-05-25T08:00:00.000Z', doseNumber: 2, productCode: 'comirnaty' },
      person: { ssin: '85073000488', familyName: 'Peeters', givenNames: 'An', birthDate: '1985-07-30', sex: 'F', language: 'nl' },
      previousDose: { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', doseNumber: 1, productCode: 'comirnaty', gtin: null, lot: 'FE1234', expiry: '2026-06-30', administeredAt: '2026-05-04T07:00:00.000Z', stationId: 'desk-1', vaccinatorNihdi: '10000000001' },
    };
    const token = withStation(a, (db) => {
      // Cheap hash parameters: the station checks the PIN with whatever parameters the hash carries.
      const pin = hashPinSync('482916', { alg: 'scrypt', N: 2 ** 10, r: 8, p: 1, keylen: 32 });
      db.transaction(() => insertStaff(db, { displayName: 'Marie Dubois', code: 'SUP01', nihdi: null, roles: ['supervisor'], pin }, 'test', clock.now()))();
      return issueCardToken(db, content, clock.now());
    });
    const file = readFileSync(exportCentre(a, join(dir, 'heysel.centre'), PASSPHRASE, clock, 'test').out);
    const b = join(dir, 'b');
    joinCentre(b, 'desk-2', file, PASSPHRASE, clock, 'test', ENV);

    const station = openStation({ dataDir: b, settings: openConfSettings(b), transport: 'http', databaseKey: readKeyFile(`${b}.key`), enforceRoles: true, statusIntervalMs: 0, log: () => {}, clock });
    try {
      const signIn = await station.dispatch('staff.signIn', { login: 'SUP01', pin: '482916' }, { language: 'en', transport: 'http' });
      expect(signIn.ok).toBe(true);
      const sessionId = (signIn as { result: { sessionId: string } }).result.sessionId;
      const verified = await station.dispatch('checkin.verifyCard', { text: token }, { language: 'en', transport: 'http', sessionId, sessionKind: 'tab' });
      expect(verified).toMatchObject({ ok: true });
    } finally {
      station.close();
    }
  });
});
