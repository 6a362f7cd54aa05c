import type { CardTokenContent } from '../../../src/domain/booking/card-token';

/** What a dose-2 appointment card says, for the card-token tests; `changes` adjusts the parts a test is about. */
export function sampleCardContent(changes: { centreId?: string; slotId?: string; person?: Partial<CardTokenContent['person']> } = {}): CardTokenContent {
  return {
    centreId: changes.centreId ?? 'demo-centre',
    appointment: { id: '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f', slotId: changes.slotId ?? 'slot-1', start: '2021-03-28T08:00:00.000Z', doseNumber: 2, productCode: 'comirnaty' },
    person: { ssin: '85073000488', familyName: 'Peeters', givenNames: 'An', birthDate: '1985-07-30', sex: 'F', language: 'nl', ...changes.person },
    previousDose: {
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      doseNumber: 1,
      productCode: 'comirnaty',
      gtin: '05413868120110',
      lot: 'FE1234',
      expiry: '2021-06-30',
      administeredAt: '2021-03-07T09:00:00.000Z',
      stationId: 'station-1',
      vaccinatorNihdi: '10000000001',
    },
  };
}
