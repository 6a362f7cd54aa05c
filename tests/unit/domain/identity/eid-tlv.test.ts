import { describe, expect, it } from 'vitest';
import { DoseDeskError } from '../../../../src/shared/errors';
import {
  encodeTlv,
  parseEidAddress,
  parseEidBirthDate,
  parseEidIdentity,
  readEidAddress,
  readEidIdentity,
  readTlv,
  type TlvFieldValue,
} from '../../../../src/domain/identity/eid-tlv';
import { addressFile, identityFile, VIRTUAL_PEOPLE } from '../../../../src/devices/virtual-eid/people';

const TODAY = '2026-11-15';

function identity(overrides: Record<number, TlvFieldValue | null> = {}): Uint8Array {
  const base: Record<number, TlvFieldValue> = {
    0x01: '592012345656',
    0x02: Uint8Array.from([0x53, 0x4c, 0x49, 0x4e, 0x33, 0x66, 0x00, 0x29, 0x6c, 0xff, 0x26, 0x23, 0x66, 0x0b, 0x08, 0x26]),
    0x03: '02.05.2022',
    0x04: '02.05.2032',
    0x05: 'Eupen',
    0x06: '85073003328',
    0x07: 'Van den Bossche',
    0x08: 'Jan Marie',
    0x09: 'P',
    0x0a: 'Belg',
    0x0b: 'Gent',
    0x0c: '30 JUL 1985',
    0x0d: 'M',
    0x0f: '1',
    0x10: '0',
    0x11: Uint8Array.from({ length: 20 }, (_, i) => i),
  };
  const fields: Array<[number, TlvFieldValue]> = [];
  for (const [tag, value] of Object.entries({ ...base, ...overrides })) if (value !== null) fields.push([Number(tag), value]);
  return encodeTlv(fields.sort((a, b) => a[0] - b[0]));
}

/** `today` null: read without a calendar day. */
function ok(bytes: Uint8Array, today: string | null = TODAY) {
  const parsed = readEidIdentity(bytes, today ?? undefined);
  if (!parsed.ok) throw new Error(`refused: ${parsed.code}`);
  return parsed.value;
}

describe('TLV files', () => {
  it('encodes one tag byte, one length byte and the UTF-8 value', () => {
    expect(Array.from(encodeTlv([[1, 'AB'], [2, Uint8Array.from([9])], [3, 'é']]))).toEqual([1, 2, 65, 66, 2, 1, 9, 3, 2, 0xc3, 0xa9]);
  });

  it('encodes long values the commons-eid way (7-bit groups) and reads them back', () => {
    const long = 'x'.repeat(300);
    const bytes = encodeTlv([[0x0b, long]]);
    expect(Array.from(bytes.slice(0, 3))).toEqual([0x0b, 0x82, 0x2c]); // 300 = 2 * 128 + 44
    expect(new TextDecoder().decode(readTlv(bytes)!.get(0x0b))).toBe(long);
  });

  it('falls back to BER lengths (0x81 n) when the commons-eid reading does not fit', () => {
    const value = Uint8Array.from({ length: 200 }, () => 0x41);
    const bytes = Uint8Array.from([0x0b, 0x81, 200, ...value, 0x0c, 0x01, 0x42]);
    const fields = readTlv(bytes)!;
    expect(fields.get(0x0b)!.length).toBe(200);
    expect(Array.from(fields.get(0x0c)!)).toEqual([0x42]);
  });

  it('stops at zero padding and ignores whatever follows it', () => {
    const bytes = Uint8Array.from([...encodeTlv([[1, 'A']]), 0, 0, 0, 7, 99]);
    expect([...readTlv(bytes)!.keys()]).toEqual([1]);
  });

  it('refuses a value running past the end and a tag given twice', () => {
    expect(readTlv(Uint8Array.from([1, 5, 65, 66]))).toBeNull();
    expect(readTlv(Uint8Array.from([1, 1, 65, 1, 1, 66]))).toBeNull();
    expect(readTlv(Uint8Array.from([1]))).toBeNull();
  });
});

