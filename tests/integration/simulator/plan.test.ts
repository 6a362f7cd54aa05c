import { describe, expect, it } from 'vitest';
import { parseSsin } from '../../../src/domain/identity/ssin';
import { planDay, stationIdsOf } from '../../../src/simulator/plan';
import { ScaledClock } from '../../../src/simulator/scaled-clock';

const base = { stations: 4, citizens: 400, outageMinutes: 180, seed: 1, date: '2021-04-26' };

describe('the plan of a simulated day', () => {
  it('is the same day for the same seed, and another day for another seed', () => {
    const a = planDay(base);
    const b = planDay(base);
    expect(b.digest).toBe(a.digest);
    expect(b.visits.map((v) => [v.citizen.ssin, v.stationId, v.arrivalAt])).toEqual(a.visits.map((v) => [v.citizen.ssin, v.stationId, v.arrivalAt]));
    expect(b.faultPhases).toEqual(a.faultPhases);
    expect(b.kill).toEqual(a.kill);
    const c = planDay({ ...base, seed: 2 });
    expect(c.digest).not.toBe(a.digest);
    expect(c.visits.map((v) => v.citizen.ssin)).not.toEqual(a.visits.map((v) => v.citizen.ssin));
  });

  it('has distinct adult citizens with valid national numbers, arriving in order within opening hours', () => {
    const plan = planDay(base);
    const ssins = plan.visits.map((v) => v.citizen.ssin);
    expect(new Set(ssins).size).toBe(400);
    for (const v of plan.visits) {
      const parsed = parseSsin(v.citizen.ssin, '2021-04-26', { source: 'document' });
      expect(parsed.ok, v.citizen.ssin).toBe(true);
      if (parsed.ok) expect(parsed.value.birthDate).toBe(v.citizen.birthDate);
      expect(v.citizen.birthDate < '2003-04-26').toBe(true);
      expect(v.arrivalAt).toBeGreaterThanOrEqual(plan.openAt);
      expect(v.arrivalAt).toBeLessThanOrEqual(plan.lastArrivalAt);
      expect(v.serviceMs).toBeGreaterThanOrEqual(60_000);
      expect(v.serviceMs).toBeLessThanOrEqual(90_000);
    }
    expect(plan.visits.map((v) => v.arrivalAt)).toEqual([...plan.visits.map((v) => v.arrivalAt)].sort((x, y) => x - y));
    // Every booth gets a fair share of the queue.
    for (const id of stationIdsOf(4)) expect(plan.visits.filter((v) => v.stationId === id).length).toBeGreaterThan(60);
  });

  it('centres the outage on the middle of the day and kills a station while it serves someone', () => {
    const plan = planDay(base);
    expect(plan.outage!.to - plan.outage!.from).toBe(180 * 60_000);
    expect((plan.outage!.from + plan.outage!.to) / 2).toBe((plan.openAt + plan.closeAt) / 2);
    expect(plan.faultPhases.map((p) => p.label)).toEqual(['open', 'outage', 'recovered']);
    expect(plan.faultPhases[1]!.faults.down).toBe(true);
    const victim = plan.visits[plan.kill!.visitIndex]!;
    expect(victim.stationId).toBe(plan.kill!.stationId);
    expect(victim.arrivalAt).toBeGreaterThanOrEqual(plan.kill!.at);
    expect(planDay({ ...base, killMode: 'answer-lost' }).kill!.mode).toBe('answer-lost');
    expect(planDay({ ...base, outageMinutes: 0 }).faultPhases.map((p) => p.label)).toEqual(['open']);
    expect(() => planDay({ ...base, date: '2021-04-25' })).toThrow(/Sunday/);
  });
});

describe('visits the screening ends without a dose', () => {
  it('are drawn from the seed (refusals, contraindications, postponements), never the killed visit, and have no reaction', () => {
    const plan = planDay(base);
    const ended = plan.visits.filter((v) => v.notVaccinated);
    expect(ended.map((v) => [v.index, v.notVaccinated])).toEqual(planDay(base).visits.filter((v) => v.notVaccinated).map((v) => [v.index, v.notVaccinated]));
    expect(ended.length).toBeGreaterThan(5);
    expect(ended.length).toBeLessThan(40);
    expect(new Set(ended.map((v) => v.notVaccinated))).toEqual(new Set(['refusal', 'contraindication', 'postponement']));
    expect(ended.some((v) => v.index === plan.kill!.visitIndex)).toBe(false);
    expect(ended.every((v) => v.reaction === null)).toBe(true);
    // The people, arrivals and kill of a seed stay what they were.
    expect(plan.visits.filter((v) => v.reaction).length).toBeGreaterThan(0);
  });
});

describe('the fast-forwarded clock', () => {
  it('runs at its speed, stands still at 0, and never goes back', () => {
    let real = 1_000;
    const clock = new ScaledClock({ realMs: 1_000, simMs: 0, speed: 600 }, () => real);
    real += 100;
    expect(clock.nowMs()).toBe(60_000);
    clock.setSpeed(0);
    real += 5_000;
    expect(clock.nowMs()).toBe(60_000);
    expect(clock.realMsUntil(120_000)).toBe(Infinity);
    clock.setSpeed(600, 180_000);
    expect(clock.nowMs()).toBe(180_000);
    clock.adopt({ realMs: real, simMs: 10, speed: 600 });
    expect(clock.nowMs()).toBe(180_000);
    expect(clock.realMsUntil(240_000)).toBe(100);
  });
});
