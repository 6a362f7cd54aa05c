import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import type { InvitationCopy } from '../../../src/domain/fhir/invitation';
import { ManualClock } from '../../../src/main/adapters/clock';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import { lastPulls } from '../../../src/main/station/sync/pulled-store';
import { storePulledInvitations } from '../../../src/main/station/sync/invitations-pull';
import type { CheckinAnswer } from '../../../src/shared/api/checkin';
import type { CallEnvelope } from '../../../src/shared/envelope';
import { openTestStation, signedInCall, type TestStation } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';
import { PROJECT_ROOT } from '../../support/paths';
import { invitationsFromFile } from '../../../src/cli/commands/federal-sim-invitations';
import { ssinFor } from '../../support/federal/records';
import { fastOptions, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { insertDemoFirstDose } from '../../../src/main/station/booking/demo-seed-store';
import { insertArrival } from '../../../src/main/station/checkin/arrival-store';

// Issue 15: the day's invitations come from the federal backend with the rest of the pull, and
// check-in finds them by the letter's code whatever its case and surrounding spaces.

const cleanups: (() => Promise<void> | void)[] = [];
let h: SyncHarness | null = null;
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await h?.cleanup();
  h = null;
});

const CENTRE = 'heysel';

function invitation(serial: number, code: string, overrides: Partial<InvitationCopy> = {}): InvitationCopy {
  return {
    code,
    ssin: ssinFor(serial),
    surname: `Peeters${serial}`,
    givenNames: 'An Marie',
    language: 'nl',
    products: ['comirnaty'],
    start: '2026-03-01T09:15:00.000Z',
    email: null,
    phone: null,
    ...overrides,
  };
}

