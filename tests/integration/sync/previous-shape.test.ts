import { join } from 'node:path';
import type { Immunization } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { administeredProductOf } from '../../../src/domain/fhir/immunization';
import { recordVersionOf } from '../../../src/domain/fhir/resource';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { startFederalSim } from '../../../src/federal-sim';
import { checkBeVaccination } from '../../../src/federal-sim/bevaccination';
import { SimStore, type Json } from '../../../src/federal-sim/store';
import { openDatabase } from '../../../src/main/adapters/sqlite/database';
import { createFederalClient } from '../../../src/main/adapters/federal/client';
import { markSynced } from '../../../src/main/station/sync/outbox-store';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { drainWithClock, fastOptions, startClock } from '../../support/federal/harness';
import { previousShapeImmunization } from '../../support/federal/previous-shape';
import { dose, enqueue, person } from '../../support/federal/records';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Backends hold doses the station sent before it followed BeVaccination (two performers, the
 * vaccinator as recorder). The stand-in now refuses that shape, so the copies are written into its
 * storage directly, as a backend that took them earlier would hold them.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('doses the backend holds in the previous shape', () => {
  it('are corrected by a queued correction and recognised after a lost answer, never sent twice nor put in review', async () => {
    const temp = makeTempDir('dosedesk-prev-');
    cleanups.push(temp.cleanup);
    const clock = startClock();
    const corrected = dose(person(1));
    const lostAnswer = dose(person(2), { productCode: 'flu-2026', productName: 'Flu 2026' });
    const seed = new SimStore(join(temp.dir, 'federal'));
    for (const p of [corrected, lostAnswer]) seed.write('Immunization', previousShapeImmunization(p) as unknown as Json, null, clock.now());
    seed.close();

    const sim = await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal') });
    const client = createFederalClient({ baseUrl: sim.url, timeoutMs: 5_000, transactionTimeoutMs: 5_000 });
    const db = openDatabase(join(temp.dir, 'station', 'station.sqlite'));
    cleanups.push(() => sim.close(), () => client.close(), () => {
      db.close();
    });

    // The previous version sent `corrected` v1 (synced) and queued its correction; `lostAnswer`
    // reached the backend but its answer did not reach the station, so its row still waits.
    const [first] = enqueue(db, [corrected], clock.now());
    markSynced(db, (db.prepare('SELECT seq FROM outbox WHERE id = ?').get(first) as { seq: number }).seq, clock.now());
    enqueue(db, [{ ...corrected, lot: 'FF9999', version: 2, correction: { reason: 'lot typo', at: '2026-03-01T10:00:00Z', by: 'sup' } }, lostAnswer], clock.now());

    const worker = new SyncWorker({ db, clock, client, centreId: 'heysel' }, fastOptions());
    await drainWithClock(worker, clock, db);
    expect(db.prepare(`SELECT kind, state, last_error FROM outbox WHERE state <> 'synced'`).all()).toEqual([]);

    const copies = async (id: string) => client.search<Immunization>('Immunization', { identifier: `${STATION_RECORD_SYSTEM}|${id}` });
    const [now] = await copies(corrected.id);
    expect(await copies(corrected.id)).toHaveLength(1);
    expect(recordVersionOf(now!)).toBe(2);
    expect(administeredProductOf(now!).lot).toBe('FF9999');
    expect(checkBeVaccination(now as unknown as Json)).toEqual([]); // rewritten in the new shape
    const kept = await copies(lostAnswer.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.performer).toHaveLength(2); // untouched: recognised as already there
    expect(sim.stats().duplicates).toBe(0);
  });
});
