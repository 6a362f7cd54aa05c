/**
 * ISO 7816-4 command and response APDUs, as bytes. No I/O here: the eID reading logic sends these
 * through whatever `Transmit` it is given (the PC/SC binding, or a virtual card in a test).
 */

/** Sends one command APDU and resolves with the card's response APDU (data + SW1 SW2). */
export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1 << 8 | SW2 */
  readonly sw: number;
}

export const SW_OK = 0x9000;
export const SW_END_OF_FILE_WARNING = 0x6282;
export const SW_NOT_FOUND = 0x6a82;
export const SW_WRONG_P1P2 = 0x6a86;
export const SW_OFFSET_PAST_END = 0x6b00;

/** Largest answer a short APDU can carry: 256 data bytes + SW1 SW2. */
export const MAX_RESPONSE_LENGTH = 258;

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function toHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(separator);
}

/** Splits a response into data and status word; undefined if it is too short to hold a status word. */
export function splitResponse(response: Uint8Array): ResponseApdu | undefined {
  if (response.length < 2) return undefined;
  const n = response.length;
  return { data: response.slice(0, n - 2), sw: (response[n - 2]! << 8) | response[n - 1]! };
}

function fidBytes(fid: number): number[] {
  return [(fid >> 8) & 0xff, fid & 0xff];
}

/** Le is one byte in a short APDU; 256 is written as 00. */
function leByte(le: number): number {
  if (!Number.isInteger(le) || le < 1 || le > 256) throw new RangeError(`Le must be 1..256, not ${le}`);
  return le & 0xff;
}

/** SELECT by path from the MF, no answer data: `00 A4 08 0C Lc path`. */
export function selectByPath(path: readonly number[]): Uint8Array {
  const data = path.flatMap(fidBytes);
  return Uint8Array.from([0x00, 0xa4, 0x08, 0x0c, data.length, ...data]);
}

/** SELECT one file id under the current DF: `00 A4 02 0C 02 fid`. */
export function selectByFid(fid: number): Uint8Array {
  return Uint8Array.from([0x00, 0xa4, 0x02, 0x0c, 0x02, ...fidBytes(fid)]);
}

/** READ BINARY: `00 B0 offH offL Le` (offsets are 15 bits). */
export function readBinary(offset: number, le: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) throw new RangeError(`READ BINARY offset out of range: ${offset}`);
  return Uint8Array.from([0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, leByte(le)]);
}

/** GET RESPONSE: `00 C0 00 00 Le`. */
export function getResponse(le: number): Uint8Array {
  return Uint8Array.from([0x00, 0xc0, 0x00, 0x00, leByte(le)]);
}

/** The same command with another Le (its last byte), for a `6Cxx` answer. */
export function withLe(apdu: Uint8Array, le: number): Uint8Array {
  const copy = apdu.slice();
  copy[copy.length - 1] = leByte(le);
  return copy;
}
