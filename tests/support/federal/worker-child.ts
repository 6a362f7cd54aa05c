/**
 * A station's sync worker in its own process, for the kill test:
 *   node --import tsx tests/support/federal/worker-child.ts <station.sqlite> <fhir base url>
 * Prints "started" once the loop runs; meant to be killed with SIGKILL mid-send.
 */
import { openDatabase } from '../../../src/main/adapters/sqlite/database';
import { systemClock } from '../../../src/main/adapters/clock';
import { createFederalClient } from '../../../src/main/adapters/federal/client';
import { SyncWorker } from '../../../src/main/station/sync/worker';

const [dbFile, url] = process.argv.slice(2);
if (!dbFile || !url) {
  process.stderr.write('usage: worker-child.ts <station.sqlite> <fhir base url>\n');
  process.exit(2);
}
const db = openDatabase(dbFile);
const client = createFederalClient({ baseUrl: url, timeoutMs: 60_000, transactionTimeoutMs: 60_000 });
const worker = new SyncWorker(
  { db, clock: systemClock, client, centreId: 'heysel', log: (line) => process.stderr.write(`[child] ${line}\n`) },
  { batchSize: 20, idlePollMs: 50, pullOnStart: false },
);
worker.start();
process.stdout.write('started\n');