const TWO = [invitation(1, 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj'), invitation(2, 'QW3ER5TY7UI9OP2AS4DF6GH8JK', { language: 'fr', surname: 'Dubois', products: ['comirnaty', 'spikevax'], start: null, email: 'dubois@example.org' })];

async function standIn(invitations: readonly InvitationCopy[], t = makeTempDir('dosedesk-sim-')): Promise<FederalSim> {
  const sim = await startFederalSim({ port: 0, dataDir: join(t.dir, 'sim'), invitations: { centreId: CENTRE, invitations } });
  cleanups.push(t.cleanup, () => sim.close());
  return sim;
}

/** A station of the centre with the demo catalogue (comirnaty, spikevax, ...) and no invitations. */
async function station(federalUrl: string): Promise<TestStation<ManualClock>> {
  const clock = new ManualClock('2026-03-01T08:00:00.000Z');
  // Sync starts at the first sync.* call: no pull of its own runs before the test's imports.
  const s = openTestStation({ clock, settings: { centreId: CENTRE, federalUrl }, deferServices: true });
  cleanups.push(async () => {
    await syncServiceOf(s.ctx)?.close();
    s.cleanup();
  });
  const products = readFileSync(join(PROJECT_ROOT, 'resources', 'demo', 'products.csv'), 'utf8');
  expect(await call(s, 'imports.products', { text: products, dryRun: false }, 'supervisor')).toMatchObject({ ok: true });
  return s;
}

async function call<T>(s: TestStation, method: string, args: unknown, role: 'checkin' | 'supervisor'): Promise<CallEnvelope & { result?: T }> {
  return (await s.dispatch(method, args, signedInCall(s, role))) as CallEnvelope & { result?: T };
}

async function scan(s: TestStation, text: string): Promise<CheckinAnswer> {
  const envelope = await call<CheckinAnswer>(s, 'checkin.scan', { text, source: 'typed' }, 'checkin');
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`);
  return envelope.result!;
}

/** A pull now, through the API as staff ask for it (sync.now), and the background loop settled. */
async function pullNow(s: TestStation): Promise<CallEnvelope> {
  const envelope = await call(s, 'sync.now', {}, 'supervisor');
  await syncServiceOf(s.ctx)!.settled();
  return envelope;
}

const snapshot = (s: TestStation) => ({
  invitations: s.db.prepare('SELECT * FROM invitations ORDER BY code').all(),
  citizens: s.db.prepare('SELECT * FROM citizens ORDER BY ssin').all(),
});

describe('invitations pulled from the federal backend (issue 15)', () => {
  it('adds the centre\'s invitations, found at check-in by the code in lower case with spaces; a second pull changes nothing', async () => {
    const sim = await standIn(TWO);
    const s = await station(sim.url);
    expect(snapshot(s).invitations).toEqual([]);

    expect(await pullNow(s)).toMatchObject({ ok: true });
    expect(snapshot(s).invitations).toHaveLength(2);

    const found = await scan(s, '   hx7kq2lm9pz4rt6wv8yb3nc5dj  ');
    expect(found.kind).toBe('invitation');
    expect(found.warnings.map((w) => w.code)).not.toContain('invitation_unknown');
    expect(found.person).toMatchObject({ ssin: ssinFor(1), familyName: 'Peeters1', givenNames: 'An Marie' });
    expect(found.invitation).toEqual({ code: 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj', eligibleProducts: ['comirnaty'] });

    const second = await scan(s, '\tqw3er5ty7ui9op2as4df6gh8jk ');
    expect(second.person).toMatchObject({ ssin: ssinFor(2), familyName: 'Dubois', language: 'fr' });
    expect(second.invitation?.eligibleProducts).toEqual(['comirnaty', 'spikevax']);
    const rows = s.db.prepare('SELECT i.source, i.invited_at, c.source AS citizen_source, c.email FROM invitations i JOIN citizens c ON c.id = i.citizen_id ORDER BY c.ssin').all();
    expect(rows).toEqual([
      { source: 'sync', invited_at: '2026-03-01T09:15:00.000Z', citizen_source: 'sync', email: null },
      { source: 'sync', invited_at: null, citizen_source: 'sync', email: 'dubois@example.org' },
    ]);
    expect(lastPulls(s.db).find((p) => p.what === 'invitations')).toMatchObject({ day: '2026-03-01', count: 2 });

    const before = snapshot(s);
    s.clock.advance(60_000);
    expect(await pullNow(s)).toMatchObject({ ok: true });
    expect(snapshot(s)).toEqual(before);
  });

  it('keeps an invitation the station has from the centre\'s file when the backend says otherwise, and skips one the import rules refuse', async () => {
    const sim = await standIn([
      invitation(1, 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj', { products: ['spikevax'] }),
      invitation(3, 'ZZ9YY8XX7WW6VV5UU4TT3SS2RR', { products: ['no-such-vaccine'] }),
      invitation(4, 'MN4BV6CX8ZL2KJ4HG6FD8SA2PO'),
    ]);
    const s = await station(sim.url);
    const file = ['code;ssin;surname;given_names;language;product;start', `Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj;${ssinFor(1)};Peeters1;An Marie;nl;comirnaty;2026-03-01 10:15`].join('\n');
    expect(await call(s, 'imports.invitations', { text: file, dryRun: false }, 'supervisor')).toMatchObject({ ok: true, result: { invitations: 1 } });
    const imported = s.db.prepare("SELECT * FROM invitations WHERE code = 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj'").get();

    expect(await pullNow(s)).toMatchObject({ ok: true });
    // The centre's file wins: same row, products and invited time as imported.
    expect(s.db.prepare("SELECT * FROM invitations WHERE code = 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj'").get()).toEqual(imported);
    // The one with an unknown product is not written; the valid one after it is.
    expect(snapshot(s).invitations.map((i) => (i as { code: string }).code)).toEqual(['Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj', 'MN4BV6CX8ZL2KJ4HG6FD8SA2PO']);
    expect((await scan(s, ' mn4bv6cx8zl2kj4hg6fd8sa2po')).person?.ssin).toBe(ssinFor(4));
  });

  it('leaves the imported list as it is when the backend cannot be reached', async () => {
    const sim = await standIn(TWO);
    sim.setFaults({ down: true });
    const s = await station(sim.url);
    const file = ['code;ssin;surname;given_names;language;product', `AB2CD4EF6GH8JK2LM4NP6QR8ST;${ssinFor(7)};Janssens;Els;nl;comirnaty`].join('\n');
    expect(await call(s, 'imports.invitations', { text: file, dryRun: false }, 'supervisor')).toMatchObject({ ok: true });
    const before = snapshot(s);

    await pullNow(s);
    expect(snapshot(s)).toEqual(before);
    expect(lastPulls(s.db).find((p) => p.what === 'invitations')).toBeUndefined();
    expect((await scan(s, 'ab2cd4ef6gh8jk2lm4np6qr8st ')).person?.ssin).toBe(ssinFor(7));
    expect((await scan(s, 'hx7kq2lm9pz4rt6wv8yb3nc5dj')).warnings.map((w) => w.code)).toContain('invitation_unknown');
  });

  it('takes the same list the station imported, served by the stand-in from that file (federal-sim --invitations), as unchanged', async () => {
    const t = makeTempDir('dosedesk-sim-');
    const file = join(t.dir, 'invitations.csv');
    const text = ['code;ssin;surname;given_names;language;product;start;email', `Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj;85.07.30-004.57;Müller-Weiß;Zoë;de;comirnaty|spikevax;2026-03-01 10:15;zoe@example.org`].join('\r\n');
    writeFileSync(file, text);
    const sim = await standIn(invitationsFromFile(file), t);
    const s = await station(sim.url);
    expect(await call(s, 'imports.invitations', { text, dryRun: false }, 'supervisor')).toMatchObject({ ok: true, result: { invitations: 1 } });
    const before = snapshot(s);

    expect(await pullNow(s)).toMatchObject({ ok: true });
    expect(snapshot(s)).toEqual(before);
    expect(lastPulls(s.db).find((p) => p.what === 'invitations')).toMatchObject({ count: 1 });
    // Unchanged, not merely kept: same code, person, products and invited time by both paths.
    expect(storePulledInvitations(s.db, CENTRE, '2026-03-01', invitationsFromFile(file), s.clock.now())).toMatchObject({ added: 0, unchanged: 1, kept: 0, withdrawn: 0, refused: 0 });
  });

  it('logs the invitations it did not take, by place and error code only', async () => {
    h = await startHarness({ invitations: { centreId: 'heysel', invitations: [invitation(5, 'PL8OK7IJ6UH5YG4TF3RD2ES1WA')] } });
    const lines: string[] = [];
    // A station database with no product catalogue: the import rules refuse the product.
    const worker = new SyncWorker({ db: h.db, clock: startClock(), client: h.client, centreId: 'heysel', log: (l) => lines.push(l) }, fastOptions());
    await worker.tick();
    expect(lines).toContain('invitations from the backend not taken: #1 import.product_unknown');
    expect(lines.join('\n')).not.toContain(ssinFor(5));
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM invitations').get()).toEqual({ n: 0 });
  });

  it('stand-in: started again on the same folder with the same letters, it still serves each once', async () => {
    const t = makeTempDir('dosedesk-sim-');
    cleanups.push(t.cleanup);
    const options = { port: 0, dataDir: join(t.dir, 'sim'), invitations: { centreId: CENTRE, invitations: TWO } };
    const first = await startFederalSim(options);
    expect(first.stats().resources).toEqual({ Task: 2 });
    await first.close();
    const again = await startFederalSim(options);
    cleanups.push(() => again.close());
    expect(again.stats()).toMatchObject({ resources: { Task: 2 }, duplicates: 0 });
  });

  describe('an invitation the backend withdraws (Task cancelled)', () => {
    const codesOf = (a: CheckinAnswer) => a.warnings.map((w) => w.code);
    const row = (s: TestStation, code: string) => s.db.prepare('SELECT code, status, withdrawn_at, withdrawn_source FROM invitations WHERE code = ?').get(code);

    it('is marked withdrawn at the station with the time and source, kept, and check-in of its code says so; the other letters still work', async () => {
      const sim = await standIn(TWO);
      const s = await station(sim.url);
      expect(await pullNow(s)).toMatchObject({ ok: true });
      expect(codesOf(await scan(s, 'hx7kq2lm9pz4rt6wv8yb3nc5dj'))).not.toContain('invitation_withdrawn');

      expect(sim.withdrawInvitation('Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj')).toBe(true);
      s.clock.advance(60_000);
      expect(await pullNow(s)).toMatchObject({ ok: true });
      expect(row(s, 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj')).toEqual({ code: 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj', status: 'withdrawn', withdrawn_at: '2026-03-01T08:01:00.000Z', withdrawn_source: 'backend' });
      expect(snapshot(s).invitations).toHaveLength(2);

      const withdrawn = await scan(s, ' HX7KQ2LM9PZ4RT6WV8YB3NC5DJ ');
      expect(withdrawn.person?.ssin).toBe(ssinFor(1));
      expect(withdrawn.warnings).toContainEqual({ code: 'invitation_withdrawn', key: 'checkin.warning.invitation_withdrawn' });
      expect(codesOf(await scan(s, 'qw3er5ty7ui9op2as4df6gh8jk'))).not.toContain('invitation_withdrawn');

      // Pulled again: still withdrawn, its time unchanged.
      s.clock.advance(60_000);
      await pullNow(s);
      expect(row(s, 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj')).toMatchObject({ status: 'withdrawn', withdrawn_at: '2026-03-01T08:01:00.000Z' });
    });

    it('an invitation from the centre\'s file keeps working unless the backend withdrew that same code', async () => {
      const sim = await standIn(TWO);
      const s = await station(sim.url);
      const file = ['code;ssin;surname;given_names;language;product', `QW3ER5TY7UI9OP2AS4DF6GH8JK;${ssinFor(2)};Dubois;An Marie;fr;comirnaty`].join('\n');
      expect(await call(s, 'imports.invitations', { text: file, dryRun: false }, 'supervisor')).toMatchObject({ ok: true, result: { invitations: 1 } });

      sim.withdrawInvitation('Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj');
      await pullNow(s);
      expect(row(s, 'QW3ER5TY7UI9OP2AS4DF6GH8JK')).toMatchObject({ status: 'active', withdrawn_at: null });
      expect(codesOf(await scan(s, 'qw3er5ty7ui9op2as4df6gh8jk'))).not.toContain('invitation_withdrawn');

      sim.withdrawInvitation('QW3ER5TY7UI9OP2AS4DF6GH8JK');
      s.clock.advance(60_000);
      await pullNow(s);
      expect(row(s, 'QW3ER5TY7UI9OP2AS4DF6GH8JK')).toMatchObject({ status: 'withdrawn', withdrawn_source: 'backend' });
      expect(codesOf(await scan(s, 'qw3er5ty7ui9op2as4df6gh8jk'))).toContain('invitation_withdrawn');
    });

    it('says nothing of the withdrawal to a person already vaccinated with that letter', async () => {
      const sim = await standIn(TWO);
      const s = await station(sim.url);
      await pullNow(s);
      const citizen = s.db.prepare('SELECT id FROM citizens WHERE ssin = ?').get(ssinFor(1)) as { id: string };
      const at = '2026-03-01T08:30:00.000Z';
      insertArrival(s.db, { id: '00000000-0000-4000-8000-000000000001', ssin: ssinFor(1), localDate: '2026-03-01', at, stationId: 'desk-1', staffId: null, staffName: null, source: 'typed', invitationCode: 'hx7kq2lm9pz4rt6wv8yb3nc5dj', warningsAcknowledged: '[]' });
      insertDemoFirstDose(s.db, { id: 'dose-1', citizenId: citizen.id, ssin: ssinFor(1), productCode: 'comirnaty', gtin: null, lot: 'FE1234', expiry: '2026-06-30', lotId: null, administeredAt: at, localDate: '2026-03-01', centreId: CENTRE });

      sim.withdrawInvitation('Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj');
      sim.withdrawInvitation('QW3ER5TY7UI9OP2AS4DF6GH8JK');
      s.clock.advance(3_600_000);
      await pullNow(s);
      expect(row(s, 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj')).toMatchObject({ status: 'withdrawn' });
      expect(codesOf(await scan(s, 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj'))).not.toContain('invitation_withdrawn');
      // The other person was not vaccinated with theirs: the withdrawal is shown.
      expect(codesOf(await scan(s, 'QW3ER5TY7UI9OP2AS4DF6GH8JK'))).toContain('invitation_withdrawn');
    });

    it('stand-in: POST /admin/invitations/withdraw cancels the letter\'s Task; an unknown code is 404', async () => {
      const sim = await standIn(TWO);
      const ok = await fetch(`${sim.rootUrl}/admin/invitations/withdraw?code=QW3ER5TY7UI9OP2AS4DF6GH8JK`, { method: 'POST' });
      expect(ok.status).toBe(200);
      const bundle = (await (await fetch(`${sim.url}/Task?status=cancelled`)).json()) as { entry?: { resource: { identifier: { value: string }[] } }[] };
      expect(bundle.entry?.map((e) => e.resource.identifier[0]!.value)).toEqual(['QW3ER5TY7UI9OP2AS4DF6GH8JK']);
      expect((await fetch(`${sim.rootUrl}/admin/invitations/withdraw?code=nope`, { method: 'POST' })).status).toBe(404);
    });
  });
});
