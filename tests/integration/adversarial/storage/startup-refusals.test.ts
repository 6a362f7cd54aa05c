import { chmodSync, existsSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { startStationHost } from '../../../../src/main/host/start-host';
import { openStationFile } from '../../../../src/main/adapters/sqlite/station-file';
import { refusalOf } from '../../../../src/cli/refusal';
import { cli, copyStation, keyFileOf, provisionHostFolder, refusalCode } from './support';

/**
 * Damaged, truncated, empty and missing database, key and settings files of a station folder: each
 * is refused with its code, never started over as a new empty station. The whole matrix runs
 * through the functions the commands call (host start-up, the operator commands' folder opening);
 * one case per refusal runs through the real `host`, `sync-status` and `audit verify` processes,
 * whose output must be one translated line with the code and no stack trace.
 */
const temp = makeTempDir('dosedesk-adversarial-storage-');
let template = '';
beforeAll(() => {
  template = provisionHostFolder(join(temp.dir, 'template'), 'fr');
});
afterAll(() => temp.cleanup());

const PAGE = 4096;
const db = (dir: string) => join(dir, 'station.sqlite');
function scribble(file: string, at: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, at);
  } finally {
    closeSync(fd);
  }
}

type Command = 'host' | 'sync-status' | 'audit';
interface Case {
  name: string;
  damage: (dir: string) => void;
  /** Expected refusal codes per command; a command left out must still work (exit 0). */
  expect: Partial<Record<Command, readonly string[]>>;
}

const ALL = (codes: readonly string[]) => ({ host: codes, 'sync-status': codes, audit: codes });
const CASES: Case[] = [
  { name: 'empty database', damage: (d) => writeFileSync(db(d), ''), expect: ALL(['db.missing']) },
  { name: 'deleted database', damage: (d) => rmSync(db(d)), expect: ALL(['db.missing']) },
  { name: 'deleted folder, key file left', damage: (d) => rmSync(d, { recursive: true }), expect: ALL(['db.missing']) },
  {
    name: 'deleted database, write-ahead log left',
    damage: (d) => {
      rmSync(db(d));
      writeFileSync(`${db(d)}-wal`, Buffer.alloc(64, 1));
    },
    expect: ALL(['db.missing']),
  },
  { name: 'damaged first page', damage: (d) => scribble(db(d), 100, 200), expect: ALL(['db.damaged']) },
  { name: 'damaged salt', damage: (d) => scribble(db(d), 0, 16), expect: ALL(['db.damaged', 'crypto.wrong_key']) },
  { name: 'truncated to 3000 bytes', damage: (d) => truncateSync(db(d), 3000), expect: ALL(['db.damaged']) },
  { name: 'truncated to half its pages', damage: (d) => truncateSync(db(d), Math.floor(statSync(db(d)).size / PAGE / 2) * PAGE), expect: ALL(['db.integrity', 'db.damaged']) },
  { name: 'damaged middle page', damage: (d) => scribble(db(d), Math.floor(statSync(db(d)).size / PAGE / 2) * PAGE + 512, 64), expect: ALL(['db.integrity', 'db.damaged']) },
  { name: 'deleted key file', damage: (d) => rmSync(keyFileOf(d)), expect: ALL(['crypto.key_missing']) },
  { name: 'empty key file', damage: (d) => writeFileSync(keyFileOf(d), ''), expect: ALL(['crypto.key_invalid']) },
  { name: 'another station’s key', damage: (d) => writeFileSync(keyFileOf(d), `${'ab'.repeat(32)}\n`), expect: ALL(['crypto.wrong_key']) },
  { name: 'key file readable by others', damage: (d) => chmodSync(keyFileOf(d), 0o644), expect: ALL(['crypto.key_file_mode']) },
  { name: 'garbage settings.json', damage: (d) => writeFileSync(join(d, 'settings.json'), '{garbage'), expect: { host: ['settings.unreadable'] } },
  { name: 'empty settings.json', damage: (d) => writeFileSync(join(d, 'settings.json'), ''), expect: { host: ['settings.unreadable'] } },
  { name: 'settings.json outside the schema', damage: (d) => writeFileSync(join(d, 'settings.json'), '{"language":"xx"}'), expect: { host: ['settings.unreadable'] } },
  { name: 'deleted settings.json', damage: (d) => rmSync(join(d, 'settings.json')), expect: { host: ['settings.missing'] } },
];

const ARGS: Record<Command, (dir: string) => string[]> = {
  host: (dir) => ['host', '--data', dir, '--port', '0'],
  'sync-status': (dir) => ['sync-status', '--data', dir],
  audit: (dir) => ['audit', 'verify', '--data', dir],
};

