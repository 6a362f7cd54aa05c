import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { openTestStation, signedInCall } from '../../support/station';

const START = '2026-03-03T09:30:00+01:00';
const COMIRNATY = '0105413868120110' + '17491231' + '10DEMOCOM01';
const PEETERS = '90110202242'; // invited for Comirnaty

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

type Booked = { kind: 'booked'; appointment: { id: string }; card: { token: string } | null };

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 60 });
  const nurse = signedInCall(s, 'vaccinator');
  const answer = async (method: string, args: unknown) => s.dispatch(method, args, nurse);
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const a = await answer(method, args);
    if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
    return a.result as T;
  };
  return { s, call, answer };
}

describe('cards that tell the truth: a replaced card or the card of an undone dose is void', () => {
  it('refuses to print a replaced card again, and says so when it is scanned; the new card stays good until its dose is undone', async () => {
    const { s, call, answer } = station();
    const used = await call<{ lot: { lotId: string }; vial: { id: string } }>('vials.use', { text: COMIRNATY, ssin: PEETERS });
    const given = await call<{ dose: { id: string }; next: Booked; printJobId: string }>('booking.administer', { ssin: PEETERS, lotId: used.lot.lotId, vialId: used.vial.id, print: true });
    const first = given.next;
    expect(first.kind).toBe('booked');
    // The first card came out of the printer.
    s.ctx.db.prepare(`UPDATE print_job SET state = 'printed' WHERE id = ?`).run(given.printJobId);

    const moved = await call<{ next: Booked }>('booking.rebook', { appointmentId: first.appointment.id, reason: 'another day suits better', print: false });
    const second = moved.next;
    expect(second.card?.token).toBeTruthy();

    const reprint = await answer('printing.reprint', { jobId: given.printJobId });
    expect(!reprint.ok && reprint.error).toMatchObject({ code: 'booking.card_void', params: { reason: 'replaced' } });
    const old = await answer('booking.reprintCard', { appointmentId: first.appointment.id });
    expect(old.ok).toBe(false);

    expect(await call('checkin.verifyCard', { text: first.card!.token })).toMatchObject({ void: 'replaced' });
    const scanned = await call<{ warnings: { code: string }[] }>('checkin.scan', { text: first.card!.token, source: 'scanner' });
    expect(scanned.warnings.map((w) => w.code)).toContain('void_card');
    expect(await call('checkin.verifyCard', { text: second.card!.token })).toMatchObject({ void: null });

    await call('booking.voidDose', { doseId: given.dose.id, reason: 'recorded on the wrong person' });
    expect(await call('checkin.verifyCard', { text: second.card!.token })).toMatchObject({ void: 'dose_voided' });
    const again = await answer('booking.reprintCard', { appointmentId: second.appointment.id });
    expect(again.ok).toBe(false);
  });
});
