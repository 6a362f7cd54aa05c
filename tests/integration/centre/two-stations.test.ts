import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { readKeyFile } from '../../../src/main/adapters/crypto/host-key';
import { openConfSettings } from '../../../src/main/adapters/settings/conf-settings';
import { openStation, type Station } from '../../../src/main/station/station';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { AdministerResult } from '../../../src/shared/api/booking';
import type { CheckinAnswer } from '../../../src/shared/api/checkin';
import { PROJECT_ROOT } from '../../support/paths';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Issue 15, done when: two stations of one real centre set up from fresh folders with the real
 * command line and the centre's own spreadsheets, no demo data, then both at work. Every step runs
 * at a fixed moment (--clock, ManualClock): nothing here depends on today's date.
 */
const CLOCK = '2027-04-05T08:00:00+02:00';
const PASSPHRASE = 'atomium hall seven spring';
const ENV = { DOSEDESK_DB_KEY: '', DOSEDESK_DB_KEY_FILE: '', DOSEDESK_LANG: 'en', DOSEDESK_CARD_READER: 'off' };

/** A product no default catalogue has, with its own GTIN (GS1 check digit 0): the vial scanned is the imported one. */
const GTIN = '05400000000010';
const VIAL = `]d201${GTIN}17271231` + '10NVX001';
const INVITED = [
  { code: 'K7mP3xQ9tR2wV5yB8nC4dF6h', ssin: '85073000457' },
  { code: 'Z2aB4cD6eF8gH3jK5mN7pQ9r', ssin: '61021401782' },
];

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.reverse().forEach((c) => c());
  cleanups = [];
});

