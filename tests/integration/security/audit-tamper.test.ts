import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { applyDatabaseKey } from '../../../src/main/adapters/sqlite/cipher';
import { resolveHostDatabaseKey } from '../../../src/main/adapters/crypto/host-key';
import { appendAudit, verifyAudit } from '../../../src/main/station/audit/audit-log';
import { chainHash } from '../../../src/main/station/audit/chain';
import { openDatabase } from '../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation, signedInCall } from '../../support/station';

const root = join(import.meta.dirname, '..', '..', '..');
const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

/**
 * A host-like station folder: encrypted with a key file next to it, with a few audited calls and
 * some appended entries; closed, so the test can tamper with the file itself.
 */
async function stationWithTrail(entries = 6): Promise<{ dataDir: string; key: string }> {
  const t = makeTempDir();
  temps.push(t.cleanup); // the key file <folder>.key sits in the temp folder too
  const dataDir = join(t.dir, 'station');
  const { key } = resolveHostDatabaseKey(dataDir, { create: true, env: {} });
  const s = openTestStation({ dataDir, databaseKey: key!, enforceRoles: true, clock: new ManualClock('2026-03-02T08:00:00Z') });
  const supervisor = signedInCall(s, 'supervisor');
  await s.dispatch('audit.recent', {}, supervisor);
  await s.dispatch('checkin.lookup', { ssin: '85073100130' }, { language: 'en', transport: 'http' });
  for (let i = 0; i < entries - 2; i++) {
    appendAudit(s.ctx.db, { at: s.ctx.clock.now(), stationId: 'st', centreId: 'c', actor: 'system', transport: 'test', method: `probe.${i}`, action: 'read', subjects: [`dose:${i}`], outcome: 'ok' });
  }
  expect(verifyAudit(s.ctx.db)).toEqual({ ok: true, entries, problem: null });
  s.close();
  return { dataDir, key: key! };
}

/** A raw connection that bypasses the station: the triggers are dropped first, as an attacker with the key would. */
function tamper(dataDir: string, key: string, sql: (db: CipherDatabase.Database) => void): void {
  const db = new CipherDatabase(join(dataDir, 'station.sqlite'));
  applyDatabaseKey(db as never, key);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  sql(db);
  db.close();
}

function verify(dataDir: string, key: string) {
  const db = openDatabase(join(dataDir, 'station.sqlite'), { key, readonly: true });
  try {
    return verifyAudit(db);
  } finally {
    db.close();
  }
}

function cli(args: string[]) {
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DOSEDESK_DB_KEY: '' } });
  return { code: run.status, out: run.stdout + run.stderr };
}

describe('tampering with the audit trail in the file', () => {
  it('is refused by the triggers while they exist', async () => {
    const { dataDir, key } = await stationWithTrail();
    const db = new CipherDatabase(join(dataDir, 'station.sqlite'));
    applyDatabaseKey(db as never, key);
    expect(() => db.exec(`UPDATE audit_log SET outcome = 'ok' WHERE seq = 2`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 6')).toThrow(/append-only/);
    db.close();
    expect(verify(dataDir, key).ok).toBe(true);
  });

  it('detects an altered entry', async () => {
    const { dataDir, key } = await stationWithTrail();
    tamper(dataDir, key, (db) => db.exec(`UPDATE audit_log SET actor = 'staff:someone-else' WHERE seq = 3`));
    expect(verify(dataDir, key)).toMatchObject({ ok: false, entries: 2, problem: { seq: 3, reason: expect.stringMatching(/altered/) } });
  });

  it('detects a removed entry in the middle', async () => {
    const { dataDir, key } = await stationWithTrail();
    tamper(dataDir, key, (db) => db.exec('DELETE FROM audit_log WHERE seq = 2'));
    expect(verify(dataDir, key)).toMatchObject({ ok: false, problem: { seq: 3, reason: expect.stringMatching(/entry 2 is missing/) } });
  });

  it('detects the removal of the last entries', async () => {
    const { dataDir, key } = await stationWithTrail();
    tamper(dataDir, key, (db) => db.exec('DELETE FROM audit_log WHERE seq >= 5'));
    expect(verify(dataDir, key)).toMatchObject({ ok: false, entries: 4, problem: { seq: 5, reason: expect.stringMatching(/2 entries at the end were removed/) } });
  });

  it('detects reordered entries', async () => {
    const { dataDir, key } = await stationWithTrail();
    tamper(dataDir, key, (db) => db.exec('UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1;'));
    expect(verify(dataDir, key)).toMatchObject({ ok: false, problem: { seq: 3 } });
  });

  it('detects an inserted entry, even one with well-formed hashes', async () => {
    const { dataDir, key } = await stationWithTrail();
    tamper(dataDir, key, (db) => {
      const last = db.prepare('SELECT * FROM audit_log WHERE seq = 6').get() as { hash: string };
      const forged = { seq: 7, id: 'f', at: '2026-03-02T08:00:00.000Z', station_id: 'st', centre_id: 'c', actor: 'system', session: null, transport: 't', method: 'm', action: 'read', subjects: '[]', outcome: 'ok' };
      db.prepare(`INSERT INTO audit_log VALUES (@seq, @id, @at, @station_id, @centre_id, @actor, @session, @transport, @method, @action, @subjects, @outcome, @prev_hash, @hash)`).run({
        ...forged,
        prev_hash: last.hash,
        hash: chainHash(last.hash, forged),
      });
    });
    expect(verify(dataDir, key)).toMatchObject({ ok: false, problem: { seq: 7, reason: expect.stringMatching(/added outside the station/) } });
    // The inserted entry shifts nothing in the middle either: an insertion between entries breaks the link.
    const second = await stationWithTrail();
    tamper(second.dataDir, second.key, (db) => db.exec('UPDATE audit_log SET seq = seq + 10 WHERE seq >= 4; UPDATE audit_log SET seq = seq - 9 WHERE seq >= 14;'));
    expect(verify(second.dataDir, second.key)).toMatchObject({ ok: false, problem: { seq: 5 } });
  });
});

describe('npm run -s cli -- audit verify', () => {
  it('prints "audit ok: N entries" and exits 0, or names the first bad entry and exits 1', async () => {
    const { dataDir, key } = await stationWithTrail();
    const ok = cli(['audit', 'verify', '--data', dataDir]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out.trim()).toBe('audit ok: 6 entries');
    expect(cli(['audit', 'head', '--data', dataDir]).out.trim()).toMatch(/^6 [0-9a-f]{64}$/);
    tamper(dataDir, key, (db) => db.exec(`UPDATE audit_log SET subjects = '[]' WHERE seq = 4`));
    const broken = cli(['audit', 'verify', '--data', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/audit BROKEN at entry 4: its content was altered/);
  });
});
