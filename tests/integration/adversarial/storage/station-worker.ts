/**
 * Child process for the kill -9 test: a station that records doses (dose, booking, outbox row and
 * card in one transaction) while its print worker sends the cards to a TCP printer, printing a
 * line after each acknowledged dose, until the parent kills it with SIGKILL.
 *   tsx station-worker.ts <dir> <stationId> <printerUri> <from> <count>
 */
import { ManualClock } from '../../../../src/main/adapters/clock';
import { localInstant } from '../../../../src/domain/time/local-time';
import { administer } from '../../../../src/main/station/booking/administer';
import { createPrinter } from '../../../../src/main/adapters/printer/printer';
import { PrintWorker } from '../../../../src/main/station/printing/worker';
import { testSsin } from '../../../support/booking/world';
import { openTestStation } from '../../../support/station';

const [dir, stationId, uri, a, b] = process.argv.slice(2);
const from = Number(a);
const count = Number(b);
const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
const station = openTestStation({ dir: dir!, stationId: stationId!, clock, deferServices: true });
const lotId = (station.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty' LIMIT 1`).get() as { id: string }).id;
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const printer = createPrinter({ uri: uri!, type: 'epson', width: '80', paper: 'receipt', tcp: { statusTimeoutMs: 500, connectTimeoutMs: 500 } });
const worker = new PrintWorker({ db: station.db, clock, printer: () => printer, retryMs: 20, idleCheckMs: 50 });
worker.start();

async function main(): Promise<void> {
  for (let i = from; i < from + count; i++) {
    clock.advance(1000);
    const r = administer(station.ctx, { ssin: testSsin(i), person: { familyName: `Kill ${i}`, givenNames: 'Zoë', birthDate: null, sex: null, language: 'fr' }, lotId, vaccinator }, {});
    process.stdout.write(`committed ${i} ${r.dose.id} ${r.alreadyRecorded ? 'again' : 'new'}\n`);
    // Let the print worker send the card in between, so kills land during printing too.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await worker.idle(20_000);
  process.stdout.write('done\n');
  await worker.stop();
  station.close();
}
void main();
