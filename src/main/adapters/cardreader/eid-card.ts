import { DateTime } from 'luxon';
import { DoseDeskError, isDoseDeskError } from '../../../shared/errors';
import { TIME_ZONE } from '../../../shared/i18n/languages';
import { parseEidAddress, parseEidIdentity, type EidAddress, type EidIdentity } from '../../../domain/identity/eid-tlv';
import type { Clock } from '../clock';
import type { Transmit } from './apdu';
import { EidFileReader, type EidFile, type SelectMode } from './eid-files';

/** One Belgian eID read at one reader. */
export interface EidReading {
  readonly readerName: string;
  /** Upper-case hex without separators. */
  readonly atr: string;
  readonly identity: EidIdentity;
  readonly address: EidAddress;
  /** How this card accepted SELECT (useful when a reader model misbehaves). */
  readonly selectMode: SelectMode;
}

export interface ReadEidOptions {
  readonly readerName: string;
  readonly atr: string;
  /** For the parser's expiry and future-date checks, as a day in Europe/Brussels. */
  readonly clock?: Clock;
  readonly blockSize?: number;
}

/**
 * Known Belgian eID ATRs (applets 1.1 to 1.8, and the test cards): `??` is any byte. Only a hint:
 * the decision is whether the identity file can be selected, so a new card generation still reads.
 */
const EID_ATR_PATTERNS = [
  '3B98??40????????0101AD13??',
  '3B7F96000080318065B085????????0FFF829000',
];

export function isBelgianEidAtr(atrHex: string): boolean {
  const atr = atrHex.replace(/[\s:]/g, '').toUpperCase();
  return EID_ATR_PATTERNS.some(
    (pattern) => pattern.length === atr.length && [...pattern].every((c, i) => c === '?' || c === atr[i]),
  );
}

/** Reads and decodes the identity and address files; failures are `cardreader.*` DoseDeskErrors. */
export async function readBelgianEid(transmit: Transmit, options: ReadEidOptions): Promise<EidReading> {
  const files = new EidFileReader(transmit, options.blockSize ? { blockSize: options.blockSize } : {});
  let identityBytes: Uint8Array;
  try {
    identityBytes = await files.readFile('identity');
  } catch (error) {
    // No eID identity file: whatever this card is, it is not a Belgian eID.
    if (isDoseDeskError(error) && error.code === 'cardreader.file_not_found') {
      throw new DoseDeskError('cardreader.unknown_card', { atr: options.atr, reader: options.readerName }, `SW ${String(error.params.sw)}`);
    }
    throw error;
  }
  const addressBytes = await files.readFile('address');
  const today = options.clock ? DateTime.fromJSDate(options.clock.now(), { zone: TIME_ZONE }).toISODate() ?? undefined : undefined;
  const identity = decode('identity', () => parseEidIdentity(identityBytes, today));
  const address = decode('address', () => parseEidAddress(addressBytes));
  return { readerName: options.readerName, atr: options.atr, identity, address, selectMode: files.selectMode ?? 'path' };
}

function decode<T>(file: EidFile, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const reason = isDoseDeskError(error) ? error.code : 'internal';
    throw new DoseDeskError('cardreader.bad_data', { file, reason }, (error as Error).message);
  }
}
