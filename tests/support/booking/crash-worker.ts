/**
 * Child process for the crash tests: records doses (with booking, outbox row and print job) on a
 * station database, printing a line after each commit, until the parent kills it with SIGKILL.
 *   tsx crash-worker.ts <dir> <stationId> loop <from> <count>
 *   tsx crash-worker.ts <dir> <stationId> hold <index>     (stops INSIDE the transaction)
 */
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { administer } from '../../../src/main/station/booking/administer';
import { administerInTx } from '../../../src/main/station/booking/doses';
import { testSsin } from './world';
import { openTestStation } from '../station';

const [dir, stationId, mode, a, b] = process.argv.slice(2);
const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
const station = openTestStation({ dir: dir!, stationId: stationId!, clock, deferServices: true });
const lotId = (station.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty' LIMIT 1`).get() as { id: string }).id;
const person = (i: number) => ({ familyName: `Crash ${i}`, givenNames: 'Zoë', birthDate: null, sex: null, language: 'fr' as const });
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };

if (mode === 'hold') {
  const i = Number(a);
  station.db
    .transaction(() => {
      administerInTx(station.db, station.actor(), { ssin: testSsin(i), person: person(i), lotId, vaccinator });
      process.stdout.write('inside\n');
      // Wait here, mid-transaction, until the parent kills us.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    })
    .immediate();
  process.stdout.write('not killed\n');
} else {
  const from = Number(a);
  const count = Number(b);
  for (let i = from; i < from + count; i++) {
    clock.advance(1000);
    const r = administer(station.ctx, { ssin: testSsin(i), person: person(i), lotId, vaccinator }, {});
    process.stdout.write(`committed ${i} ${r.dose.id} ${r.alreadyRecorded ? 'again' : 'new'}\n`);
  }
  process.stdout.write('done\n');
}
station.close();
