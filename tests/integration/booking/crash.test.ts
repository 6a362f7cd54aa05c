import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ManualClock } from '../../../src/main/adapters/clock';
import { openDatabase, type Db } from '../../../src/main/adapters/sqlite/database';
import { localInstant } from '../../../src/domain/time/local-time';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre, testSsin } from '../../support/booking/world';
import { databasePath } from '../../../src/main/station/station';
import { openTestStation } from '../../support/station';

/**
 * A station process killed with SIGKILL while recording doses (the power cut, the frozen laptop
 * pulled from the wall) loses no committed dose and leaves no half record: every dose has exactly
 * one outbox row, its booking (or "to be booked" entry) and its print job, or none of them exist.
 */
const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const worker = join(root, 'tests/support/booking/crash-worker.ts');
const temp = makeTempDir('dosedesk-crash-');
const STATION = 'station-1';

beforeAll(() => {
  const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
  const station = openTestStation({ dir: temp.dir, stationId: STATION, clock, deferServices: true });
  seedSmallCentre(station.db, clock, { from: '2021-03-26', days: 20, stations: [STATION, 'station-2'], capacity: 4, products: ['comirnaty'] });
  station.close();
});
afterAll(() => {
  for (const c of children) killHard(c);
  temp.cleanup();
});

const children: ChildProcess[] = [];

/** SIGKILL to the worker's whole process group (tsx and the node process running the script). */
function killHard(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

function run(args: string[]): { child: ChildProcess; lines: string[]; waitFor: (pred: (lines: string[]) => boolean, ms: number) => Promise<void>; exited: Promise<number | null> } {
  // tsx runs the script in a child node process: the worker gets its own process group so that
  // SIGKILL reaches the process that writes, not only the tsx wrapper.
  const child = spawn(tsx, [worker, temp.dir, STATION, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  children.push(child);
  const waitFor = (pred: (l: string[]) => boolean, ms: number) =>
    new Promise<void>((res, rej) => {
      const started = Date.now();
      const tick = () => {
        if (pred(lines)) return res();
        if (child.exitCode !== null) return rej(new Error(`worker exited early (${child.exitCode}): ${stderr.slice(0, 2000)}`));
        if (Date.now() - started > ms) return rej(new Error(`timeout; lines: ${lines.slice(-3).join(' | ')} ${stderr.slice(0, 2000)}`));
        setTimeout(tick, 5);
      };
      tick();
    });
  return { child, lines, waitFor, exited };
}

/** Waits until no process of the worker's group is left (the writer, not only the wrapper). */
async function groupGone(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 400; i++) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('worker process group still alive');
}

function committed(lines: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const l of lines) {
    const m = /^committed (\d+) (\S+)/.exec(l);
    if (m) out.set(Number(m[1]), m[2]!);
  }
  return out;
}

/** Everything that must hold after any crash. */
function checkConsistent(db: Db): { doses: number } {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const doses = db.prepare('SELECT id, ssin FROM dose_records').all() as { id: string; ssin: string }[];
  expect(new Set(doses.map((d) => d.ssin)).size).toBe(doses.length);
  const outboxFor = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE record_id = ? AND kind = ?`);
  const printFor = db.prepare(`SELECT COUNT(*) AS n FROM print_job WHERE record_id = ?`);
  const next = db.prepare(`SELECT (SELECT COUNT(*) FROM appointments WHERE previous_dose_id = ?) + (SELECT COUNT(*) FROM booking_requests WHERE previous_dose_id = ?) AS n`);
  for (const d of doses) {
    expect((outboxFor.get(d.id, 'dose') as { n: number }).n, `outbox of ${d.id}`).toBe(1);
    expect((printFor.get(d.id) as { n: number }).n, `print job of ${d.id}`).toBe(1);
    expect((next.get(d.id, d.id) as { n: number }).n, `booking of ${d.id}`).toBe(1);
  }
  for (const a of db.prepare('SELECT id FROM appointments').all() as { id: string }[]) {
    expect((outboxFor.get(a.id, 'appointment') as { n: number }).n, `outbox of appointment ${a.id}`).toBe(1);
  }
  const orphans = db.prepare(`SELECT COUNT(*) AS n FROM outbox o WHERE o.kind = 'dose' AND NOT EXISTS (SELECT 1 FROM dose_records d WHERE d.id = o.record_id)`).get() as { n: number };
  expect(orphans.n).toBe(0);
  return { doses: doses.length };
}

describe('crash during recording (SIGKILL)', () => {
  let killedAfter = new Map<number, string>();

  it('loses no committed dose and leaves no half record when killed in the middle of a run', async () => {
    const w = run(['loop', '0', '400']);
    await w.waitFor((l) => committed(l).size >= 25, 20_000);
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20)));
    killHard(w.child);
    await w.exited;
    await groupGone(w.child);
    killedAfter = committed(w.lines);
    expect(w.lines).not.toContain('done');
    const db = openDatabase(databasePath(join(temp.dir, STATION)));
    try {
      const { doses } = checkConsistent(db);
      const ids = new Set((db.prepare('SELECT id FROM dose_records').all() as { id: string }[]).map((r) => r.id));
      for (const [i, id] of killedAfter) expect(ids.has(id), `committed dose ${i}`).toBe(true);
      // At most the one whose commit had not been reported yet.
      expect(doses - killedAfter.size).toBeGreaterThanOrEqual(0);
      expect(doses - killedAfter.size).toBeLessThanOrEqual(1);
    } finally {
      db.close();
    }
  });

  it('a restarted station re-scanning the same people records no second dose', async () => {
    const total = Math.max(...killedAfter.keys()) + 6;
    const w = run(['loop', '0', String(total)]);
    await w.waitFor((l) => l.includes('done'), 25_000);
    await w.exited;
    const again = w.lines.filter((l) => l.endsWith(' again')).length;
    expect(again).toBeGreaterThanOrEqual(killedAfter.size);
    const db = openDatabase(databasePath(join(temp.dir, STATION)));
    try {
      expect(checkConsistent(db).doses).toBe(total);
      for (const [i, id] of killedAfter) expect(committed(w.lines).get(i)).toBe(id);
    } finally {
      db.close();
    }
  });

  it('a process killed inside the transaction leaves nothing of that dose', async () => {
    const index = 777;
    const w = run(['hold', String(index)]);
    await w.waitFor((l) => l.includes('inside'), 20_000);
    killHard(w.child);
    await w.exited;
    await groupGone(w.child);
    expect(w.lines).not.toContain('not killed');
    const db = openDatabase(databasePath(join(temp.dir, STATION)));
    try {
      checkConsistent(db);
      expect(db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE ssin = ?').get(testSsin(index))).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM citizens WHERE ssin = ?').get(testSsin(index))).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
