import type Database from 'better-sqlite3';
import type { Benchmark } from '../harness';
import { benchCall, openBenchStation } from '../support/demo-station';
import { takeSsins } from '../support/people';
import { candidateSlots } from '../../src/main/station/booking/appointments';
import { seedDemoCentre } from '../../src/main/station/demo/seed-demo';
import { findCitizen } from '../../src/main/station/identity/citizens';
import { addDays } from '../../src/domain/time/local-time';
import { stationApi } from '../../tests/support/station';

type Station = ReturnType<typeof openBenchStation>['station'];

async function call(station: Station, method: string, args: unknown) {
  const answer = await station.dispatch(method, args, benchCall as never);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.result as Record<string, unknown>;
}

/** Scan text in, check-in result out, through the dispatcher (validation included). */
export const checkinScan: Benchmark = {
  name: 'scan classification + person lookup + check-in result',
  budgetMs: 5,
  samples: 500,
  async setup() {
    const { station } = openBenchStation();
    const known = (station.ctx.db.prepare('SELECT ssin FROM citizens ORDER BY ssin').all() as { ssin: string }[]).map((r) => r.ssin);
    let i = 0;
    return {
      sample: async () => {
        const ssin = known[i++ % known.length]!;
        await call(station, 'checkin.scan', { text: ssin, source: 'scanner' });
      },
      teardown: () => station.cleanup(),
    };
  },
};

/**
 * Times every statement a prepared query runs, so that the database's share of a use case can be
 * told apart from the JavaScript around it.
 */
function instrumentDatabase(db: Database.Database): { take(): number } {
  let spent = 0;
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...a: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const start = performance.now();
        try {
          return original(...args);
        } finally {
          spent += performance.now() - start;
        }
      };
    }
    return statement;
  };
  const exec = db.exec.bind(db);
  (db as { exec: unknown }).exec = (sql: string) => {
    const start = performance.now();
    try {
      return exec(sql);
    } finally {
      spent += performance.now() - start;
    }
  };
  return {
    take() {
      const value = spent;
      spent = 0;
      return value;
    },
  };
}

function administerBench(share: 'total' | 'database'): Benchmark {
  return {
    name: share === 'total' ? 'administer + book dose 2 + outbox + card layout (one transaction)' : 'administer + book dose 2: database share',
    budgetMs: share === 'total' ? 50 : 2,
    samples: 300,
    warmup: 20,
    async setup() {
      const { station } = openBenchStation();
      const meter = instrumentDatabase(station.ctx.db);
      const lot = station.ctx.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty'`).get() as { id: string };
      const people = takeSsins(400, 500_000);
      let i = 0;
      return {
        sample: async () => {
          const ssin = people[i++]!;
          meter.take();
          const start = performance.now();
          const result = await call(station, 'booking.administer', {
            ssin,
            person: { familyName: 'Bench', givenNames: `Person ${i}`, birthDate: null, sex: null, language: 'nl' },
            lotId: lot.id,
            vaccinator: { nihdi: '10000000001', name: 'Dr. Bench' },
          });
          const total = performance.now() - start;
          if ((result.next as { kind?: string }).kind !== 'booked') throw new Error(`dose 2 not booked: ${JSON.stringify(result.next)}`);
          return share === 'total' ? total : meter.take();
        },
        teardown: () => station.cleanup(),
      };
    },
  };
}

/**
 * A visit with screening on the back end: the answers and consent recorded (screening.record),
 * then the dose that names that screening (checked before anything is written), dose 2 booked,
 * outbox, card and observation start. The same budget as administering alone.
 */
export const administerWithScreening: Benchmark = {
  name: 'screening recorded + administer with it + book dose 2 (two calls)',
  budgetMs: 50,
  samples: 300,
  warmup: 20,
  async setup() {
    const { station } = openBenchStation();
    // A signed-in vaccinator with a NIHDI number: the screening is recorded in their name.
    const vaccinator = stationApi(station, 'vaccinator');
    const lot = station.ctx.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty'`).get() as { id: string };
    const people = takeSsins(400, 600_000);
    const questions = (await vaccinator.call('screening.questionsFor', { ssin: people[0]!, productCode: 'comirnaty' })).questions;
    if (questions.length === 0) throw new Error('the demo station has no screening questions');
    let i = 0;
    return {
      sample: async () => {
        const ssin = people[i++]!;
        const person = { familyName: 'Bench', givenNames: `Person ${i}`, birthDate: null, sex: null, language: 'nl' as const };
        const start = performance.now();
        const screening = await vaccinator.call('screening.record', {
          ssin,
          person,
          productCode: 'comirnaty',
          answers: questions.map((q) => ({ questionId: q.id, answer: false })),
          consent: { by: 'person' },
        });
        const result = await vaccinator.call('booking.administer', { ssin, person, lotId: lot.id, screeningId: screening.id });
        const total = performance.now() - start;
        if ((result.next as { kind?: string }).kind !== 'booked') throw new Error(`dose 2 not booked: ${JSON.stringify(result.next)}`);
        return total;
      },
      teardown: () => station.cleanup(),
    };
  },
};

export const administerTotal = administerBench('total');
export const administerDatabaseShare = administerBench('database');

function slotSearch(days: number, budgetMs: number): Benchmark {
  return {
    name: days === 1 ? 'free-slot search for a day' : `free-slot search over a ${days}-day calendar`,
    budgetMs,
    samples: days === 1 ? 300 : 60,
    async setup() {
      const { station, clock } = openBenchStation();
      seedDemoCentre(station.ctx.db, clock, 'station-1', { days: 200 });
      const from = '2026-03-02';
      const count = candidateSlots(station.ctx.db, 'station-1', 'comirnaty', from, addDays(from, days - 1)).length;
      if (count === 0) throw new Error('no free slots to search');
      let d = 0;
      return {
        sample: () => {
          const start = days === 1 ? addDays(from, d++ % 150) : from;
          candidateSlots(station.ctx.db, 'station-1', 'comirnaty', start, addDays(start, days - 1));
        },
        teardown: () => station.cleanup(),
      };
    },
  };
}

export const slotSearchDay = slotSearch(1, 5);
export const slotSearch200 = slotSearch(200, 50);

/** Person lookup by national number among a million citizens. */
export const lookupMillion: Benchmark = {
  name: 'person lookup in a 1,000,000-record database',
  budgetMs: 1,
  percentile: 99,
  samples: 2000,
  async setup() {
    const { station } = openBenchStation();
    const db = station.ctx.db;
    const people = takeSsins(1_000_000, 1_000);
    const insert = db.prepare(
      `INSERT OR IGNORE INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at)
       VALUES (?, ?, 'Bench', 'Person', NULL, NULL, 'nl', 'sync', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    db.transaction(() => {
      for (let i = 0; i < people.length; i++) insert.run(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, people[i]);
    })();
    const count = (db.prepare('SELECT COUNT(*) AS n FROM citizens').get() as { n: number }).n;
    // A handful of generated numbers are demo citizens already: at least a million people either way.
    if (count < 1_000_000) throw new Error(`only ${count} citizens`);
    let seed = 12345;
    return {
      sample: () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const ssin = people[seed % people.length]!;
        if (!findCitizen(db, ssin)) throw new Error(`citizen ${ssin} not found`);
      },
      teardown: () => station.cleanup(),
    };
  },
};
