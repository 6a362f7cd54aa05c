import { DoseDeskError } from '../../../shared/errors';
import {
  SW_END_OF_FILE_WARNING,
  SW_NOT_FOUND,
  SW_OFFSET_PAST_END,
  SW_OK,
  SW_WRONG_P1P2,
  getResponse,
  readBinary,
  selectByFid,
  selectByPath,
  splitResponse,
  swHex,
  withLe,
  type ResponseApdu,
  type Transmit,
} from './apdu';

/** Where the Belgian eID keeps what the station reads (all under 3F00 DF01). */
export const EID_FILES = {
  identity: [0x3f00, 0xdf01, 0x4031],
  address: [0x3f00, 0xdf01, 0x4033],
  photo: [0x3f00, 0xdf01, 0x4035],
} as const;
export type EidFile = keyof typeof EID_FILES;

export type SelectMode = 'path' | 'component';

export interface EidFileReaderOptions {
  /** Le of each READ BINARY (1..256). 248 is what eID middleware commonly asks for. */
  blockSize?: number;
  /** A file larger than this is refused rather than read forever from a confused card. */
  maxFileSize?: number;
}

/** Statuses that mean "this file or this way of selecting does not exist here". */
const NOT_HERE = new Set([SW_NOT_FOUND, SW_WRONG_P1P2, 0x6a81, 0x6a87, 0x6d00, 0x6e00, 0x6986, 0x6700]);

/** Following 61xx/6Cxx must end: a card that keeps asking is broken. */
const MAX_CHAINED = 64;

/**
 * Reads files from a Belgian eID through any `transmit`: SELECT by absolute path, falling back to
 * one SELECT per component when a card or reader refuses paths; READ BINARY in blocks until a short
 * answer or 6B00; 6Cxx resends with the right Le; 61xx fetches the data with GET RESPONSE.
 * Card-side problems become DoseDeskError codes under `cardreader.`.
 */
export class EidFileReader {
  private readonly transmit: Transmit;
  private readonly blockSize: number;
  private readonly maxFileSize: number;
  /** Learnt from the first successful SELECT and kept for this card. */
  selectMode: SelectMode | undefined;

  constructor(transmit: Transmit, options: EidFileReaderOptions = {}) {
    this.transmit = transmit;
    this.blockSize = options.blockSize ?? 0xf8;
    this.maxFileSize = options.maxFileSize ?? 0x8000;
    if (!Number.isInteger(this.blockSize) || this.blockSize < 1 || this.blockSize > 256) {
      throw new RangeError(`blockSize must be 1..256, not ${this.blockSize}`);
    }
  }

  /** Selects and reads one whole file. */
  async readFile(file: EidFile): Promise<Uint8Array> {
    const sw = await this.select(EID_FILES[file]);
    if (sw !== SW_OK) {
      if (NOT_HERE.has(sw)) throw new DoseDeskError('cardreader.file_not_found', { file, sw: swHex(sw) });
      throw new DoseDeskError('cardreader.read_failed', { file, sw: swHex(sw) });
    }
    return this.readSelected(file);
  }

  /** Returns the status word of the SELECT that decided (9000 when the file is selected). */
  async select(path: readonly number[]): Promise<number> {
    if (this.selectMode !== 'component') {
      const { sw } = await this.exchange(selectByPath(path));
      if (sw === SW_OK) {
        this.selectMode = 'path';
        return sw;
      }
      // This card selects by path: a refusal now means the file is not there.
      if (this.selectMode === 'path') return sw;
    }
    for (const fid of path) {
      const { sw } = await this.exchange(selectByFid(fid));
      if (sw !== SW_OK) return sw;
    }
    this.selectMode = 'component';
    return SW_OK;
  }

  private async readSelected(file: EidFile): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      if (offset >= this.maxFileSize) throw new DoseDeskError('cardreader.read_failed', { file, sw: 'too_large' });
      const le = Math.min(this.blockSize, this.maxFileSize - offset);
      let answer = await this.exchange(readBinary(offset, le));
      if (answer.sw >> 8 === 0x6c) {
        // Wrong length: the card tells how many bytes are left; ask exactly that.
        answer = await this.exchange(withLe(readBinary(offset, le), answer.sw & 0xff || 256));
      }
      const { data, sw } = answer;
      if (sw === SW_OK || sw === SW_END_OF_FILE_WARNING) {
        chunks.push(data);
        offset += data.length;
        // Fewer bytes than asked (directly or after 6Cxx): that was the end of the file.
        if (sw === SW_END_OF_FILE_WARNING || data.length < le || data.length === 0) break;
        continue;
      }
      // Offset past the end: the file ended exactly on a block boundary (or is empty).
      if (sw === SW_OFFSET_PAST_END) break;
      if (NOT_HERE.has(sw)) throw new DoseDeskError('cardreader.file_not_found', { file, sw: swHex(sw) });
      throw new DoseDeskError('cardreader.read_failed', { file, sw: swHex(sw) });
    }
    return concat(chunks, offset);
  }

  /** One command, with 61xx answers collected through GET RESPONSE. */
  private async exchange(apdu: Uint8Array): Promise<ResponseApdu> {
    let answer = await this.send(apdu);
    if (answer.sw >> 8 !== 0x61) return answer;
    const parts: Uint8Array[] = [answer.data];
    for (let i = 0; i < MAX_CHAINED && answer.sw >> 8 === 0x61; i++) {
      answer = await this.send(getResponse(answer.sw & 0xff || 256));
      parts.push(answer.data);
    }
    if (answer.sw >> 8 === 0x61) throw new DoseDeskError('cardreader.read_failed', { file: 'response', sw: swHex(answer.sw) });
    const total = parts.reduce((n, p) => n + p.length, 0);
    return { data: concat(parts, total), sw: answer.sw };
  }

  private async send(apdu: Uint8Array): Promise<ResponseApdu> {
    let response: Uint8Array;
    try {
      response = await this.transmit(apdu);
    } catch (error) {
      if (error instanceof DoseDeskError) throw error;
      throw new DoseDeskError('cardreader.transmit_failed', { detail: (error as Error).message ?? String(error) });
    }
    const answer = splitResponse(response);
    // No status word at all: the card stopped answering mid-command (pulled, or lost contact).
    if (!answer) throw new DoseDeskError('cardreader.card_removed', {});
    return answer;
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
