import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { addDays, localDateOf } from '../../../src/domain/time/local-time';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { openTestStation, signedInCall } from '../../support/station';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { MethodName } from '../../../src/shared/contract';

/** The demo vials (src/main/station/reports/demo-guide.ts): GTIN, expiry 2049-12-31, lot. */
const COMIRNATY = '0105413868120110' + '17491231' + '10DEMOCOM01';
const VAXZEVRIA = '0105000456789011' + '17491231' + '10DEMOVAX01';
/** Demo citizens (src/main/station/demo/demo-people.ts). */
const HOFFMANN = '50061220146'; // born 1950, Comirnaty course complete 200 days before the seed day
const BECKER = '56030821464'; // born 1956, Comirnaty course complete 90 days before the seed day
const KREUTZER = '51093015282'; // born 1951, Vaxzevria dose 1 56 days before the seed day
const JANSSENS = '58041903361'; // born 1958, invited for Vaxzevria, no dose yet
const LUKASIEWICZ = '61021401782'; // born 1961, invited for Vaxzevria or Comirnaty

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** A demo station seeded on `start` (the demo's 2021-like rule history applies by date). */
function station(start: string) {
  const clock = new ManualClock(start);
  const s = openTestStation({ clock, lockAfterSeconds: 100 * 365 * 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 2 });
  const nurse = signedInCall(s, 'vaccinator', { language: 'en', displayName: 'Dr. An Peeters' });
  const boss = signedInCall(s, 'supervisor', { language: 'en', displayName: 'Sam Supervisor' });
  const call = async (method: MethodName, args: unknown, who: CallInfo = nurse) => s.dispatch(method, args as never, who);
  const use = (ssin: string, text: string) => call('vials.use', { text, ssin });
  const give = async (ssin: string, text: string) => {
    const used = await use(ssin, text);
    if (!used.ok) return used;
    const { lot, vial } = used.result as { lot: { lotId: string }; vial: { id: string } | null };
    return call('booking.administer', { ssin, lotId: lot.lotId, vialId: vial?.id ?? null, print: false });
  };
  const day = () => localDateOf(clock.now());
  const doseDay = (ssin: string, n: number) => (s.ctx.db.prepare('SELECT local_date FROM dose_records WHERE ssin = ? AND dose_number = ?').get(ssin, n) as { local_date: string }).local_date;
  return { s, clock, nurse, boss, call, use, give, day, doseDay };
}

const DAY = 24 * 3600_000;

describe('boosters by the rule of the day', () => {
  it('refuses a booster before the demo rules allow one, then records it as dose 3 with no dose-2 booking; its record carries dose number 3', async () => {
    // 1 September 2021: the demo's Comirnaty rule has no booster yet; from 15 September, for the over-65s.
    const { s, clock, use, give, call, boss } = station('2021-09-01T10:00:00+02:00');
    const before = await use(HOFFMANN, COMIRNATY);
    expect(!before.ok && before.error.code).toBe('vials.course_complete');

    clock.advance(14 * DAY);
    const given = await give(HOFFMANN, COMIRNATY);
    if (!given.ok) throw new Error(given.error.message);
    const result = given.result as { dose: { doseNumber: number; booster?: boolean }; courseComplete: boolean; next: { kind: string } };
    expect(result.dose).toMatchObject({ doseNumber: 3, booster: true });
    expect(result.courseComplete).toBe(true);
    expect(result.next.kind).toBe('none');
    expect(s.ctx.db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE ssin = ? AND status = 'booked'`).get(HOFFMANN)).toEqual({ n: 0 });
    const outbox = s.ctx.db.prepare(`SELECT payload FROM outbox WHERE kind = 'dose' ORDER BY seq DESC LIMIT 1`).get() as { payload: string };
    expect(JSON.parse(outbox.payload)).toMatchObject({ doseNumber: 3, productCode: 'comirnaty' });

    // Counted as a booster where the day's doses are counted: the day plan and the end-of-day report.
    const plan = await call('booking.dayPlan', {}, boss);
    if (!plan.ok) throw new Error(plan.error.message);
    expect((plan.result as { products: { productCode: string; dosesGiven: number; boosters?: number }[] }).products.find((p) => p.productCode === 'comirnaty')).toMatchObject({ dosesGiven: 1, boosters: 1 });
    const report = await call('reports.endOfDay', { format: 'json' }, boss);
    if (!report.ok) throw new Error(report.error.message);
    expect((report.result as { report: { doses: { total: number; boosters?: number } } }).report.doses).toMatchObject({ total: 1, boosters: 1 });
  });

  it('says when a booster is too early, with the first allowed day, and refuses a product the booster rule does not name', async () => {
    const { day, use, doseDay } = station('2021-12-02T10:00:00+01:00');
    const early = await use(BECKER, COMIRNATY);
    expect(early.ok).toBe(false);
    if (early.ok) return;
    const firstDay = addDays(doseDay(BECKER, 2), 180);
    expect(firstDay > day()).toBe(true);
    expect(early.error).toMatchObject({ code: 'rules.booster_too_early', params: { firstDay, minimum: 180 } });

    const wrong = await use(BECKER, VAXZEVRIA);
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'rules.booster_product', params: { allowed: 'Comirnaty (Pfizer-BioNTech), Spikevax (Moderna)', product: 'Vaxzevria (AstraZeneca)' } });
  });
});

describe('finding a person whose course is complete', () => {
  type Found = { result: { warnings: { code: string }[]; nextDoseNumber: number | null; earliestNextDose: string | null; courseComplete: boolean; vaccination: { allowed: boolean; blockedBy: string[] } } };
  const lookup = async (call: (m: MethodName, a: unknown) => Promise<{ ok: boolean }>, ssin: string) => {
    const answer = (await call('checkin.lookup', { ssin })) as { ok: true; result: Found['result'] } | { ok: false };
    if (!answer.ok) throw new Error('lookup refused');
    return answer.result;
  };

  it('blocks with "course complete" before boosters, names the first allowed day when too early, and lets a due booster on as the next dose number', async () => {
    const { clock, call, doseDay } = station('2021-09-14T10:00:00+02:00');
    const before = await lookup(call, HOFFMANN);
    expect(before.warnings.map((w) => w.code)).toContain('course_complete');
    expect(before.vaccination).toMatchObject({ allowed: false, blockedBy: ['course_complete'] });

    clock.advance(DAY);
    const due = await lookup(call, HOFFMANN);
    expect(due.warnings.map((w) => w.code)).toContain('booster');
    expect(due).toMatchObject({ courseComplete: true, nextDoseNumber: 3, vaccination: { allowed: true, blockedBy: [] } });

    const early = await lookup(call, BECKER);
    expect(early).toMatchObject({ nextDoseNumber: null, earliestNextDose: addDays(doseDay(BECKER, 2), 180), vaccination: { allowed: false, blockedBy: ['too_early'] } });
  });
});

describe('age limits and mixed schedules by the rule of the day', () => {
  it('refuses Vaxzevria above the age limit of March 2021, naming the limit, and gives it under the rule of May', async () => {
    const { clock, use } = station('2021-03-01T10:00:00+01:00');
    const old = await use(JANSSENS, VAXZEVRIA);
    expect(!old.ok && old.error).toMatchObject({ code: 'rules.too_old', params: { limit: 55, age: 62, product: 'Vaxzevria (AstraZeneca)' } });
    expect(!old.ok && old.error.message).toContain('up to 55 years');
    clock.advance(61 * DAY);
    const may = await use(JANSSENS, VAXZEVRIA);
    expect(may.ok).toBe(true);
  });

  it('accepts Comirnaty after a Vaxzevria first dose from the day mixed schedules are allowed, not the day before', async () => {
    const { clock, use, give } = station('2021-06-30T10:00:00+02:00');
    const before = await use(KREUTZER, COMIRNATY);
    expect(!before.ok && before.error).toMatchObject({ code: 'vials.other_course_product', params: { previous: 'Vaxzevria (AstraZeneca)' } });
    clock.advance(DAY);
    const given = await give(KREUTZER, COMIRNATY);
    if (!given.ok) throw new Error(given.error.message);
    expect(given.result).toMatchObject({ dose: { doseNumber: 2, productCode: 'comirnaty', booster: false }, courseComplete: true, next: { kind: 'none' } });
  });

  it('books dose 2 with the interval of the rule in force on the day of dose 1 (Vaxzevria 84 days, then 56)', async () => {
    const { clock, give } = station('2021-05-31T10:00:00+02:00');
    const may = await give(JANSSENS, VAXZEVRIA);
    if (!may.ok) throw new Error(may.error.message);
    expect((may.result as { next: { window: { targetDate: string } } }).next.window.targetDate).toBe('2021-08-23');
    // The next person a day later, under the rule of 1 June.
    clock.advance(DAY);
    const june = await give(LUKASIEWICZ, VAXZEVRIA);
    if (!june.ok) throw new Error(june.error.message);
    expect((june.result as { next: { window: { targetDate: string } } }).next.window.targetDate).toBe('2021-07-27');
  });
});

describe('the supervisor edits the rules', () => {
  const version = (over: Record<string, unknown> = {}) => ({
    productCode: 'vaxzevria',
    validFrom: '2021-06-02',
    interval: { minDays: 28, targetDays: 56, maxDays: 84 },
    minAgeYears: 65,
    maxAgeYears: null,
    mixedWith: [],
    booster: null,
    reason: 'regional advice of 1 June',
    ...over,
  });

  it('refuses a new version from a vaccinator, and lists the versions for any staff with the one in force today marked', async () => {
    const { call, nurse } = station('2021-06-01T10:00:00+02:00');
    const refused = await call('rules.addVersion', version(), nurse);
    expect(!refused.ok && refused.error.code).toBe('staff.forbidden');
    const listed = await call('rules.list', {}, nurse);
    if (!listed.ok) throw new Error(listed.error.message);
    const result = listed.result as { today: string; versions: { productCode: string; validFrom: string; inForce: boolean }[] };
    expect(result.today).toBe('2021-06-01');
    expect(result.versions.filter((v) => v.productCode === 'vaxzevria' && v.inForce)).toEqual([expect.objectContaining({ validFrom: '2021-06-01' })]);
  });

  it('applies a new version from its day only: the day before, the old rule; nothing earlier is changed; a past day or the same day twice is refused', async () => {
    const { s, clock, call, boss, use } = station('2021-06-01T10:00:00+02:00');
    const added = await call('rules.addVersion', version(), boss);
    if (!added.ok) throw new Error(added.error.message);
    expect(added.result).toMatchObject({ validFrom: '2021-06-02', minAgeYears: 65, createdBy: 'Sam Supervisor', inForce: false });
    // Today the rule of 1 June (from 41 years) still applies.
    expect((await use(LUKASIEWICZ, VAXZEVRIA)).ok).toBe(true);
    clock.advance(DAY);
    const tomorrow = await use(JANSSENS, VAXZEVRIA);
    expect(!tomorrow.ok && tomorrow.error).toMatchObject({ code: 'rules.too_young', params: { limit: 65, age: 63 } });

    const past = await call('rules.addVersion', version({ validFrom: '2021-06-01' }), boss);
    expect(!past.ok && past.error.code).toBe('rules.past_day');
    const twice = await call('rules.addVersion', version(), boss);
    expect(!twice.ok && twice.error.code).toBe('rules.version_exists');
    const badInterval = await call('rules.addVersion', version({ validFrom: '2021-06-09', interval: { minDays: 60, targetDays: 56, maxDays: 84 } }), boss);
    expect(!badInterval.ok && badInterval.error.code).toBe('rules.invalid');
    const rows = s.ctx.db.prepare(`SELECT valid_from FROM dose_rules WHERE product_code = 'vaxzevria' ORDER BY valid_from`).all() as { valid_from: string }[];
    expect(rows.map((r) => r.valid_from)).toEqual(['2021-02-08', '2021-04-08', '2021-06-01', '2021-06-02', '2021-07-01', '2021-09-15', '2021-12-01']);
    // The change is in the audit trail, by the signed-in supervisor.
    const audit = s.ctx.db.prepare(`SELECT action FROM audit_log WHERE method = 'rules.addVersion'`).all() as { action: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.action === 'admin')).toBe(true);
  });

  it('takes a catalogue interval change as a version from today where the product has versions, so eligibility and booking still read one rule', async () => {
    const { s, call, boss, give } = station('2021-06-15T10:00:00+02:00');
    const configured = await call('products.configure', { code: 'vaxzevria', interval: { minDays: 28, targetDays: 70, maxDays: 84 }, reason: 'regional advice', by: 'ignored' }, boss);
    if (!configured.ok) throw new Error(configured.error.message);
    const listed = await call('rules.list', {}, boss);
    if (!listed.ok) throw new Error(listed.error.message);
    const today = (listed.result as { versions: { productCode: string; validFrom: string; inForce: boolean; interval: unknown; minAgeYears: number | null; createdBy: string }[] }).versions.find((v) => v.productCode === 'vaxzevria' && v.inForce);
    // The rest of the rule stays as it was in force (from 41 years).
    expect(today).toMatchObject({ validFrom: '2021-06-15', interval: { minDays: 28, targetDays: 70, maxDays: 84 }, minAgeYears: 41, createdBy: 'Sam Supervisor' });
    const given = await give(JANSSENS, VAXZEVRIA);
    if (!given.ok) throw new Error(given.error.message);
    expect((given.result as { next: { window: { targetDate: string } } }).next.window.targetDate).toBe('2021-08-24');

    // A second change the same day would edit today's version: refused, and the catalogue keeps its interval.
    const again = await call('products.configure', { code: 'vaxzevria', interval: { minDays: 28, targetDays: 60, maxDays: 84 }, reason: 'typo', by: 'ignored' }, boss);
    expect(!again.ok && again.error.code).toBe('rules.version_exists');
    expect(s.ctx.db.prepare(`SELECT target_days FROM vaccine_products WHERE code = 'vaxzevria'`).get()).toEqual({ target_days: 70 });
  });
});