describe('birth date text on the card', () => {
  it.each([
    ['30 JUL 1985', 1985, 7, 30],
    ['14.MÄR.1987', 1987, 3, 14],
    ['14. MÄR. 1987', 1987, 3, 14],
    ['14 MA\u0308R 1987', 1987, 3, 14], // decomposed Ä
    ['03 MAAR 1956', 1956, 3, 3],
    ['01 MARS 1956', 1956, 3, 1],
    ['29 FEV 2004', 2004, 2, 29],
    ['15 AOUT 1990', 1990, 8, 15],
    ['15 AOÛT 1990', 1990, 8, 15],
    ['5 DEZ 2001', 2001, 12, 5],
    ['07 OKT 2001', 2001, 10, 7],
    ['07 OCT 2001', 2001, 10, 7],
    ['01 SEPT 1960', 1960, 9, 1],
    ['01 MEI 1960', 1960, 5, 1],
    ['01 JUIL 1960', 1960, 7, 1],
  ])('reads %j', (text, year, month, day) => {
    expect(parseEidBirthDate(text)).toEqual({ year, month, day });
  });

  it('reads a year alone, a blank month and a month without day', () => {
    expect(parseEidBirthDate('1975')).toEqual({ year: 1975, month: null, day: null });
    expect(parseEidBirthDate('14  1975')).toEqual({ year: 1975, month: null, day: null });
    expect(parseEidBirthDate('  1975 ')).toEqual({ year: 1975, month: null, day: null });
    expect(parseEidBirthDate('MAI 1975')).toEqual({ year: 1975, month: 5, day: null });
    expect(parseEidBirthDate('00 MAI 1975')).toEqual({ year: 1975, month: 5, day: null });
  });

  it('gives up on what it cannot read', () => {
    for (const text of ['', '29 FEV 2005', '31 AVR 1990', '14 XYZ 1987', '14 MARS', 'JAN FEB 1990', '123 JAN 1990']) {
      expect(parseEidBirthDate(text)).toBeNull();
    }
  });
});

describe('identity file', () => {
  it('reads every field', () => {
    expect(ok(identity())).toEqual({
      cardNumber: '592012345656',
      chipNumber: '534C494E336600296CFF262366' + '0B0826',
      validityBegin: '2022-05-02',
      validityEnd: '2032-05-02',
      deliveryMunicipality: 'Eupen',
      nationalNumber: '85073003328',
      ssin: expect.objectContaining({ ssin: '85073003328', birthDate: '1985-07-30', sex: 'M' }),
      surname: 'Van den Bossche',
      givenNames: 'Jan Marie',
      thirdInitial: 'P',
      nationality: 'Belg',
      birthPlace: 'Gent',
      birthDateText: '30 JUL 1985',
      birth: { year: 1985, month: 7, day: 30 },
      birthDate: '1985-07-30',
      sex: 'M',
      nobleCondition: '',
      documentType: 1,
      specialStatus: '0',
      photoHash: '000102030405060708090A0B0C0D0E0F10111213',
      warnings: [],
    });
  });

  it('reads document type "1", "01", a binary byte and foreigner types', () => {
    expect(ok(identity({ 0x0f: '01' })).documentType).toBe(1);
    expect(ok(identity({ 0x0f: Uint8Array.from([6]) })).documentType).toBe(6);
    expect(ok(identity({ 0x0f: '11' })).documentType).toBe(11);
    const unknown = ok(identity({ 0x0f: 'eID' }));
    expect(unknown.documentType).toBeNull();
    expect(unknown.warnings).toEqual(['eid.document_type_unknown']);
  });

  it('reads female as F, V or W', () => {
    const female = { 0x06: '90010112494', 0x0c: '01 JAN 1990' };
    for (const sex of ['F', 'V', 'W']) expect(ok(identity({ ...female, 0x0d: sex })).sex).toBe('F');
  });

  it('warns, without refusing, about what the state issued oddly', () => {
    expect(ok(identity({ 0x0d: 'F' })).warnings).toEqual(['eid.sex_mismatch']);
    expect(ok(identity({ 0x0d: 'X' }))).toMatchObject({ sex: null, warnings: ['eid.sex_unknown'] });
    expect(ok(identity({ 0x0c: '31 JUL 1985' })).warnings).toEqual(['eid.birth_date_mismatch']);
    const unreadable = ok(identity({ 0x0c: '30/07/1985' }));
    expect(unreadable).toMatchObject({ birthDate: '1985-07-30', warnings: ['eid.birth_date_unreadable'] });
    expect(ok(identity({ 0x01: '592012345657' })).warnings).toEqual(['eid.card_number_check']);
    expect(ok(identity({ 0x04: '01.01.2026' })).warnings).toEqual(['eid.expired']);
    expect(ok(identity({ 0x04: '2032-05-02' }))).toMatchObject({ validityEnd: null, warnings: ['eid.validity_unreadable'] });
    // The specimen card's national number (month 71).
    const specimen = ok(identity({ 0x06: '71715100070', 0x0c: '01 JAN 1971', 0x0d: 'F' }));
    expect(specimen.warnings).toEqual(['ssin.month_out_of_range']);
    expect(specimen.birthDate).toBe('1971-01-01');
  });

  it('checks expiry and future births only when given today', () => {
    expect(ok(identity({ 0x04: '01.01.2026' }), null).warnings).toEqual([]);
    const bornLater = identity({ 0x06: '26120100245', 0x0c: '01 DEC 2026', 0x0d: 'F' });
    expect(ok(bornLater, null)).toMatchObject({ birthDate: '2026-12-01', warnings: [] });
    expect(ok(bornLater).warnings).toEqual(['ssin.birth_in_future']);
  });

  it('refuses missing essentials, bad UTF-8, broken TLV and a bad national number', () => {
    expect(readEidIdentity(identity({ 0x06: null }), TODAY)).toEqual({ ok: false, code: 'identity.eid.missing_field', params: { field: 'national_number' } });
    expect(readEidIdentity(identity({ 0x01: null }), TODAY)).toMatchObject({ code: 'identity.eid.missing_field', params: { field: 'card_number' } });
    expect(readEidIdentity(identity({ 0x07: '' }), TODAY)).toMatchObject({ code: 'identity.eid.missing_field', params: { field: 'surname' } });
    expect(readEidIdentity(identity({ 0x07: Uint8Array.from([0x56, 0xff, 0x41]) }), TODAY)).toEqual({ ok: false, code: 'identity.eid.text', params: { tag: 7 } });
    expect(readEidIdentity(identity().slice(0, 40), TODAY)).toMatchObject({ code: 'identity.eid.tlv' });
    expect(readEidIdentity(identity({ 0x06: '85073003327' }), TODAY)).toMatchObject({ code: 'identity.eid.national_number' });
    expect(readEidIdentity(new Uint8Array(0), TODAY)).toMatchObject({ code: 'identity.eid.missing_field' });
  });

  it('parseEidIdentity throws a DoseDeskError carrying the refusal', () => {
    expect(() => parseEidIdentity(Uint8Array.from([1, 9]))).toThrow(DoseDeskError);
    try {
      parseEidIdentity(identity({ 0x06: '85073003327' }));
    } catch (error) {
      expect((error as DoseDeskError).code).toBe('identity.eid.national_number');
    }
    expect(parseEidIdentity(identity()).surname).toBe('Van den Bossche');
  });
});

