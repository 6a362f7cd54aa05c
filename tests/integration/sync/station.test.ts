import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import type { CallEnvelope } from '../../../src/shared/envelope';
import { openTestStation, signedInCall } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';
import { dose, enqueue, person } from '../../support/federal/records';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

type TestStation = ReturnType<typeof openTestStation>;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(): Promise<FederalSim> {
  const t = makeTempDir('dosedesk-sim-');
  const s = await startFederalSim({ port: 0, dataDir: join(t.dir, 'sim') });
  cleanups.push(t.cleanup, () => s.close());
  return s;
}

function station(settings: Record<string, unknown>): TestStation {
  // Roles off: sync's life in the station (start, drain, close) is under test, not who may call it.
  const s = openTestStation({ enforceRoles: false, settings: { centreId: 'heysel', ...settings } });
  cleanups.push(async () => {
    await syncServiceOf(s.ctx)?.close();
    s.cleanup();
  });
  return s;
}

const call: CallInfo = { language: 'en', transport: 'http' };

async function ok<T>(s: TestStation, method: string, args: unknown = {}, info: CallInfo = call): Promise<T> {
  const env: CallEnvelope = await s.dispatch(method, args, info);
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.result as T;
}

describe('sync in a running station', () => {
  it('starts with the station when a federal URL is set, answers sync.* and feeds the status bar', async () => {
    const backend = await sim();
    const s = station({ federalUrl: backend.url });
    const modes: unknown[] = [];
    s.ctx.events.subscribe((event, payload) => {
      if (event === 'sync.mode') modes.push(payload);
    });
    const good = dose(person(1));
    const refused = dose(person(2), { lot: '' });
    enqueue(s.ctx.db, [good, refused], s.ctx.clock.now());

    const status = await ok<{ mode: string; waiting: number; needsReview: number; configured: boolean }>(s, 'sync.now');
    expect(status).toMatchObject({ mode: 'online', waiting: 0, needsReview: 1, configured: true });
    expect(backend.stats().resources).toEqual({ Immunization: 1 });
    expect(modes).toContainEqual({ mode: 'online', offlineSince: null });
    const bar = await ok<{ sync: { mode: string; needsReview: number } }>(s, 'station.status');
    expect(bar.sync).toMatchObject({ mode: 'online', needsReview: 1 });

    const review = await ok<{ persons: { personKey: string; personLabel: string; items: { id: string; kind: string; messageKey: string; retryable: boolean }[] }[] }>(s, 'sync.review');
    expect(review.persons).toHaveLength(1);
    expect(review.persons[0]).toMatchObject({ personKey: person(2).ssin, personLabel: expect.stringContaining(person(2).ssin) });
    expect(review.persons[0]!.items[0]).toMatchObject({ kind: 'refused', messageKey: 'sync.review.kind.refused', retryable: true });

    const supervisor = signedInCall(s, 'supervisor', { displayName: 'Sup Ervisor' });
    const itemId = review.persons[0]!.items[0]!.id;
    await ok(s, 'sync.resolveReview', { id: itemId, action: 'dismiss', reason: 'recorded on paper instead' }, supervisor);
    expect(s.ctx.db.prepare('SELECT resolved_by_name, resolution FROM sync_review WHERE id = ?').get(itemId)).toEqual({ resolved_by_name: 'Sup Ervisor', resolution: 'dismiss' });
    expect((await ok<{ needsReview: number }>(s, 'sync.status')).needsReview).toBe(0);

    const again = await s.dispatch('sync.resolveReview', { id: itemId, action: 'retry', reason: 'changed my mind' }, { ...call, language: 'fr' });
    expect(again).toMatchObject({ ok: false, error: { code: 'sync.review_resolved', message: expect.stringContaining('Actualisez') } });
    const missing = await s.dispatch('sync.resolveReview', { id: crypto.randomUUID(), action: 'dismiss', reason: 'whatever' }, { ...call, language: 'nl' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'sync.review_not_found', message: expect.stringContaining('Vernieuw') } });
  });

  it('stops when the URL is cleared and restarts against the new backend when it changes', async () => {
    const first = await sim();
    const second = await sim();
    const s = station({ federalUrl: first.url });
    const service = syncServiceOf(s.ctx)!;
    enqueue(s.ctx.db, [dose(person(1))], s.ctx.clock.now());
    await ok(s, 'sync.now');
    expect(first.stats().resources).toEqual({ Immunization: 1 });

    await ok(s, 'settings.update', { federalUrl: '' });
    await service.settled();
    expect(service.activeWorker).toBeNull();
    expect((await ok<{ mode: string; configured: boolean }>(s, 'sync.status'))).toMatchObject({ mode: 'offline', configured: false });
    const notSet = await s.dispatch('sync.now', {}, call);
    expect(notSet).toMatchObject({ ok: false, error: { code: 'sync.not_configured' } });

    enqueue(s.ctx.db, [dose(person(2))], s.ctx.clock.now());
    await ok(s, 'settings.update', { federalUrl: second.url });
    await service.settled();
    await ok(s, 'sync.now');
    expect(second.stats().resources).toEqual({ Immunization: 1 });
    expect(first.stats().resources).toEqual({ Immunization: 1 });
  });

  it('leaves nothing running once the station is closed', async () => {
    const backend = await sim();
    // Roles off: sync's life in the station (start, drain, close) is under test, not who may call it.
    const s = openTestStation({ enforceRoles: false, settings: { centreId: 'heysel', federalUrl: backend.url } });
    const service = syncServiceOf(s.ctx)!;
    await service.settled();
    const worker = service.activeWorker!;
    expect(worker).not.toBeNull();
    s.close();
    await service.close();
    expect(service.activeWorker).toBeNull();
    expect(await worker.tick()).toEqual({ kind: 'closed' });
    s.cleanup();
  });
});
