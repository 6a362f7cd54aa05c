import { describe, expect, it } from 'vitest';
import { getResponse, readBinary, selectByFid, selectByPath, splitResponse, swHex, toHex, withLe } from '../../../../../src/main/adapters/cardreader/apdu';
import { cardErrorFromPcsc, loadPcscBinding, pcscErrorCode } from '../../../../../src/main/adapters/cardreader/pcsc-binding';
import { isBelgianEidAtr } from '../../../../../src/main/adapters/cardreader/eid-card';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ');

describe('command APDUs, byte for byte', () => {
  it('SELECT by absolute path is 00 A4 08 0C 06 3F00 DF01 4031', () => {
    expect(hex(selectByPath([0x3f00, 0xdf01, 0x4031]))).toBe('00 A4 08 0C 06 3F 00 DF 01 40 31');
  });

  it('SELECT one component is 00 A4 02 0C 02 xx xx', () => {
    expect(hex(selectByFid(0xdf01))).toBe('00 A4 02 0C 02 DF 01');
  });

  it('READ BINARY carries a 15-bit offset and Le, with 256 written as 00', () => {
    expect(hex(readBinary(0, 0xf8))).toBe('00 B0 00 00 F8');
    expect(hex(readBinary(0x01f0, 256))).toBe('00 B0 01 F0 00');
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(() => readBinary(0, 0)).toThrow(RangeError);
  });

  it('GET RESPONSE and a resend with the Le a 6Cxx asked for', () => {
    expect(hex(getResponse(0x10))).toBe('00 C0 00 00 10');
    expect(hex(withLe(readBinary(0xf8, 0xf8), 0xb2))).toBe('00 B0 00 F8 B2');
  });

  it('splits data from the status word, and refuses a response without one', () => {
    const split = splitResponse(Uint8Array.from([1, 2, 0x90, 0x00]));
    expect(split && [Array.from(split.data), swHex(split.sw)]).toEqual([[1, 2], '9000']);
    expect(splitResponse(Uint8Array.from([0x90]))).toBeUndefined();
  });
});

describe('Belgian eID ATRs', () => {
  it('recognises the applet 1.1 to 1.8 families and refuses other cards', () => {
    expect(isBelgianEidAtr('3B 98 13 40 0A A5 03 01 01 01 AD 13 11')).toBe(true);
    expect(isBelgianEidAtr('3B9894400AA503010101AD1310')).toBe(true);
    expect(isBelgianEidAtr('3B9895400AA507010101AD1320')).toBe(true);
    expect(isBelgianEidAtr('3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 00')).toBe(true);
    expect(isBelgianEidAtr('3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90')).toBe(false);
    expect(isBelgianEidAtr('3B 6E 00 00 80 31 80 66 B0 84 0C 01 6E 01 83 00 90 00')).toBe(false);
    expect(isBelgianEidAtr('')).toBe(false);
  });
});

describe('PC/SC errors', () => {
  it('reads the code pcsclite puts in its messages', () => {
    expect(pcscErrorCode(new Error('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(0x80100069);
    expect(pcscErrorCode(new Error('something else'))).toBeUndefined();
  });

  it('maps them to what staff are told', () => {
    const code = (message: string) => cardErrorFromPcsc(new Error(message), 'R').code;
    expect(code('SCardTransmit error: Card was removed.(0x80100069)')).toBe('cardreader.card_removed');
    expect(code('SCardTransmit error: Transaction failed.(0x80100016)')).toBe('cardreader.card_removed');
    expect(code('SCardConnect error: Sharing violation.(0x8010000B)')).toBe('cardreader.reader_busy');
    expect(code('SCardConnect error: Card is unresponsive.(0x80100066)')).toBe('cardreader.card_unresponsive');
    expect(code('SCardEstablishContext error: Service not available.(0x8010001D)')).toBe('cardreader.unavailable.daemon_lost');
    expect(code('SCardTransmit error: Unknown error.(0x80100014)')).toBe('cardreader.transmit_failed');
  });

  it('loading a binding that is not installed rejects (the service turns that into binding_missing)', async () => {
    await expect(loadPcscBinding('pcsclite-that-is-not-installed')).rejects.toThrow();
  });
});
