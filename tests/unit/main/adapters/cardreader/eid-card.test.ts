import { describe, expect, it } from 'vitest';
import { readBelgianEid } from '../../../../../src/main/adapters/cardreader/eid-card';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { isDoseDeskError } from '../../../../../src/shared/errors';
import { EidReadingWire } from '../../../../../src/shared/api/cardreader';
import { VIRTUAL_PEOPLE, VirtualEidCard, encodeTlvFile, inProcessTransmit, type VirtualEidOptions } from '../../../../../src/devices/virtual-eid';

const clock = new ManualClock('2026-11-26T10:00:00+01:00');

function read(options: VirtualEidOptions) {
  const card = new VirtualEidCard(options);
  return readBelgianEid(inProcessTransmit(card), { readerName: 'Twin reader', atr: '3B9813400AA503010101AD1311', clock });
}

async function failure(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (isDoseDeskError(error)) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DoseDeskError');
}

describe('readBelgianEid (APDU logic + domain parsers, card in-process)', () => {
  it('decodes every fictitious person as the card stores them, accents intact', async () => {
    for (const [index, person] of VIRTUAL_PEOPLE.entries()) {
      const reading = await read({ person: index });
      expect(EidReadingWire.safeParse(reading).success, person.label).toBe(true);
      expect(reading.identity.surname).toBe(person.surname);
      expect(reading.identity.givenNames).toBe(person.givenNames);
      expect(reading.identity.nationalNumber).toBe(person.nationalNumber);
      expect(reading.identity.birthDateText).toBe(person.birthDate);
      expect(reading.address).toEqual(person.address);
      expect(reading.identity.warnings, person.label).toEqual([]);
    }
  });

  it('reads German, Dutch and French birth-date forms and a year alone', async () => {
    const birth = async (person: number) => (await read({ person })).identity.birthDate;
    expect(await birth(0)).toBe('1987-03-14'); // 14.MÄR.1987
    expect(await birth(1)).toBe('1956-03-03'); // 03 MAAR 1956
    expect(await birth(2)).toBe('2004-02-29'); // 29 FEV 2004
    const yearOnly = await read({ person: 3 });
    expect([yearOnly.identity.birthDate, yearOnly.identity.birth.year]).toEqual([null, 1975]);
  });

  it('keeps the names exactly (NFC), the sex and the document type', async () => {
    const zoe = (await read({ person: 0 })).identity;
    expect(zoe.surname).toBe('Müller-Weiß');
    expect(zoe.givenNames).toBe('Zoë Françoise');
    expect(zoe.sex).toBe('F'); // W on a German-language card
    expect(zoe.documentType).toBe(1); // "01"
    expect((await read({ person: 4 })).identity.documentType).toBe(6); // Kids-ID
    expect((await read({ person: 1 })).identity.nobleCondition).toBe('Jonkheer');
  });

  it('reads the same through component SELECTs and 61xx answers', async () => {
    const reading = await read({ person: 2, getResponse: true, select: { absoluteWithMf: false, absoluteWithoutMf: false } });
    expect(reading.selectMode).toBe('component');
    expect(reading.identity.surname).toBe('Dubois-Lefèvre');
  });

  it('says unknown_card, with the ATR, for a card without the eID files', async () => {
    const card = new VirtualEidCard({ kind: 'unknown' });
    const result = await failure(readBelgianEid(inProcessTransmit(card), { readerName: 'R', atr: 'AABB', clock }));
    expect(result).toEqual({ code: 'cardreader.unknown_card', params: { atr: 'AABB', reader: 'R' } });
  });

  it('says card_removed when the card is pulled in the middle of the identity file', async () => {
    const card = new VirtualEidCard({ person: 1 });
    card.pullAfterReads(1); // the first READ BINARY gets 6Cxx; the resend finds the card gone
    expect((await failure(readBelgianEid(inProcessTransmit(card), { readerName: 'R', atr: '', clock }))).code).toBe('cardreader.card_removed');
  });

  it('says bad_data, naming the file, when a file is not TLV or lacks the national number', async () => {
    const notTlv = Uint8Array.from([0x01, 0x7f, 0x41]);
    expect(await failure(read({ files: { identity: notTlv } }))).toEqual({
      code: 'cardreader.bad_data',
      params: { file: 'identity', reason: 'identity.eid.tlv' },
    });
    const noAddress = encodeTlvFile([[0x02, '1000']]);
    expect((await failure(read({ files: { address: noAddress } }))).params).toEqual({ file: 'address', reason: 'identity.eid.missing_field' });
  });
});
