import { DoseDeskError, isDoseDeskError } from '../../../shared/errors';
import type { CardReaderUnavailableReason } from '../../../shared/api/cardreader';
import { systemClock, type Clock } from '../clock';
import { MAX_RESPONSE_LENGTH, toHex, type Transmit } from './apdu';
import { readBelgianEid, type EidReading } from './eid-card';
import {
  SCARD,
  cardErrorFromPcsc,
  loadPcscBinding,
  pcscErrorCode,
  type PcscContext,
  type PcscFactory,
  type PcscReader,
  type PcscReaderStatus,
} from './pcsc-binding';

export type { CardReaderUnavailableReason };

export interface CardReaderStatus {
  readonly available: boolean;
  readonly readers: string[];
  readonly reason?: CardReaderUnavailableReason;
  readonly detail?: string;
}

/** What happened at the readers; a reading or its failure comes separately through `onCard`. */
export type CardReaderEvent =
  | { readonly type: 'availability'; readonly status: CardReaderStatus }
  | { readonly type: 'reader-attached'; readonly readerName: string }
  | { readonly type: 'reader-detached'; readonly readerName: string }
  | { readonly type: 'card-inserted'; readonly readerName: string; readonly atr: string }
  | { readonly type: 'card-removed'; readonly readerName: string };

export type CardOutcome =
  | { readonly ok: true; readonly reading: EidReading }
  | { readonly ok: false; readonly readerName: string; readonly atr: string | null; readonly error: DoseDeskError };

export interface CardReaderServiceOptions {
  /** Default: dynamic import of npm `pcsclite`. */
  loadBinding?: () => Promise<PcscFactory>;
  /** How often to try pcscd again while it is unreachable. */
  retryMs?: number;
  /** One card command may take this long before the card counts as not answering. */
  commandTimeoutMs?: number;
  blockSize?: number;
  clock?: Clock;
  log?: (line: string) => void;
}

const CONNECT_ATTEMPTS = 5;
const CONNECT_RETRY_MS = 200;

interface ReaderSlot {
  readonly reader: PcscReader;
  readonly name: string;
  present: boolean;
  atr: string | null;
  /** Bumped at every insertion and removal: a read that outlives its card is reported as pulled. */
  generation: number;
  /** Reads of one reader run one after the other (the binding keeps one connection per reader). */
  queue: Promise<void>;
}

/**
 * Watches every PC/SC reader, reads each Belgian eID inserted, and reports readings and failures.
 * It never throws for a missing binding or daemon: `status()` says why reading is unavailable
 * and the service keeps trying pcscd in the background.
 */
export class CardReaderService {
  private readonly options: CardReaderServiceOptions;
  private readonly log: (line: string) => void;
  private readonly cardListeners = new Set<(outcome: CardOutcome) => void>();
  private readonly eventListeners = new Set<(event: CardReaderEvent) => void>();
  private readonly slots = new Map<string, ReaderSlot>();
  private factory: PcscFactory | undefined;
  private context: PcscContext | undefined;
  private started = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private current: CardReaderStatus = { available: false, readers: [], reason: 'stopped' };

  constructor(options: CardReaderServiceOptions = {}) {
    this.options = options;
    this.log = options.log ?? (() => {});
  }

  status(): CardReaderStatus {
    return { ...this.current, readers: [...this.slots.keys()].sort() };
  }

