import { Socket, connect } from 'node:net';
import type { PrinterType } from '../../../domain/card/escpos/profiles';
import {
  EPSON_STATUS_REQUESTS,
  STAR_STATUS_REQUEST,
  isEpsonStatusByte,
  isStarStatusHeader,
  parseEpsonStatus,
  parseStarStatus,
  starStatusLength,
  type PrinterStatus,
} from '../../../domain/card/escpos/status';
import { TransportError, type PrinterSession, type PrinterTransport } from './transport';

export interface TcpOptions {
  connectTimeoutMs?: number;
  /** How long a status answer may take; a printer that stays silent counts as offline. */
  statusTimeoutMs?: number;
  writeTimeoutMs?: number;
}

/**
 * A receipt printer on the network (raw port 9100). Unlike node-thermal-printer's network
 * interface, which only checks that a connection opens, this asks the printer itself: DLE EOT
 * for Epson, ESC ACK SOH for Star, on the same connection that carries the job.
 */
export class TcpTransport implements PrinterTransport {
  readonly label: string;
  constructor(
    readonly host: string,
    readonly port: number,
    readonly type: PrinterType,
    private readonly options: TcpOptions = {},
  ) {
    this.label = `tcp://${host}:${port}`;
  }

  open(): Promise<PrinterSession> {
    const timeout = this.options.connectTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new TransportError('connect', `no connection within ${timeout} ms`));
      }, timeout);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new TransportError('connect', error.message));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new TcpSession(socket, this.type, this.options));
      });
    });
  }
}

class TcpSession implements PrinterSession {
  private received: number[] = [];
  private waiter: (() => void) | null = null;
  private closed: Error | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly type: PrinterType,
    private readonly options: TcpOptions,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) this.received.push(byte);
      this.wake();
    });
    socket.on('error', (error) => {
      this.closed = error;
      this.wake();
    });
    socket.on('close', () => {
      this.closed ??= new Error('printer closed the connection');
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Next byte from the printer, or null after the timeout or when the connection is gone. */
  private async readByte(deadline: number): Promise<number | null> {
    for (;;) {
      if (this.received.length > 0) return this.received.shift()!;
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private send(bytes: readonly number[] | Uint8Array): void {
    if (!this.closed) this.socket.write(Uint8Array.from(bytes));
  }

  async status(): Promise<PrinterStatus | null> {
    const timeout = this.options.statusTimeoutMs ?? 1500;
    // Bytes that arrived unasked (e.g. automatic status) must not be read as answers.
    this.received = [];
    if (this.type === 'epson') {
      const answers: number[] = [];
      for (const request of EPSON_STATUS_REQUESTS) {
        this.send(request);
        const deadline = Date.now() + timeout;
        let byte: number | null;
        do byte = await this.readByte(deadline);
        while (byte !== null && !isEpsonStatusByte(byte));
        if (byte === null) return { condition: 'offline', paperNearEnd: false };
        answers.push(byte);
      }
      return parseEpsonStatus(answers[0]!, answers[1]!, answers[2]!);
    }
    this.send(STAR_STATUS_REQUEST);
    const deadline = Date.now() + timeout;
    let header: number | null;
    do header = await this.readByte(deadline);
    while (header !== null && !isStarStatusHeader(header));
    if (header === null) return { condition: 'offline', paperNearEnd: false };
    const block = [header];
    const length = starStatusLength(header);
    while (block.length < length) {
      const byte = await this.readByte(deadline);
      if (byte === null) return { condition: 'offline', paperNearEnd: false };
      block.push(byte);
    }
    return parseStarStatus(block);
  }

  write(bytes: Uint8Array): Promise<void> {
    const timeout = this.options.writeTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new TransportError('write', this.closed.message));
        return;
      }
      const timer = setTimeout(() => reject(new TransportError('write', `printer took more than ${timeout} ms to take the data`)), timeout);
      this.socket.write(bytes, (error) => {
        clearTimeout(timer);
        if (error) reject(new TransportError('write', error.message));
        else resolve();
      });
    });
  }

  close(): void {
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
