import * as z from 'zod';
import { defineMethod } from '../define';
import { staff } from '../access';
import { WireError } from '../wire-error';

/** Every error code of the card reader; each has `error.<code>` in the cardreader catalog. */
export const CARDREADER_ERROR_CODES = [
  'cardreader.unknown_card',
  'cardreader.card_removed',
  'cardreader.card_unresponsive',
  'cardreader.reader_busy',
  'cardreader.file_not_found',
  'cardreader.read_failed',
  'cardreader.transmit_failed',
  'cardreader.bad_data',
  'cardreader.no_card',
  'cardreader.unavailable.binding_missing',
  'cardreader.unavailable.daemon_unreachable',
  'cardreader.unavailable.daemon_lost',
  'cardreader.unavailable.stopped',
] as const;
export type CardReaderErrorCode = (typeof CARDREADER_ERROR_CODES)[number];

/** Why card reading is off: npm `pcsclite` missing, pcscd not running, pcscd gone, or switched off. */
export const CardReaderUnavailableReason = z.enum(['binding_missing', 'daemon_unreachable', 'daemon_lost', 'stopped']);
export type CardReaderUnavailableReason = z.infer<typeof CardReaderUnavailableReason>;

export const CardReaderStatus = z.object({
  available: z.boolean(),
  readers: z.array(z.string()),
  /** Null while available. */
  reason: CardReaderUnavailableReason.nullable(),
});
export type CardReaderStatus = z.infer<typeof CardReaderStatus>;

const PartialDate = z.object({ year: z.number().int().nullable(), month: z.number().int().nullable(), day: z.number().int().nullable() });
const Sex = z.enum(['M', 'F']).nullable();

/** The decoded identity file (3F00 DF01 4031), as src/domain/identity/eid-tlv.ts returns it. */
export const EidIdentityWire = z.object({
  cardNumber: z.string(),
  chipNumber: z.string(),
  validityBegin: z.string().nullable(),
  validityEnd: z.string().nullable(),
  deliveryMunicipality: z.string(),
  nationalNumber: z.string(),
  ssin: z.object({
    ssin: z.string(),
    formatted: z.string(),
    numberKind: z.enum(['nn', 'bis']),
    bis: z.boolean(),
    birthDate: z.string().nullable(),
    birth: PartialDate,
    sex: Sex,
    warnings: z.array(z.string()).readonly(),
  }),
  surname: z.string(),
  givenNames: z.string(),
  thirdInitial: z.string(),
  nationality: z.string(),
  birthPlace: z.string(),
  birthDateText: z.string(),
  birth: PartialDate,
  birthDate: z.string().nullable(),
  sex: Sex,
  nobleCondition: z.string(),
  documentType: z.number().int().nullable(),
  specialStatus: z.string(),
  photoHash: z.string(),
  /** Identity warning codes; each has `identity.warning.<code>` in the identity catalog. */
  warnings: z.array(z.string()).readonly(),
});

export const EidAddressWire = z.object({ street: z.string(), postcode: z.string(), municipality: z.string() });

export const EidReadingWire = z.object({
  readerName: z.string(),
  atr: z.string(),
  identity: EidIdentityWire,
  address: EidAddressWire,
  selectMode: z.enum(['path', 'component']),
});
export type EidReadingWire = z.infer<typeof EidReadingWire>;

/**
 * What happens at a reader, in order: `inserted` (show "reading..."), then `reading` or `error`,
 * and `removed` when the card leaves. Error messages are in the station's language.
 */
export const CardReaderCardEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inserted'), readerName: z.string(), atr: z.string() }),
  z.object({ kind: z.literal('reading'), reading: EidReadingWire }),
  z.object({ kind: z.literal('error'), readerName: z.string(), atr: z.string().nullable(), error: WireError }),
  z.object({ kind: z.literal('removed'), readerName: z.string() }),
]);
export type CardReaderCardEvent = z.infer<typeof CardReaderCardEvent>;

export const cardreaderMethods = {
  'cardreader.status': defineMethod(z.object({}).strict(), CardReaderStatus, staff()),
};

export const cardreaderEvents = {
  'cardreader.card': CardReaderCardEvent,
};
