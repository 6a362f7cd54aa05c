import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/main/adapters/sqlite/database';
import { enqueueOutbox } from '../../../src/main/adapters/sqlite/outbox';
import type { AppointmentPayload, DoseRecordPayload, PersonRef } from '../../../src/domain/records';
import type { SyncPayload } from '../../../src/domain/fhir/payloads';

/**
 * Test data for sync: outbox payloads shaped like booking's, written with enqueueOutbox() in a
 * transaction (the booking capability produces them for real).
 */

/** A national number with valid check digits (19xx rule), from a serial. */
export function ssinFor(serial: number): string {
  const birth = `85${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}`;
  const first9 = `${birth}${String(serial % 997 + 1).padStart(3, '0')}`;
  const check = 97 - (Number(first9) % 97);
  return `${first9}${String(check).padStart(2, '0')}`;
}

export function person(serial: number): PersonRef {
  return { ssin: ssinFor(serial), familyName: `Peeters${serial}`, givenNames: 'Jan', birthDate: '1985-07-30', sex: 'M' };
}

export function dose(p: PersonRef, overrides: Partial<DoseRecordPayload> = {}): DoseRecordPayload {
  return {
    type: 'dose',
    id: randomUUID(),
    stationId: 'station-1',
    centreId: 'heysel',
    person: p,
    doseNumber: 1,
    productCode: 'comirnaty',
    productName: 'Comirnaty',
    gtin: '05415062000017',
    lot: 'FF1234',
    expiry: '2026-06-30',
    administeredAt: '2026-03-01T09:00:00.000Z',
    recordedAt: '2026-03-01T09:01:00.000Z',
    vaccinator: { nihdi: '10829059004', name: 'Dr Janssens' },
    status: 'completed',
    correction: null,
    version: 1,
    ...overrides,
  };
}

export function appointment(p: PersonRef, overrides: Partial<AppointmentPayload> = {}): AppointmentPayload {
  return {
    type: 'appointment',
    id: randomUUID(),
    stationId: 'station-1',
    centreId: 'heysel',
    person: p,
    slotId: randomUUID(),
    start: '2026-03-22T09:00:00.000Z',
    end: '2026-03-22T09:05:00.000Z',
    productCode: 'comirnaty',
    doseNumber: 2,
    status: 'booked',
    createdAt: '2026-03-01T09:02:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Writes payloads to the outbox in one transaction, person key = SSIN like booking does. */
export function enqueue(db: Db, payloads: readonly SyncPayload[], now: Date): string[] {
  return db.transaction(() =>
    payloads.map((p) =>
      enqueueOutbox(
        db,
        {
          kind: p.version === 1 ? p.type : `${p.type}-correction`,
          recordId: p.id,
          personKey: p.type === 'dose' || p.type === 'appointment' ? p.person.ssin : `centre:${p.centreId}`,
          payload: p,
        },
        now,
      ),
    ),
  )();
}

/** n people with one dose each (and an appointment for every other one). */
export function dayOfRecords(n: number, firstSerial = 1): SyncPayload[] {
  const out: SyncPayload[] = [];
  for (let i = 0; i < n; i++) {
    const p = person(firstSerial + i);
    out.push(dose(p));
    if (i % 2 === 0) out.push(appointment(p));
  }
  return out;
}

export function outboxStates(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
