import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimStore, type Json } from '../../../src/federal-sim/store';
import { FALLBACK_CHECKPOINT_PAGES, startWalCheckpointer, type WalCheckpointer } from '../../../src/federal-sim/wal-checkpointer';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = join(__dirname, '..', '..', '..');
const SYSTEM = 'https://dosedesk.example/record';
const PAGE = 4096;

const immunization = (n: number): Json => ({
  resourceType: 'Immunization',
  status: 'completed',
  identifier: [{ system: SYSTEM, value: `rec-${n}` }],
  patient: { identifier: { system: 'https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin', value: String(85073000000 + n) } },
  vaccineCode: { coding: [{ system: 'http://snomed.info/sct', code: '28531000087107' }], text: 'x'.repeat(400) },
  occurrenceDateTime: '2026-03-02T09:30:00+01:00',
});

/** A resource the stand-in takes without profile rules (the kill test is about storage, not validation). */
const medication = (n: number): Json => ({
  resourceType: 'Medication',
  status: 'active',
  identifier: [{ system: SYSTEM, value: `lot-${n}` }],
  code: { coding: [{ system: 'http://snomed.info/sct', code: '28531000087107' }] },
});

/** `commits` transactions of `perCommit` new resources each, as a drain writes them. */
function writeBatches(store: SimStore, commits: number, perCommit: number): void {
  const now = new Date('2026-03-02T10:00:00Z');
  let n = 0;
  for (let c = 0; c < commits; c++) {
    store.db.transaction(() => {
      for (let i = 0; i < perCommit; i++) store.write('Immunization', immunization(n++), null, now);
    })();
  }
}

let temp: ReturnType<typeof makeTempDir> | null = null;
let store: SimStore | null = null;
let checkpointer: WalCheckpointer | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = null;
  store?.close();
  store = null;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
  temp?.cleanup();
  temp = null;
});

describe("the stand-in's log checkpoints", () => {
  it('are taken by the worker, not by the commits of the serving connection, and given back to it when the worker stops', async () => {
    temp = makeTempDir('dosedesk-sim-wal-');
    store = new SimStore(temp.dir);
    const defaultPages = store.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: see store.ts for why it is enough here
    checkpointer = startWalCheckpointer(store);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_CHECKPOINT_PAGES);

    writeBatches(store, 20, 200);
    // Left to the serving connection, the log would have been copied back and restarted every
    // `defaultPages` pages; it has grown past that instead.
    const wal = join(temp.dir, 'federal-sim.sqlite-wal');
    expect(statSync(wal).size).toBeGreaterThan(defaultPages * PAGE);

    checkpointer.nudge();
    await vi.waitFor(() => expect(checkpointer!.stats.runs).toBeGreaterThan(0), { timeout: 20_000, interval: 20 });
    expect(checkpointer.stats.lastError).toBeNull();
    const last = checkpointer.stats.last!;
    expect(last.log).toBeGreaterThan(defaultPages);
    expect(last.checkpointed).toBe(last.log); // every frame copied while nothing was writing

    await checkpointer.stop();
    checkpointer = null;
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(defaultPages);
    expect(store.countsByType()).toEqual({ Immunization: 4000 });
  }, 30_000);

  it('coalesce nudges made while one runs into one more run, and stop after the worker is gone without throwing', async () => {
    temp = makeTempDir('dosedesk-sim-wal-');
    store = new SimStore(temp.dir);
    checkpointer = startWalCheckpointer(store);
    writeBatches(store, 2, 50);
    for (let i = 0; i < 10; i++) checkpointer.nudge();
    await vi.waitFor(() => expect(checkpointer!.stats.runs).toBe(2), { timeout: 20_000, interval: 20 });
    await checkpointer.stop();
    checkpointer.nudge(); // after stop: nothing to do, no error
    expect(checkpointer.stats.runs).toBe(2);
    checkpointer = null;
  }, 30_000);

  it('keep a process whose only work left is stopping them alive until the worker has closed its connection', async () => {
    temp = makeTempDir('dosedesk-sim-wal-');
    // Nothing else keeps this process alive: without the worker held again by stop(), it ends
    // mid-await (exit 13, unsettled top-level await) and never closes the store.
    const script = [
      `import { SimStore } from ${JSON.stringify(join(ROOT, 'src/federal-sim/store.ts'))};`,
      `import { startWalCheckpointer } from ${JSON.stringify(join(ROOT, 'src/federal-sim/wal-checkpointer.ts'))};`,
      `const store = new SimStore(${JSON.stringify(temp.dir)});`,
      'const checkpointer = startWalCheckpointer(store);',
      'await checkpointer.stop();',
      'store.close();',
      "console.log('closed');",
    ].join('\n');
    const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let out = '';
    c.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    c.stderr!.on('data', () => {});
    const code = await new Promise<number | null>((resolve) => c.once('exit', (exitCode) => resolve(exitCode)));
    expect(out.trim()).toBe('closed');
    expect(code).toBe(0);
  }, 30_000);
});

function startSim(dataDir: string): Promise<{ process: ChildProcess; url: string }> {
  const c = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'federal-sim', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  c.stderr!.on('data', () => {});
  child = c;
  return new Promise((resolve, reject) => {
    let out = '';
    c.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ process: c, url: m[1]! });
    });
    c.once('exit', (code) => reject(new Error(`federal-sim exited (${code}): ${out}`)));
  });
}

describe('a stand-in process killed after answering', () => {
  it('still has every transaction it answered when started again on the same folder', async () => {
    temp = makeTempDir('dosedesk-sim-kill-');
    const dataDir = join(temp.dir, 'federal');
    const first = await startSim(dataDir);
    for (let b = 0; b < 4; b++) {
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: Array.from({ length: 50 }, (_, i) => ({ resource: medication(b * 50 + i), request: { method: 'POST', url: 'Medication' } })),
      };
      const res = await fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
      expect(res.status).toBe(200);
    }
    const exited = new Promise<void>((resolve) => first.process.once('exit', () => resolve()));
    first.process.kill('SIGKILL');
    await exited;
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(existsSync(join(dataDir, 'federal-sim.sqlite-wal'))).toBe(true); // not closed: the log is read back at the next open

    const second = await startSim(dataDir);
    const stats = (await (await fetch(second.url.replace(/\/fhir$/, '/admin/stats'))).json()) as { resources: Record<string, number>; duplicates: number };
    expect(stats.resources).toEqual({ Medication: 200 });
    expect(stats.duplicates).toBe(0);
    const stopped = new Promise<number | null>((resolve) => second.process.once('exit', (code) => resolve(code)));
    second.process.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 40_000);
});
