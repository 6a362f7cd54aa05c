import { DateTime } from 'luxon';
import { TIME_ZONE, type Language } from '../../shared/i18n/languages';
import type { CardModel } from './card-model';

/**
 * A card for a fictitious citizen: test pages, `print-sample`, previews in the settings screen.
 * The QR payload says SAMPLE so nobody mistakes it for a real appointment.
 */
export function sampleCard(options: {
  language: Language;
  fullName: string;
  now: Date;
  centreName?: string;
  secondLanguage?: Language | null;
  isCopy?: boolean;
}): CardModel {
  const given = DateTime.fromJSDate(options.now, { zone: TIME_ZONE }).startOf('minute');
  const next = given.plus({ days: 21 }).set({ hour: 14, minute: 30, second: 0, millisecond: 0 });
  return {
    centre: { name: options.centreName ?? 'Vaccinatiecentrum / Centre de vaccination', address: ['Place de Belgique 1', '1020 Brussel / Bruxelles'] },
    citizen: { fullName: options.fullName, language: options.language, secondLanguage: options.secondLanguage ?? null },
    dose: { productName: 'Comirnaty', administeredAt: given.toISO()!, lot: 'SAMPLE01', doseNumber: 1, totalDoses: 2 },
    next: { kind: 'booked', start: next.toISO()!, place: 'Hall 5', bring: ['eid', 'this_card'] },
    qrPayload: 'DOSEDESK-SAMPLE-NOT-AN-APPOINTMENT',
    shortCode: 'SAMPLE-0000',
    reschedule: { phone: '02 000 00 00', url: null },
    isCopy: options.isCopy ?? false,
  };
}
