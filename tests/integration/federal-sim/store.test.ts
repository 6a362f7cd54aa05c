import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimStore, datesOf, tokensOf, type Json } from '../../../src/federal-sim/store';
import { searchIds } from '../../../src/federal-sim/search';
import { makeTempDir } from '../../support/temp-dir';

const SYSTEM = 'https://dosedesk.example/record';
const immunization = (identifier: string, patient: string, when: string): Json => ({
  resourceType: 'Immunization',
  status: 'completed',
  identifier: [{ system: SYSTEM, value: identifier }],
  patient: { identifier: { system: 'https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin', value: patient } },
  vaccineCode: { coding: [{ system: 'http://snomed.info/sct', code: '28531000087107' }] },
  occurrenceDateTime: when,
});
const ids = (store: SimStore, query: string) => searchIds(store, 'Immunization', new URLSearchParams(query));

let temp: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => temp?.cleanup());

describe("the stand-in's storage", () => {
  it('keeps every version readable and finds a resource by what it says now, not by what an earlier version said', () => {
    temp = makeTempDir('dosedesk-sim-store-');
    const store = new SimStore(temp.dir);
    const now = new Date('2026-03-02T10:00:00Z');
    const created = store.db.transaction(() => store.write('Immunization', immunization('rec-1', '85073003328', '2026-03-02T09:30:00+01:00'), null, now))();
    const updated = store.db.transaction(() => store.write('Immunization', immunization('rec-1', '85073003328', '2026-03-03T09:30:00+01:00'), created.id, now))();
    expect(updated.version).toBe(2);
    expect((store.readVersion('Immunization', created.id, 1)?.resource as { occurrenceDateTime: string }).occurrenceDateTime).toBe('2026-03-02T09:30:00+01:00');
    expect((store.readVersion('Immunization', created.id, 2)?.resource as { occurrenceDateTime: string }).occurrenceDateTime).toBe('2026-03-03T09:30:00+01:00');
    expect(store.readVersion('Immunization', created.id, 3)).toBeNull();
    expect(ids(store, `identifier=${SYSTEM}|rec-1`)).toEqual([created.id]);
    expect(ids(store, 'date=2026-03-03')).toEqual([created.id]);
    expect(ids(store, 'date=2026-03-02')).toEqual([]);
    expect(store.duplicateCount()).toBe(0);
    store.close();
  });

  it('brings a folder of the earlier layout (indexed rowid tables, every version in history) to the current one in place', () => {
    temp = makeTempDir('dosedesk-sim-store-');
    const old = new Database(join(temp.dir, 'federal-sim.sqlite'));
    old.exec(`
      CREATE TABLE resources (type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, last_updated TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (type, id)) STRICT;
      CREATE TABLE history (type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, last_updated TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (type, id, version)) STRICT;
      CREATE TABLE tokens (type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, system TEXT NOT NULL, value TEXT NOT NULL) STRICT;
      CREATE INDEX tokens_lookup ON tokens(type, param, value, system);
      CREATE INDEX tokens_resource ON tokens(type, id);
      CREATE TABLE dates (type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL) STRICT;
      CREATE INDEX dates_lookup ON dates(type, param, lo);
      CREATE INDEX dates_resource ON dates(type, id);
    `);
    const v1 = { ...immunization('rec-9', '85073003328', '2026-03-02T09:30:00+01:00'), id: 'imm-9', meta: { versionId: '1', lastUpdated: '2026-03-02T10:00:00.000Z' } };
    old.prepare('INSERT INTO resources VALUES (?, ?, 1, ?, ?)').run('Immunization', 'imm-9', '2026-03-02T10:00:00.000Z', JSON.stringify(v1));
    old.prepare('INSERT INTO history VALUES (?, ?, 1, ?, ?)').run('Immunization', 'imm-9', '2026-03-02T10:00:00.000Z', JSON.stringify(v1));
    for (const t of tokensOf(v1)) old.prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?)').run('Immunization', 'imm-9', t.param, t.system, t.value);
    for (const d of datesOf(v1)) old.prepare('INSERT INTO dates VALUES (?, ?, ?, ?, ?)').run('Immunization', 'imm-9', d.param, d.lo, d.hi);
    old.close();

    const store = new SimStore(temp.dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%resource'").all()).toEqual([]);
    expect(ids(store, `identifier=${SYSTEM}|rec-9`)).toEqual(['imm-9']);
    expect(ids(store, 'date=2026-03-02')).toEqual(['imm-9']);
    expect(store.readVersion('Immunization', 'imm-9', 1)?.id).toBe('imm-9');
    // The current version lives in resources only; an update moves it to history.
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 0 });
    store.db.transaction(() => store.write('Immunization', immunization('rec-9', '85073003328', '2026-03-04T09:30:00+01:00'), 'imm-9', new Date('2026-03-04T10:00:00Z')))();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 1 });
    expect(ids(store, 'date=2026-03-02')).toEqual([]);
    expect(ids(store, 'date=2026-03-04')).toEqual(['imm-9']);
    store.close();
    // Opening it again changes nothing.
    const again = new SimStore(temp.dir);
    expect(ids(again, `identifier=${SYSTEM}|rec-9`)).toEqual(['imm-9']);
    again.close();
  });

  it('gives every new resource an id that sorts after the earlier ones and ends in a random tail, across refills of the random pool', () => {
    temp = makeTempDir('dosedesk-sim-store-');
    const store = new SimStore(temp.dir);
    const now = new Date('2026-03-02T10:00:00Z');
    const created = store.db.transaction(() =>
      Array.from({ length: 2_500 }, (_, n) => store.write('Immunization', immunization(`rec-${n}`, '85073003328', '2026-03-02T09:30:00+01:00'), null, now).id),
    )();
    for (const id of created) expect(id).toMatch(/^[0-9a-f]{12}-[0-9a-f]{6}-[0-9a-f]{8}$/);
    expect([...created].sort()).toEqual(created);
    const tails = created.map((id) => id.slice(-8));
    expect(new Set(tails).size).toBeGreaterThan(2_400); // 1,024 tails per 4 KiB draw: three draws, not one tail repeated
    store.close();
  });
});
