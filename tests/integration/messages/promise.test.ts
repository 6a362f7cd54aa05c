import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { centreInfo } from '../../../src/main/station/booking/centre';
import { cardModel, reachableFor } from '../../../src/main/station/booking/print-card';
import { findCitizen } from '../../../src/main/station/identity/citizens';
import { getProduct } from '../../../src/main/station/products/products';
import { lastCompletedDose } from '../../../src/main/station/booking/dose-store';
import { waitingRequest } from '../../../src/main/station/booking/appointments';
import { cardBlocks } from '../../../src/domain/card/card-text';
import type { Settings } from '../../../src/shared/settings';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { NextView } from '../../../src/shared/api/booking';
import { openTestStation, signedInCall } from '../../support/station';

/**
 * The card and the screen promise an SMS or e-mail only when a gateway for it is set up and the
 * person can be reached by it (issue 17); otherwise they say the centre will make contact.
 */
const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const GERARD = demoSsin('1993-07-14', 146); // French, first dose recorded by the demo seed
const SMS_GATEWAY: Partial<Settings> = { messages: { email: null, sms: { kind: 'http', url: 'http://127.0.0.1:9/sms', sender: 'DoseDesk' } } };

async function waitingPerson(settings: Partial<Settings>, phone: string | null) {
  const station = openTestStation({ clock: new ManualClock('2026-03-04T09:30:00Z'), settings, messages: { idleMs: 60_000, log: () => {} } });
  stations.push(station);
  station.seedDemo();
  const staff = signedInCall(station, ['checkin', 'supervisor']);
  const call = async <T,>(method: string, args: unknown): Promise<T> => {
    const envelope = (await station.dispatch(method, args, staff)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as T;
  };
  await call('messages.setContact', { ssin: GERARD, email: null, phone, consent: true });
  // No slot on or after this day within the window: the next dose waits ("to be booked").
  const next = await call<NextView>('booking.book', { ssin: GERARD, preference: { notBefore: '2026-12-31' }, print: false });
  if (next.kind !== 'to_be_booked') throw new Error(`expected to_be_booked, got ${next.kind}`);
  const db = station.ctx.db;
  const citizen = findCitizen(db, GERARD)!;
  const dose = lastCompletedDose(db, GERARD)!;
  const product = getProduct(db, dose.product_code);
  const request = waitingRequest(db, GERARD, dose.dose_number + 1)!;
  const centre = centreInfo(station.ctx);
  const card = cardModel(centre, citizen, product, dose, { kind: 'to_be_booked', request, window: next.window }, null, false, reachableFor(db, centre, citizen));
  return { next, card };
}

describe('what the card and the screen promise a person whose next dose waits', () => {
  it('promises an SMS when an SMS gateway is set up and the person gave a mobile number', async () => {
    const { next, card } = await waitingPerson(SMS_GATEWAY, '0471 22 33 44');
    expect(next.message).toMatch(/Vous la recevrez par SMS\.$/);
    expect(card.next).toEqual({ kind: 'to_be_booked', channel: 'sms' });
  });

  it('promises no SMS, e-mail or letter when no gateway is set up: the centre will contact the person', async () => {
    const { next, card } = await waitingPerson({}, '0471 22 33 44');
    expect(next.message).not.toMatch(/SMS|e-mail|lettre/);
    expect(next.message).toMatch(/Le centre de vaccination vous contactera/);
    expect(card.next).toEqual({ kind: 'to_be_booked', channel: 'centre' });
    const text = cardBlocks(card)
      .flatMap((b) => (b.kind === 'text' ? [b.text] : []))
      .join('\n');
    expect(text).not.toMatch(/SMS|e-mail|lettre|letter/);
    expect(text).toMatch(/Le centre de vaccination vous contactera/);
  });

  it('promises no SMS when the gateway is set up but the person gave no number', async () => {
    const { next } = await waitingPerson(SMS_GATEWAY, null);
    expect(next.message).not.toMatch(/SMS/);
  });
});
