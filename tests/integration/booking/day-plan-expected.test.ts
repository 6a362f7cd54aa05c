import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { storeExpectedAppointments } from '../../../src/main/station/sync/pulled-store';
import { openTestStation, signedInCall } from '../../support/station';
import { ssinFor } from '../../support/federal/records';
import { demoVialCode } from '../../../src/main/station/reports/demo-guide';

/** A Tuesday morning in Brussels: the demo centre has Comirnaty (6 doses a vial) and Vaxzevria sessions. */
const START = '2026-03-03T08:30:00+01:00';
const TODAY = '2026-03-03';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

type ProductDay = { productCode: string; bookings: number; expectedDose1: number; expectedFromBackend: number; expectedFromInvitations: number; dosesPerVial: number; dosesInOpenVials: number; vialsToPrepare: number };

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 40 });
  const supervisor = signedInCall(s, 'supervisor', { displayName: 'Sup Ervisor' });
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const answer = await s.dispatch(method, args, supervisor);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
    return answer.result as T;
  };
  const comirnaty = async (date = TODAY) => (await call<{ products: ProductDay[] }>('booking.dayPlan', { date })).products.find((p) => p.productCode === 'comirnaty');
  return { s, clock, call, comirnaty };
}

const invitations = (rows: string[]) => ['code;ssin;surname;given_names;language;product;start', ...rows].join('\n');

describe('booking.dayPlan: expected dose-1 visits', () => {
  it('counts invitations with a start that day and the backend copy, each person once, and prepares vials for them', async () => {
    const { s, clock, call, comirnaty } = station();
    const before = (await comirnaty())!;
    expect(before).toMatchObject({ bookings: 0, expectedDose1: 0, expectedFromBackend: 0, expectedFromInvitations: 0, dosesPerVial: 6, vialsToPrepare: 0 });

    await call('imports.invitations', {
      dryRun: false,
      text: invitations([
        `Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj;${ssinFor(101)};Peeters;An;nl;comirnaty;${TODAY} 10:15`,
        `Qw3Er5Ty7Ui9Op2As4Df6Gh8Jk;${ssinFor(102)};Dubois;Luc;fr;comirnaty;2026-03-04 10:15`,
        `Mn4Bv6Cx8Zl2Kj4Hg6Fd8Sa2Po;${ssinFor(103)};Janssens;Els;nl;comirnaty;${TODAY} 11:00`,
      ]),
    });
    // The backend lists one of the invited people again, and someone the centre did not invite.
    const expected = (serial: number, remoteId: string) => ({
      remoteId,
      recordId: null,
      recordVersion: 1,
      ssin: ssinFor(serial),
      centreId: s.centreId,
      stationId: null,
      productCode: 'comirnaty',
      doseNumber: 1,
      start: '2026-03-03T10:15:00.000Z',
      end: '2026-03-03T10:20:00.000Z',
      status: 'booked',
    });
    storeExpectedAppointments(s.ctx.db, TODAY, [expected(101, 'appt-101'), expected(104, 'appt-104')], clock.now());

    const after = (await comirnaty())!;
    // 101 (invitation + backend, once), 103 (invitation), 104 (backend); 102 is tomorrow.
    expect(after).toMatchObject({ expectedDose1: 3, expectedFromBackend: 2, expectedFromInvitations: 2, bookings: before.bookings });
    expect(after.vialsToPrepare).toBe(1);

    // Today's open vial holds the doses for them: nothing more to prepare.
    const nurse = signedInCall(s, 'vaccinator', { displayName: 'Dr. Test' });
    const asNurse = async <T>(method: string, args: unknown): Promise<T> => {
      const answer = await s.dispatch(method, args, nurse);
      if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
      return answer.result as T;
    };
    const lot = await asNurse<{ lotId: string }>('vials.scan', { text: demoVialCode('05413868120110', '2049-12-31', 'DEMOCOM01') });
    await asNurse('vials.open', { lotId: lot.lotId, openedBy: 'Dr. Test' });
    expect(await comirnaty()).toMatchObject({ expectedDose1: 3, dosesInOpenVials: 6, vialsToPrepare: 0 });
    const tomorrow = (await comirnaty('2026-03-04'))!;
    // Tomorrow: the other invitation only, and today's open vial does not count.
    expect(tomorrow).toMatchObject({ expectedDose1: 1, expectedFromInvitations: 1, expectedFromBackend: 0, dosesInOpenVials: 0, vialsToPrepare: 1 });
  });
});
