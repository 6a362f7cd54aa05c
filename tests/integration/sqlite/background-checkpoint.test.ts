import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, yieldingTransaction, type Db } from '../../../src/main/adapters/sqlite/database';
import { CLI_DIR, ensureCliBuilt } from '../../../scripts/cli-bundle.mjs';
import { makeTempDir } from '../../support/temp-dir';

const temps: { cleanup: () => void }[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.open && db.close());
  temps.splice(0).forEach((t) => t.cleanup());
});

function database(): { db: Db; file: string } {
  const temp = makeTempDir('dosedesk-checkpoint-');
  temps.push(temp);
  const file = join(temp.dir, 'station.sqlite');
  const db = openDatabase(file);
  dbs.push(db);
  db.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB)');
  return { db, file };
}

/** A seed-sized write: about 2,000 pages of the log (far over the 1,000 that trigger a copy). */
const writeMany = (db: Db) => {
  const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
  for (let i = 0; i < 2_000; i++) insert.run(Buffer.alloc(4_000, i % 251));
};

/** [busy, frames in the log, frames already copied into the file], without copying anything. */
const logState = (db: Db) => Object.values(db.pragma('wal_checkpoint(NOOP)', { simple: false }) as unknown as Record<string, number>[])[0]!;

describe('a large transaction whose copy into the file is left for later', () => {
  beforeAll(async () => {
    await ensureCliBuilt();
  }, 120_000);

  it('commits durably without copying its log, and the connection copies again automatically after', async () => {
    const { db } = database();
    await yieldingTransaction(db, async () => writeMany(db), { checkpointLater: true });
    const after = logState(db);
    expect(after.log).toBeGreaterThan(1_000);
    expect(after.checkpointed).toBe(0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect((db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n).toBe(2_000);
    // Without the option the commit copies, as always.
    const other = database().db;
    await yieldingTransaction(other, async () => writeMany(other));
    expect(logState(other).checkpointed).toBeGreaterThan(0);
  });

  it('has the built checkpoint thread copy the whole log while the station keeps its connection open', async () => {
    const { db, file } = database();
    await yieldingTransaction(db, async () => writeMany(db), { checkpointLater: true });
    const worker = new Worker(join(CLI_DIR, 'checkpoint-worker.mjs'), { workerData: { file, key: null } });
    const answer = await new Promise((resolve) => worker.once('message', resolve));
    expect(answer).toEqual({ done: true });
    const state = logState(db);
    expect(state.checkpointed).toBe(state.log);
  });
});
