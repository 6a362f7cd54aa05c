import v8 from 'node:v8';
import vm from 'node:vm';
import { join } from 'node:path';
import type { Benchmark } from '../harness';
import { ManualClock } from '../../src/main/adapters/clock';
import { openTestStation, stationApi } from '../../tests/support/station';
import type { MethodName } from '../../src/shared/contract';
import { makeTempDir } from '../../tests/support/temp-dir';
import { VirtualPrinter } from '../../src/devices/virtual-printer';
import { seedSimulatedCentre } from '../../src/simulator/centre';
import { makeCitizens } from '../../src/simulator/citizens';
import { Prng } from '../../src/simulator/prng';
import { calendarDays } from '../../src/simulator/plan';
import { startStandIn } from '../../src/devices/federal-stand-in/process';

const WARMUP = 1_000;
const MEASURED = 4_000;

/** global.gc without restarting node with --expose-gc. */
function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Footprint {
  heapMb: number;
  rssMb: number;
}

/**
 * 5,000 citizens through one station in this process (check-in by eID, dose with dose-2 booking,
 * card printed on a TCP virtual printer, records synced to the stand-in), timed per person. The
 * heap and RSS after the first 1,000 (warm-up) are compared with those after the last: both may
 * grow at most 10% (a station runs all day, every day).
 */
export const memoryFiveThousand: Benchmark = (() => {
  let before: Footprint | null = null;
  let after: Footprint | null = null;
  return {
    name: 'memory: 5,000 citizens through one station (check-in, dose, card, sync), per person',
    budgetMs: 50,
    samples: MEASURED,
    warmup: WARMUP,
    async setup() {
      const gc = collector();
      const temp = makeTempDir('dosedesk-bench-memory-');
      const standIn = await startStandIn(join(temp.dir, 'federal'));
      const printer = await VirtualPrinter.start({ type: 'epson', columns: 48 });
      let printed = 0;
      // The printer fixture keeps every slip; drop them so only the station's memory is measured.
      printer.on('slip', () => {
        printed++;
        printer.slips.length = 0;
      });
      const day = '2026-03-02';
      const clock = new ManualClock(`${day}T07:00:00.000Z`);
      const station = openTestStation({
        clock,
        settings: { stationId: 'station-1', centreId: 'bench-centre', federalUrl: standIn.url, printer: { uri: printer.uri, type: 'epson', width: '80', paper: 'receipt' } },
      });
      seedSimulatedCentre(station.ctx.db, clock.now(), {
        centreId: 'bench-centre',
        from: day,
        days: calendarDays(['comirnaty']),
        stationIds: ['station-1'],
        productCodes: ['comirnaty'],
        capacityPerSlot: 24,
        cardKey: Buffer.alloc(32, 7),
      });
      // As at a booth: staff signed in, roles checked, the vaccinator the dose names signed in too.
      const api = stationApi(station, ['checkin', 'vaccinator']);
      const call = async (method: string, args: unknown) => (await api.call(method as MethodName, args as never)) as Record<string, unknown>;
      const lot = await call('vials.scan', { text: ']d2010541386812011017270630' + '10BENCH01' });
      const people = makeCitizens(new Prng(99), WARMUP + MEASURED, day);
      const pending = () =>
        (station.ctx.db.prepare(`SELECT (SELECT COUNT(*) FROM outbox WHERE state IN ('waiting', 'sending')) + (SELECT COUNT(*) FROM print_job WHERE state IN ('queued', 'sending')) AS n`).get() as { n: number }).n;
      /** Waits for the background workers to catch up, collects garbage, and measures. */
      const settle = async (): Promise<Footprint> => {
        for (let i = 0; i < 1_200 && pending() > 0; i++) await sleep(100);
        if (pending() > 0) throw new Error(`${pending()} records or cards still pending`);
        for (let i = 0; i < 3; i++) {
          gc();
          await sleep(50);
        }
        const m = process.memoryUsage();
        return { heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
      };
      let n = 0;
      return {
        sample: async () => {
          if (n === WARMUP) before = await settle();
          const c = people[n++]!;
          clock.advance(1_000);
          // Each call reaches a station as its own message (IPC or HTTP), so its printer and sync
          // run between people; back-to-back calls in one process would starve them until the end,
          // and the footprint measured would be that of draining the whole day's backlog at once.
          await new Promise<void>((r) => setImmediate(r));
          const start = performance.now();
          await call('checkin.scan', { text: c.ssin, source: 'chip', language: c.language, chip: { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, validityEnd: c.cardValidUntil } });
          const result = await call('booking.administer', {
            ssin: c.ssin,
            person: { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, language: c.language },
            lotId: lot.lotId,
            vaccinator: { nihdi: '12345678901', name: 'Dr. An Peeters' },
          });
          const elapsed = performance.now() - start;
          if ((result.next as { kind: string }).kind !== 'booked') throw new Error(`dose 2 not booked for person ${n}`);
          if (n === WARMUP + MEASURED) {
            after = await settle();
            if (printed < n) throw new Error(`${printed} of ${n} cards printed`);
          }
          return elapsed;
        },
        teardown: async () => {
          station.cleanup();
          await printer.close();
          await standIn.stop();
          temp.cleanup();
        },
      };
    },
    extra() {
      if (!before || !after) return { pass: false, note: 'memory not measured' };
      const heap = (after.heapMb - before.heapMb) / before.heapMb;
      const rss = (after.rssMb - before.rssMb) / before.rssMb;
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      return {
        pass: heap <= 0.1 && rss <= 0.1,
        note: `after warm-up heap ${before.heapMb.toFixed(1)} -> ${after.heapMb.toFixed(1)} MB (${pct(heap)}), RSS ${before.rssMb.toFixed(1)} -> ${after.rssMb.toFixed(1)} MB (${pct(rss)}); limit 10% each`,
      };
    },
  };
})();
