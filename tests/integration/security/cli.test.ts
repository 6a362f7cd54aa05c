import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/database';
import { generateDatabaseKey } from '../../../src/main/adapters/crypto/db-key';
import { resolveHostDatabaseKey } from '../../../src/main/adapters/crypto/host-key';
import { parseParams, verifyPin } from '../../../src/main/adapters/crypto/pin-hash';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation } from '../../support/station';

const root = join(import.meta.dirname, '..', '..', '..');
const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));

function cli(args: string[], input = '', env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, DOSEDESK_DB_KEY: '', DOSEDESK_BACKUP_KEY: '', ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** An encrypted station folder as the Node host leaves it: `<dir>/station` with `<dir>/station.key`. */
function hostFolder(): { dataDir: string; key: string; dir: string } {
  const t = makeTempDir();
  temps.push(t.cleanup);
  const dataDir = join(t.dir, 'station');
  const { key } = resolveHostDatabaseKey(dataDir, { create: true, env: {} });
  const s = openTestStation({ dataDir, databaseKey: key! });
  const at = new Date().toISOString();
  s.ctx.db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073100130', 'Qwertyname', 'Ann', NULL, 'F', 'nl', 'checkin', ?, ?)`).run(at, at);
  s.close();
  return { dataDir, key: key!, dir: t.dir };
}

describe('operator commands for security', () => {
  it('creates the first supervisor with the PIN on stdin, lists staff, and refuses a weak PIN', () => {
    const { dataDir } = hostFolder();
    const added = cli(['staff', 'add', '--data', dataDir, '--name', 'Marie Dubois', '--roles', 'supervisor', '--code', 'SUP09'], '482916\n');
    expect(added.err).toBe('');
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toMatch(/staff member added: [0-9a-f-]{36} Marie Dubois \(supervisor\)/);
    expect(cli(['staff', 'add', '--data', dataDir, '--name', 'X', '--roles', 'checkin'], '1111\n')).toMatchObject({ code: 1, err: expect.stringMatching(/too easy to guess/) });
    const list = cli(['staff', 'list', '--data', dataDir]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/SUP09\t-\tMarie Dubois\tsupervisor\tactive/);
    expect(list.out).not.toContain('482916');
    const verify = cli(['audit', 'verify', '--data', dataDir]);
    expect(verify.out.trim()).toBe('audit ok: 1 entries');
  });

  it('resets a PIN: prints a one-time PIN once, keeps only its hash, flags the person and audits the reset', async () => {
    const { dataDir, key } = hostFolder();
    expect(cli(['staff', 'add', '--data', dataDir, '--name', 'Marie Dubois', '--roles', 'supervisor', '--code', 'SUP09'], '482916\n').code).toBe(0);
    const reset = cli(['staff', 'reset-pin', '--data', dataDir, '--login', 'sup09']);
    expect(reset).toMatchObject({ code: 0, err: '' });
    const oneTime = /one-time PIN for Marie Dubois: (\d{8})\n/.exec(reset.out)?.[1];
    expect(oneTime).toBeDefined();
    expect(cli(['staff', 'list', '--data', dataDir]).out).toMatch(/SUP09\t-\tMarie Dubois\tsupervisor\tactive\tmust change PIN/);
    expect(cli(['audit', 'verify', '--data', dataDir]).out.trim()).toBe('audit ok: 2 entries');
    expect(cli(['staff', 'reset-pin', '--data', dataDir, '--login', 'NOBODY'])).toMatchObject({ code: 1, err: expect.stringMatching(/does not exist/) });
    const db = openDatabase(join(dataDir, 'station.sqlite'), { key, readonly: true });
    const row = db.prepare(`SELECT pin_hash, pin_salt, pin_params, pin_must_change FROM staff WHERE code = 'SUP09'`).get() as { pin_hash: string; pin_salt: string; pin_params: string; pin_must_change: number };
    // In the order written (each command is its own process: their clocks need not agree to the millisecond).
    const changes = db.prepare(`SELECT what FROM staff_changes ORDER BY rowid`).all();
    db.close();
    expect(row.pin_must_change).toBe(1);
    expect(await verifyPin(oneTime!, { hash: row.pin_hash, salt: row.pin_salt, params: parseParams(row.pin_params) })).toBe(true);
    expect(await verifyPin('482916', { hash: row.pin_hash, salt: row.pin_salt, params: parseParams(row.pin_params) })).toBe(false);
    expect(changes).toEqual([{ what: 'created' }, { what: 'pin_reset' }]);
  });

  it('writes an encrypted backup, with the station key or a backup key file', () => {
    const { dataDir, key, dir } = hostFolder();
    const out = join(dir, 'backup.sqlite');
    const made = cli(['backup', '--data', dataDir, '--out', out]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/backup written: .*backup\.sqlite .*encrypted with the station key/);
    expect(readFileSync(out).toString('latin1')).not.toContain('Qwertyname');
    const copy = openDatabase(out, { key, readonly: true });
    expect(copy.prepare('SELECT family_name FROM citizens').get()).toEqual({ family_name: 'Qwertyname' });
    copy.close();
    expect(cli(['backup', '--data', dataDir, '--out', out])).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });
    const backupKey = generateDatabaseKey();
    const offsite = join(dir, 'offsite.sqlite');
    expect(cli(['backup', '--data', dataDir, '--out', offsite], '', { DOSEDESK_BACKUP_KEY: backupKey }).code).toBe(0);
    const other = openDatabase(offsite, { key: backupKey, readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM citizens').get()).toEqual({ n: 1 });
    other.close();
  });

  it('refuses to open a station whose key file went missing, and runs retention as a dry run', () => {
    const { dataDir } = hostFolder();
    const dry = cli(['retention', '--data', dataDir, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, citizens: 0 });
    const moved = cli(['audit', 'verify', '--data', dataDir], '', { DOSEDESK_DB_KEY_FILE: join(dataDir, 'nope.key') });
    expect(moved).toMatchObject({ code: 1, err: expect.stringMatching(/key of the encrypted station database is missing/) });
  });
});
