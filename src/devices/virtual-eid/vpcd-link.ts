import { Socket, connect } from 'node:net';
import { CardPulledError, type VirtualEidCard } from './card';

/** vsmartcard vpcd listens per slot: 35963 is "Virtual PCD 00 00", 35964 is "Virtual PCD 00 01". */
export const VPCD_DEFAULT_PORT = 35963;

const CTRL_OFF = 0x00;
const CTRL_ON = 0x01;
const CTRL_RESET = 0x02;
const CTRL_ATR = 0x04;

export interface VpcdLinkOptions {
  host?: string;
  port?: number;
  /** Wait between attempts while vpcd is not listening (pcscd down or restarting). */
  retryMs?: number;
  log?: (line: string) => void;
}

/**
 * Puts a virtual card "in the reader": a TCP connection to vpcd is what pcscd sees as a card.
 * Frames are a 2-byte big-endian length + payload; 1-byte payloads are power/reset/ATR control.
 * While inserted it reconnects whenever vpcd goes away (pcscd restarted), like a card that stays
 * in a reader that is unplugged and plugged back.
 */
export class VpcdLink {
  readonly host: string;
  readonly port: number;
  private readonly retryMs: number;
  private readonly log: (line: string) => void;
  private card: VirtualEidCard | undefined;
  private socket: Socket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private buffer = Buffer.alloc(0);
  private connectedWaiters: Array<() => void> = [];

  constructor(options: VpcdLinkOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.retryMs = options.retryMs ?? 250;
    this.log = options.log ?? (() => {});
  }

  get inserted(): VirtualEidCard | undefined {
    return this.card;
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.connecting && !this.socket.destroyed;
  }

  /** Insert a card: connects (and keeps reconnecting) until `remove()`. */
  insert(card: VirtualEidCard): void {
    if (this.card) throw new Error('virtual eID: a card is already in this reader; remove it first');
    this.card = card;
    card.onPulled = () => {
      // A pulled card answers nothing more: drop the line now and stay out until reinserted.
      this.card = undefined;
      this.dropSocket();
    };
    this.open();
  }

  /** Take the card out; resolves once the connection is closed. */
  async remove(): Promise<void> {
    const card = this.card;
    this.card = undefined;
    if (card) card.onPulled = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  /** Resolves when the TCP connection to vpcd is up (rejects after `timeoutMs`). */
  waitConnected(timeoutMs = 5000): Promise<void> {
    if (this.connected) return Promise.resolve();
    return this.waitFor(this.connectedWaiters, timeoutMs, `vpcd on ${this.host}:${this.port} did not accept the card`);
  }

  private waitFor(list: Array<() => void>, timeoutMs: number, message: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = list.indexOf(done);
        if (i >= 0) list.splice(i, 1);
        reject(new Error(message));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      list.push(done);
    });
  }

  private open(): void {
    if (!this.card || this.socket) return;
    this.buffer = Buffer.alloc(0);
    const socket = connect({ host: this.host, port: this.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.log(`connected to vpcd ${this.host}:${this.port}`);
      for (const w of this.connectedWaiters.splice(0)) w();
    });
    socket.on('data', (chunk) => this.receive(socket, chunk));
    socket.on('error', () => {
      /* 'close' follows and decides what to do */
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      if (this.card) {
        // vpcd went away (pcscd stopped or restarted): try again while the card is "inserted".
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.open(), this.retryMs);
        this.retryTimer.unref();
      }
    });
  }

  private dropSocket(): void {
    clearTimeout(this.retryTimer);
    this.socket?.destroy();
  }

  private receive(socket: Socket, chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) return;
      const payload = this.buffer.subarray(2, 2 + length);
      this.buffer = this.buffer.subarray(2 + length);
      const reply = this.handle(payload);
      if (socket.destroyed) return;
      if (reply) {
        const frame = Buffer.alloc(2 + reply.length);
        frame.writeUInt16BE(reply.length, 0);
        frame.set(reply, 2);
        socket.write(frame);
      }
    }
  }

  private handle(payload: Buffer): Uint8Array | undefined {
    const card = this.card;
    if (!card) return undefined;
    if (payload.length === 1) {
      switch (payload[0]) {
        case CTRL_OFF:
          card.powerOff();
          return undefined;
        case CTRL_ON:
          card.powerOn();
          return undefined;
        case CTRL_RESET:
          card.reset();
          return undefined;
        case CTRL_ATR:
          return card.atr;
        default:
          this.log(`unknown vpcd control byte ${payload[0]}`);
          return undefined;
      }
    }
    try {
      return card.transmit(new Uint8Array(payload));
    } catch (error) {
      if (error instanceof CardPulledError) return undefined;
      throw error;
    }
  }
}
