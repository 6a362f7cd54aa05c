import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EidFileReader } from '../../../../../src/main/adapters/cardreader/eid-files';
import { toHex, type Transmit } from '../../../../../src/main/adapters/cardreader/apdu';
import { isDoseDeskError } from '../../../../../src/shared/errors';
import { VirtualEidCard, inProcessTransmit, type VirtualEidOptions } from '../../../../../src/devices/virtual-eid';

/** The twin of the PC/SC path: the same reading logic, the virtual card's handler in-process. */
function reader(options: VirtualEidOptions = {}, blockSize?: number) {
  const card = new VirtualEidCard(options);
  const files = new EidFileReader(inProcessTransmit(card), blockSize ? { blockSize } : {});
  return { card, files };
}

async function errorCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isDoseDeskError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a DoseDeskError');
}

const sequential = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

describe('EidFileReader against the virtual eID', () => {
  it('reads identity and address byte for byte with SELECT by absolute path', async () => {
    const { card, files } = reader();
    expect(toHex(await files.readFile('identity'))).toBe(toHex(card.file('identity')));
    expect(toHex(await files.readFile('address'))).toBe(toHex(card.file('address')));
    expect(files.selectMode).toBe('path');
    expect(card.log[0]).toBe('00a4080c063f00df014031');
    expect(card.log.filter((c) => c.startsWith('00a402'))).toEqual([]);
  });

  it('reads the ~3 KB photo in 248-byte blocks, ending on the 6Cxx resend', async () => {
    const { card, files } = reader();
    const photo = await files.readFile('photo');
    expect(photo.length).toBe(3064);
    expect(toHex(photo)).toBe(toHex(card.file('photo')));
    const reads = card.log.filter((c) => c.startsWith('00b0'));
    // 12 full blocks, then Le=F8 past the end -> 6C xx -> the same offset with Le=xx.
    expect(reads.length).toBe(14);
    expect(reads.at(-1)).toBe(`00b00ba0${(3064 - 12 * 248).toString(16).padStart(2, '0')}`);
  });

  it('falls back to one SELECT per component when the card refuses paths, and keeps that mode', async () => {
    const { card, files } = reader({ select: { absoluteWithMf: false, absoluteWithoutMf: false } });
    expect(toHex(await files.readFile('identity'))).toBe(toHex(card.file('identity')));
    expect(toHex(await files.readFile('address'))).toBe(toHex(card.file('address')));
    expect(files.selectMode).toBe('component');
    const selects = card.log.filter((c) => c.startsWith('00a4'));
    expect(selects).toEqual([
      '00a4080c063f00df014031',
      '00a4020c023f00',
      '00a4020c02df01',
      '00a4020c024031',
      // the second file goes straight to components: no second refused path
      '00a4020c023f00',
      '00a4020c02df01',
      '00a4020c024033',
    ]);
  });

  it('ends on 6B00 when the file size is a multiple of the block size', async () => {
    const exact = sequential(2 * 0xf8);
    const { card, files } = reader({ files: { identity: exact } });
    expect(toHex(await files.readFile('identity'))).toBe(toHex(exact));
    expect(card.log.filter((c) => c.startsWith('00b0'))).toEqual(['00b00000f8', '00b000f8f8', '00b001f0f8']);
  });

  it('accepts a card that answers short with 9000 instead of 6Cxx', async () => {
    const { card, files } = reader({ wrongLength: 'short' });
    expect(toHex(await files.readFile('address'))).toBe(toHex(card.file('address')));
    expect(card.log.filter((c) => c.startsWith('00b0'))).toEqual(['00b00000f8']);
  });

  it('fetches 61xx answers with GET RESPONSE', async () => {
    const { card, files } = reader({ getResponse: true });
    expect(toHex(await files.readFile('identity'))).toBe(toHex(card.file('identity')));
    expect(card.log.some((c) => c.startsWith('00c00000'))).toBe(true);
  });

  it('says file_not_found for a file the card does not have', async () => {
    const { files } = reader();
    expect(await files.select([0x3f00, 0xdf01, 0x4039])).toBe(0x6a82);
    const unknown = reader({ kind: 'unknown' });
    expect(await errorCode(unknown.files.readFile('identity'))).toBe('cardreader.file_not_found');
  });

  it('says card_removed when the card is pulled mid-read', async () => {
    const { card, files } = reader();
    card.pullAfterReads(1);
    expect(await errorCode(files.readFile('photo'))).toBe('cardreader.card_removed');
    expect(card.isPulled).toBe(true);
  });

  it('says read_failed for a status word that makes no sense here', async () => {
    const transmit: Transmit = async (apdu) => Uint8Array.from(apdu[1] === 0xb0 ? [0x6f, 0x00] : [0x90, 0x00]);
    expect(await errorCode(new EidFileReader(transmit).readFile('identity'))).toBe('cardreader.read_failed');
  });

  it('gives up on a card that answers 61xx for ever', async () => {
    const transmit: Transmit = async () => Uint8Array.from([1, 2, 3, 0x61, 0x03]);
    expect(await errorCode(new EidFileReader(transmit).readFile('identity'))).toBe('cardreader.read_failed');
  });

  it('wraps a failing transport as transmit_failed', async () => {
    const transmit: Transmit = async () => {
      throw new Error('wire cut');
    };
    expect(await errorCode(new EidFileReader(transmit).readFile('identity'))).toBe('cardreader.transmit_failed');
  });

  it('reads any file exactly, whatever the block size, answer style and SELECT forms (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 1200 }),
        fc.integer({ min: 1, max: 256 }),
        fc.boolean(),
        fc.constantFrom<'6C' | 'short'>('6C', 'short'),
        fc.constantFrom('all', 'path', 'component'),
        async (content, blockSize, getResponse, wrongLength, select) => {
          const { files } = reader(
            {
              files: { identity: content },
              getResponse,
              wrongLength,
              select: { absoluteWithMf: select !== 'component', absoluteWithoutMf: select !== 'component', componentWise: select !== 'path' },
            },
            blockSize,
          );
          expect(toHex(await files.readFile('identity'))).toBe(toHex(content));
        },
      ),
      { numRuns: 200 },
    );
  });
});
