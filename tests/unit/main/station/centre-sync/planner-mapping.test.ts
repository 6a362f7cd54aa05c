import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capacityViewFromFhir,
  capacityViewToFhir,
  formatUnits,
  parseUnitKey,
  parseUnits,
  settledTaskToFhir,
  stationScheduleFromFhir,
  stationScheduleToFhir,
  transferTaskFromFhir,
  transferTaskToFhir,
  unitKey,
  unitSlotFromFhir,
  unitSlotToFhir,
  type TransferTask,
  type UnitSlot,
} from '../../../../../src/domain/fhir/capacity';
import { capacityFromFhir } from '../../../../../src/domain/fhir/pulled';
import { planRebalance, type StationCapacityView } from '../../../../../src/domain/booking/rebalance';
import { starvedOnly } from '../../../../../src/main/station/centre-sync/planner';
import { validateResource } from '../../../../../src/federal-sim/validate';
import { tokensOf } from '../../../../../src/federal-sim/store';

const SLOT = '0b7e4c1a-5d2f-5a3e-9c1b-2f4d6e8a0b1c';

describe('unit numbers as text', () => {
  it('writes ranges and reads them back, for any set of units', () => {
    expect(formatUnits([8, 0, 1, 2, 3, 3])).toBe('0-3,8');
    expect(parseUnits('0-3, 8')).toEqual([0, 1, 2, 3, 8]);
    expect(parseUnits('')).toEqual([]);
    for (const bad of ['3-1', 'a', '1,,2', '1000', '-1']) expect(parseUnits(bad), bad).toBeNull();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { maxLength: 60 }), (units) => {
        expect(parseUnits(formatUnits(units))).toEqual([...units].sort((a, b) => a - b));
      }),
    );
  });

  it('names a unit of a slot and parses the name', () => {
    expect(parseUnitKey(unitKey(SLOT, 12))).toEqual({ slotId: SLOT, unit: 12 });
    expect(parseUnitKey('no-unit')).toBeNull();
  });
});

