import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationHost } from '../../../src/main/host/start-host';
import { databaseFileOf } from '../../../src/main/host/paths';
import { databasePath } from '../../../src/main/station/station';
import { refusalOf } from '../../../src/cli/refusal';
import type { IntegrityVerdict } from '../../../src/main/adapters/sqlite/background-integrity';
import { callHost } from '../../e2e/support/host-process';
import { cliNodeArgs, ensureCliBuilt } from '../../../scripts/cli-bundle.mjs';
import { makeTempDir } from '../../support/temp-dir';
import { copyStation, provisionHostFolder, refusalCode, root, type CliRun } from '../adversarial/storage/support';

const temp = makeTempDir('dosedesk-early-integrity-');
let template = '';
beforeAll(async () => {
  template = provisionHostFolder(join(temp.dir, 'template'), 'en');
  await ensureCliBuilt();
});
afterAll(() => temp.cleanup());

let copies = 0;
const copy = () => copyStation(template, join(temp.dir, `copy-${++copies}`, 'station'));

/** The built host on a folder: its refusal, or null once it said it is ready (then stopped). */
function builtHost(dataDir: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, cliNodeArgs('host', '--port', '0', '--data', dataDir), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOSEDESK_DB_KEY: '', DOSEDESK_DB_KEY_FILE: '', DOSEDESK_DEBUG: '', DOSEDESK_CARD_READER: 'off' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('station ready')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => done({ code: out.includes('station ready') ? null : code, out, err }));
  });
}

describe('the host checks its database on another thread while it loads', () => {
  it('names the same database file as the station', () => {
    expect(databaseFileOf('/x/station-1')).toBe(databasePath('/x/station-1'));
  });

  it('refuses the station on problems the early check found, as the check at open would', async () => {
    const host = await startStationHost({ demo: false, port: 0, dataDir: copy(), log: () => {}, integrity: Promise.resolve({ problems: ['row 7 missing from index citizens_ssin'] }) });
    let code: string | undefined;
    try {
      await host.verified;
    } catch (error) {
      code = refusalOf(error)?.code;
    } finally {
      await host.close();
    }
    expect(code).toBe('db.integrity');
  });

  it('serves the page and public reads while the check runs; every other call waits for its verdict', async () => {
    let answer: (verdict: IntegrityVerdict) => void = () => {};
    const integrity = new Promise<IntegrityVerdict>((resolve) => (answer = resolve));
    const host = await startStationHost({ demo: false, port: 0, dataDir: copy(), log: () => {}, integrity });
    try {
      expect((await fetch(`${host.origin}/`)).status).toBe(200);
      const status = await callHost<{ stationId: string }>(host, 'station.status');
      expect(status.ok && status.result.stationId).toBe('station-7');
      let signInAnswered = false;
      const signIn = callHost(host, 'staff.signIn', { login: 'nobody', pin: '1234' }).then((a) => ((signInAnswered = true), a));
      await callHost(host, 'settings.get'); // a later public read comes back first
      expect(signInAnswered).toBe(false);
      answer({ problems: ['row 7 missing from index citizens_ssin'] });
      const refused = await signIn;
      expect(refused.ok ? null : refused.error.code).toBe('db.integrity');
      await expect(host.verified).rejects.toMatchObject({ code: 'db.integrity' });
    } finally {
      answer({ problems: [] });
      await host.close();
    }
  });

  it('runs the waiting calls once the verdict is sound', async () => {
    let answer: (verdict: IntegrityVerdict) => void = () => {};
    const integrity = new Promise<IntegrityVerdict>((resolve) => (answer = resolve));
    const host = await startStationHost({ demo: false, port: 0, dataDir: copy(), log: () => {}, integrity });
    try {
      const signIn = callHost(host, 'staff.signIn', { login: 'nobody', pin: '1234' });
      answer({ problems: [] });
      const refused = await signIn;
      // The station itself answers (no such staff member), not the integrity gate.
      expect(refused.ok ? null : refused.error.code).toMatch(/^staff\./);
      await host.verified;
    } finally {
      await host.close();
    }
  });

  it('starts on a sound verdict, and checks at once when the early check could not tell', async () => {
    for (const integrity of [Promise.resolve({ problems: [] }), Promise.resolve({ unknown: 'worker exited with 1' })]) {
      const host = await startStationHost({ demo: false, port: 0, dataDir: copy(), log: () => {}, integrity });
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      await host.verified;
      await host.close();
    }
  });

  it('can have its check started once the station has opened, even by a first demo seed, which waits for the verdict', async () => {
    for (const demo of [false, true]) {
      let opened = () => {};
      const open = new Promise<void>((resolve) => (opened = resolve));
      const order: string[] = [];
      // The verdict comes only after the station said it opened: a host that waited for the verdict before opening would hang here.
      const integrity = open.then((): IntegrityVerdict => (order.push('checked'), { problems: [] }));
      const host = await startStationHost({ demo, port: 0, dataDir: copy(), log: () => {}, integrity, onOpen: () => (order.push('opened'), opened()) });
      try {
        await host.verified;
        expect(order).toEqual(['opened', 'checked']);
      } finally {
        await host.close();
      }
    }
  });

  it('through the built command line: a sound folder starts, a damaged page is refused with its code', async () => {
    expect((await builtHost(copy())).code).toBeNull();
    const damaged = copy();
    const file = databasePath(damaged);
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, Math.floor(statSync(file).size / 4096 / 2) * 4096 + 512);
    } finally {
      closeSync(fd);
    }
    const run = await builtHost(damaged);
    expect(['db.integrity', 'db.damaged'], run.err).toContain(refusalCode(run));
  });
});
