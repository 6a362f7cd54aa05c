import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Bundle, Immunization, OperationOutcome } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { transactionBundle } from '../../../src/domain/fhir/bundle';
import { doseToImmunization } from '../../../src/domain/fhir/immunization';
import { SSIN_SYSTEM, STATION_RECORD_SYSTEM, recordIdentifierQuery } from '../../../src/domain/fhir/systems';
import { makeTempDir } from '../../support/temp-dir';
import { dose, person } from '../../support/federal/records';

const ROOT = join(__dirname, '..', '..', '..');
let sim: FederalSim | null = null;
let cleanup: (() => void) | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
  cleanup?.();
  cleanup = null;
});

async function start(faults = {}): Promise<FederalSim> {
  const t = makeTempDir('dosedesk-sim-');
  cleanup = t.cleanup;
  sim = await startFederalSim({ port: 0, dataDir: t.dir, faults });
  return sim;
}

const json = { 'content-type': 'application/fhir+json' };
const post = (url: string, body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });

describe('federal stand-in', () => {
  it('answers metadata and conditional creates: 201, then 200 with the same resource, 412 when several match', async () => {
    const s = await start();
    const meta = await fetch(`${s.url}/metadata`);
    expect(meta.status).toBe(200);
    expect(((await meta.json()) as { resourceType: string }).resourceType).toBe('CapabilityStatement');

    const d = dose(person(1));
    const resource = doseToImmunization(d);
    const ifNoneExist = { 'if-none-exist': recordIdentifierQuery(d.id) };
    const first = await post(`${s.url}/Immunization`, resource, ifNoneExist);
    expect(first.status).toBe(201);
    const created = (await first.json()) as Immunization;
    expect(first.headers.get('location')).toBe(`Immunization/${created.id}/_history/1`);
    const again = await post(`${s.url}/Immunization`, resource, ifNoneExist);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Immunization).id).toBe(created.id);
    expect(s.stats().duplicates).toBe(0);

    expect((await post(`${s.url}/Immunization`, resource)).status).toBe(201); // no If-None-Exist: a duplicate
    expect(s.stats().duplicates).toBe(1);
    expect(s.stats().duplicateIdentifiers[0]).toMatchObject({ type: 'Immunization', system: STATION_RECORD_SYSTEM, value: d.id, count: 2 });
    const several = await post(`${s.url}/Immunization`, resource, ifNoneExist);
    expect(several.status).toBe(412);
    expect(((await several.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('refuses what BeVaccination and R4 require with 422 and an OperationOutcome naming the element', async () => {
    const s = await start();
    const good = doseToImmunization(dose(person(2)));
    const cases: [string, Immunization, string][] = [
      ['vaccineCode', { ...good, vaccineCode: {} }, 'vaccineCode'],
      ['patient', { ...good, patient: {} }, 'patient'],
      ['occurrence', { ...good, occurrenceDateTime: undefined }, 'occurrence[x]'],
      ['status', { ...good, status: 'done' as never }, 'status'],
      ['core lot', { ...good, lotNumber: 'X' }, 'lotNumber'],
      ['recorded', { ...good, recorded: undefined }, 'recorded'],
      ['recorder', { ...good, extension: good.extension!.filter((e) => !e.url.endsWith('be-ext-recorder')) }, 'extension(be-ext-recorder)'],
      ['lot', { ...good, extension: good.extension!.filter((e) => !e.url.endsWith('be-ext-administeredProduct')) }, 'extension(be-ext-administeredProduct)'],
      ['two performers', { ...good, performer: [good.performer![0]!, { actor: { type: 'Organization', identifier: { system: 'urn:dosedesk:centre', value: 'heysel' } } }] }, 'performer'],
      ['vaccine code binding', { ...good, vaccineCode: { coding: [{ system: 'urn:dosedesk:product', code: 'comirnaty' }] } }, 'vaccineCode'],
    ];
    for (const [what, body, expression] of cases) {
      const res = await post(`${s.url}/Immunization`, body);
      expect(res.status, what).toBe(422);
      const outcome = (await res.json()) as OperationOutcome;
      expect(outcome.issue.flatMap((i) => i.expression ?? []), what).toContain(expression);
    }
    // A profile refusal names its rule (file and line of BeVaccination.fsh).
    const twoPerformers = (await (await post(`${s.url}/Immunization`, cases.find(([w]) => w === 'two performers')![1])).json()) as OperationOutcome;
    expect(twoPerformers.issue).toEqual([expect.objectContaining({ details: { text: 'BeVaccination.fsh:33' }, expression: ['performer'] })]);
    const appt = await post(`${s.url}/Appointment`, { resourceType: 'Appointment', status: 'booked', participant: [] });
    expect(appt.status).toBe(422);
    expect(s.stats().resources).toEqual({});
  });

  it('runs a transaction all or nothing and names the refused entry', async () => {
    const s = await start();
    const ok = dose(person(3));
    const bad = dose(person(4), { lot: '' });
    const res = await post(s.url, transactionBundle([{ action: 'create', payload: ok }, { action: 'create', payload: bad }]));
    expect(res.status).toBe(422);
    const outcome = (await res.json()) as OperationOutcome;
    expect(outcome.issue[0]!.expression![0]).toMatch(/^Bundle\.entry\[1\]/);
    expect(s.stats().resources).toEqual({});
    const fine = await post(s.url, transactionBundle([{ action: 'create', payload: ok }]));
    expect(fine.status).toBe(200);
    const answer = (await fine.json()) as Bundle;
    expect(answer.type).toBe('transaction-response');
    expect(answer.entry![0]!.response!.status).toBe('201 Created');
  });

  it('checks If-Match on conditional updates', async () => {
    const s = await start();
    const d = dose(person(5));
    await post(s.url, transactionBundle([{ action: 'create', payload: d }]));
    const v2 = { ...d, status: 'entered-in-error' as const, version: 2 };
    const stale = await post(s.url, transactionBundle([{ action: 'update', payload: v2, ifMatch: 'W/"7"' }]));
    expect(stale.status).toBe(412);
    const fresh = await post(s.url, transactionBundle([{ action: 'update', payload: v2, ifMatch: 'W/"1"' }]));
    expect(fresh.status).toBe(200);
    expect(((await fresh.json()) as Bundle).entry![0]!.response!.etag).toBe('W/"2"');
  });

  it('searches by identifier, patient identifier and date, and counts exactly with _summary=count', async () => {
    const s = await start();
    const people = [person(10), person(11)];
    const doses = Array.from({ length: 120 }, (_, i) =>
      dose(people[i % 2]!, { administeredAt: new Date(Date.parse('2026-03-01T06:00:00.000Z') + i * 10 * 60_000).toISOString() }),
    );
    for (let i = 0; i < doses.length; i += 40) {
      const r = await post(s.url, transactionBundle(doses.slice(i, i + 40).map((payload) => ({ action: 'create' as const, payload }))));
      expect(r.status).toBe(200);
    }
    const get = async (query: string) => (await (await fetch(`${s.url}/Immunization?${query}`)).json()) as Bundle;
    const ssin = encodeURIComponent(`${SSIN_SYSTEM}|${people[0]!.ssin}`);
    expect((await get(`patient:identifier=${ssin}&_summary=count`)).total).toBe(60);
    expect((await get(`patient.identifier=${ssin}&_summary=count`)).total).toBe(60);
    expect((await get(`identifier=${encodeURIComponent(`${STATION_RECORD_SYSTEM}|${doses[7]!.id}`)}&_summary=count`)).total).toBe(1);
    // Doses every 10 min from 06:00Z: from 12:00 Brussels (11:00Z) on, all but the first 30.
    expect((await get(`date=ge${encodeURIComponent('2026-03-01T12:00:00+01:00')}&_summary=count`)).total).toBe(90);
    // The Brussels day ends at 23:00Z: 1020 minutes after the first dose, so 102 doses.
    expect((await get('date=2026-03-01&_summary=count')).total).toBe(102);
    const page = await get('_count=50');
    expect(page.total).toBe(120);
    expect(page.entry).toHaveLength(50);
    const next = page.link!.find((l) => l.relation === 'next')!.url;
    const second = (await (await fetch(next)).json()) as Bundle;
    expect(second.entry).toHaveLength(50);
    expect(second.entry![0]!.resource!.id).not.toBe(page.entry![0]!.resource!.id);
    expect((await fetch(`${s.url}/Immunization?patient=Patient/1`)).status).toBe(400);
    expect((await fetch(`${s.url}/Immunization?colour=blue`)).status).toBe(400);
  });

  it('misbehaves on demand: down, 5xx, no answer, commit-then-drop, set through /admin/faults', async () => {
    const s = await start();
    const admin = (body: unknown) => fetch(`${s.rootUrl}/admin/faults`, { method: 'POST', body: JSON.stringify(body) });
    expect((await admin({ down: true })).status).toBe(200);
    await expect(fetch(`${s.url}/metadata`)).rejects.toThrow();
    expect((await (await fetch(`${s.rootUrl}/admin/faults`)).json()) as { down: boolean }).toMatchObject({ down: true });

    await admin({ errorRate: 1 });
    expect((await fetch(`${s.url}/metadata`)).status).toBe(503);

    await admin({ timeoutRate: 1 });
    await expect(fetch(`${s.url}/metadata`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();

    await admin({ dropAfterCommitRate: 1 });
    const d = dose(person(20));
    await expect(post(s.url, transactionBundle([{ action: 'create', payload: d }]))).rejects.toThrow();
    expect(s.stats().resources).toEqual({ Immunization: 1 }); // committed all the same

    expect((await admin({ errorRate: 2 })).status).toBe(400);
    expect((await admin({ colour: 'red' })).status).toBe(400);
    const stats = (await (await fetch(`${s.rootUrl}/admin/stats`)).json()) as { faults: Record<string, number>; resources: Record<string, number> };
    expect(stats.faults).toMatchObject({ refused: 1, errored: 1, timedOut: 1, dropped: 1 });
  });

  it('draws faults from its seed: the same seed tells the same story', async () => {
    const s = await start();
    const story = async () => {
      s.setFaults({ errorRate: 0.5, seed: 99 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${s.url}/metadata`)).status);
      return statuses;
    };
    const a = await story();
    expect(a).toContain(503);
    expect(a).toContain(200);
    expect(await story()).toEqual(a);
  });

  it('runs from the command line and prints its one ready line', async () => {
    const t = makeTempDir('dosedesk-sim-cli-');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'federal-sim', '--port', '0', '--data', t.dir, '--error-rate', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toMatch(/^federal-sim listening on http:\/\/127\.0\.0\.1:\d+\/fhir$/);
      const url = line.replace('federal-sim listening on ', '');
      expect((await fetch(`${url}/metadata`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      t.cleanup();
    }
  }, 20_000);
});