describe('files of the virtual eID card (encoded by src/devices, not by this parser)', () => {
  const expected = [
    { birthDate: '1987-03-14', sex: 'F', documentType: 1, warnings: [] },
    { birthDate: '1956-03-03', sex: 'M', documentType: 1, warnings: [] },
    { birthDate: '2004-02-29', sex: 'F', documentType: 1, warnings: [] },
    { birthDate: null, sex: 'M', documentType: 11, warnings: [] },
    { birthDate: '2015-07-07', sex: 'M', documentType: 6, warnings: [] },
  ];
  it.each(VIRTUAL_PEOPLE.map((p, i) => [p.label, p, expected[i]] as const))('%s', (_label, person, want) => {
    const id = parseEidIdentity(identityFile(person), TODAY);
    expect(id).toMatchObject({
      cardNumber: person.cardNumber,
      nationalNumber: person.nationalNumber,
      surname: person.surname,
      givenNames: person.givenNames,
      thirdInitial: person.thirdInitial,
      nationality: person.nationality,
      birthPlace: person.birthPlace,
      birthDateText: person.birthDate,
      nobleCondition: person.nobleCondition ?? '',
      ...want,
    });
    expect(id.chipNumber).toMatch(/^[0-9A-F]{32}$/);
    expect(id.photoHash).toMatch(/^[0-9A-F]{40}$/);
    expect(parseEidAddress(addressFile(person))).toEqual(person.address);
  });

  it('refuses an address file without its fields', () => {
    expect(readEidAddress(new Uint8Array(117))).toEqual({ ok: false, code: 'identity.eid.missing_field', params: { field: 'street' } });
    expect(() => parseEidAddress(encodeTlv([[1, 'Meir 1'], [2, '2000']]))).toThrow(DoseDeskError);
  });
});
