import * as z from 'zod';
import { Language } from '../../shared/i18n/languages';

/**
 * The appointment card handed to the citizen after a dose, as data. The booking capability fills
 * it (and signs the QR token); printing only renders it. Instants are ISO strings with offset;
 * they are shown in Europe/Brussels in the citizen's language.
 */
const Instant = z.iso.datetime({ offset: true });

export const BringItem = z.enum(['eid', 'this_card', 'invitation', 'medication_list']);
export type BringItem = z.infer<typeof BringItem>;

/**
 * How a citizen whose next dose is not booked yet will be told about it. `sms` and `email` only
 * when that channel is set up and reaches the person; otherwise `centre` (no medium promised).
 */
export const NotifyChannel = z.enum(['sms', 'email', 'letter', 'phone', 'gp', 'centre']);
export type NotifyChannel = z.infer<typeof NotifyChannel>;

export const NextAppointment = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('booked'),
    start: Instant,
    /** Where to go, in the centre's words (e.g. "Hall 5, entrance B"). */
    place: z.string().min(1).max(200),
    bring: z.array(BringItem).max(4),
  }),
  z.object({ kind: z.literal('to_be_booked'), channel: NotifyChannel }),
  /** The course is complete (e.g. a one-dose product). */
  z.object({ kind: z.literal('none') }),
]);
export type NextAppointment = z.infer<typeof NextAppointment>;

export const CardModel = z.object({
  centre: z.object({
    name: z.string().min(1).max(120),
    address: z.array(z.string().min(1).max(120)).max(3),
  }),
  citizen: z.object({
    fullName: z.string().min(1).max(200),
    language: Language,
    /** A second language for a short summary at the bottom of the card (e.g. fr + en). */
    secondLanguage: Language.nullable(),
  }),
  dose: z.object({
    productName: z.string().min(1).max(80),
    administeredAt: Instant,
    lot: z.string().min(1).max(20),
    doseNumber: z.number().int().min(1).max(9),
    /** Doses in the course, when known (shown as "dose 1 of 2"). */
    totalDoses: z.number().int().min(1).max(9).nullable(),
  }),
  next: NextAppointment,
  /** Signed by the booking capability; rendered verbatim as a QR code. */
  qrPayload: z.string().min(1).max(600),
  /** The same appointment as a short code a person can read out on the phone. */
  shortCode: z.string().min(1).max(24),
  /** What to do if the time does not suit: who to call or where to go online. */
  reschedule: z.object({
    phone: z.string().max(40).nullable(),
    url: z.string().max(120).nullable(),
  }),
  isCopy: z.boolean(),
});
export type CardModel = z.infer<typeof CardModel>;