  onCard(listener: (outcome: CardOutcome) => void): () => void {
    this.cardListeners.add(listener);
    return () => this.cardListeners.delete(listener);
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      this.factory = await (this.options.loadBinding ?? (() => loadPcscBinding()))();
    } catch (error) {
      this.setUnavailable('binding_missing', (error as Error).message ?? String(error));
      return;
    }
    if (this.started) this.openContext();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const pending = [...this.slots.values()].map((s) => s.queue);
    this.closeContext();
    await Promise.allSettled(pending);
    this.setUnavailable('stopped');
  }

  private openContext(): void {
    const factory = this.factory;
    if (!factory || !this.started) return;
    let context: PcscContext;
    try {
      context = factory();
    } catch (error) {
      // After a loss, keep saying "stopped, will reconnect" rather than "not running".
      this.setUnavailable(this.current.reason === 'daemon_lost' ? 'daemon_lost' : 'daemon_unreachable', (error as Error).message);
      this.scheduleRetry();
      return;
    }
    this.context = context;
    context.on('error', (error) => {
      if (this.context !== context) return; // the cancellation of our own close()
      this.log(`PC/SC monitoring stopped: ${error.message}`);
      this.closeContext();
      this.setUnavailable('daemon_lost', error.message);
      this.scheduleRetry();
    });
    context.on('reader', (reader) => {
      if (this.context === context) this.attach(reader);
      else reader.close(); // announced by a context we already closed
    });
    this.setAvailable();
  }

  private closeContext(): void {
    const context = this.context;
    this.context = undefined;
    for (const slot of [...this.slots.values()]) {
      this.detach(slot);
      try {
        slot.reader.close();
      } catch (error) {
        this.log(`closing ${slot.name}: ${(error as Error).message}`);
      }
    }
    try {
      context?.close();
    } catch (error) {
      this.log(`closing PC/SC context: ${(error as Error).message}`);
    }
  }

  private scheduleRetry(): void {
    if (!this.started) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.started && !this.context) this.openContext();
    }, this.options.retryMs ?? 3000);
    this.retryTimer.unref();
  }

  private attach(reader: PcscReader): void {
    if (this.slots.has(reader.name)) return;
    const slot: ReaderSlot = { reader, name: reader.name, present: false, atr: null, generation: 0, queue: Promise.resolve() };
    this.slots.set(slot.name, slot);
    reader.on('error', (error) => this.log(`${slot.name}: ${error.message}`));
    reader.on('end', () => {
      if (this.slots.get(slot.name) === slot) this.detach(slot);
    });
    reader.on('status', (status) => this.onStatus(slot, status));
    this.emit({ type: 'reader-attached', readerName: slot.name });
  }

  private detach(slot: ReaderSlot): void {
    if (this.slots.get(slot.name) !== slot) return;
    this.slots.delete(slot.name);
    if (slot.present) {
      slot.present = false;
      slot.generation += 1;
      this.emit({ type: 'card-removed', readerName: slot.name });
    }
    this.emit({ type: 'reader-detached', readerName: slot.name });
  }

  private onStatus(slot: ReaderSlot, status: PcscReaderStatus): void {
    if (this.slots.get(slot.name) !== slot) return;
    const reader = slot.reader;
    const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
    if (present && !slot.present) {
      slot.present = true;
      slot.generation += 1;
      slot.atr = status.atr && status.atr.length > 0 ? toHex(status.atr) : null;
      this.emit({ type: 'card-inserted', readerName: slot.name, atr: slot.atr ?? '' });
      const generation = slot.generation;
      if ((status.state & reader.SCARD_STATE_MUTE) !== 0) {
        this.report({ ok: false, readerName: slot.name, atr: slot.atr, error: new DoseDeskError('cardreader.card_unresponsive', { reader: slot.name }) });
        return;
      }
      slot.queue = slot.queue.then(() => this.read(slot, generation));
    } else if (!present && slot.present) {
      slot.present = false;
      slot.generation += 1;
      this.emit({ type: 'card-removed', readerName: slot.name });
    }
  }

  private async read(slot: ReaderSlot, generation: number): Promise<void> {
    if (slot.generation !== generation || !this.started) return; // gone before we got to it
    const reader = slot.reader;
    const atr = slot.atr;
    let connected = false;
    try {
      const protocol = await this.withTimeout(connectReader(reader), slot.name);
      connected = true;
      const transmit: Transmit = (apdu) => this.withTimeout(transmitTo(reader, protocol, apdu), slot.name);
      const reading = await readBelgianEid(transmit, {
        readerName: slot.name,
        atr: atr ?? '',
        clock: this.options.clock ?? systemClock,
        ...(this.options.blockSize ? { blockSize: this.options.blockSize } : {}),
      });
      this.report({ ok: true, reading });
    } catch (raw) {
      let error = isDoseDeskError(raw) ? raw : cardErrorFromPcsc(raw, slot.name);
      if (error.code === 'cardreader.card_removed' || (slot.generation !== generation && error.code !== 'cardreader.unknown_card')) {
        error = new DoseDeskError('cardreader.card_removed', { reader: slot.name }, error.message);
      }
      this.report({ ok: false, readerName: slot.name, atr, error });
    } finally {
      if (connected) await disconnectReader(reader).catch((e: Error) => this.log(`disconnect ${slot.name}: ${e.message}`));
    }
  }

  private withTimeout<T>(work: Promise<T>, readerName: string): Promise<T> {
    const ms = this.options.commandTimeoutMs ?? 5000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DoseDeskError('cardreader.card_unresponsive', { reader: readerName })), ms);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(isDoseDeskError(error) ? error : cardErrorFromPcsc(error, readerName));
        },
      );
    });
  }

  private setAvailable(): void {
    this.current = { available: true, readers: [] };
    this.emit({ type: 'availability', status: this.status() });
  }

  private setUnavailable(reason: CardReaderUnavailableReason, detail?: string): void {
    const changed = this.current.available || this.current.reason !== reason;
    this.current = { available: false, readers: [], reason, ...(detail ? { detail } : {}) };
    if (changed) this.emit({ type: 'availability', status: this.status() });
  }

  private report(outcome: CardOutcome): void {
    for (const listener of this.cardListeners) {
      try {
        listener(outcome);
      } catch (error) {
        this.log(`card listener failed: ${(error as Error).message}`);
      }
    }
  }

  private emit(event: CardReaderEvent): void {
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch (error) {
        this.log(`card reader listener failed: ${(error as Error).message}`);
      }
    }
  }
}

/**
 * Exclusive, because the binding has no SCardBeginTransaction: in shared mode another program's
 * SELECT could slip between our SELECT and READ BINARY. A program holding the card briefly is
 * waited for a little before the reader counts as busy.
 */
async function connectReader(reader: PcscReader): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) => {
        reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 }, (error, protocol) =>
          error ? reject(error) : resolve(protocol),
        );
      });
    } catch (error) {
      if (pcscErrorCode(error) !== SCARD.E_SHARING_VIOLATION || attempt >= CONNECT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    }
  }
}

function disconnectReader(reader: PcscReader): Promise<void> {
  return new Promise((resolve, reject) => {
    reader.disconnect(reader.SCARD_LEAVE_CARD, (error) => (error ? reject(error) : resolve()));
  });
}

function transmitTo(reader: PcscReader, protocol: number, apdu: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    reader.transmit(Buffer.from(apdu), MAX_RESPONSE_LENGTH, protocol, (error, response) =>
      error ? reject(error) : resolve(new Uint8Array(response)),
    );
  });
}