function cli(args: string[], input = '') {
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', input, env: { ...process.env, ...ENV } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** A centre step that must succeed: its one JSON line. */
function step(args: string[], input = ''): Record<string, unknown> {
  const run = cli(['centre', ...args], input);
  expect(run.err, args.join(' ')).toBe('');
  expect(run.code, run.out).toBe(0);
  const lines = run.out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

function csv(dir: string, name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The station as the host runs it on that folder: encrypted, roles enforced, a fixed clock. */
function stationOn(dataDir: string): Station {
  const station = openStation({
    dataDir,
    settings: openConfSettings(dataDir),
    transport: 'http',
    databaseKey: readKeyFile(`${dataDir}.key`),
    enforceRoles: true,
    statusIntervalMs: 0,
    log: () => {},
    clock: new ManualClock(CLOCK),
  });
  cleanups.push(() => station.close());
  return station;
}

async function call<T>(station: Station, method: string, args: unknown, info: CallInfo): Promise<T> {
  const answer = await station.dispatch(method, args, info);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.result as T;
}

/** Signs in a staff member added with `staff add`, by staff number and PIN. */
async function signIn(station: Station, login: string, pin: string): Promise<CallInfo> {
  const { sessionId } = await call<{ sessionId: string }>(station, 'staff.signIn', { login, pin }, { language: 'en', transport: 'http' });
  return { language: 'en', transport: 'http', sessionId, sessionKind: 'tab' };
}

/** Check-in by invitation code (typed in another case, spaces around), vial scan, dose 1: dose 2 comes back booked. */
async function vaccinateInvited(station: Station, nurse: CallInfo, invited: { code: string; ssin: string }): Promise<AdministerResult> {
  const typed = `  ${invited.code.toLowerCase()}  `;
  const found = await call<CheckinAnswer>(station, 'checkin.scan', { text: typed, source: 'typed' }, nurse);
  expect(found.kind).toBe('invitation');
  expect(found.person?.ssin).toBe(invited.ssin);
  expect(found.invitation?.code).toBe(invited.code);
  expect(found.vaccination).toMatchObject({ allowed: true, products: ['nuvaxovid'] });
  const vial = await call<{ lot: { lotId: string; productCode: string }; vial: { id: string } }>(station, 'vials.use', { text: VIAL }, nurse);
  expect(vial.lot.productCode).toBe('nuvaxovid');
  return call<AdministerResult>(station, 'booking.administer', { ssin: invited.ssin, lotId: vial.lot.lotId, vialId: vial.vial.id, print: false }, nurse);
}

/** The owner of the unit an appointment holds, and the session it lies in, as the station knows them. */
function heldUnit(station: Station, appointmentId: string): { owner: string; session: string; date: string } {
  return station.ctx.db
    .prepare(
      `SELECT u.owner_station AS owner, se.start_local || '-' || se.end_local AS session, se.date AS date FROM appointments a
       JOIN slot_units u ON u.slot_id = a.slot_id AND u.unit = a.unit JOIN slots s ON s.id = a.slot_id JOIN sessions se ON se.id = s.session_id WHERE a.id = ?`,
    )
    .get(appointmentId) as { owner: string; session: string; date: string };
}

// Each step spawns the real command line (seconds each on a busy machine): a hang guard, not a speed check.
describe('two stations of one real centre, from fresh folders (issue 15)', { timeout: 900_000 }, () => {
  it('init, staff, imports shared between both stations, export, join: both check in, vaccinate and book dose 2 on their own units, and read each other’s cards', async () => {
    const temp = makeTempDir('dosedesk-two-stations-');
    cleanups.push(temp.cleanup);
    const a = join(temp.dir, 'station-a');
    const b = join(temp.dir, 'station-b');

    expect(step(['init', '--data', a, '--centre-id', 'bxl-atomium', '--name', 'Atomium vaccination centre', '--station-id', 'desk-a', '--address', 'Atomiumsquare 1', '--address', '1020 Brussel', '--clock', CLOCK])).toMatchObject({
      stationId: 'desk-a',
    });
    expect(cli(['staff', 'add', '--data', a, '--name', 'Marie Dubois', '--roles', 'supervisor', '--code', 'SUP01'], '482916\n')).toMatchObject({ code: 0, err: '' });
    expect(cli(['staff', 'add', '--data', a, '--name', 'Dr. Jan Claes', '--roles', 'vaccinator', '--code', 'VAC01', '--nihdi', '10000000002'], '739184\n')).toMatchObject({ code: 0, err: '' });

    const products = csv(temp.dir, 'products.csv', [
      'code;name;gtin;cnk;atc;doses_in_course;min_days;target_days;max_days;doses_per_vial;hours_after_puncture',
      `nuvaxovid;Nuvaxovid (Novavax);${GTIN};;J07BN04;2;21;21;28;10;6`,
    ]);
    expect(step(['import-products', '--data', a, products, '--clock', CLOCK])).toEqual({ products: 1, updated: 0, unchanged: 0 });
    // Today's session, and those of the week dose 2 falls in (21 to 28 days later).
    const calendar = csv(temp.dir, 'calendar.csv', ['date;start;end;product;slot_minutes;capacity', '2027-04-05;09:00;12:00;nuvaxovid;15;4', '26/04/2027;09:00;12:00;nuvaxovid;15;4', '2027-04-27;13:00;16:00;nuvaxovid;15;4']);
    const imported = cli(['centre', 'import-calendar', '--data', a, calendar, '--stations', 'desk-a,desk-b', '--clock', CLOCK]);
    expect(imported.out).toBe('{"sessions":3,"slots":36,"places":144,"unchanged":0}\n');
    const invitations = csv(temp.dir, 'invitations.csv', ['code;ssin;surname;given_names;language;product', ...INVITED.map((i, n) => `${i.code};${i.ssin};Invited ${n + 1};Test;nl;nuvaxovid`)]);
    expect(step(['import-invitations', '--data', a, invitations, '--clock', CLOCK])).toEqual({ invitations: 2, citizens: 2, unchanged: 0 });

    const file = join(temp.dir, 'atomium.centre');
    expect(step(['export', '--data', a, '--out', file, '--clock', CLOCK], `${PASSPHRASE}\n`)).toMatchObject({ sessions: 3, staff: 2 });
    expect(step(['join', '--data', b, '--station-id', 'desk-b', '--clock', CLOCK, file], `${PASSPHRASE}\n`)).toMatchObject({
      created: true,
      added: { products: 1, sessions: 3, slots: 36, units: 144, allocations: 3, staff: 2 },
    });
    // Invitations are not in the centre file: each station imports the centre's list.
    expect(step(['import-invitations', '--data', b, invitations, '--clock', CLOCK])).toEqual({ invitations: 2, citizens: 2, unchanged: 0 });

    const fingerprint = (dataDir: string) => cli(['card-key', 'fingerprint', '--data', dataDir]);
    const [fa, fb] = [fingerprint(a), fingerprint(b)];
    expect(fa.code).toBe(0);
    expect(fa.out).toMatch(/[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(fb.out).toBe(fa.out);

    const stationA = stationOn(a);
    const stationB = stationOn(b);
    // Roles are enforced: the supervisor added on A signs in on B with the same PIN, but may not record a dose.
    const supervisorOnB = await signIn(stationB, 'SUP01', '482916');
    const byRole = await stationB.dispatch('booking.administer', { ssin: INVITED[1]!.ssin, lotId: '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f', print: false }, supervisorOnB);
    expect(byRole).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    const nurseA = await signIn(stationA, 'VAC01', '739184');
    const nurseB = await signIn(stationB, '10000000002', '739184');

    const cards: string[] = [];
    for (const [station, nurse, invited, own] of [
      [stationA, nurseA, INVITED[0]!, 'desk-a'],
      [stationB, nurseB, INVITED[1]!, 'desk-b'],
    ] as const) {
      const done = await vaccinateInvited(station, nurse, invited);
      expect(done.dose).toMatchObject({ doseNumber: 1, productCode: 'nuvaxovid' });
      expect(done.next.kind).toBe('booked');
      if (done.next.kind !== 'booked') continue;
      expect(done.next.appointment).toMatchObject({ doseNumber: 2, productCode: 'nuvaxovid', stationId: own });
      // In the imported calendar (dose 2 on day 21 to 28), on a unit this station owns.
      const held = heldUnit(station, done.next.appointment.id);
      expect(held.owner).toBe(own);
      expect(['2027-04-26', '2027-04-27']).toContain(held.date);
      cards.push(done.next.card!.token);
    }
    // The card printed at A verifies at B, and B's at A.
    const verified = (station: Station, token: string, nurse: CallInfo) => call<{ appointment: { productCode: string }; person: { ssin: string } }>(station, 'checkin.verifyCard', { text: token }, nurse);
    expect(await verified(stationB, cards[0]!, nurseB)).toMatchObject({ person: { ssin: INVITED[0]!.ssin } });
    expect(await verified(stationA, cards[1]!, nurseA)).toMatchObject({ person: { ssin: INVITED[1]!.ssin } });

    // Nothing is double-owned: both stations agree on every unit's owner.
    const owners = (station: Station) => station.ctx.db.prepare('SELECT slot_id, unit, owner_station FROM slot_units ORDER BY slot_id, unit').all();
    expect(owners(stationB)).toEqual(owners(stationA));
  });
});