describe('capacity between stations as FHIR', () => {
  it('keeps a station heartbeat and a day view through a round trip, and only for its centre', () => {
    const hb = stationScheduleToFhir('heysel', 'station-2', '2026-03-02T08:00:00.000Z');
    expect(stationScheduleFromFhir(hb, 'heysel')).toEqual({ stationId: 'station-2', aliveAt: '2026-03-02T08:00:00.000Z' });
    expect(stationScheduleFromFhir(hb, 'antwerp')).toBeNull();
    const view = { stationId: 'station-2', day: '2026-03-23', publishedAt: '2026-03-02T08:00:00.000Z', slots: [{ slotId: SLOT, start: '2026-03-23T08:00:00.000Z', free: [1, 2, 3, 7] }] };
    const fhir = capacityViewToFhir('heysel', view, { start: '2026-03-23T00:00:00+01:00', end: '2026-03-24T00:00:00+01:00' });
    expect(fhir.extension!.find((e) => e.url.endsWith('free-units'))!.extension!.find((e) => e.url === 'free')!.valueString).toBe('1-3,7');
    expect(capacityViewFromFhir(fhir, 'heysel')).toEqual(view);
    // A view is not a capacity allocation: the puller's mapping sees no centre in it.
    expect(capacityFromFhir({ ...fhir, id: 'x' })).toMatchObject({ centreId: null, units: null, slotMinutes: null });
  });

  it('keeps a unit Slot and its move, offered or taken', () => {
    const u: UnitSlot = {
      slotId: SLOT,
      unit: 4,
      start: '2026-03-23T08:00:00.000Z',
      end: '2026-03-23T08:30:00.000Z',
      productCode: 'comirnaty',
      holder: 'station-1',
      taken: false,
      epoch: 3,
      move: { id: 't-1', kind: 'release', from: 'station-2', to: 'station-1', at: '2026-03-02T08:00:00.000Z', task: 'task-1' },
    };
    const offered = unitSlotToFhir('heysel', u);
    expect(offered.status).toBe('busy-tentative');
    expect(validateResource('Slot', offered)).toEqual([]);
    expect(unitSlotFromFhir(offered, 'heysel')).toEqual(u);
    const taken = unitSlotToFhir('heysel', { ...u, taken: true, move: { ...u.move, task: null } });
    expect(taken.status).toBe('free');
    expect(unitSlotFromFhir(taken, 'heysel')).toEqual({ ...u, taken: true, move: { ...u.move, task: null } });
    expect(unitSlotFromFhir(taken, 'antwerp')).toBeNull();
    expect(unitSlotFromFhir({ ...taken, status: 'busy' }, 'heysel')).toBeNull();
    // The stand-in finds it by the holder's Schedule.
    expect(tokensOf(taken as never)).toContainEqual({ param: 'schedule', system: 'urn:dosedesk:station-schedule:heysel', value: 'station-1' });
  });

  it('keeps a transfer request and its answer', () => {
    const t: TransferTask = {
      identifier: 'abc',
      giver: 'station-2',
      receiver: 'station-1',
      requester: 'desk',
      units: [
        { slotId: SLOT, unit: 1 },
        { slotId: SLOT, unit: 2 },
      ],
      authoredOn: '2026-03-02T08:00:00.000Z',
      expiresAt: '2026-03-02T08:15:00.000Z',
      status: 'requested',
    };
    const task = transferTaskToFhir('heysel', t);
    expect(validateResource('Task', task)).toEqual([]);
    expect(transferTaskFromFhir(task, 'heysel')).toEqual(t);
    expect(tokensOf(task as never)).toContainEqual({ param: 'owner', system: 'urn:dosedesk:station:heysel', value: 'station-2' });
    const done = settledTaskToFhir('heysel', t, { status: 'completed', reason: 'all units released', released: [{ slotId: SLOT, unit: 1, epoch: 1 }] });
    expect(transferTaskFromFhir(done, 'heysel')).toMatchObject({ status: 'completed' });
    expect(done.output).toEqual([{ type: { text: 'released' }, valueString: `${SLOT}/1@1` }]);
    expect(validateResource('Task', { ...task, intent: 'whatever' })).toHaveLength(1);
  });
});

describe('which planned moves are requested', () => {
  const view = (stationId: string, free: Record<string, number[]>): StationCapacityView => ({ stationId, slots: Object.entries(free).map(([slotId, owned]) => ({ slotId, owned, booked: [] })) });

  it('keeps moves to a station with less than half its fair share, not the small corrections', () => {
    const views = [view('a', { s1: [], s2: [0, 1, 2] }), view('b', { s1: [1, 2, 3, 4], s2: [3, 4, 5, 6] }), view('c', { s1: [5], s2: [7, 8] })];
    const planned = planRebalance(views);
    const kept = starvedOnly(views, planned);
    // s1: a has 0 of a fair 2 -> moves; s2: a has 3 of a fair 3 -> nothing; c has 2 of 3 -> not starved.
    expect(kept.every((t) => t.slotId === 's1' && t.to === 'a')).toBe(true);
    expect(kept).toHaveLength(2);
    expect(planned.some((t) => t.slotId === 's2')).toBe(true);
  });

  it('never requests a unit its giver does not report free, whatever the views', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (slots) => {
          const views = ['a', 'b', 'c'].map((id, i) => view(id, Object.fromEntries(slots.map((perStation, s) => [`s${s}`, perStation[i]!.map((u) => u * 3 + i)]))));
          for (const t of starvedOnly(views, planRebalance(views))) {
            const giver = views.find((v) => v.stationId === t.from)!;
            expect(giver.slots.find((s) => s.slotId === t.slotId)!.owned).toContain(t.unit);
            expect(t.to).not.toBe(t.from);
          }
        },
      ),
    );
  });
});
