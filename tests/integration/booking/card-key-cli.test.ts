import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStationHost } from '../../../src/main/host/start-host';
import { makeTempDir } from '../../support/temp-dir';

const cli = (args: string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'card-key', ...args], { encoding: 'utf8', env: { ...process.env, DOSEDESK_CARD_READER: 'off' } });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** Two real (encrypted) station folders of one centre, as the Node host leaves them. */
async function twoStations(dir: string): Promise<string[]> {
  const folders = [join(dir, 'station-1'), join(dir, 'station-2')];
  for (const [i, dataDir] of folders.entries()) {
    const host = await startStationHost({ demo: false, port: 0, dataDir, stationId: `station-${i + 1}`, log: () => {} });
    await host.close();
  }
  return folders;
}

describe('card-key command', () => {
  it('gives every station of a centre the same card key, and says so by fingerprint', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const [s1, s2] = await twoStations(t.dir);
    const keyFile = join(t.dir, 'centre.cardkey');
    const made = cli(['generate', '--out', keyFile]);
    expect(made.code).toBe(0);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(cli(['generate', '--out', keyFile]).code).not.toBe(0); // never overwrites a key

    for (const dataDir of [s1!, s2!]) expect(cli(['install', '--key-file', keyFile, '--data', dataDir]).code).toBe(0);
    const prints = [s1!, s2!].map((dataDir) => cli(['fingerprint', '--data', dataDir]));
    expect(prints.map((p) => p.code)).toEqual([0, 0]);
    expect(prints[0]!.out).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}\n$/);
    expect(prints[1]!.out).toBe(prints[0]!.out);
    expect(made.out).toContain(prints[0]!.out.trim());
  });

  it('refuses a key file others can read, and will not silently replace a different key', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const [s1] = await twoStations(t.dir);
    const first = join(t.dir, 'first.cardkey');
    const second = join(t.dir, 'second.cardkey');
    expect(cli(['generate', '--out', first]).code).toBe(0);
    expect(cli(['generate', '--out', second]).code).toBe(0);
    expect(cli(['install', '--key-file', first, '--data', s1!]).code).toBe(0);
    const before = cli(['fingerprint', '--data', s1!]).out;

    const refused = cli(['install', '--key-file', second, '--data', s1!]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--replace');
    expect(cli(['fingerprint', '--data', s1!]).out).toBe(before);

    chmodSync(second, 0o644);
    expect(cli(['install', '--key-file', second, '--data', s1!, '--replace']).code).not.toBe(0);
    chmodSync(second, 0o600);
    expect(cli(['install', '--key-file', second, '--data', s1!, '--replace']).code).toBe(0);
    expect(cli(['fingerprint', '--data', s1!]).out).not.toBe(before);

    writeFileSync(join(t.dir, 'junk.cardkey'), 'not a key', { mode: 0o600 });
    expect(cli(['install', '--key-file', join(t.dir, 'junk.cardkey'), '--data', s1!]).code).not.toBe(0);
  });
});