/** What the folder holds, to prove a refusal created or changed nothing. */
function snapshot(dir: string): string {
  const files = [db(dir), keyFileOf(dir), join(dir, 'settings.json'), join(dir, 'station.json')];
  return files.map((f) => (existsSync(f) ? `${f}:${statSync(f).size}:${readFileSync(f).subarray(0, 64).toString('hex')}` : `${f}:-`)).join('\n');
}

/** What a command does with the folder before it reads anything, in this process. */
async function openAs(command: Command, dir: string): Promise<{ code: string | null; started: boolean }> {
  try {
    if (command === 'host') {
      const host = await startStationHost({ demo: false, port: 0, dataDir: dir, log: () => {} });
      await host.close();
      return { code: null, started: true };
    }
    openStationFile(dir, { readonly: true, env: {} }).db.close();
    return { code: null, started: false };
  } catch (error) {
    return { code: refusalOf(error)?.code ?? `unexplained: ${(error as Error).message}`, started: false };
  }
}

/** One case per refusal through the real processes (each costs a tsx start-up). */
const THROUGH_CLI: [string, Command][] = [
  ['empty database', 'host'],
  ['deleted database', 'audit'],
  ['damaged first page', 'sync-status'],
  ['truncated to 3000 bytes', 'host'],
  ['another station’s key', 'audit'],
  ['deleted key file', 'sync-status'],
  ['garbage settings.json', 'host'],
  ['deleted settings.json', 'host'],
];

describe('adversarial storage: damaged station folders at start-up', () => {
  it('refuses every damaged, truncated, empty or missing file with its code, and never starts over', async () => {
    let tried = 0;
    let refused = 0;
    let freshStarts = 0;
    const failures: string[] = [];
    for (const [i, c] of CASES.entries()) {
      for (const command of ['host', 'sync-status', 'audit'] as const) {
        const dir = copyStation(template, join(temp.dir, `case-${i}-${command}`));
        c.damage(dir);
        const before = snapshot(dir);
        const result = await openAs(command, dir);
        tried++;
        if (result.started && c.expect[command]) freshStarts++;
        const expected = c.expect[command];
        if (expected) {
          if (result.code && expected.includes(result.code)) refused++;
          else failures.push(`${c.name} / ${command}: expected ${expected.join(' or ')}, got ${result.code ?? 'a start'}`);
        } else if (result.code !== null) {
          failures.push(`${c.name} / ${command}: should still open, got ${result.code}`);
        }
        if (snapshot(dir) !== before) failures.push(`${c.name} / ${command}: the folder changed`);
      }
    }
    const expectedRefusals = CASES.reduce((n, c) => n + Object.keys(c.expect).length, 0);
    console.log(`adversarial storage: ${tried} damaged folders tried, ${refused} refused (of ${expectedRefusals} that must be), ${freshStarts} fresh starts`);
    expect(failures).toEqual([]);
    expect(freshStarts).toBe(0);
    expect(refused).toBe(expectedRefusals);
  }, 300_000);

  it('the real commands refuse in one line in the station’s language with the code, exit 1, no stack trace', async () => {
    const failures: string[] = [];
    let refused = 0;
    for (let i = 0; i < THROUGH_CLI.length; i += 2) {
      await Promise.all(
        THROUGH_CLI.slice(i, i + 2).map(async ([name, command]) => {
          const c = CASES.find((k) => k.name === name)!;
          const dir = copyStation(template, join(temp.dir, `cli-${name.replace(/\W+/g, '-')}-${command}`));
          c.damage(dir);
          const run = await cli(ARGS[command](dir));
          const code = refusalCode(run);
          if (!code || !c.expect[command]!.includes(code)) failures.push(`${name} / ${command}: exit ${run.code}: ${run.err.slice(0, 400)}`);
          else refused++;
          // Settings in French: the refusal is in French, unless settings.json is what is broken.
          if (!name.includes('settings') && !run.err.includes('a refusé de continuer')) failures.push(`${name} / ${command}: not in French: ${run.err.slice(0, 200)}`);
          if (name.includes('settings') && !run.err.includes('refused to continue')) failures.push(`${name} / ${command}: not in English: ${run.err.slice(0, 200)}`);
        }),
      );
    }
    console.log(`adversarial storage: ${THROUGH_CLI.length} real command runs on damaged folders, ${refused} refused in one line, 0 stack traces allowed`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('a sound folder still opens: sync-status and audit verify answer', async () => {
    const dir = copyStation(template, join(temp.dir, 'sound'));
    expect(await openAs('sync-status', dir)).toEqual({ code: null, started: false });
    const audit = await cli(['audit', 'verify', '--data', dir]);
    expect(audit.out).toMatch(/^audit ok: \d+ entries/);
  }, 120_000);
});
