import { DoseDeskError } from '../../../shared/errors';

/**
 * The part of npm `pcsclite` (1.0.x) the station uses, typed here because the package is an
 * optional dependency: the station must build, install and run without it.
 */
export interface PcscReaderStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

export interface PcscReader {
  readonly name: string;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_EMPTY: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  on(event: 'status', listener: (status: PcscReaderStatus) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  connect(options: { share_mode?: number; protocol?: number }, callback: (error: Error | null | undefined, protocol: number) => void): void;
  disconnect(disposition: number, callback: (error: Error | null | undefined) => void): void;
  transmit(data: Buffer, responseLength: number, protocol: number, callback: (error: Error | null | undefined, response: Buffer) => void): void;
  close(): void;
}

export interface PcscContext {
  on(event: 'reader', listener: (reader: PcscReader) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
  /** pcsclite keeps its readers by name here. */
  readonly readers?: Record<string, PcscReader>;
}

/** Creating a context throws at once when pcscd is not reachable. */
export type PcscFactory = () => PcscContext;

/**
 * Loads the binding at run time. Module resolution is left to Node (a variable specifier) so a
 * station without `pcsclite` still type-checks and starts.
 */
export async function loadPcscBinding(specifier = 'pcsclite'): Promise<PcscFactory> {
  const loaded = (await import(/* @vite-ignore */ specifier)) as { default?: unknown };
  const factory = typeof loaded.default === 'function' ? loaded.default : loaded;
  if (typeof factory !== 'function') throw new Error(`${specifier} does not export the pcsclite factory`);
  return factory as PcscFactory;
}

/** PC/SC error codes as pcsclite prints them: "SCardTransmit error: ...(0x80100069)". */
export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

export function pcscErrorCode(error: unknown): number | undefined {
  const match = /\((0x[0-9a-f]{8})\)/i.exec(error instanceof Error ? error.message : String(error));
  return match ? Number.parseInt(match[1]!, 16) : undefined;
}

const CARD_GONE = new Set<number>([
  SCARD.E_NO_SMARTCARD,
  SCARD.E_NOT_TRANSACTED,
  SCARD.E_READER_UNAVAILABLE,
  SCARD.W_UNPOWERED_CARD,
  SCARD.W_RESET_CARD,
  SCARD.W_REMOVED_CARD,
]);

export function isDaemonGone(error: unknown): boolean {
  const code = pcscErrorCode(error);
  return code === SCARD.E_NO_SERVICE || code === SCARD.E_SERVICE_STOPPED;
}

/** Turns a PC/SC failure into the code staff see. */
export function cardErrorFromPcsc(error: unknown, readerName: string): DoseDeskError {
  const code = pcscErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code !== undefined && CARD_GONE.has(code)) return new DoseDeskError('cardreader.card_removed', { reader: readerName }, detail);
  if (code === SCARD.W_UNRESPONSIVE_CARD) return new DoseDeskError('cardreader.card_unresponsive', { reader: readerName }, detail);
  if (code === SCARD.E_SHARING_VIOLATION) return new DoseDeskError('cardreader.reader_busy', { reader: readerName }, detail);
  if (code === SCARD.E_NO_SERVICE || code === SCARD.E_SERVICE_STOPPED) {
    return new DoseDeskError('cardreader.unavailable.daemon_lost', {}, detail);
  }
  return new DoseDeskError('cardreader.transmit_failed', { reader: readerName, detail }, detail);
}
