import { createHash } from 'node:crypto';
import { encodeTlvFile } from './tlv';

/** A fictitious card holder, with the texts exactly as the card stores them. */
export interface VirtualPerson {
  readonly label: string;
  readonly cardLanguage: 'nl' | 'fr' | 'de';
  readonly cardNumber: string;
  readonly validityBegin: string;
  readonly validityEnd: string;
  readonly deliveryMunicipality: string;
  readonly nationalNumber: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly thirdInitial: string;
  readonly nationality: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly nobleCondition?: string;
  readonly documentType: string;
  readonly specialStatus: string;
  readonly address: { readonly street: string; readonly postcode: string; readonly municipality: string };
}

/** Nobody here exists; national and card numbers carry valid check digits. */
export const VIRTUAL_PEOPLE: readonly VirtualPerson[] = [
  {
    label: 'German-language card, accents and ß, dotted birth date',
    cardLanguage: 'de',
    cardNumber: '592012345656',
    validityBegin: '02.05.2022',
    validityEnd: '02.05.2032',
    deliveryMunicipality: 'Eupen',
    nationalNumber: '87031408681',
    surname: 'Müller-Weiß',
    givenNames: 'Zoë Françoise',
    thirdInitial: 'A',
    nationality: 'Belgier',
    birthPlace: 'Sankt Vith',
    birthDate: '14.MÄR.1987',
    sex: 'W',
    documentType: '01',
    specialStatus: '0',
    address: { street: 'Kirchstraße 12', postcode: '4700', municipality: 'Eupen' },
  },
  {
    label: 'Dutch-language card, noble condition',
    cardLanguage: 'nl',
    cardNumber: '592098765481',
    validityBegin: '17.11.2019',
    validityEnd: '17.11.2029',
    deliveryMunicipality: 'Gent',
    nationalNumber: '56030312314',
    surname: 'Van den Broeck',
    givenNames: 'Jan-Pieter Joris',
    thirdInitial: 'M',
    nationality: 'Belg',
    birthPlace: 'Gent',
    birthDate: '03 MAAR 1956',
    sex: 'M',
    nobleCondition: 'Jonkheer',
    documentType: '1',
    specialStatus: '0',
    address: { street: 'Korenmarkt 7 bus 3', postcode: '9000', municipality: 'Gent' },
  },
  {
    label: 'French-language card, born on 29 February 2004',
    cardLanguage: 'fr',
    cardNumber: '592123456732',
    validityBegin: '08.03.2021',
    validityEnd: '08.03.2031',
    deliveryMunicipality: 'Liège',
    nationalNumber: '04022925470',
    surname: 'Dubois-Lefèvre',
    givenNames: 'Éloïse Marie-Thérèse',
    thirdInitial: 'C',
    nationality: 'Belge',
    birthPlace: 'Liège',
    birthDate: '29 FEV 2004',
    sex: 'F',
    documentType: '1',
    specialStatus: '0',
    address: { street: "Rue de l'Académie 15", postcode: '4000', municipality: 'Liège' },
  },
  {
    label: 'Foreigner card, only the birth year is known',
    cardLanguage: 'fr',
    cardNumber: '012345678939',
    validityBegin: '15.09.2023',
    validityEnd: '15.09.2028',
    deliveryMunicipality: 'Schaerbeek',
    nationalNumber: '75000041791',
    surname: 'Ben Salah',
    givenNames: 'Ahmed',
    thirdInitial: '',
    nationality: 'Marocain',
    birthPlace: 'Casablanca',
    birthDate: '1975',
    sex: 'M',
    documentType: '11',
    specialStatus: '0',
    address: { street: 'Avenue Louis Bertrand 101', postcode: '1030', municipality: 'Schaerbeek' },
  },
  {
    label: 'Kids-ID, Dutch-language card',
    cardLanguage: 'nl',
    cardNumber: '600111222331',
    validityBegin: '01.06.2024',
    validityEnd: '01.06.2027',
    deliveryMunicipality: 'Antwerpen',
    nationalNumber: '15070703353',
    surname: 'Peeters',
    givenNames: 'Lowie Ömer',
    thirdInitial: '',
    nationality: 'Belg',
    birthPlace: 'Antwerpen',
    birthDate: '07 JUL 2015',
    sex: 'M',
    documentType: '6',
    specialStatus: '0',
    address: { street: 'Meir 1', postcode: '2000', municipality: 'Antwerpen' },
  },
];

export function virtualPerson(index: number): VirtualPerson {
  const person = VIRTUAL_PEOPLE[index];
  if (!person) throw new Error(`virtual eID: no person ${index}; choose 0..${VIRTUAL_PEOPLE.length - 1}`);
  return person;
}

/** Deterministic filler so every run produces the same card (and the same photo hash). */
function pseudoRandomBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < length; i += 32) {
    out.set(block.subarray(0, Math.min(32, length - i)), i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** A JPEG-shaped photo of about 3 KB (real cards hold a 140x200 JPEG of that size). */
export function photoFile(person: VirtualPerson, size = 3064): Uint8Array {
  const photo = pseudoRandomBytes(`photo:${person.nationalNumber}`, size);
  photo.set([0xff, 0xd8, 0xff, 0xe0], 0);
  photo.set([0xff, 0xd9], size - 2);
  return photo;
}

export function identityFile(person: VirtualPerson): Uint8Array {
  const chipNumber = pseudoRandomBytes(`chip:${person.cardNumber}`, 16);
  const photoHash = new Uint8Array(createHash('sha1').update(photoFile(person)).digest());
  return encodeTlvFile([
    [0x01, person.cardNumber],
    [0x02, chipNumber],
    [0x03, person.validityBegin],
    [0x04, person.validityEnd],
    [0x05, person.deliveryMunicipality],
    [0x06, person.nationalNumber],
    [0x07, person.surname],
    [0x08, person.givenNames],
    [0x09, person.thirdInitial],
    [0x0a, person.nationality],
    [0x0b, person.birthPlace],
    [0x0c, person.birthDate],
    [0x0d, person.sex],
    ...(person.nobleCondition ? [[0x0e, person.nobleCondition] as const] : []),
    [0x0f, person.documentType],
    [0x10, person.specialStatus],
    [0x11, photoHash],
  ]);
}

/** Real address files are zero-padded to a fixed size; the padding must be ignored. */
export function addressFile(person: VirtualPerson, padTo = 117): Uint8Array {
  return encodeTlvFile(
    [
      [0x01, person.address.street],
      [0x02, person.address.postcode],
      [0x03, person.address.municipality],
    ],
    padTo,
  );
}

export function signatureFile(seed: string): Uint8Array {
  return pseudoRandomBytes(`signature:${seed}`, 256);
}
